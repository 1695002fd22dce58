import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PartnerProfileFieldValues, type Workspace } from '@trellis/contracts';
import { useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { meQuery, useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { timeZones } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { LOCALE_NAMES, LOCALES, type MessageId } from '../../i18n/locales';
import { useT } from '../../i18n/useT';

const FIELD_LABEL: Record<(typeof PartnerProfileFieldValues)[number], MessageId> = {
  displayName: 'partner.displayName',
  website: 'partner.website',
  phone: 'partner.phone',
  address: 'partner.address',
  region: 'partner.region',
  sizeBand: 'partner.sizeBand',
  industries: 'partner.industries',
  capabilities: 'partner.capabilities',
  logoUrl: 'partner.logoUrl',
};

/** Program settings are data edited here (ARCHITECTURE §3 Config), e.g. which fields partners may edit. */
export function WorkspacePage() {
  const t = useT();
  const can = useCan();
  usePageTitle(t('workspace.title'));
  const ws = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api.get<{ workspace: Workspace }>('/workspace').then((r) => r.workspace),
    enabled: can('workspace.manage'),
  });
  if (!can('workspace.manage')) return <NotAllowed />;
  if (!ws.data) return <PageLoader />;
  return <WorkspaceForm workspace={ws.data} />;
}

function WorkspaceForm({ workspace }: { workspace: Workspace }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZones(), []);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      name: workspace.name,
      baseCurrency: workspace.baseCurrency,
      defaultLocale: workspace.defaultLocale as string,
      timeZone: workspace.timeZone,
      partnerEditableFields: workspace.settings.partnerEditableFields as string[],
      invitationTtlHours: workspace.settings.invitationTtlHours,
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      const { workspace: saved } = await api.patch<{ workspace: Workspace }>('/workspace', {
        name: v.name.trim(),
        baseCurrency: v.baseCurrency.trim().toUpperCase(),
        defaultLocale: v.defaultLocale,
        timeZone: v.timeZone,
        settings: { partnerEditableFields: v.partnerEditableFields, invitationTtlHours: v.invitationTtlHours },
      });
      queryClient.setQueryData(['workspace'], saved);
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: ['partners'] });
      notifications.show({ color: 'teal', message: t('workspace.saved') });
    } catch (err) {
      const errs = fieldErrors(err, t, locale);
      const flat: Record<string, string> = {};
      for (const [k, msg] of Object.entries(errs)) flat[k.replace(/^settings\./, '').replace(/\.\d+$/, '')] = msg;
      form.setErrors(flat);
      if (!(err instanceof ApiError) || err.issues.length === 0) setFormError(errorText(err, t, locale));
    }
  });
  return (
    <Stack maw={820}>
      <Title order={1}>{t('workspace.title')}</Title>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <Fieldset legend={t('workspace.general')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('workspace.name')} required {...form.getInputProps('name')} />
                <TextInput
                  label={t('workspace.baseCurrency')}
                  description={t('workspace.baseCurrencyHint')}
                  maxLength={3}
                  {...form.getInputProps('baseCurrency')}
                />
                <Select
                  label={t('workspace.defaultLocale')}
                  description={t('workspace.defaultLocaleHint')}
                  allowDeselect={false}
                  data={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
                  {...form.getInputProps('defaultLocale')}
                />
                <Select
                  label={t('workspace.timeZone')}
                  searchable
                  allowDeselect={false}
                  data={zones}
                  limit={50}
                  {...form.getInputProps('timeZone')}
                />
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend={t('workspace.partnerFields')}>
              <Text size="sm" mb="sm">
                {t('workspace.partnerFieldsHint')}
              </Text>
              <Checkbox.Group {...form.getInputProps('partnerEditableFields')}>
                <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs">
                  {PartnerProfileFieldValues.map((f) => (
                    <Checkbox key={f} value={f} label={t(FIELD_LABEL[f])} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </Fieldset>
            <Fieldset legend={t('workspace.invitations')}>
              <NumberInput
                label={t('workspace.invitationTtl')}
                description={t('workspace.invitationTtlHint')}
                min={1}
                max={720}
                w={240}
                {...form.getInputProps('invitationTtlHours')}
              />
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
