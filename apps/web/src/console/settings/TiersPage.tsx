import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Tier, TierCreateSchema, TierUpdateSchema } from '@trellis/contracts';
import { useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { ConfirmButton } from '../../components/ui/ConfirmButton';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, fieldErrors, issueText } from '../../features/forms/errors';
import { toIssues } from '../../features/forms/zodIssues';
import { listTiers, tierKeys } from '../../features/partners/api';
import { decimalToMinor, minorToDecimalString } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const CURRENCIES = ['USD', 'EUR', 'VND', 'TWD', 'GBP', 'JPY', 'SGD', 'AUD', 'CAD', 'CHF', 'SEK'];

/** C3: tiers and their benefits are program data the admin edits here. */
export function TiersPage() {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const mobile = useIsMobile();
  usePageTitle(t('tiers.title'));
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, enabled: can('tier.read') });
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  if (!can('tier.read')) return <NotAllowed />;
  if (tiers.isPending) return <PageLoader />;
  const manage = can('tier.manage');
  const list = [...(tiers.data ?? [])].sort((a, b) => a.rank - b.rank);
  const refresh = () => queryClient.invalidateQueries({ queryKey: tierKeys.all });
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1}>{t('tiers.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('tiers.subtitle')}
          </Text>
        </div>
        {manage && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('tiers.add')}
          </Button>
        )}
      </Group>
      <Paper withBorder>
        {list.length === 0 ? (
          <Text p="md" c="dimmed">
            {t('tiers.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('tiers.name')}</Table.Th>
                  <Table.Th scope="col">{t('tiers.rank')}</Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('tier.discount')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('tier.commission')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('tier.protection')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('tier.mdf')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('nav.partners')}
                  </Table.Th>
                  {manage && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>
                      <Text fw={600}>{x.name}</Text>
                      {x.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {x.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{fmt.number(x.rank)}</Table.Td>
                    <Table.Td ta="end">{fmt.percent(x.benefits.discountPercent)}</Table.Td>
                    <Table.Td ta="end">{fmt.percent(x.benefits.commissionRatePercent)}</Table.Td>
                    <Table.Td ta="end">{t('tier.days', { count: x.benefits.dealProtectionDays })}</Table.Td>
                    <Table.Td ta="end">
                      {x.benefits.mdfAllocation ? fmt.money(x.benefits.mdfAllocation) : t('tier.noMdf')}
                    </Table.Td>
                    <Table.Td ta="end">{fmt.number(x.partnerCount)}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            aria-label={t('tiers.editNamed', { name: x.name })}
                            onClick={() => setEditing(x)}
                          >
                            <IconPencil size={16} aria-hidden />
                          </Button>
                          <ConfirmButton
                            variant="subtle"
                            color="red"
                            size="compact-sm"
                            aria-label={t('tiers.deleteNamed', { name: x.name })}
                            title={t('tiers.deleteTitle')}
                            body={
                              x.partnerCount > 0
                                ? t('tiers.deleteBodyUsed', { name: x.name, count: x.partnerCount })
                                : t('tiers.deleteBody', { name: x.name })
                            }
                            confirmLabel={t('common.delete')}
                            onConfirm={async () => {
                              try {
                                await api.delete(`/tiers/${x.id}`);
                                notifications.show({ message: t('tiers.deleted', { name: x.name }) });
                                await refresh();
                              } catch (err) {
                                notifications.show({ color: 'red', message: errorText(err, t, locale) });
                              }
                            }}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('tiers.add') : t('tiers.edit')}
        size="lg"
        fullScreen={mobile}
      >
        {editing !== null && (
          <TierForm
            tier={editing === 'new' ? null : editing}
            nextRank={(list.at(-1)?.rank ?? -1) + 1}
            onDone={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function TierForm({ tier, nextRank, onDone }: { tier: Tier | null; nextRank: number; onDone: () => Promise<void> }) {
  const t = useT();
  const { locale } = useI18n();
  const [key] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const mdf = tier?.benefits.mdfAllocation ?? null;
  const form = useForm({
    initialValues: {
      name: tier?.name ?? '',
      rank: tier?.rank ?? nextRank,
      description: tier?.description ?? '',
      discountPercent: tier?.benefits.discountPercent ?? 0,
      commissionRatePercent: tier?.benefits.commissionRatePercent ?? 0,
      dealProtectionDays: tier?.benefits.dealProtectionDays ?? 90,
      leadPriority: tier?.benefits.leadPriority ?? 0,
      mdfAmount: mdf ? minorToDecimalString(mdf.amountMinor, mdf.currency) : '',
      mdfCurrency: mdf?.currency ?? 'USD',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    let mdfAllocation: { amountMinor: number; currency: string } | null = null;
    if (v.mdfAmount.trim() !== '') {
      const minor = decimalToMinor(v.mdfAmount, v.mdfCurrency);
      if (minor === null || minor < 0) {
        form.setErrors({ mdfAmount: t('tiers.amountInvalid') });
        return;
      }
      mdfAllocation = { amountMinor: minor, currency: v.mdfCurrency };
    }
    const body = {
      name: v.name.trim(),
      rank: Number(v.rank),
      description: v.description.trim() || undefined,
      benefits: {
        discountPercent: Number(v.discountPercent),
        commissionRatePercent: Number(v.commissionRatePercent),
        dealProtectionDays: Number(v.dealProtectionDays),
        leadPriority: Number(v.leadPriority),
        mdfAllocation,
      },
    };
    const parsed = tier ? TierUpdateSchema.safeParse(body) : TierCreateSchema.safeParse(body);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of toIssues(parsed.error.issues)) {
        const k = i.path.replace(/^benefits\./, '').replace(/^mdfAllocation.*/, 'mdfAmount');
        errs[k] ??= issueText(i, t, locale);
      }
      form.setErrors(errs);
      return;
    }
    try {
      if (tier) await api.patch(`/tiers/${tier.id}`, parsed.data);
      else await api.post('/tiers', parsed.data, { idempotencyKey: key });
      notifications.show({ color: 'teal', message: t('tiers.saved', { name: body.name }) });
      await onDone();
    } catch (err) {
      const errs = fieldErrors(err, t, locale);
      const flat: Record<string, string> = {};
      for (const [k, m] of Object.entries(errs)) {
        flat[k.replace(/^benefits\./, '').replace(/^mdfAllocation.*/, 'mdfAmount')] = m;
      }
      form.setErrors(flat);
      if (!(err instanceof ApiError) || err.issues.length === 0) setFormError(errorText(err, t, locale));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('tiers.name')} required {...form.getInputProps('name')} />
          <NumberInput
            label={t('tiers.rank')}
            description={t('tiers.rankHint')}
            min={0}
            max={1000}
            allowDecimal={false}
            {...form.getInputProps('rank')}
          />
        </SimpleGrid>
        <Textarea label={t('tiers.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('tier.discount')}
            suffix=" %"
            min={0}
            max={100}
            decimalScale={2}
            {...form.getInputProps('discountPercent')}
          />
          <NumberInput
            label={t('tier.commission')}
            suffix=" %"
            min={0}
            max={100}
            decimalScale={2}
            {...form.getInputProps('commissionRatePercent')}
          />
          <NumberInput
            label={t('tiers.protectionDays')}
            min={0}
            max={3650}
            allowDecimal={false}
            {...form.getInputProps('dealProtectionDays')}
          />
          <NumberInput
            label={t('tier.leadPriority')}
            min={0}
            max={100}
            allowDecimal={false}
            {...form.getInputProps('leadPriority')}
          />
          <TextInput
            label={t('tiers.mdfAmount')}
            description={t('tiers.mdfHint')}
            inputMode="decimal"
            {...form.getInputProps('mdfAmount')}
          />
          <Select
            label={t('tiers.mdfCurrency')}
            data={CURRENCIES}
            searchable
            allowDeselect={false}
            {...form.getInputProps('mdfCurrency')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
