import { Badge, Button, Stack, Text, Timeline } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type {
  Lead,
  LeadDecisionTrigger,
  LeadDeclineReason,
  LeadEvent,
  LeadEventType,
  LeadLostReason,
  LeadSource,
  LeadStatus,
} from '@trellis/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { SLA_COLOR, slaState } from './sla';

export const LEAD_STATUS_LABEL: Record<LeadStatus, MessageId> = {
  new: 'leads.status.new',
  unassigned: 'leads.status.unassigned',
  offered: 'leads.status.offered',
  accepted: 'leads.status.accepted',
  contacted: 'leads.status.contacted',
  qualified: 'leads.status.qualified',
  converted: 'leads.status.converted',
  lost: 'leads.status.lost',
};

const STATUS_COLOR: Record<LeadStatus, string> = {
  new: 'gray',
  unassigned: 'yellow',
  offered: 'blue',
  accepted: 'cyan',
  contacted: 'indigo',
  qualified: 'violet',
  converted: 'teal',
  lost: 'dark',
};

export const LEAD_SOURCE_LABEL: Record<LeadSource, MessageId> = {
  console: 'leads.source.console',
  api: 'leads.source.api',
  import: 'leads.source.import',
  web_form: 'leads.source.web_form',
};

export const LOST_REASON_LABEL: Record<LeadLostReason, MessageId> = {
  no_response: 'leads.lostReason.no_response',
  not_interested: 'leads.lostReason.not_interested',
  no_budget: 'leads.lostReason.no_budget',
  competitor: 'leads.lostReason.competitor',
  bad_fit: 'leads.lostReason.bad_fit',
  duplicate: 'leads.lostReason.duplicate',
  spam: 'leads.lostReason.spam',
  other: 'leads.lostReason.other',
};

export const DECLINE_REASON_LABEL: Record<LeadDeclineReason, MessageId> = {
  outside_territory: 'leads.declineReason.outside_territory',
  no_capacity: 'leads.declineReason.no_capacity',
  not_a_fit: 'leads.declineReason.not_a_fit',
  existing_relationship: 'leads.declineReason.existing_relationship',
  spam: 'leads.declineReason.spam',
  other: 'leads.declineReason.other',
};

export const EVENT_LABEL: Record<LeadEventType, MessageId> = {
  created: 'leads.event.created',
  routed: 'leads.event.routed',
  fallback: 'leads.event.fallback',
  assigned: 'leads.event.assigned',
  reassigned: 'leads.event.reassigned',
  recalled: 'leads.event.recalled',
  declined: 'leads.event.declined',
  accepted: 'leads.event.accepted',
  status_changed: 'leads.event.status_changed',
  converted: 'leads.event.converted',
  sla_reminder: 'leads.event.sla_reminder',
  updated: 'leads.event.updated',
};

export const TRIGGER_LABEL: Record<LeadDecisionTrigger, MessageId> = {
  create: 'leads.trigger.create',
  route: 'leads.trigger.route',
  bulk: 'leads.trigger.bulk',
  decline: 'leads.trigger.decline',
  recall: 'leads.trigger.recall',
  web_form: 'leads.trigger.web_form',
  import: 'leads.trigger.import',
};

/**
 * A reason code of an event in the reader's language: where a lead came from (created), what set routing off
 * (routed, fallback), a decline, lost or recall reason. Unknown codes: null (shown as they are).
 */
export function reasonCodeLabel(code: string, type?: LeadEventType): MessageId | null {
  if (type === 'created' && code in LEAD_SOURCE_LABEL) return LEAD_SOURCE_LABEL[code as LeadSource];
  if ((type === 'routed' || type === 'fallback') && code in TRIGGER_LABEL) {
    return TRIGGER_LABEL[code as LeadDecisionTrigger];
  }
  if (code in DECLINE_REASON_LABEL) return DECLINE_REASON_LABEL[code as LeadDeclineReason];
  if (code in LOST_REASON_LABEL) return LOST_REASON_LABEL[code as LeadLostReason];
  if (code === 'sla_expired') return 'leads.reasonCode.sla_expired';
  if (code === 'manual') return 'leads.reasonCode.manual';
  return null;
}

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  const t = useT();
  return (
    // A tinted badge with near-black text: every status keeps a 4.5:1 contrast, also on a hovered row (WCAG 1.4.3).
    <Badge color={STATUS_COLOR[status]} c="dark.8" variant="light" style={{ flexShrink: 0 }}>
      {t(LEAD_STATUS_LABEL[status])}
    </Badge>
  );
}

