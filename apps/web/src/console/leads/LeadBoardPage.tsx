import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChartBar, IconPlus, IconRoute, IconSettings, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import {
  LEAD_BULK_ROUTE_MAX,
  type Lead,
  type LeadBulkRouteResult,
  type LeadSource,
  LeadSourceValues,
  type LeadStatus,
  LeadStatusValues,
  OPEN_LEAD_STATUSES,
} from '@trellis/contracts';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { AnchorLink, ButtonLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText } from '../../features/forms/errors';
import { leadKeys, leadPaths, useLeadBoard, useLeadList } from '../../features/leads/api';
import { LEAD_SOURCE_LABEL, LEAD_STATUS_LABEL, LeadStatusBadge, SlaCountdown } from '../../features/leads/labels';
import { NewLeadModal } from '../../features/leads/NewLeadModal';
import { PartnerPicker } from '../../features/leads/PartnerPicker';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/console/leads');

/** The board's lanes: each a set of statuses, clicked to filter the list to them. */
const LANES: { key: string; label: MessageId; statuses: LeadStatus[] }[] = [
  { key: 'waiting', label: 'leads.board.waiting', statuses: ['new', 'unassigned'] },
  { key: 'offered', label: 'leads.board.offered', statuses: ['offered'] },
  { key: 'working', label: 'leads.board.working', statuses: ['accepted', 'contacted', 'qualified'] },
  { key: 'converted', label: 'leads.board.converted', statuses: ['converted'] },
  { key: 'lost', label: 'leads.board.lost', statuses: ['lost'] },
];

const ROUTABLE: readonly LeadStatus[] = ['new', 'unassigned'];

