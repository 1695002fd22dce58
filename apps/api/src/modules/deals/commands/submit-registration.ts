import type { DealRegistrationDetail, DealSettings } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { audit } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, invalidState, notFound, validationFailed } from '../../../platform/errors';
import { findConflicts, type RankedConflict, topBand } from '../deal.conflicts';
import {
  autoApprovalProblem,
  dealTotals,
  namedAccountIssue,
  protectionEnd,
  registeredEarlier,
  submitIssues,
} from '../deal.policy';
import {
  findDeal,
  insertConflicts,
  partnerFacts,
  readDealSettings,
  updateDealRow,
  workspaceAdmins,
  workspaceFacts,
} from '../deal.repo';
import { loadDetail } from '../deal.service';
import { replaceMatchKeys } from '../match-keys.repo';
import type { PreparedRecord } from '../matching/index';
import { alertPeople, assertTransition, ctxFacts, recordTransition, scheduleTimers } from './registration-changes';

const HOUR = 3_600_000;

/**
 * The conflict check of a submit, refusing it (422, nothing written) when a named account is in the conflict
 * band — C4 rules of engagement. The message names the rule, never the account, its owner or amounts.
 */
export async function checkConflicts(
  services: Pick<Services, 'db'>,
  workspaceId: string,
  profile: PreparedRecord,
  exclude: { registrationId?: string; partnerId: string },
  settings: Pick<DealSettings, 'conflictThreshold' | 'hintThreshold'>,
): Promise<RankedConflict[]> {
  const ranked = await findConflicts(services.db, workspaceId, profile, exclude, settings);
  const named = namedAccountIssue(ranked);
  if (named) throw validationFailed([named]);
  return ranked;
}

/**
 * C4 submit: conflict check against accounts, open opportunities and other partners' active
 * registrations; the approval rules decide between auto-approval and the owner's review queue; both
 * owners of a channel conflict are told. Reads and writes:
 *   1. the partner's own registration (its scope) — state and completeness, 409/422 before anything else;
 *   2. candidates, in the vendor-scoped read of deal.conflicts.ts;
 *   3. one write transaction in the partner's scope that re-checks the state it saw in 1.
 */
export async function submitRegistration(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  id: string,
): Promise<DealRegistrationDetail> {
  const partnerId = ctx.actor.partnerId;
  if (!partnerId) throw forbidden('only the registering partner submits a registration');
  const workspaceId = ctx.actor.workspaceId;
  const seen = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findDeal(tx, ctx.actor, id);
    if (!row) throw notFound('deal registration');
    assertTransition(row, 'submitted');
    const issues = submitIssues(row, ctx.now);
    if (issues.length > 0) throw validationFailed(issues);
    const settings = await readDealSettings(tx, workspaceId);
    const partner = await partnerFacts(tx, workspaceId, partnerId);
    const ws = await workspaceFacts(tx, workspaceId);
    if (!partner || !ws) throw notFound('partner');
    return { row, settings, partner, ws };
  });
  const { row, settings, partner, ws } = seen;
  const ranked = await checkConflicts(
    services,
    workspaceId,
    row.matchProfile,
    { registrationId: id, partnerId },
    settings,
  );
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
  const admins = await inScope(services.db, { workspaceId, userId: null, partnerId: null, kind: 'vendor' }, (tx) =>
    workspaceAdmins(tx, workspaceId),
  );
  const band = topBand(ranked);
  const refusal = autoApprovalProblem(settings, {
    earlierRegistrant,
    topBand: band,
    tierRank: partner.tierRank,
    totals: dealTotals(row.products),
    baseCurrency: ws.baseCurrency,
  });

  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const current = await findDeal(tx, ctx.actor, id, { lock: true });
    if (!current) throw notFound('deal registration');
    if (current.status !== row.status || current.updatedAt.getTime() !== row.updatedAt.getTime()) {
      throw invalidState(`the registration changed while it was checked (now ${current.status}); submit again`, {
        status: current.status,
      });
    }
    const checkId = uuidv7();
    await insertConflicts(
      tx,
      ranked.map((r) => ({
        id: uuidv7(),
        workspaceId,
        registrationId: id,
        partnerId,
        checkId,
        sourceKind: r.detail.kind,
        sourceId: r.detail.id,
        score: r.score,
        band: r.band,
        reasons: r.reasons,
        detectedAt: ctx.now,
      })),
    );
    const approved = refusal === null;
    const protectionDays = partner.tierBenefits?.dealProtectionDays ?? settings.defaultProtectionDays;
    const protectedUntil = approved ? protectionEnd(ctx.now, protectionDays) : null;
    await updateDealRow(tx, ctx.actor, id, {
      status: approved ? 'approved' : 'submitted',
      submittedAt: ctx.now,
      firstSubmittedAt: current.firstSubmittedAt ?? ctx.now,
      conflictCheckId: checkId,
      conflictFlag: band,
      reviewRemindedAt: null,
      reviewEscalatedAt: null,
      ...(approved
        ? {
            autoApproved: true,
            decidedAt: ctx.now,
            decidedBy: null,
            protectedUntil,
            lastReason: `approved automatically (${protectionDays} days of protection)`,
          }
        : {}),
      updatedAt: ctx.now,
    });
    await replaceMatchKeys(tx, { workspaceId, kind: 'registration', id, partnerId }, row.matchProfile);
    await recordTransition(tx, ctxFacts(ctx), row, 'submit', row.status, 'submitted', null);
    await audit(tx, ctx, {
      action: 'deal.submitted',
      targetType: 'deal_registration',
      targetId: id,
      before: { status: row.status },
      after: { status: 'submitted', conflictFlag: band, candidates: ranked.length },
    });
    const reviewers = partner.ownerUserId ? [partner.ownerUserId] : admins;
    if (approved && protectedUntil) {
      const system = { workspaceId, userId: null, now: ctx.now };
      await recordTransition(
        tx,
        system,
        row,
        'approve',
        'submitted',
        'approved',
        'approved automatically by the rules',
      );
      await audit(tx, ctx, {
        action: 'deal.approved',
        targetType: 'deal_registration',
        targetId: id,
        after: { status: 'approved', automatic: true, protectedUntil: protectedUntil.toISOString() },
      });
      await scheduleTimers(tx, workspaceId, protectedUntil);
    } else {
      await alertPeople(tx, workspaceId, reviewers, {
        type: 'deal.review_requested',
        data: { registrationId: id, customer: row.customerName, partner: partner.name, reason: refusal },
        at: ctx.now,
      });
      await scheduleTimers(tx, workspaceId, new Date(ctx.now.getTime() + settings.reviewReminderHours * HOUR));
      await scheduleTimers(tx, workspaceId, new Date(ctx.now.getTime() + 2 * settings.reviewReminderHours * HOUR));
    }
    // C4 channel-conflict alert: both owners — the registering partner's and the other side's.
    for (const c of conflicts) {
      const otherOwner = c.detail.ownerUserId;
      await alertPeople(tx, workspaceId, [...reviewers, ...(otherOwner ? [otherOwner] : admins)], {
        type: 'deal.channel_conflict',
        data: {
          registrationId: id,
          customer: row.customerName,
          partner: partner.name,
          conflictKind: c.detail.kind,
          conflictId: c.detail.id,
          score: c.score,
        },
        template: 'deal_conflict',
        params: { customer: row.customerName, partner: partner.name, other: c.detail.partnerName ?? c.detail.kind },
        at: ctx.now,
      });
    }
  });
  services.jobs.wake();
  return loadDetail(services, ctx, id);
}
