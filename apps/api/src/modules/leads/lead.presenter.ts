import {
  type Lead,
  type LeadAbilities,
  type LeadEvent,
  type LeadInboxAbilities,
  type LeadInboxItem,
  type LeadRoutingDecision,
  OPEN_LEAD_STATUSES,
} from '@trellis/contracts';
import type { Actor } from '../../platform/context';
import type { DecisionRow, EventRow, LeadRow, StoredSettings } from './lead.repo';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentLead(row: LeadRow, names: ReadonlyMap<string, string>, settings: StoredSettings): Lead {
  return {
    id: row.id,
    status: row.status,
    company: row.company,
    contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    country: row.country,
    region: row.region,
    territory: row.territory,
    language: row.language,
    productInterests: row.productInterests,
    companySize: row.companySize,
    source: row.source,
    notes: row.notes,
    metadata: row.metadata,
    partner: row.partnerId ? { id: row.partnerId, name: names.get(row.partnerId) ?? '' } : null,
    fallbackQueue:
      row.status === 'unassigned' && row.fallbackQueueId
        ? {
            id: row.fallbackQueueId,
            name: row.fallbackQueueId === settings.fallbackQueue.id ? settings.fallbackQueue.name : row.fallbackQueueId,
          }
        : null,
    assignedAt: iso(row.assignedAt),
    slaDueAt: row.status === 'offered' ? iso(row.slaDueAt) : null,
    acceptedAt: iso(row.acceptedAt),
    lostReason: row.lostReason,
    lostNote: row.lostNote,
    dealRegistrationId: row.dealRegistrationId,
    recallCount: row.recallCount,
    declinedCount: row.declinedPartnerIds.length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentEvent(e: EventRow): LeadEvent {
  return {
    id: e.id,
    type: e.type,
    partner: e.partnerId ? { id: e.partnerId, name: e.partnerName ?? '' } : null,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reasonCode: e.reasonCode,
    reason: e.reason,
    decisionId: e.decisionId,
    actor: e.actorId ? { id: e.actorId, name: e.actorName ?? '' } : null,
    occurredAt: e.occurredAt.toISOString(),
  };
}

/** A stored decision with names filled in for every partner it mentions. */
export function presentDecision(
  row: DecisionRow,
  decidedByName: string | null,
  names: ReadonlyMap<string, string>,
): LeadRoutingDecision {
  const x = row.explanation;
  const mentioned = new Set<string>();
  for (const c of x.candidates) mentioned.add(c.partnerId);
  if (row.partnerId) mentioned.add(row.partnerId);
  for (const id of x.tieBreak?.tiedPartnerIds ?? []) mentioned.add(id);
  return {
    id: row.id,
    leadId: row.leadId,
    trigger: row.trigger,
    decidedAt: row.decidedAt.toISOString(),
    decidedBy: row.decidedBy ? { id: row.decidedBy, name: decidedByName ?? '' } : null,
    engineVersion: x.engineVersion,
    outcome: x.outcome,
    partner: row.partnerId ? { id: row.partnerId, name: names.get(row.partnerId) ?? '' } : null,
    ruleId: x.ruleId,
    ruleName: x.ruleName,
    strategy: x.strategy,
    fallbackQueue: x.fallbackQueue,
    fallbackReason: x.fallbackReason,
    detail: x.detail,
    rules: x.rules,
    rulesOmitted: x.rulesOmitted,
    candidates: x.candidates,
    candidateCounts: x.candidateCounts,
    candidatesOmitted: x.candidatesOmitted,
    exclusionCounts: x.exclusionCounts,
    tieBreak: x.tieBreak,
    partnerNames: Object.fromEntries([...mentioned].map((id) => [id, names.get(id) ?? ''])),
  };
}

/** Partner ids a stored decision names (for the name lookup). */
export function decisionPartnerIds(row: DecisionRow): string[] {
  return [
    ...row.explanation.candidates.map((c) => c.partnerId),
    ...(row.partnerId ? [row.partnerId] : []),
    ...(row.explanation.tieBreak?.tiedPartnerIds ?? []),
  ];
}

const OPEN = new Set<string>(OPEN_LEAD_STATUSES);

export function leadAbilities(row: LeadRow, actor: Actor): LeadAbilities {
  const manage = actor.partnerId === null && actor.permissions.has('lead.manage');
  const waiting = row.status === 'new' || row.status === 'unassigned';
  return {
    edit: manage && row.status !== 'converted',
    route: manage && waiting,
    assign: manage && (waiting || OPEN.has(row.status)),
    recall: manage && OPEN.has(row.status) && row.partnerId !== null,
  };
}

export function inboxAbilities(row: LeadRow): LeadInboxAbilities {
  const setStatus: LeadInboxAbilities['setStatus'] = [];
  if (row.status === 'accepted') setStatus.push('contacted', 'qualified', 'lost');
  if (row.status === 'contacted') setStatus.push('qualified', 'lost');
  if (row.status === 'qualified') setStatus.push('lost');
  return {
    accept: row.status === 'offered',
    decline: row.status === 'offered',
    setStatus,
    convert: ['accepted', 'contacted', 'qualified'].includes(row.status),
  };
}

/** What a partner sees: no routing, no other partners; contact details only once accepted if the workspace says so. */
export function presentInboxItem(
  row: LeadRow,
  settings: Pick<StoredSettings, 'hideContactUntilAccepted'>,
): LeadInboxItem {
  const hidden = settings.hideContactUntilAccepted && row.status === 'offered';
  return {
    id: row.id,
    status: row.status,
    company: row.company,
    contact: hidden ? null : { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    contactHidden: hidden,
    country: row.country,
    region: row.region,
    territory: row.territory,
    language: row.language,
    productInterests: row.productInterests,
    companySize: row.companySize,
    notes: row.notes,
    offeredAt: iso(row.assignedAt),
    acceptBy: row.status === 'offered' ? iso(row.slaDueAt) : null,
    acceptedAt: iso(row.acceptedAt),
    lostReason: row.lostReason,
    dealRegistrationId: row.dealRegistrationId,
    abilities: inboxAbilities(row),
  };
}
