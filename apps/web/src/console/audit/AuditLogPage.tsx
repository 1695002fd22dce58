import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useCan } from '../../api/session';
import type { AuditSearch } from '../../app/router';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { AUDIT_ACTIONS, AUDIT_TARGETS, AuditTable, actionLabel, targetLabel } from '../../features/audit/AuditTable';
import { listMembers, memberKeys } from '../../features/partners/api';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/console/audit-log');

/** A local calendar day → the UTC instant it starts (from) or ends (to), in the person's time zone. */
function dayBoundary(ymd: string | undefined, end: boolean, timeZone: string): string | undefined {
  if (!ymd || !/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return undefined;
  const guess = new Date(`${ymd}T${end ? '23:59:59.999' : '00:00:00.000'}Z`);
  // Offset of the zone at that moment, from Intl: the wall-clock reading there minus UTC.
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offset = wall - Math.floor(guess.getTime() / 1000) * 1000;
  return new Date(guess.getTime() - offset).toISOString();
}

export function AuditLogPage() {
  const t = useT();
  const can = useCan();
  const { timeZone } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  usePageTitle(t('audit.title'));
  const members = useQuery({
    queryKey: memberKeys.list({ all: 'audit' }),
    queryFn: () => listMembers({}),
    enabled: can('member.read'),
  });
  if (!can('audit.read')) return <NotAllowed />;
  const set = (patch: Partial<AuditSearch>) =>
    navigate({ to: '/console/audit-log', search: { ...search, ...patch }, replace: true });
  const filter = {
    action: search.action,
    targetType: search.targetType,
    actorId: search.actorId,
    from: dayBoundary(search.from, false, timeZone),
    to: dayBoundary(search.to, true, timeZone),
  };
  const active = Object.values(search).some(Boolean);
  return (
    <Stack>
      <div>
        <Title order={1}>{t('audit.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('audit.subtitle', { timeZone })}
        </Text>
      </div>
      <Paper withBorder p="md" component="section" aria-label={t('audit.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
          <Select
            label={t('audit.what')}
            clearable
            searchable
            data={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, t) }))}
            value={search.action ?? null}
            onChange={(v) => set({ action: v ?? undefined })}
          />
          <Select
            label={t('audit.target')}
            clearable
            data={AUDIT_TARGETS.map((a) => ({ value: a, label: targetLabel(a, t) }))}
            value={search.targetType ?? null}
            onChange={(v) => set({ targetType: v ?? undefined })}
          />
          <Select
            label={t('audit.who')}
            clearable
            searchable
            disabled={!can('member.read')}
            data={(members.data?.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
            value={search.actorId ?? null}
            onChange={(v) => set({ actorId: v ?? undefined })}
          />
          <TextInput
            label={t('audit.fromDate')}
            type="date"
            value={search.from ?? ''}
            onChange={(e) => set({ from: e.currentTarget.value || undefined })}
          />
          <TextInput
            label={t('audit.toDate')}
            type="date"
            value={search.to ?? ''}
            onChange={(e) => set({ to: e.currentTarget.value || undefined })}
          />
        </SimpleGrid>
        {active && (
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" onClick={() => navigate({ to: '/console/audit-log', search: {}, replace: true })}>
              {t('common.clear')}
            </Button>
          </Group>
        )}
      </Paper>
      <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
        <AuditTable filter={filter} />
      </Paper>
    </Stack>
  );
}
