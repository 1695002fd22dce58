import type { DealLostReason, DealRegistrationDetail } from '@trellis/contracts';
import type { Services } from '../../../app';
import type { Tx } from '../../../db/client';
import { inScope } from '../../../db/scope';
import { audit } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/errors';
import { findDeal, updateDealRow } from '../deal.repo';
import { loadDetail } from '../deal.service';
import { deleteMatchKeys } from '../match-keys.repo';
import { alertPeople, assertTransition, ctxFacts, recordTransition } from './registration-changes';

export type OutcomeInput = {
  outcome: 'won' | 'lost';
  reasonCode?: DealLostReason | undefined;
  reason?: string | undefined;
};

/**
 * C4: an approved registration is closed as won or lost — by the registering partner, or by vendor staff
 * (e.g. when the order arrives through distribution). Who closed it, when, the lost reason code and the
 * text are kept on the registration; the partner sees them, and is told when the vendor closed it.
 */
export async function recordOutcome(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  input: OutcomeInput,
  side: 'partner' | 'vendor',
): Promise<DealRegistrationDetail> {
  assertOutcomeSide(ctx, side);
  await inScope(services.db, scopeOf(ctx.actor), (tx) => applyOutcome(tx, ctx, id, input, side));
  return loadDetail(services, ctx, id);
}

function assertOutcomeSide(ctx: Ctx, side: 'partner' | 'vendor'): void {
  const isPartner = ctx.actor.partnerId !== null;
  if (side === 'partner' && !isPartner) throw forbidden('only the registering partner reports an outcome here');
  if (side === 'vendor' && isPartner) throw forbidden('only vendor staff close a registration');
}

/**
 * The outcome written in the caller's transaction (its RLS scope is the actor's): the pipeline's move into
 * a won or lost stage records it in the same transaction as the stage (C6), so the two never disagree.
 * The caller has checked the input the way the outcome routes do (a lost reason code; a vendor's won reason).
 */
export async function applyOutcome(
  tx: Tx,
  ctx: Ctx,
  id: string,
  input: OutcomeInput,
  side: 'partner' | 'vendor',
): Promise<void> {
  assertOutcomeSide(ctx, side);
  const to = input.outcome;
  const action = to === 'won' ? 'mark_won' : 'mark_lost';
  const reasonCode = to === 'lost' ? (input.reasonCode ?? null) : null;
  const text = input.reason?.trim() || null;
  const row = await findDeal(tx, ctx.actor, id, { lock: true });
  if (!row) throw notFound('deal registration');
  assertTransition(row, to);
  const workspaceId = ctx.actor.workspaceId;
  await updateDealRow(tx, ctx.actor, id, {
    status: to,
    lastReason: text,
    outcomeReasonCode: reasonCode,
    closedAt: ctx.now,
    closedBy: ctx.actor.userId,
    closedBySide: side,
    updatedAt: ctx.now,
  });
  // A won deal keeps holding its customer; a lost one releases it.
  if (to === 'lost') await deleteMatchKeys(tx, { workspaceId, kind: 'registration', id });
  await recordTransition(tx, ctxFacts(ctx), row, action, row.status, to, text, {
    closedBySide: side,
    ...(reasonCode ? { reasonCode } : {}),
  });
  await audit(tx, ctx, {
    action: `deal.${to}`,
    targetType: 'deal_registration',
    targetId: id,
    before: { status: row.status },
    after: { status: to, closedBySide: side, reasonCode, reason: text },
  });
  if (side === 'vendor') {
    const why = [reasonCode, text].filter(Boolean).join(' — ');
    await alertPeople(tx, workspaceId, [row.createdBy], {
      audience: { partnerId: row.partnerId },
      type: `deal.${to}`,
      data: { registrationId: id, customer: row.customerName, status: to, reasonCode, reason: text },
      template: 'deal_decided',
      params: { customer: row.customerName, status: to, reason: why },
      at: ctx.now,
    });
  }
}
