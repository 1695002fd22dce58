import type { DealAction, DealRegistrationDetail, DealSettings, DealStatus, DealTransition } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import { rawQuery } from '../../../db/prepared';
import { inScope, readInScope } from '../../../db/scope';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, invalidState, notFound, validationFailed } from '../../../platform/errors';
import { findConflicts, type RankedConflict, topBand } from '../deal.conflicts';
import {
  autoApprovalProblem,
  dealTotals,
  KEYED_STATES,
  namedAccountIssue,
  protectionEnd,
  registeredEarlier,
  submitIssues,
} from '../deal.policy';
import { presentDealDetail, presentTransition } from '../deal.presenter';
import { type DealViewRow, submitFacts } from '../deal.repo';
import { blockingKeys, type PreparedRecord } from '../matching/index';
import { type AlertSpec, assertTransition, DEAL_ALERTS_JOB, DEAL_TIMERS_JOB } from './registration-changes';

const HOUR = 3_600_000;

/**
 * The conflict check of a submit, refusing it (422, nothing written) when a named account is in the conflict
 * band — C4 rules of engagement. The message names the rule, never the account, its owner or amounts.
 * Returns the workspace's deal settings with the candidates (they travel in the same statement).
 */
export async function checkConflicts(
  services: Pick<Services, 'db'>,
  workspaceId: string,
  profile: PreparedRecord,
  exclude: { registrationId?: string; partnerId: string },
) {
  const check = await findConflicts(services.db, workspaceId, profile, exclude);
  const named = namedAccountIssue(check.ranked);
  if (named) throw validationFailed([named]);
  return check;
}

type SubmitApplyResult =
  | { state: 'ok'; events: (Omit<Parameters<typeof presentTransition>[0], 'occurredAt'> & { occurredAt: string })[] }
  | { state: 'changed'; status: DealStatus }
  | { state: 'missing' };

/** Write passes of a submit: the check, one re-check when another submit of the customer got in first, then review. */
const SUBMIT_PASSES = 3;
const CONTENDED_REASON = 'another registration of this customer was submitted at the same moment';

type SubmitFacts = NonNullable<Awaited<ReturnType<typeof submitFacts>>>;
type SubmitPlan = ReturnType<typeof planSubmit>;

/**
 * What a submit writes, from its facts and one conflict check: the approval decision (C4 rules, first-come
 * on the submission instant), the conflict rows, history, timeline, audit, timers and alerts, as the one
 * deal_submit_apply payload. `contended`: the customer kept changing under the check — never auto-approve.
 */
