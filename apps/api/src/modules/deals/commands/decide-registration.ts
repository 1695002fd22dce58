import type { DealRegistrationDetail } from '@trellis/contracts';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { audit } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { conflict, forbidden, invalidState, notFound } from '../../../platform/errors';
import { protectionEnd } from '../deal.policy';
import { findDeal, partnerFacts, readDealSettings, updateDealRow } from '../deal.repo';
import { conflictsOf, loadDetail } from '../deal.service';
import { deleteMatchKeys } from '../match-keys.repo';
import { alertPeople, assertTransition, ctxFacts, recordTransition, scheduleTimers } from './registration-changes';

type Decision = 'approve' | 'reject' | 'request_info';
const TARGET = { approve: 'approved', reject: 'rejected', request_info: 'needs_info' } as const;

/** C4: the reviewer approves, rejects or asks for information — always with a reason the partner sees. */
export async function decideRegistration(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  id: string,
  decision: Decision,
  reason: string | undefined,
): Promise<DealRegistrationDetail> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findDeal(tx, ctx.actor, id, { lock: true });
    if (!row) throw notFound('deal registration');
    if (ctx.actor.partnerId) throw forbidden('only vendor reviewers decide registrations');
    const to = TARGET[decision];
    assertTransition(row, to);
    const workspaceId = ctx.actor.workspaceId;
    const settings = await readDealSettings(tx, workspaceId);
    let protectedUntil: Date | null = null;
    let text = reason ?? null;
    if (decision === 'approve' && settings.protection === 'first_come') {
      // C4 first-come: another partner's earlier, still active registration of this customer wins; the
      // reviewer (vendor staff, who may know who) is told which one, and can reject or ask for information.
      const earlier = (await conflictsOf(tx, workspaceId, row)).filter((c) => c.firstRegistrant);
      const first = earlier[0];
      if (first) {
        throw conflict(
          `first-come protection: ${first.candidate.partner?.name ?? 'another partner'}'s registration ${first.sourceId} (${first.candidate.status}, submitted ${first.candidate.registeredAt}) registered this customer first; reject this one or ask for information, or set the deal rules to reviewer_decides`,
          {
            rule: 'first_come',
            earlier: earlier.map((c) => ({
              registrationId: c.sourceId,
              partner: c.candidate.partner,
              status: c.candidate.status,
              submittedAt: c.candidate.registeredAt,
            })),
          },
        );
      }
    }
    if (decision === 'approve') {
      // C4: protection length comes from the tier at approval.
      const partner = await partnerFacts(tx, workspaceId, row.partnerId);
      const days = partner?.tierBenefits?.dealProtectionDays ?? settings.defaultProtectionDays;
      protectedUntil = protectionEnd(ctx.now, days);
      text ??= `approved with ${days} days of protection`;
    }
    if (!text) throw invalidState('a reason is required');
    await updateDealRow(tx, ctx.actor, id, {
      status: to,
      lastReason: text,
      ...(decision === 'request_info' ? {} : { decidedAt: ctx.now, decidedBy: ctx.actor.userId }),
      ...(protectedUntil ? { protectedUntil } : {}),
      updatedAt: ctx.now,
    });
    if (decision === 'reject') {
      await deleteMatchKeys(tx, { workspaceId, kind: 'registration', id });
    }
    if (protectedUntil) await scheduleTimers(tx, workspaceId, protectedUntil);
    await recordTransition(tx, ctxFacts(ctx), row, decision, row.status, to, text);
    await audit(tx, ctx, {
      action: `deal.${TARGET[decision]}`,
      targetType: 'deal_registration',
      targetId: id,
      before: { status: row.status },
      after: { status: to, reason: text, protectedUntil: protectedUntil?.toISOString() ?? null },
    });
    await alertPeople(tx, workspaceId, [row.createdBy], {
      audience: { partnerId: row.partnerId },
      type: `deal.${to}`,
      data: { registrationId: id, customer: row.customerName, status: to, reason: text },
      template: 'deal_decided',
      params: { customer: row.customerName, status: to, reason: text },
      at: ctx.now,
    });
  });
  services.jobs.wake();
  return loadDetail(services, ctx, id);
}

/** C4: the vendor extends protection by the workspace's extension days, up to the configured limit. */
export async function extendRegistration(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  id: string,
  reason: string | undefined,
): Promise<DealRegistrationDetail> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findDeal(tx, ctx.actor, id, { lock: true });
    if (!row) throw notFound('deal registration');
    if (ctx.actor.partnerId) throw forbidden('only vendor reviewers extend protection');
    if (row.status !== 'approved' || !row.protectedUntil) {
      throw invalidState(`a registration in state ${row.status} has no protection to extend`, { status: row.status });
    }
    const settings = await readDealSettings(tx, ctx.actor.workspaceId);
    if (row.extensionCount >= settings.maxExtensions) {
      throw invalidState(
        `protection was already extended ${row.extensionCount} time(s); the limit is ${settings.maxExtensions}`,
        {
          extensionCount: row.extensionCount,
          maxExtensions: settings.maxExtensions,
        },
      );
    }
    const protectedUntil = protectionEnd(row.protectedUntil, settings.extensionDays);
    const text = reason ?? `protection extended by ${settings.extensionDays} days`;
    await updateDealRow(tx, ctx.actor, id, {
      protectedUntil,
      extensionCount: row.extensionCount + 1,
      extensionRequestedAt: null,
      lastReason: text,
      updatedAt: ctx.now,
    });
    await scheduleTimers(tx, ctx.actor.workspaceId, protectedUntil);
    await recordTransition(tx, ctxFacts(ctx), row, 'extend', 'approved', 'approved', text);
    await audit(tx, ctx, {
      action: 'deal.extended',
      targetType: 'deal_registration',
      targetId: id,
      before: { protectedUntil: row.protectedUntil.toISOString() },
      after: { protectedUntil: protectedUntil.toISOString(), reason: text },
    });
    await alertPeople(tx, ctx.actor.workspaceId, [row.createdBy], {
      audience: { partnerId: row.partnerId },
      type: 'deal.extended',
      data: { registrationId: id, customer: row.customerName, protectedUntil: protectedUntil.toISOString() },
      at: ctx.now,
    });
  });
  return loadDetail(services, ctx, id);
}
