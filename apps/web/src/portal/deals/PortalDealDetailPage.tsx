import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { DealAttachments } from '../../features/deals/Attachments';
import { useDeal } from '../../features/deals/api';
import { DealActions } from '../../features/deals/DealActions';
import { DealOutcome } from '../../features/deals/DealOutcome';
import { DealSummary, ProtectionCountdown } from '../../features/deals/DealSummary';
import { DealHistory, DealStatusBadge } from '../../features/deals/labels';
import { useT } from '../../i18n/useT';
import { EditDealButton } from './EditDealButton';

const route = getRouteApi('/portal/deals/$dealId');

/** One registration: status with the last reason, the protection countdown, actions and the history. */
export function PortalDealDetailPage() {
  const t = useT();
  const { dealId } = route.useParams();
  const deal = useDeal(dealId);
  usePageTitle(deal.data?.customer.name);
  if (deal.isError) return <Alert color="red">{t('deals.notFound')}</Alert>;
  if (!deal.data) return <PageLoader />;
  const d = deal.data;
  return (
    <Stack gap="md">
      <AnchorLink to="/portal/deals" size="sm">
        ← {t('deals.mine.title')}
      </AnchorLink>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {d.customer.name}
        </Title>
        <DealStatusBadge status={d.status} />
      </Group>
      <DealOutcome deal={d} />
      {d.lastReason && !d.outcome && (
        <Alert color={d.status === 'rejected' ? 'red' : d.status === 'needs_info' ? 'orange' : 'blue'}>
          {t('deals.history.reason', { reason: d.lastReason })}
        </Alert>
      )}
      {d.conflictFlag !== 'none' && ['draft', 'submitted', 'needs_info'].includes(d.status) && (
        <Alert color="yellow">{t('deals.hint.body')}</Alert>
      )}
      <ProtectionCountdown deal={d} />
      <EditDealButton deal={d} />
      <DealActions deal={d} />
      <DealSummary deal={d} />
      <DealAttachments dealId={d.id} />
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="sm">
          {t('deals.history')}
        </Title>
        {d.transitions.length === 0 ? (
          <Text c="dimmed">{t('deals.history.empty')}</Text>
        ) : (
          <DealHistory transitions={d.transitions} />
        )}
      </Paper>
    </Stack>
  );
}