function planSubmit(
  ctx: Ctx,
  { row, partner, ws }: SubmitFacts,
  { ranked, settings }: { ranked: RankedConflict[]; settings: DealSettings },
  keys: string[],
  contended: boolean,
) {
  const id = row.id;
  const partnerId = row.partnerId;
  const workspaceId = ctx.actor.workspaceId;
  const conflicts = ranked.filter((r) => r.band === 'conflict');
  // C4 first-come: the submission instant (UTC) decides; a resubmit after needs_info keeps the first one.
  const subject = { id, partnerId, firstSubmittedAt: row.firstSubmittedAt ?? ctx.now };
  const earlierRegistrant = conflicts.some(
    (c) =>
      c.detail.kind === 'registration' &&
      registeredEarlier(
        {
          id: c.detail.id,
          partnerId: c.detail.partnerId,
          firstSubmittedAt: c.detail.registeredAt,
          status: c.detail.status,
        },
        subject,
      ),
  );
  const band = topBand(ranked);
  const refusal = contended
    ? CONTENDED_REASON
    : autoApprovalProblem(settings, {
        earlierRegistrant,
        topBand: band,
        tierRank: partner.tierRank,
        totals: dealTotals(row.products),
        baseCurrency: ws.baseCurrency,
      });

  const approved = refusal === null;
  const protectionDays = partner.tierBenefits?.dealProtectionDays ?? settings.defaultProtectionDays;
  const protectedUntil = approved ? protectionEnd(ctx.now, protectionDays) : null;
  const checkId = uuidv7();
  const lastReason = `approved automatically (${protectionDays} days of protection)`;
  const set: Record<string, unknown> = {
    status: approved ? 'approved' : 'submitted',
    conflict_check_id: checkId,
    conflict_flag: band,
    ...(approved && protectedUntil
      ? { auto_approved: true, decided_at: ctx.now, protected_until: protectedUntil, last_reason: lastReason }
      : {}),
  };

  // The history (actor, time, reason) and the partner journey, as recordTransition writes them.
  const events: {
    action: DealAction;
    from: DealStatus | null;
    to: DealStatus;
    actor: string | null;
    reason: string | null;
  }[] = [{ action: 'submit', from: row.status, to: 'submitted', actor: ctx.actor.userId, reason: null }];
  if (approved) {
    events.push({
      action: 'approve',
      from: 'submitted',
      to: 'approved',
      actor: null,
      reason: 'approved automatically by the rules',
    });
  }
  const auditRows = [
    auditRow(
      ctx,
      'deal.submitted',
      id,
      { status: row.status },
      {
        status: 'submitted',
        conflictFlag: band,
        candidates: ranked.length,
      },
    ),
    ...(approved && protectedUntil
      ? [
          auditRow(ctx, 'deal.approved', id, null, {
            status: 'approved',
            automatic: true,
            protectedUntil: protectedUntil.toISOString(),
          }),
        ]
      : []),
  ];
  const timers =
    approved && protectedUntil
      ? [protectedUntil]
      : [
          new Date(ctx.now.getTime() + settings.reviewReminderHours * HOUR),
          new Date(ctx.now.getTime() + 2 * settings.reviewReminderHours * HOUR),
        ];
  const alerts = submitAlerts(row, partner, refusal, approved, conflicts, ctx.now);
  const jobRows = [
    ...timers.map((at) => ({
      id: uuidv7(),
      type: DEAL_TIMERS_JOB,
      payload: { workspaceId },
      run_at: at,
      max_attempts: 5,
    })),
    ...(alerts.length > 0
      ? [{ id: uuidv7(), type: DEAL_ALERTS_JOB, payload: { workspaceId, alerts }, run_at: new Date(), max_attempts: 5 }]
      : []),
  ];
  const payload = {
    workspace_id: workspaceId,
    registration_id: id,
    partner_id: partnerId,
    now: ctx.now,
    seen_status: row.status,
    seen_updated_at: row.updatedAt,
    set,
    keys,
    conflicts: ranked.map((r) => ({
      id: uuidv7(),
      source_kind: r.detail.kind,
      source_id: r.detail.id,
      score: r.score,
      band: r.band,
      reasons: r.reasons,
    })),
    events: events.map((e) => ({
      id: uuidv7(),
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_user_id: e.actor,
      reason: e.reason,
    })),
    partner_events: events.map((e) => ({
      id: uuidv7(),
      type: `deal.${e.action}`,
      actor_user_id: e.actor,
      data: {
        registrationId: id,
        customer: row.customerName,
        from: e.from,
        to: e.to,
        ...(e.reason ? { reason: e.reason } : {}),
      },
    })),
    audit: auditRows,
    jobs: jobRows,
  };
  return { approved, band, checkId, protectedUntil, lastReason, settings, payload };
}

/**
 * C4 submit: conflict check against accounts, open opportunities and other partners' active
 * registrations; the approval rules decide between auto-approval and the owner's review queue; both
 * owners of a channel conflict are told. Reads and writes (about 6 round trips; there were ~30):
 *   1. the partner's own registration, company and workspace in one prepared statement on the scoped read
 *      pool — state and completeness, 409/422 before anything else;
 *   2. candidates and the program's settings in one vendor-scoped statement (deal.conflicts.ts), and the
 *      details of those that rank;
 *   3. one write transaction in the partner's scope holding ONE statement, deal_submit_apply (migration
 *      0011): the state change guarded by the state and version seen in 1 (nothing is written if the
 *      registration changed meanwhile), conflicts, match keys, history, timeline, audit and the outbox
 *      jobs; it returns the history, so the answer is built without reading the registration again. The same
 *      statement first runs deal_submit_guard (migration 0014): advisory locks on the identity keys serialise
 *      submits of one customer, and a registration the check did not see sends the submit back to step 2 once.
 * The alerts (review request, channel conflict: in-app and e-mail) go to the deal.alerts outbox job,
 * written in that same transaction and run after commit.
 */