/** Re-renders every 30 s so a countdown moves while the page is open. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Time left to accept an offer ("Accept within 47 h 30 min"), with the deadline in the reader's time zone. */
export function SlaCountdown({
  dueAt,
  reminderHours,
  withDeadline = false,
}: {
  dueAt: string;
  reminderHours?: number;
  withDeadline?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const state = slaState(dueAt, useNow(), reminderHours);
  const text = state.overdue
    ? t('leads.sla.overdue')
    : t('leads.sla.left', { hours: state.hours, minutes: state.minutes });
  return (
    <Stack gap={0} data-testid="sla-countdown">
      <Badge
        color={SLA_COLOR[state.tone]}
        c="dark.8"
        variant={state.tone === 'ok' ? 'light' : 'outline'}
        leftSection={<IconClockHour4 size={12} aria-hidden />}
        style={{ textTransform: 'none' }}
        title={t('leads.sla.deadline', { date: f.dateTime(dueAt) })}
      >
        {text}
      </Badge>
      {withDeadline && (
        <Text size="xs" c="dimmed">
          {t('leads.sla.deadline', { date: f.dateTime(dueAt) })}
        </Text>
      )}
    </Stack>
  );
}

/** Every hop of a lead: what happened, to which partner, who did it, why and when. */
export function LeadHistory({
  events,
  onExplain,
}: {
  events: LeadEvent[];
  /** Console only: open the routing decision behind a routed / fallback hop. */
  onExplain?: (decisionId: string) => void;
}) {
  const t = useT();
  const f = useFormat();
  if (events.length === 0) return <Text c="dimmed">{t('leads.history.empty')}</Text>;
  // Newest first; hops at the same instant keep their order (created before routed), reversed with the rest.
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.occurredAt.localeCompare(a.e.occurredAt) || b.i - a.i)
    .map(({ e }) => e);
  return (
    <Timeline bulletSize={14} lineWidth={2} active={sorted.length}>
      {sorted.map((e) => {
        const code = e.reasonCode ? reasonCodeLabel(e.reasonCode, e.type) : null;
        return (
          <Timeline.Item key={e.id} title={t(EVENT_LABEL[e.type])}>
            <Stack gap={2}>
              {e.partner && <Text size="sm">{t('leads.history.partner', { partner: e.partner.name })}</Text>}
              {e.toStatus && (
                <Text size="sm">
                  {e.fromStatus ? `${t(LEAD_STATUS_LABEL[e.fromStatus])} → ` : ''}
                  {t(LEAD_STATUS_LABEL[e.toStatus])}
                </Text>
              )}
              {(code || e.reasonCode || e.reason) && (
                <Text size="sm" fs="italic">
                  {t('leads.history.reason', {
                    reason: [code ? t(code) : e.reasonCode, e.reason].filter(Boolean).join(' — '),
                  })}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {e.actor ? `${e.actor.name} · ` : `${t('leads.history.system')} · `}
                {f.dateTime(e.occurredAt)}
              </Text>
              {onExplain && e.decisionId && (
                <Button
                  variant="subtle"
                  size="compact-xs"
                  w="fit-content"
                  onClick={() => e.decisionId && onExplain(e.decisionId)}
                >
                  {t('leads.history.why')}
                </Button>
              )}
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** One labelled value of a lead (console and portal detail): the label small and dimmed, long values wrapped. */
export function LeadField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** The facts routing reads of a lead (console and portal detail), as LeadFields. */
export function LeadRoutingFacts({
  lead,
}: {
  lead: Pick<Lead, 'country' | 'region' | 'territory' | 'language' | 'companySize' | 'productInterests'>;
}) {
  const t = useT();
  const f = useFormat();
  return (
    <>
      <LeadField label={t('leads.field.country')}>{lead.country ? f.country(lead.country) : '—'}</LeadField>
      <LeadField label={t('leads.field.region')}>{lead.region ?? '—'}</LeadField>
      <LeadField label={t('leads.field.territory')}>{lead.territory ?? '—'}</LeadField>
      <LeadField label={t('leads.field.language')}>{lead.language ?? '—'}</LeadField>
      <LeadField label={t('leads.field.companySize')}>
        {lead.companySize === null ? '—' : f.number(lead.companySize)}
      </LeadField>
      <LeadField label={t('leads.field.productInterests')}>{lead.productInterests.join(', ') || '—'}</LeadField>
    </>
  );
}
