import type { DealRegistrationDetail } from '@trellis/contracts';
import type { Services } from '../../../app';
import { inScope } from '../../../db/scope';
import { enqueue } from '../../../jobs/queue';
import { audit } from '../../../platform/audit';
import { type Ctx, scopeOf } from '../../../platform/context';
import { forbidden, invalidState, notFound } from '../../../platform/errors';
import { findDeal, partnerFacts, readDealSettings, updateDealRow } from '../deal.repo';
import { loadDetail } from '../deal.service';
import { deleteMatchKeys } from '../match-keys.repo';
import { type AlertSpec, assertTransition, ctxFacts, DEAL_ALERTS_JOB, recordTransition } from './registration-changes';

/** C4: the partner withdraws before a decision (outcomes of approved deals: record-outcome.ts). */
export async function closeRegistration(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  action: 'withdraw',
  reason: string | undefined,
): Promise<DealRegistrationDetail> {
  if (!ctx.actor.partnerId) throw forbidden('only the registering partner does this');
  const to = 'withdrawn';
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findDeal(tx, ctx.actor, id, { lock: true });
    if (!row) throw notFound('deal registration');
    assertTransition(row, to);
    const text = reason ?? null;
    await updateDealRow(tx, ctx.actor, id, { status: to, ...(text ? { lastReason: text } : {}), updatedAt: ctx.now });
    await deleteMatchKeys(tx, { workspaceId: ctx.actor.workspaceId, kind: 'registration', id });
    await recordTransition(tx, ctxFacts(ctx), row, action, row.status, to, text);
    await audit(tx, ctx, {
      action: `deal.${to}`,
      targetType: 'deal_registration',
      targetId: id,
      before: { status: row.status },
      after: { status: to, reason: text },
    });
  });
  return loadDetail(services, ctx, id);
}

/** C4: a partner asks for more protection time; the partner's owner (or the admins) decide. */
export async function requestExtension(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  reason: string,
): Promise<DealRegistrationDetail> {
  if (!ctx.actor.partnerId) throw forbidden('only the registering partner asks for an extension');
  const partnerId = ctx.actor.partnerId;
  const workspaceId = ctx.actor.workspaceId;
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findDeal(tx, ctx.actor, id, { lock: true });
    if (!row) throw notFound('deal registration');
    if (row.status !== 'approved') {
      throw invalidState(`a registration in state ${row.status} cannot be extended; only approved`, {
        status: row.status,
      });
    }
    const settings = await readDealSettings(tx, workspaceId);
    if (row.extensionCount >= settings.maxExtensions) {
      throw invalidState(
        `protection was already extended ${row.extensionCount} time(s); the limit is ${settings.maxExtensions}`,
        {
          extensionCount: row.extensionCount,
          maxExtensions: settings.maxExtensions,
        },
      );
    }
    if (row.extensionRequestedAt) throw invalidState('an extension request is already waiting for a decision');
    await updateDealRow(tx, ctx.actor, id, { extensionRequestedAt: ctx.now, updatedAt: ctx.now });
    await audit(tx, ctx, {
      action: 'deal.extension_requested',
      targetType: 'deal_registration',
      targetId: id,
      after: { reason },
    });
    // The vendor side hears of it through the outbox: the deal.alerts job reads vendor memberships (who is
    // still staff here), which this partner-scoped transaction cannot see.
    const partner = await partnerFacts(tx, workspaceId, partnerId);
    const alert: AlertSpec = {
      userIds: partner?.ownerUserId ? [partner.ownerUserId] : [],
      admins: !partner?.ownerUserId,
      audience: 'vendor',
      type: 'deal.extension_requested',
      data: { registrationId: id, customer: row.customerName, partner: partner?.name ?? '', reason },
      at: ctx.now.toISOString(),
    };
    await enqueue(tx, { type: DEAL_ALERTS_JOB, workspaceId, payload: { alerts: [alert] } });
  });
  return loadDetail(services, ctx, id);
}
