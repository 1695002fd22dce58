import { Alert, Group, MultiSelect, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type DealStatus, DealStatusValues } from '@trellis/contracts';
import { useCan } from '../../api/session';
import { AnchorLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { useDealList } from '../../features/deals/api';
import { DEAL_STATUS_LABEL, DealStatusBadge } from '../../features/deals/labels';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/console/deals');

/** The review queue: registrations of the partners I own (or all), filtered by status. */
export function DealQueuePage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const search = route.useSearch();
  const queue = search.queue ?? 'mine';
  const status = (search.status ?? []) as DealStatus[];
  usePageTitle(t('deals.queue.title'));
  const list = useDealList({ queue, status: status.length > 0 ? status : undefined });
  if (!can('deal.read')) return <NotAllowed />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('deals.queue.title')}</Title>
      <Group gap="md" align="flex-end">
        <SegmentedControl
          aria-label={t('deals.queue.scope')}
          value={queue}
          onChange={(v) => navigate({ to: '/console/deals', search: { ...search, queue: v as 'mine' | 'all' } })}
          data={[
            { value: 'mine', label: t('deals.queue.mine') },
            { value: 'all', label: t('deals.queue.all') },
          ]}
        />
        <MultiSelect
          label={t('deals.queue.status')}
          placeholder={status.length === 0 ? t('deals.queue.anyStatus') : undefined}
          data={DealStatusValues.map((s) => ({ value: s, label: t(DEAL_STATUS_LABEL[s]) }))}
          value={status}
          onChange={(v) => navigate({ to: '/console/deals', search: { ...search, status: v.length ? v : undefined } })}
          clearable
          w={320}
        />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <Alert color="red">{t('apiError.internal')}</Alert>
      ) : list.data.data.length === 0 ? (
        <Alert color="gray">{t('deals.queue.empty')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deals.customer')}</Table.Th>
                <Table.Th>{t('deals.partner')}</Table.Th>
                <Table.Th>{t('deals.queue.status')}</Table.Th>
                <Table.Th>{t('deals.conflict')}</Table.Th>
                <Table.Th ta="right">{t('deals.total')}</Table.Th>
                <Table.Th>{t('deals.submittedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <AnchorLink to="/console/deals/$dealId" params={{ dealId: d.id }} fw={600}>
                      {d.customer.name}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {[d.customer.domain, d.customer.country].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.partner.name}</Table.Td>
                  <Table.Td>
                    <DealStatusBadge status={d.status} />
                  </Table.Td>
                  <Table.Td>{t(`deals.conflictFlag.${d.conflictFlag}`)}</Table.Td>
                  <Table.Td ta="right">{d.totals.map((m) => f.money(m)).join(' + ')}</Table.Td>
                  <Table.Td>{d.submittedAt ? f.dateTime(d.submittedAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
