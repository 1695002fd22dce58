import { Alert, Text } from '@mantine/core';
import type { DealRegistration } from '@trellis/contracts';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { DEAL_STATUS_LABEL, LOST_REASON_LABEL } from './labels';

/** C4: who closed a won / lost registration — the partner or the vendor — when, and why. */
export function DealOutcome({ deal }: { deal: Pick<DealRegistration, 'outcome' | 'updatedAt'> }) {
  const t = useT();
  const f = useFormat();
  const o = deal.outcome;
  if (!o) return null;
  const date = f.dateTime(o.closedAt ?? deal.updatedAt);
  const person = o.closedBy?.name ?? t('deals.history.system');
  const who =
    o.closedBySide === 'vendor'
      ? t('deals.outcome.byVendor', { person, date })
      : o.closedBySide === 'partner'
        ? t('deals.outcome.byPartner', { person, date })
        : t('deals.outcome.closed', { date });
  return (
    <Alert
      color={o.outcome === 'won' ? 'teal' : 'gray'}
      title={t(DEAL_STATUS_LABEL[o.outcome])}
      data-testid="deal-outcome"
    >
      <Text size="sm">{who}</Text>
      {o.reasonCode && (
        <Text size="sm" fw={600}>
          {t('deals.outcome.reasonCode', { reason: t(LOST_REASON_LABEL[o.reasonCode]) })}
        </Text>
      )}
      {o.reason && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {t('deals.history.reason', { reason: o.reason })}
        </Text>
      )}
    </Alert>
  );
}
