import { Alert, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useCan } from '../../api/session';
import { AnchorLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText } from '../../features/forms/errors';
import { useLeadStats } from '../../features/leads/api';
import { fairnessGap } from '../../features/leads/stats';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/console/leads/figures');
const WINDOWS = [7, 30, 90, 365] as const;

/** C5 fairness and speed: per partner, its share of offers against the share its weight promises, speed, rates. */
export function LeadStatsPage() {
  const t = useT();
  const can = useCan();
  const { locale } = useI18n();
  const f = useFormat();
  const navigate = useNavigate();
  const days = route.useSearch().days ?? 30;
  usePageTitle(t('leads.stats.title'));
  const stats = useLeadStats(days, can('lead.read'));
  if (!can('lead.read')) return <NotAllowed />;
  const pct = (n: number | null) => (n === null ? '—' : f.percent(Math.round(n * 1000) / 10));
  const hours = (n: number | null) =>
    n === null
      ? '—'
      : n < 1
        ? t('leads.stats.minutes', { minutes: Math.max(1, Math.round(n * 60)) })
        : t('leads.stats.hours', { hours: f.number(Math.round(n * 10) / 10) });
  return (
    <Stack gap="md">
      <AnchorLink to="/console/leads" size="sm">
        ← {t('leads.board.title')}
      </AnchorLink>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('leads.stats.title')}</Title>
        <SegmentedControl
          aria-label={t('leads.stats.window')}
          value={String(days)}
          onChange={(v) => navigate({ to: '/console/leads/figures', search: { days: Number(v) } })}
          data={WINDOWS.map((d) => ({ value: String(d), label: t('leads.stats.days', { days: d }) }))}
        />
      </Group>
      {stats.isError ? (
        <Alert color="red">{errorText(stats.error, t, locale)}</Alert>
      ) : !stats.data ? (
        <PageLoader />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
            {[
              { label: t('leads.stats.offered'), value: String(stats.data.totals.offered) },
              { label: t('leads.stats.accepted'), value: String(stats.data.totals.accepted) },
              { label: t('leads.stats.converted'), value: String(stats.data.totals.converted) },
              { label: t('leads.stats.acceptanceRate'), value: pct(stats.data.totals.acceptanceRate) },
              { label: t('leads.stats.conversionRate'), value: pct(stats.data.totals.conversionRate) },
              { label: t('leads.stats.timeToAccept'), value: hours(stats.data.totals.medianHoursToAccept) },
            ].map((k) => (
              <Paper key={k.label} withBorder p="sm">
                <Text size="sm" c="dimmed">
                  {k.label}
                </Text>
                <Text fz={24} fw={700}>
                  {k.value}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          {stats.data.partners.length === 0 ? (
            <Alert color="gray">{t('leads.stats.empty')}</Alert>
          ) : (
            <Table.ScrollContainer minWidth={980}>
              <Table striped highlightOnHover>
                <Table.Caption>{t('leads.stats.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('leads.partner')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.offered')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.share')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.weightShare')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.gap')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.accepted')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.declined')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.recalled')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.open')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.timeToAccept')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.acceptanceRate')}</Table.Th>
                    <Table.Th ta="right">{t('leads.stats.conversionRate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {stats.data.partners.map((p) => {
                    const gap = fairnessGap(p.share, p.weightShare);
                    return (
                      <Table.Tr key={p.partner.id}>
                        <Table.Td>
                          <AnchorLink to="/console/leads" search={{ partnerId: p.partner.id }}>
                            {p.partner.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td ta="right">{p.offered}</Table.Td>
                        <Table.Td ta="right">{pct(p.share)}</Table.Td>
                        <Table.Td ta="right">{pct(p.weightShare)}</Table.Td>
                        <Table.Td
                          ta="right"
                          c={
                            gap === null
                              ? undefined
                              : gap.tone === 'over'
                                ? 'orange.9'
                                : gap.tone === 'under'
                                  ? 'blue.9'
                                  : undefined
                          }
                        >
                          {gap === null
                            ? '—'
                            : `${gap.points > 0 ? '+' : ''}${f.number(gap.points)} ${t('leads.stats.points')}`}
                        </Table.Td>
                        <Table.Td ta="right">{p.accepted}</Table.Td>
                        <Table.Td ta="right">{p.declined}</Table.Td>
                        <Table.Td ta="right">{p.recalled}</Table.Td>
                        <Table.Td ta="right">{p.open}</Table.Td>
                        <Table.Td ta="right">{hours(p.medianHoursToAccept)}</Table.Td>
                        <Table.Td ta="right">{pct(p.acceptanceRate)}</Table.Td>
                        <Table.Td ta="right">{pct(p.conversionRate)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Text size="xs" c="dimmed">
            {t('leads.stats.note')}
          </Text>
        </>
      )}
    </Stack>
  );
}
