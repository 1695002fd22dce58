import type {
  DealConflict,
  DealOutcomeInfo,
  DealRegistration,
  DealRegistrationDetail,
  DealSettings,
  DealTransition,
} from '@trellis/contracts';
import type { Actor } from '../../platform/context';
import { dealAbilities, dealTotals, registeredEarlier } from './deal.policy';
import type { CandidateDetail, DealViewRow } from './deal.repo';
import type { MatchReason } from './matching/index';

const summary = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

/** Who closed a won / lost registration and why (C4: the partner sees it, whichever side closed it). */
function outcomeOf(r: DealViewRow): DealOutcomeInfo | null {
  if (r.status !== 'won' && r.status !== 'lost') return null;
  return {
    outcome: r.status,
    reasonCode: r.status === 'lost' ? (r.outcomeReasonCode ?? null) : null,
    reason: r.lastReason,
    closedBySide: r.closedBySide ?? null,
    closedBy: summary(r.closedBy, r.closedByName),
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

export function presentDeal(r: DealViewRow): DealRegistration {
  return {
    id: r.id,
    partner: { id: r.partnerId, name: r.partnerName },
    status: r.status,
    customer: {
      name: r.customerName,
      domain: r.customerDomain,
      country: r.customerCountry,
      address: r.customerAddress,
    },
    contact: r.contact,
    products: r.products,
    totals: dealTotals(r.products),
    expectedCloseDate: r.expectedCloseDate,
    notes: r.notes,
    lastReason: r.lastReason,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    protectedUntil: r.protectedUntil?.toISOString() ?? null,
    extensionCount: r.extensionCount,
    extensionRequested: r.extensionRequestedAt !== null,
    conflictFlag: r.conflictFlag,
    autoApproved: r.autoApproved,
    outcome: outcomeOf(r),
    createdBy: summary(r.createdBy, r.createdByName),
    metadata: r.metadata,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** C4 first-come: whether an earlier registrant in the conflict band blocks approving this one. */
export const firstComeBlocks = (settings: Pick<DealSettings, 'protection'>, conflicts: readonly DealConflict[]) =>
  settings.protection === 'first_come' && conflicts.some((c) => c.firstRegistrant);

export function presentDealDetail(
  r: DealViewRow,
  actor: Actor,
  settings: DealSettings,
  transitions: DealTransition[],
  conflicts: DealConflict[] | null,
): DealRegistrationDetail {
  return {
    ...presentDeal(r),
    transitions,
    abilities: dealAbilities(actor, r, settings, firstComeBlocks(settings, conflicts ?? [])),
    // Conflicts name other parties and amounts: vendor staff only (C4).
    conflicts: actor.partnerId === null ? conflicts : null,
  };
}

export function presentTransition(e: {
  id: string;
  action: DealTransition['action'];
  fromStatus: DealTransition['from'];
  toStatus: DealTransition['to'];
  reason: string | null;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
}): DealTransition {
  return {
    id: e.id,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    actor: summary(e.actorId, e.actorName),
    reason: e.reason,
    occurredAt: e.occurredAt.toISOString(),
  };
}

/** One candidate of `subject`'s latest check; `firstRegistrant` marks another partner who registered first. */
export function presentConflict(
  c: { id: string; score: number; band: 'conflict' | 'hint'; reasons: MatchReason[]; detectedAt: Date },
  d: CandidateDetail,
  subject: { id: string; partnerId: string; firstSubmittedAt: Date | null },
): DealConflict {
  return {
    id: c.id,
    kind: d.kind,
    sourceId: d.id,
    score: c.score,
    band: c.band,
    reasons: c.reasons,
    candidate: {
      name: d.name,
      domains: d.domains,
      country: d.country,
      address: d.address,
      status: d.status,
      namedAccount: d.namedAccount,
      partner: summary(d.partnerId, d.partnerName),
      owner: summary(d.ownerUserId, d.ownerName),
      amount: d.amount,
      registeredAt: d.registeredAt?.toISOString() ?? null,
    },
    firstRegistrant:
      c.band === 'conflict' &&
      d.kind === 'registration' &&
      registeredEarlier(
        { id: d.id, partnerId: d.partnerId, firstSubmittedAt: d.registeredAt, status: d.status },
        subject,
      ),
    detectedAt: c.detectedAt.toISOString(),
  };
}

/** What the audit log records of a registration. */
export const dealSnapshot = (r: Omit<DealViewRow, 'partnerName' | 'createdByName' | 'closedByName'>) => ({
  status: r.status,
  customerName: r.customerName,
  customerDomain: r.customerDomain,
  customerCountry: r.customerCountry,
  customerAddress: r.customerAddress,
  contact: r.contact,
  products: r.products,
  expectedCloseDate: r.expectedCloseDate,
  notes: r.notes,
  protectedUntil: r.protectedUntil?.toISOString() ?? null,
  metadata: r.metadata,
});