/** C5 distribution board: leads by state, filters, bulk route / recall, and the way in to each lead. */
export function LeadBoardPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const search = route.useSearch();
  const queryClient = useQueryClient();
  const { locale } = useI18n();
  usePageTitle(t('leads.board.title'));
  const allowed = can('lead.read');
  const status = (search.status ?? []) as LeadStatus[];
  const filters = {
    status: status.length ? status : undefined,
    partnerId: search.partnerId,
    country: search.country?.length ? search.country : undefined,
    source: search.source?.length ? (search.source as LeadSource[]) : undefined,
    q: search.q,
  };
  const board = useLeadBoard(allowed);
  const list = useLeadList(filters, allowed);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [recalling, setRecalling] = useState(false);
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const setSearch = (patch: Record<string, unknown>) => {
    setSelected(new Set());
    navigate({ to: '/console/leads', search: { ...search, ...patch } });
  };
  const setQ = useDebouncedCallback((q: string) => setSearch({ q: q.trim() || undefined }), 300);

  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const chosen = rows.filter((l) => selected.has(l.id));
  const routable = chosen.filter((l) => ROUTABLE.includes(l.status));
  const recallable = chosen.filter((l) => OPEN_LEAD_STATUSES.includes(l.status));
  const refresh = () => queryClient.invalidateQueries({ queryKey: leadKeys.all });

  const bulkRoute = useMutation({
    mutationFn: (body: { leadIds: string[] } | { allUnassigned: true; limit: number }) =>
      api.post<{ result: LeadBulkRouteResult }>(leadPaths.bulkRoute, body).then((r) => r.result),
    onSuccess: async (r) => {
      setSelected(new Set());
      await refresh();
      notifications.show({
        color: r.skipped.length > 0 ? 'yellow' : 'green',
        message: t('leads.bulk.routed', {
          assigned: r.assigned,
          fallback: r.fallback,
          skipped: r.skipped.length,
        }),
      });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorText(err, t, locale) }),
  });

  if (!allowed) return <NotAllowed />;
  const manage = can('lead.manage');
  const allOnPage = rows.length > 0 && rows.every((l) => selected.has(l.id));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('leads.board.title')}</Title>
        <Group gap="xs">
          <ButtonLink
            to="/console/leads/figures"
            variant="default"
            leftSection={<IconChartBar size={16} aria-hidden />}
          >
            {t('leads.stats.title')}
          </ButtonLink>
          {can('lead.settings') && (
            <ButtonLink
              to="/console/settings/leads"
              variant="default"
              leftSection={<IconSettings size={16} aria-hidden />}
            >
              {t('leads.nav.settings')}
            </ButtonLink>
          )}
          {manage && (
            <Button
              variant="default"
              leftSection={<IconRoute size={16} aria-hidden />}
              loading={bulkRoute.isPending && !routable.length}
              disabled={(board.data?.counts.new ?? 0) + (board.data?.counts.unassigned ?? 0) === 0}
              // Every waiting lead in one call, up to the most one call routes (the oldest first).
              onClick={() => bulkRoute.mutate({ allUnassigned: true, limit: LEAD_BULK_ROUTE_MAX })}
            >
              {t('leads.bulk.routeAllWaiting')}
            </Button>
          )}
          {manage && can('partner.import') && (
            <ButtonLink
              to="/console/import"
              search={{ kind: 'leads' }}
              variant="default"
              leftSection={<IconUpload size={16} aria-hidden />}
            >
              {t('leads.board.import')}
            </ButtonLink>
          )}
          {manage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('leads.new.button')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" aria-label={t('leads.board.lanes')} role="group">
        {LANES.map((lane) => {
          const count = lane.statuses.reduce((n, s) => n + (board.data?.counts[s] ?? 0), 0);
          const active = lane.statuses.length === status.length && lane.statuses.every((s) => status.includes(s));
          return (
            <UnstyledButton
              key={lane.key}
              onClick={() => setSearch({ status: active ? undefined : lane.statuses })}
              aria-pressed={active}
              style={{ display: 'block', height: '100%' }}
            >
              <Paper withBorder p="sm" h="100%" bg={active ? 'indigo.0' : undefined} data-testid={`lane-${lane.key}`}>
                <Text size="sm" c="dimmed">
                  {t(lane.label)}
                </Text>
                <Text fz={28} fw={700} lh={1.2}>
                  {board.data ? count : '…'}
                </Text>
                {lane.key === 'waiting' && board.data && (
                  <Text size="xs" c="dimmed">
                    {t('leads.board.queue', {
                      queue: board.data.fallbackQueue.name,
                      count: board.data.counts.unassigned,
                    })}
                  </Text>
                )}
                {lane.key === 'offered' && board.data && board.data.dueSoon > 0 && (
                  <Text size="xs" c="orange.9" fw={600}>
                    {t('leads.board.dueSoon', { count: board.data.dueSoon })}
                  </Text>
                )}
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('leads.filter.search')}
          defaultValue={search.q ?? ''}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={300}
        />
        <MultiSelect
          label={t('leads.filter.status')}
          placeholder={status.length === 0 ? t('leads.filter.any') : undefined}
          data={LeadStatusValues.map((s) => ({ value: s, label: t(LEAD_STATUS_LABEL[s]) }))}
          value={status}
          onChange={(v) => setSearch({ status: v.length ? v : undefined })}
          clearable
          w={260}
        />
        <PartnerPicker
          label={t('leads.filter.partner')}
          placeholder={t('leads.filter.any')}
          value={search.partnerId ?? null}
          onChange={(id) => setSearch({ partnerId: id ?? undefined })}
          clearable
          w={240}
        />
        <MultiSelect
          label={t('leads.filter.country')}
          placeholder={search.country?.length ? undefined : t('leads.filter.any')}
          data={countries}
          searchable
          value={search.country ?? []}
          onChange={(v) => setSearch({ country: v.length ? v : undefined })}
          clearable
          w={240}
        />
        <MultiSelect
          label={t('leads.filter.source')}
          placeholder={search.source?.length ? undefined : t('leads.filter.any')}
          data={LeadSourceValues.map((s) => ({ value: s, label: t(LEAD_SOURCE_LABEL[s]) }))}
          value={search.source ?? []}
          onChange={(v) => setSearch({ source: v.length ? v : undefined })}
          clearable
          w={220}
        />
      </Group>

      {manage && chosen.length > 0 && (
        <Paper withBorder p="xs" bg="gray.0" role="region" aria-label={t('leads.bulk.region')}>
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {t('leads.bulk.selected', { count: chosen.length })}
            </Text>
            <Button
              size="xs"
              disabled={routable.length === 0}
              loading={bulkRoute.isPending}
              onClick={() => bulkRoute.mutate({ leadIds: routable.map((l) => l.id) })}
            >
              {t('leads.bulk.route', { count: routable.length })}
            </Button>
            <Button size="xs" color="orange" disabled={recallable.length === 0} onClick={() => setRecalling(true)}>
              {t('leads.bulk.recall', { count: recallable.length })}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
              {t('leads.bulk.clear')}
            </Button>
          </Group>
        </Paper>
      )}

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <Alert color="red">{errorText(list.error, t, locale)}</Alert>
      ) : rows.length === 0 ? (
        <Alert color="gray">{t('leads.board.empty')}</Alert>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  {manage && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('leads.bulk.selectAll')}
                        checked={allOnPage}
                        indeterminate={!allOnPage && selected.size > 0}
                        onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((l) => l.id)))}
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('leads.field.company')}</Table.Th>
                  <Table.Th>{t('leads.filter.status')}</Table.Th>
                  <Table.Th>{t('leads.partner')}</Table.Th>
                  <Table.Th>{t('leads.field.country')}</Table.Th>
                  <Table.Th>{t('leads.filter.source')}</Table.Th>
                  <Table.Th>{t('leads.field.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((l) => (
                  <LeadRow
                    key={l.id}
                    lead={l}
                    selectable={manage}
                    selected={selected.has(l.id)}
                    onToggle={() => {
                      const next = new Set(selected);
                      if (next.has(l.id)) next.delete(l.id);
                      else next.add(l.id);
                      setSelected(next);
                    }}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                {t('leads.list.more')}
              </Button>
            </Group>
          )}
        </>
      )}

      <NewLeadModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(lead) => {
          setCreating(false);
          navigate({ to: '/console/leads/$leadId', params: { leadId: lead.id } });
        }}
      />
      <BulkRecallModal
        leads={recallable}
        opened={recalling}
        onClose={() => setRecalling(false)}
        onDone={async () => {
          setRecalling(false);
          setSelected(new Set());
          await refresh();
        }}
      />
    </Stack>
  );
}

