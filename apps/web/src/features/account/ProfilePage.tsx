import {
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { Locale, Me } from '@trellis/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError, api } from '../../api/client';
import { setMe, useMe } from '../../api/session';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { timeZones } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { browserTimeZone, isLocale, LOCALE_NAMES, LOCALES } from '../../i18n/locales';
import { useT } from '../../i18n/useT';
import { errorText, fieldErrors, focusFirstInvalid } from '../forms/errors';

type Digest = 'off' | 'daily' | 'weekly';

/** C21 + C15: a person's name, language, time zone and notification preferences, kept in their profile. */
export function ProfilePage() {
  const t = useT();
  const me = useMe();
  const { locale, setLocale, setTimeZone } = useI18n();
  const queryClient = useQueryClient();
  usePageTitle(t('profile.title'));
  const [formError, setFormError] = useState<string | null>(null);
  const intl = useIntl();
  // The confirmation waits for the newly chosen language, so it is said in the language just picked.
  const [savedIn, setSavedIn] = useState<string | null>(null);
  useEffect(() => {
    if (savedIn && intl.locale === savedIn) {
      notifications.show({ color: 'teal', message: t('profile.saved') });
      setSavedIn(null);
    }
  }, [savedIn, intl.locale, t]);
  const zones = useMemo(() => timeZones(), []);
  const form = useForm({
    initialValues: {
      name: me.user.name,
      locale: (me.user.locale ?? locale) as string,
      timeZone: me.user.timeZone ?? browserTimeZone(),
      email: me.user.notificationPrefs.email,
      inApp: me.user.notificationPrefs.inApp,
      digest: me.user.notificationPrefs.digest as Digest,
    },
    validate: { name: (v) => (v.trim() ? null : t('fieldError.required')) },
  });
  const v = form.getValues();
  const preview = useMemo(() => {
    try {
      return new Intl.DateTimeFormat(v.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: v.timeZone }).format(
        new Date(),
      );
    } catch {
      return '';
    }
  }, [v.locale, v.timeZone]);

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const { me: saved } = await api.patch<{ me: Me }>('/me', {
          name: values.name.trim(),
          locale: values.locale,
          timeZone: values.timeZone,
          notificationPrefs: { email: values.email, inApp: values.inApp, digest: values.digest },
        });
        setMe(queryClient, saved);
        if (isLocale(values.locale)) setLocale(values.locale as Locale);
        setTimeZone(saved.user.timeZone);
        setSavedIn(saved.user.locale ?? intl.locale);
      } catch (err) {
        form.setErrors(fieldErrors(err, t, locale));
        if (!(err instanceof ApiError) || err.issues.length === 0) setFormError(errorText(err, t, locale));
      }
    },
    () => focusFirstInvalid(),
  );

  return (
    <Stack maw={720}>
      <Title order={1}>{t('profile.title')}</Title>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Fieldset legend={t('profile.you')}>
              <Stack>
                <TextInput label={t('common.name')} required autoComplete="name" {...form.getInputProps('name')} />
                <TextInput
                  label={t('common.email')}
                  value={me.user.email}
                  readOnly
                  description={t('profile.emailHint')}
                />
              </Stack>
            </Fieldset>
            <Fieldset legend={t('profile.regional')}>
              <Stack>
                <Select
                  label={t('common.language')}
                  allowDeselect={false}
                  data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
                  {...form.getInputProps('locale')}
                />
                <Select
                  label={t('common.timeZone')}
                  searchable
                  allowDeselect={false}
                  data={zones}
                  limit={50}
                  {...form.getInputProps('timeZone')}
                />
                {preview && (
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {t('profile.preview', { example: preview })}
                  </Text>
                )}
              </Stack>
            </Fieldset>
            <Fieldset legend={t('profile.notifications')}>
              <Stack>
                <Switch
                  label={t('profile.inApp')}
                  description={t('profile.inAppHint')}
                  {...form.getInputProps('inApp', { type: 'checkbox' })}
                />
                <Switch
                  label={t('profile.emailNotifications')}
                  description={t('profile.emailNotificationsHint')}
                  {...form.getInputProps('email', { type: 'checkbox' })}
                />
                <div>
                  <Text size="sm" fw={500} id="digest-label" mb={4}>
                    {t('profile.digest')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="digest-label"
                    data={[
                      { value: 'off', label: t('profile.digestOff') },
                      { value: 'daily', label: t('profile.digestDaily') },
                      { value: 'weekly', label: t('profile.digestWeekly') },
                    ]}
                    {...form.getInputProps('digest')}
                  />
                </div>
              </Stack>
            </Fieldset>
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
