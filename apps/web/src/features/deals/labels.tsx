import { Badge, Stack, Text, Timeline } from '@mantine/core';
import type { DealAction, DealLostReason, DealStatus, DealTransition } from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

export const DEAL_STATUS_LABEL: Record<DealStatus, MessageId> = {
  draft: 'deals.status.draft',
  submitted: 'deals.status.submitted',
  needs_info: 'deals.status.needs_info',
  approved: 'deals.status.approved',
  rejected: 'deals.status.rejected',
  withdrawn: 'deals.status.withdrawn',
  won: 'deals.status.won',
  lost: 'deals.status.lost',
  expired: 'deals.status.expired',
};

const STATUS_COLOR: Record<DealStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  needs_info: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  won: 'teal',
  lost: 'dark',
  expired: 'gray',
};

export const DEAL_ACTION_LABEL: Record<DealAction, MessageId> = {
  submit: 'deals.action.submit',
  withdraw: 'deals.action.withdraw',
  request_info: 'deals.action.request_info',
  approve: 'deals.action.approve',
  reject: 'deals.action.reject',
  mark_won: 'deals.action.mark_won',
  mark_lost: 'deals.action.mark_lost',
  expire: 'deals.action.expire',
  extend: 'deals.action.extend',
};

export const MATCH_REASON_LABEL: Record<string, MessageId> = {
  same_domain: 'deals.reason.same_domain',
  same_name: 'deals.reason.same_name',
  similar_name: 'deals.reason.similar_name',
  same_country: 'deals.reason.same_country',
  same_address: 'deals.reason.same_address',
};

export const LOST_REASON_LABEL: Record<DealLostReason, MessageId> = {
  price: 'deals.lostReason.price',
  competitor: 'deals.lostReason.competitor',
  no_budget: 'deals.lostReason.no_budget',
  no_decision: 'deals.lostReason.no_decision',
  timing: 'deals.lostReason.timing',
  partner_gap: 'deals.lostReason.partner_gap',
  other: 'deals.lostReason.other',
};

export function DealStatusBadge({ status }: { status: DealStatus }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(DEAL_STATUS_LABEL[status])}
    </Badge>
  );
}

/** Every transition with its actor, time and reason; the partner always sees the reason. */
export function DealHistory({ transitions }: { transitions: DealTransition[] }) {
  const t = useT();
  const f = useFormat();
  return (
    <Timeline bulletSize={14} lineWidth={2} active={transitions.length}>
      {[...transitions].reverse().map((tr) => (
        <Timeline.Item key={tr.id} title={t(DEAL_ACTION_LABEL[tr.action])}>
          <Stack gap={2}>
            <Text size="sm">
              {tr.from ? `${t(DEAL_STATUS_LABEL[tr.from])} → ` : ''}
              {t(DEAL_STATUS_LABEL[tr.to])}
            </Text>
            {tr.reason && (
              <Text size="sm" fs="italic">
                {t('deals.history.reason', { reason: tr.reason })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {tr.actor ? `${tr.actor.name} · ` : `${t('deals.history.system')} · `}
              {f.dateTime(tr.occurredAt)}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
