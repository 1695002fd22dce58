import { Alert, Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFlag, IconLock } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import type { DealConflict, DealRegistrationDetail } from '@trellis/contracts';
import { AnchorLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { DealAttachments } from '../../features/deals/Attachments';
import { useDeal } from '../../features/deals/api';
import { DealActions } from '../../features/deals/DealActions';
import { DealOutcome } from '../../features/deals/DealOutcome';
import { DealSummary, ProtectionCountdown } from '../../features/deals/DealSummary';
import { DealHistory, DealStatusBadge, MATCH_REASON_LABEL } from '../../features/deals/labels';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/console/deals/$dealId');

/** A registration for review, with the conflicts side by side. */
export function DealDetailPage() {
  const t = useT();
  const { dealId } = route.useParams();
  const deal = useDeal(dealId);
  usePageTitle(deal.data?.customer.name);
  if (deal.isError) return <Alert color="red">{t('deals.notFound')}</Alert>;
  if (!deal.data) return <PageLoader />;
  const d = deal.data;
  return (
    <Stack gap="md">
      <AnchorLink to="/console/deals" size="sm">
        ← {t('deals.queue.title')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{d.customer.name}</Title>
          <Text c="dimmed">
            {t('deals.registeredBy', { partner: d.partner.name, person: d.createdBy?.name ?? '—' })}
          </Text>
        </div>
        <DealStatusBadge status={d.status} />
      </Group>
      {d.lastReason && !d.outcome && <Alert color="blue">{t('deals.history.reason', { reason: d.lastReason })}</Alert>}
      <DealOutcome deal={d} />
      <FirstComeNotice deal={d} />
      <ProtectionCountdown deal={d} />
      <DealActions deal={d} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <DealSummary deal={d} />
            <DealAttachments dealId={d.id} />
            <Paper withBorder p="sm">
              <Title order={2} size="h4" mb="sm">
                {t('deals.history')}
              </Title>
              <DealHistory transitions={d.transitions} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ConflictPanel conflicts={d.conflicts ?? []} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/**
 * C4 first-come, for the reviewer: approval is held back while another partner's earlier registration is
 * active; or, when other partners' registrations match but none came earlier, this one was first.
 */
function FirstComeNotice({ deal }: { deal: DealRegistrationDetail }) {
  const t = useT();
  if (!deal.abilities.review) return null;
  const registrations = (deal.conflicts ?? []).filter((c) => c.kind === 'registration' && c.band === 'conflict');
  if (registrations.length === 0) return null;
  if (deal.status === 'submitted' && !deal.abilities.approve) {
    return (
      <Alert color="orange" title={t('deals.firstCome.title')} data-testid="first-come-blocked">
        {t('deals.firstCome.blocked')}
      </Alert>
    );
  }
  if (registrations.some((c) => c.firstRegistrant)) return null;
  return (
    <Alert color="green" data-testid="first-come-first">
      {t('deals.firstCome.first')}
    </Alert>
  );
}

function ConflictPanel({ conflicts }: { conflicts: DealConflict[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="conflicts-title">
      <Title order={2} size="h4" mb="sm" id="conflicts-title">
        {t('deals.conflicts.title')}
      </Title>
      {conflicts.length === 0 ? (
        <Text c="dimmed">{t('deals.conflicts.none')}</Text>
      ) : (
        <Stack gap="sm">
          {conflicts.map((c) => (
            <Paper key={c.id} withBorder p="sm" bg={c.band === 'conflict' ? 'red.0' : 'yellow.0'}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text fw={600}>{c.candidate.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`deals.conflicts.kind.${c.kind}`)}
                    {c.candidate.status ? ` · ${c.candidate.status}` : ''}
                  </Text>
                </div>
                <Badge color={c.band === 'conflict' ? 'red' : 'yellow'} variant="filled" style={{ flexShrink: 0 }}>
                  {t('deals.conflicts.score', { score: Math.round(c.score * 100) })}
                </Badge>
              </Group>
              {(c.candidate.namedAccount || c.firstRegistrant) && (
                <Group gap={4} mt={4}>
                  {c.candidate.namedAccount && (
                    <Badge color="red" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
                      {t('deals.accounts.named')}
                    </Badge>
                  )}
                  {c.firstRegistrant && (
                    <Badge color="orange" variant="light" leftSection={<IconFlag size={12} aria-hidden />}>
                      {t('deals.conflicts.firstRegistrant')}
                    </Badge>
                  )}
                </Group>
              )}
              <Text size="sm" mt={4}>
                {[c.candidate.domains.join(', '), c.candidate.country ? f.country(c.candidate.country) : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {c.candidate.partner && (
                <Text size="sm">
                  {t('deals.partner')}: {c.candidate.partner.name}
                </Text>
              )}
              {c.candidate.owner && (
                <Text size="sm">
                  {t('deals.owner')}: {c.candidate.owner.name}
                </Text>
              )}
              {c.candidate.amount && (
                <Text size="sm">
                  {t('deals.total')}: {f.money(c.candidate.amount)}
                </Text>
              )}
              {c.candidate.registeredAt && (
                <Text size="sm">
                  {t('deals.submittedAt')}: {f.dateTime(c.candidate.registeredAt)}
                </Text>
              )}
              <Group gap={4} mt={4}>
                {c.reasons.map((r) => (
                  <Badge key={r.code} variant="outline" size="sm">
                    {t(MATCH_REASON_LABEL[r.code] ?? 'deals.reason.other')}
                    {r.value !== undefined ? ` ${Math.round(r.value * 100)}%` : ''}
                  </Badge>
                ))}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
