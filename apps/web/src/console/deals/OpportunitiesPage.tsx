import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Opportunity, OpportunityStageValues } from '@trellis/contracts';
import { useMemo, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { currencyCodes, useBaseCurrency } from '../../features/deals/api';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { countryOptions, decimalToMinor, minorToDecimalString } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

/** Open opportunities of direct sales: conflict detection checks partners' registrations against them. */
export function OpportunitiesPage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  usePageTitle(t('deals.opportunities.title'));
  const [stage, setStage] = useState<string | null>(null);
  const [editing, setEditing] = useState<Opportunity | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['opportunities', stage],
    queryFn: () =>
      api.get<{ data: Opportunity[]; nextCursor: string | null }>('/opportunities', {
        stage: stage ?? undefined,
        limit: 100,
      }),
    enabled: can('account.read'),
  });
  if (!can('account.read')) return <NotAllowed />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('deals.opportunities.title')}</Title>
        {can('account.manage') && <Button onClick={() => setEditing('new')}>{t('deals.opportunities.new')}</Button>}
      </Group>
      <Select
        label={t('deals.opportunities.stage')}
        data={OpportunityStageValues.map((s) => ({ value: s, label: t(`deals.opportunities.stage.${s}`) }))}
        value={stage}
        onChange={setStage}
        clearable
        maw={240}
      />
      {!list.data ? (
        <PageLoader />
      ) : list.data.data.length === 0 ? (
        <Alert color="gray">{t('deals.opportunities.empty')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deals.opportunities.name')}</Table.Th>
                <Table.Th>{t('deals.customer')}</Table.Th>
                <Table.Th>{t('deals.customer.country')}</Table.Th>
                <Table.Th ta="right">{t('deals.total')}</Table.Th>
                <Table.Th>{t('deals.expectedCloseDate')}</Table.Th>
                <Table.Th>{t('deals.opportunities.stage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    {can('account.manage') ? (
                      <Anchor component="button" type="button" onClick={() => setEditing(o)} fw={600}>
                        {o.name}
                      </Anchor>
                    ) : (
                      o.name
                    )}
                  </Table.Td>
                  <Table.Td>
                    {o.customerName}
                    {o.domains.length > 0 ? ` (${o.domains.join(', ')})` : ''}
                  </Table.Td>
                  <Table.Td>{f.country(o.country)}</Table.Td>
                  <Table.Td ta="right">{o.amount ? f.money(o.amount) : '—'}</Table.Td>
                  <Table.Td>{o.expectedCloseDate ? f.day(o.expectedCloseDate) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`deals.opportunities.stage.${o.stage}`)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <OpportunityModal opportunity={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function OpportunityModal({ opportunity: o, onClose }: { opportunity: Opportunity | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const base = useBaseCurrency();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const currencies = useMemo(() => currencyCodes(), []);
  const [name, setName] = useState(o?.name ?? '');
  const [customerName, setCustomerName] = useState(o?.customerName ?? '');
  const [domains, setDomains] = useState<string[]>(o?.domains ?? []);
  const [country, setCountry] = useState<string | null>(o?.country ?? null);
  const [currency, setCurrency] = useState(o?.amount?.currency ?? base);
  const [amount, setAmount] = useState(o?.amount ? minorToDecimalString(o.amount.amountMinor, o.amount.currency) : '');
  const [closeDate, setCloseDate] = useState(o?.expectedCloseDate ?? '');
  const [stage, setStage] = useState<string>(o?.stage ?? 'open');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const mutation = useMutation({
    mutationFn: () => {
      const minor = amount.trim() ? decimalToMinor(amount, currency) : null;
      if (amount.trim() && minor === null) {
        setErrors({ 'amount.amountMinor': t('deals.new.badAmount') });
        return Promise.reject(new Error('amount'));
      }
      const body = {
        name: name.trim(),
        customerName: customerName.trim(),
        domains,
        country: country ?? '',
        amount: minor === null ? null : { amountMinor: minor, currency },
        expectedCloseDate: closeDate || null,
        stage,
      };
      return o ? api.patch(`/opportunities/${o.id}`, body) : api.post('/opportunities', body, { idempotencyKey: key });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      onClose();
    },
    onError: (err) => {
      if (err.message === 'amount') return;
      setErrors(fieldErrors(err, t, locale));
      setFormError(errorText(err, t, locale));
    },
  });
  return (
    <Modal opened onClose={onClose} title={o ? t('deals.opportunities.edit') : t('deals.opportunities.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('deals.opportunities.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            label={t('deals.customer.name')}
            required
            value={customerName}
            onChange={(e) => setCustomerName(e.currentTarget.value)}
            error={errors.customerName}
          />
          <TagsInput
            label={t('deals.accounts.domains')}
            description={t('deals.accounts.domainsHint')}
            value={domains}
            onChange={setDomains}
            error={errors.domains}
          />
          <Select
            label={t('deals.customer.country')}
            required
            searchable
            data={countries}
            value={country}
            onChange={setCountry}
            error={errors.country}
          />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('deals.products.amount')}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={errors['amount.amountMinor'] ?? errors.amount}
            />
            <Select
              label={t('deals.products.currency')}
              searchable
              data={currencies}
              value={currency}
              onChange={(v) => setCurrency(v ?? base)}
              allowDeselect={false}
              error={errors['amount.currency']}
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput
              label={t('deals.expectedCloseDate')}
              type="date"
              value={closeDate}
              onChange={(e) => setCloseDate(e.currentTarget.value)}
              error={errors.expectedCloseDate}
            />
            <Select
              label={t('deals.opportunities.stage')}
              data={OpportunityStageValues.map((s) => ({ value: s, label: t(`deals.opportunities.stage.${s}`) }))}
              value={stage}
              onChange={(v) => setStage(v ?? 'open')}
              allowDeselect={false}
            />
          </SimpleGrid>
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('deals.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
