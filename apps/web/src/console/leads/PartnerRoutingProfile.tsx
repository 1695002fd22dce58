import { Alert, Button, Group, NumberInput, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadPartnerProfile } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../../api/client';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { leadPaths } from '../../features/leads/api';
import { PartnerPicker } from '../../features/leads/PartnerPicker';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const profileKey = (partnerId: string) => ['leads', 'partner-profile', partnerId] as const;

/**
 * A partner's own routing facts: the languages it works in (the language gate) and how many open leads it can
 * hold (the capacity gate, on top of a capacity rule's limit).
 */
export function PartnerRoutingProfile() {
  const t = useT();
  const [partnerId, setPartnerId] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="partner-profile-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="partner-profile-title">
          {t('leads.profile.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('leads.profile.intro')}
        </Text>
        <PartnerPicker label={t('leads.partner')} value={partnerId} onChange={setPartnerId} clearable w={320} />
        {partnerId && <ProfileForm key={partnerId} partnerId={partnerId} />}
      </Stack>
    </Paper>
  );
}

function ProfileForm({ partnerId }: { partnerId: string }) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const profile = useQuery({
    queryKey: profileKey(partnerId),
    queryFn: () => api.get<{ profile: LeadPartnerProfile }>(leadPaths.partnerProfile(partnerId)).then((r) => r.profile),
  });
  if (profile.isError) return <Alert color="red">{errorText(profile.error, t, locale)}</Alert>;
  if (!profile.data) return null;
  return (
    <Editor
      profile={profile.data}
      onSaved={(p) => queryClient.setQueryData(profileKey(partnerId), p)}
      updatedText={
        profile.data.updatedAt ? t('leads.settings.updatedAt', { date: f.dateTime(profile.data.updatedAt) }) : null
      }
    />
  );
}

function Editor({
  profile,
  onSaved,
  updatedText,
}: {
  profile: LeadPartnerProfile;
  onSaved: (p: LeadPartnerProfile) => void;
  updatedText: string | null;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [languages, setLanguages] = useState<string[]>(profile.languages);
  const [capacity, setCapacity] = useState<number | string>(profile.capacity ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api
        .put<{ profile: LeadPartnerProfile }>(leadPaths.partnerProfile(profile.partnerId), {
          languages: languages.map((l) => l.trim()).filter(Boolean),
          capacity: String(capacity).trim() === '' ? null : Number(capacity),
        })
        .then((r) => r.profile),
    onSuccess: (p) => {
      setErrors({});
      setFormError(null);
      onSaved(p);
      notifications.show({ color: 'green', message: t('leads.profile.saved') });
    },
    onError: (err) => {
      const fe = fieldErrors(err, t, locale);
      // `languages.2` → the languages field.
      setErrors(Object.fromEntries(Object.entries(fe).map(([k, v]) => [k.split('.')[0] ?? k, v])));
      setFormError(Object.keys(fe).length > 0 ? t('apiError.validation_failed') : errorText(err, t, locale));
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-start">
          <TagsInput
            label={t('leads.profile.languages')}
            description={t('leads.field.languageHint')}
            value={languages}
            error={errors.languages}
            onChange={setLanguages}
            w={320}
          />
          <NumberInput
            label={t('leads.profile.capacity')}
            description={t('leads.profile.capacityHint')}
            min={0}
            max={100000}
            allowDecimal={false}
            value={capacity}
            error={errors.capacity}
            onChange={setCapacity}
            w={260}
          />
        </Group>
        {updatedText && (
          <Text size="xs" c="dimmed">
            {updatedText}
          </Text>
        )}
        {formError && <Alert color="red">{formError}</Alert>}
        <Group>
          <Button type="submit" variant="default" loading={save.isPending}>
            {t('leads.profile.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