function LeadRow({
  lead: l,
  selectable,
  selected,
  onToggle,
}: {
  lead: Lead;
  selectable: boolean;
  selected: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  const f = useFormat();
  return (
    <Table.Tr bg={selected ? 'indigo.0' : undefined}>
      {selectable && (
        <Table.Td>
          <Checkbox
            aria-label={t('leads.bulk.selectOne', { company: l.company })}
            checked={selected}
            onChange={onToggle}
          />
        </Table.Td>
      )}
      <Table.Td>
        <AnchorLink to="/console/leads/$leadId" params={{ leadId: l.id }} fw={600}>
          {l.company}
        </AnchorLink>
        <Text size="xs" c="dimmed">
          {l.contact.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <LeadStatusBadge status={l.status} />
          {l.status === 'offered' && l.slaDueAt && <SlaCountdown dueAt={l.slaDueAt} />}
        </Stack>
      </Table.Td>
      <Table.Td>{l.partner?.name ?? l.fallbackQueue?.name ?? '—'}</Table.Td>
      <Table.Td>{l.country ? f.country(l.country) : '—'}</Table.Td>
      <Table.Td>{t(LEAD_SOURCE_LABEL[l.source])}</Table.Td>
      <Table.Td>{f.dateTime(l.createdAt)}</Table.Td>
    </Table.Tr>
  );
}

/** Recall several leads with one reason; each is recalled on its own, and failures are named. */
function BulkRecallModal({
  leads,
  opened,
  onClose,
  onDone,
}: {
  leads: Lead[];
  opened: boolean;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [reason, setReason] = useState('');
  const [reroute, setReroute] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<string[]>([]);
  const run = async () => {
    setBusy(true);
    const failed: string[] = [];
    for (const l of leads) {
      try {
        await api.post(leadPaths.recall(l.id), { reason: reason.trim() || undefined, reroute });
      } catch (err) {
        failed.push(`${l.company}: ${errorText(err, t, locale)}`);
      }
    }
    setBusy(false);
    setFailures(failed);
    notifications.show({
      color: failed.length ? 'yellow' : 'green',
      message: t('leads.bulk.recalled', { count: leads.length - failed.length }),
    });
    if (failed.length === 0) {
      setReason('');
      await onDone();
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.bulk.recallTitle', { count: leads.length })} centered>
      <Stack>
        <Textarea
          label={t('leads.action.reason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Checkbox
          label={t('leads.action.reroute')}
          description={t('leads.action.rerouteHint')}
          checked={reroute}
          onChange={(e) => setReroute(e.currentTarget.checked)}
        />
        {failures.length > 0 && (
          <Alert color="red">
            {failures.map((f) => (
              <Text key={f} size="sm">
                {f}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" loading={busy} onClick={run}>
            {t('leads.action.recall')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