export async function submitRegistration(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  id: string,
): Promise<DealRegistrationDetail> {
  const partnerId = ctx.actor.partnerId;
  if (!partnerId) throw forbidden('only the registering partner submits a registration');
  const workspaceId = ctx.actor.workspaceId;
  const facts = await readInScope(services.db, scopeOf(ctx.actor), (tx) => submitFacts(tx, ctx.actor, id));
  if (!facts) throw notFound('deal registration');
  const { row } = facts;
  assertTransition(row, 'submitted');
  const issues = submitIssues(row, ctx.now);
  if (issues.length > 0) throw validationFailed(issues);
  const keys = blockingKeys(row.matchProfile);
  // C4, simultaneous submits of one customer: the write takes a lock per identity key and re-checks that no
  // other partner's registration appeared since the check (deal_submit_guard, migration 0014). When one
  // did, nothing was written: check again, once; if the customer is still contended, the registration goes
  // to the owner's review instead of being approved on a check that may be stale.
  let plan: SubmitPlan | undefined;
  let result: SubmitApplyResult | undefined;
  for (let pass = 0; pass < SUBMIT_PASSES && !result; pass++) {
    const check = await checkConflicts(services, workspaceId, row.matchProfile, { registrationId: id, partnerId });
    const contended = pass === SUBMIT_PASSES - 1 && pass > 0;
    plan = planSubmit(ctx, facts, check, keys, contended);
    const payload = plan.payload;
    const out = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
      const [o] = await rawQuery<{ fresh: number; r: SubmitApplyResult | null }>(
        tx,
        'deal_submit_guarded',
        `SELECT g.fresh, CASE WHEN g.fresh = 0 OR $5::boolean THEN deal_submit_apply($1::jsonb) END AS r
           FROM deal_submit_guard($2::text[], $3::uuid, $4::uuid[], $6::deal_status[]) AS g(fresh)`,
        [JSON.stringify(payload), keys, id, check.seen, contended, KEYED_STATES],
      );
      return o;
    });
    if (!out) throw notFound('deal registration');
    result = out.r ?? undefined;
  }
  if (!plan) throw notFound('deal registration');
  const { approved, band, checkId, protectedUntil, lastReason, settings } = plan;
  if (!result || result.state === 'missing') throw notFound('deal registration');
  if (result.state === 'changed') {
    throw invalidState(`the registration changed while it was checked (now ${result.status}); submit again`, {
      status: result.status,
    });
  }
  services.jobs.wake();
  const after: DealViewRow = {
    ...row,
    status: approved ? 'approved' : 'submitted',
    submittedAt: ctx.now,
    firstSubmittedAt: row.firstSubmittedAt ?? ctx.now,
    conflictCheckId: checkId,
    conflictFlag: band,
    reviewRemindedAt: null,
    reviewEscalatedAt: null,
    ...(approved && protectedUntil
      ? { autoApproved: true, decidedAt: ctx.now, decidedBy: null, protectedUntil, lastReason }
      : {}),
    updatedAt: ctx.now,
  };
  const transitions: DealTransition[] = result.events.map((e) =>
    presentTransition({ ...e, occurredAt: new Date(e.occurredAt) }),
  );
  // Only the registering partner submits, and partners never see the conflicts (C4): null.
  return presentDealDetail(after, ctx.actor, settings, transitions, null);
}

function auditRow(ctx: Ctx, action: string, targetId: string, before: unknown, after: unknown) {
  return {
    id: uuidv7(),
    actor_user_id: ctx.actor.userId,
    action,
    target_type: 'deal_registration',
    target_id: targetId,
    before,
    after,
    request_id: ctx.requestId,
    ip: ctx.ip,
  };
}

/** Who is told what after a submit (C4): the review request, and both owners of each channel conflict. */
function submitAlerts(
  row: DealViewRow,
  partner: { name: string; ownerUserId: string | null },
  refusal: string | null,
  approved: boolean,
  conflicts: readonly RankedConflict[],
  at: Date,
): AlertSpec[] {
  // The partner's owner reviews; without one, the workspace's admins.
  const reviewers = partner.ownerUserId ? [partner.ownerUserId] : [];
  const out: AlertSpec[] = [];
  if (!approved) {
    out.push({
      userIds: reviewers,
      admins: reviewers.length === 0,
      audience: 'vendor',
      type: 'deal.review_requested',
      data: { registrationId: row.id, customer: row.customerName, partner: partner.name, reason: refusal },
      at: at.toISOString(),
    });
  }
  // C4 channel-conflict alert: both owners — the registering partner's and the other side's.
  for (const c of conflicts) {
    const otherOwner = c.detail.ownerUserId;
    out.push({
      userIds: [...reviewers, ...(otherOwner ? [otherOwner] : [])],
      admins: reviewers.length === 0 || !otherOwner,
      audience: 'vendor',
      type: 'deal.channel_conflict',
      data: {
        registrationId: row.id,
        customer: row.customerName,
        partner: partner.name,
        conflictKind: c.detail.kind,
        conflictId: c.detail.id,
        score: c.score,
      },
      template: 'deal_conflict',
      params: { customer: row.customerName, partner: partner.name, other: c.detail.partnerName ?? c.detail.kind },
      at: at.toISOString(),
    });
  }
  return out;
}
