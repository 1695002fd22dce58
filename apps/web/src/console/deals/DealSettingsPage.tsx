import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DealProtectionRule, DealProtectionRuleValues, type DealSettings } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { useBaseCurrency, useDealSettings } from '../../features/deals/api';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { decimalToMinor, minorToDecimalString } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

/** Deal registration rules as data: thresholds, auto-approval, reminders, protection and extensions. */
export function DealSettingsPage() {
  const t = useT();
  const can = useCan();
  usePageTitle(t('deals.settings.title'));
  const settings = useDealSettings(can('deal.settings'));
  if (!can('deal.settings')) return <NotAllowed />;
  if (!settings.data) return <PageLoader />;
  return <SettingsForm settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: DealSettings }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const currency = useBaseCurrency();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      conflictThreshold: Math.round(settings.conflictThreshold * 100),
      hintThreshold: Math.round(settings.hintThreshold * 100),
      autoEnabled: settings.autoApprove.enabled,
      minTierRank: settings.autoApprove.minTierRank ?? ('' as number | string),
      maxAmount:
        settings.autoApprove.maxAmountMinor === null
          ? ''
          : minorToDecimalString(settings.autoApprove.maxAmountMinor, currency),
      reviewReminderHours: settings.reviewReminderHours,
      defaultProtectionDays: settings.defaultProtectionDays,
      extensionDays: settings.extensionDays,
      maxExtensions: settings.maxExtensions,
      protection: settings.protection as DealProtectionRule,
    },
  });
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) => {
      const maxAmountMinor = String(v.maxAmount).trim() === '' ? null : decimalToMinor(String(v.maxAmount), currency);
      if (String(v.maxAmount).trim() !== '' && maxAmountMinor === null) {
        form.setFieldError('maxAmount', t('deals.new.badAmount'));
        return Promise.reject(new Error('amount'));
      }
      return api.patch<{ settings: DealSettings }>('/deal-settings', {
        conflictThreshold: Number(v.conflictThreshold) / 100,
        hintThreshold: Number(v.hintThreshold) / 100,
        autoApprove: {
          enabled: v.autoEnabled,
          minTierRank: v.minTierRank === '' ? null : Number(v.minTierRank),
          maxAmountMinor,
        },
        reviewReminderHours: Number(v.reviewReminderHours),
        defaultProtectionDays: Number(v.defaultProtectionDays),
        extensionDays: Number(v.extensionDays),
        maxExtensions: Number(v.maxExtensions),
        protection: v.protection,
      });
    },
    onSuccess: async (r) => {
      queryClient.setQueryData(['deal-settings'], r.settings);
      setFormError(null);
      notifications.show({ color: 'green', message: t('deals.settings.saved') });
    },
    onError: (err) => {
      if (err.message === 'amount') return;
      const fe = fieldErrors(err, t, locale);
      const map: Record<string, string> = {
        'autoApprove.minTierRank': 'minTierRank',
        'autoApprove.maxAmountMinor': 'maxAmount',
      };
      form.setErrors(Object.fromEntries(Object.entries(fe).map(([k, v]) => [map[k] ?? k, v])));
      setFormError(errorText(err, t, locale));
    },
  });
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('deals.settings.title')}</Title>
      <Paper withBorder p="md">
        <form onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
          <Stack>
            <Fieldset legend={t('deals.settings.matching')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('deals.settings.conflictThreshold')}
                  description={t('deals.settings.thresholdHint')}
                  min={30}
                  max={100}
                  suffix=" %"
                  {...form.getInputProps('conflictThreshold')}
                />
                <NumberInput
                  label={t('deals.settings.hintThreshold')}
                  description={t('deals.settings.thresholdHint')}
                  min={10}
                  max={100}
                  suffix=" %"
                  {...form.getInputProps('hintThreshold')}
                />
              </SimpleGrid>
            </Fieldset>
            <Fieldset legend={t('deals.settings.protection')}>
              <Radio.Group
                {...form.getInputProps('protection')}
                aria-label={t('deals.settings.protection')}
                description={t('deals.settings.protectionHint')}
              >
                <Stack gap="xs" mt="xs">
                  {DealProtectionRuleValues.map((rule) => (
                    <Radio key={rule} value={rule} label={t(`deals.settings.protection.${rule}`)} />
                  ))}
                </Stack>
              </Radio.Group>
            </Fieldset>
            <Fieldset legend={t('deals.settings.autoApprove')}>
              <Stack gap="sm">
                <Checkbox
                  label={t('deals.settings.autoEnabled')}
                  {...form.getInputProps('autoEnabled', { type: 'checkbox' })}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NumberInput
                    label={t('deals.settings.minTierRank')}
                    description={t('deals.settings.minTierRankHint')}
                    min={0}
                    allowDecimal={false}
                    {...form.getInputProps('minTierRank')}
                  />
                  <NumberInput
                    label={t('deals.settings.maxAmount', { currency })}
                    description={t('deals.settings.maxAmountHint')}
                    min={0}
                    decimalScale={8}
                    {...form.getInputProps('maxAmount')}
                  />
                </SimpleGrid>
                <Text size="sm" c="dimmed">
                  {t('deals.settings.autoRule')}
                </Text>
              </Stack>
            </Fieldset>
            <Fieldset legend={t('deals.settings.timing')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('deals.settings.reviewReminderHours')}
                  description={t('deals.settings.reviewReminderHint')}
                  min={1}
                  max={720}
                  allowDecimal={false}
                  {...form.getInputProps('reviewReminderHours')}
                />
                <NumberInput
                  label={t('deals.settings.defaultProtectionDays')}
                  min={1}
                  max={3650}
                  allowDecimal={false}
                  {...form.getInputProps('defaultProtectionDays')}
                />
                <NumberInput
                  label={t('deals.settings.extensionDays')}
                  min={1}
                  max={365}
                  allowDecimal={false}
                  {...form.getInputProps('extensionDays')}
                />
                <NumberInput
                  label={t('deals.settings.maxExtensions')}
                  min={0}
                  max={20}
                  allowDecimal={false}
                  {...form.getInputProps('maxExtensions')}
                />
              </SimpleGrid>
            </Fieldset>
            {formError && <Alert color="red">{formError}</Alert>}
            <Group justify="flex-end">
              <Button type="submit" loading={mutation.isPending}>
                {t('deals.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
