import type { DealAction, DealStatus, Locale } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../../db/client';
import { enqueue } from '../../../jobs/queue';
import type { Ctx } from '../../../platform/context';
import { invalidState } from '../../../platform/errors';
import type { TemplateName } from '../../../platform/mail-templates';
import { notify } from '../../notifications/index';
import { recordPartnerEvents } from '../../partners/index';
import { dealTransitionProblem, describeDealTransitionProblem } from '../deal.policy';
import {
  type AlertAudience,
  type DealViewRow,
  insertDealEvent,
  recipients,
  workspaceAdmins,
  workspaceFacts,
} from '../deal.repo';

export const DEAL_TIMERS_JOB = 'deal.timers';
/** Alerts a use case decided on, sent after its commit (outbox): one job instead of a row per person inline. */
export const DEAL_ALERTS_JOB = 'deal.alerts';

/** One alert of a deal.alerts job: to these people, and to the workspace's active admins when `admins`. */
export type AlertSpec = {
  userIds: string[];
  /** Vendor staff, or the registration's partner: nobody outside it hears of the registration. */
  audience: AlertAudience;
  admins: boolean;
  type: string;
  data: Record<string, unknown>;
  template?: TemplateName;
  params?: Record<string, string>;
  /** ISO instant the alert is dated (the use case's clock). */
  at: string;
};

/** Refuses a move the status machine does not allow: 409 invalid_state naming the state. */
export function assertTransition(row: { status: DealStatus }, to: DealStatus): void {
  const problem = dealTransitionProblem(row.status, to);
  if (problem) throw invalidState(describeDealTransitionProblem(problem), problem);
}

/** History row (actor, time, reason) plus the partner journey event, in the caller's transaction. */
export async function recordTransition(
  tx: Tx,
  ctx: { workspaceId: string; userId: string | null; now: Date },
  row: Pick<DealViewRow, 'id' | 'partnerId' | 'customerName'>,
  action: DealAction,
  from: DealStatus | null,
  to: DealStatus,
  reason: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await insertDealEvent(tx, {
    id: uuidv7(),
    workspaceId: ctx.workspaceId,
    registrationId: row.id,
    partnerId: row.partnerId,
    action,
    fromStatus: from,
    toStatus: to,
    actorUserId: ctx.userId,
    reason,
    occurredAt: ctx.now,
  });
  await recordPartnerEvents(tx, [
    {
      id: uuidv7(),
      workspaceId: ctx.workspaceId,
      partnerId: row.partnerId,
      type: `deal.${action}`,
      actorUserId: ctx.userId,
      data: { registrationId: row.id, customer: row.customerName, from, to, ...(reason ? { reason } : {}), ...data },
      occurredAt: ctx.now,
    },
  ]);
}

export const ctxFacts = (ctx: Ctx) => ({ workspaceId: ctx.actor.workspaceId, userId: ctx.actor.userId, now: ctx.now });

/**
 * Tells people in-app (notify) and by e-mail through the outbox (mail.send after commit), each in their
 * own language or the workspace's.
 */
export async function alertPeople(
  tx: Tx,
  workspaceId: string,
  userIds: readonly (string | null)[],
  alert: {
    /** Vendor staff, or the registration's partner (see recipients). Partner scopes see only their own. */
    audience: AlertAudience;
    type: string;
    data: Record<string, unknown>;
    template?: TemplateName;
    params?: Record<string, string>;
    at: Date;
  },
): Promise<void> {
  const ids = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (ids.length === 0) return;
  const ws = await workspaceFacts(tx, workspaceId);
  for (const person of await recipients(tx, workspaceId, ids, alert.audience)) {
    await notify(tx, { workspaceId, userId: person.id, type: alert.type, data: alert.data, at: alert.at });
    if (!alert.template) continue;
    await enqueue(tx, {
      type: 'mail.send',
      workspaceId,
      payload: {
        to: person.email,
        template: alert.template,
        locale: (person.locale as Locale | null) ?? ws?.defaultLocale ?? 'en',
        params: { name: person.name, workspace: ws?.name ?? '', ...alert.params },
      },
    });
  }
}

/** The deal.alerts job: each alert as alertPeople sends it (in-app and e-mail), in the job's transaction. */
export async function sendAlerts(tx: Tx, workspaceId: string, alerts: readonly AlertSpec[]): Promise<void> {
  let admins: string[] | undefined;
  for (const a of alerts) {
    if (a.admins && admins === undefined) admins = await workspaceAdmins(tx, workspaceId);
    await alertPeople(tx, workspaceId, [...a.userIds, ...(a.admins ? (admins ?? []) : [])], {
      audience: a.audience,
      type: a.type,
      data: a.data,
      ...(a.template ? { template: a.template } : {}),
      ...(a.params ? { params: a.params } : {}),
      at: new Date(a.at),
    });
  }
}

/** A wake-up for the timers (reminder, escalation, expiry) at the moment work falls due. */
export async function scheduleTimers(tx: Tx, workspaceId: string, at: Date): Promise<void> {
  await enqueue(tx, { type: DEAL_TIMERS_JOB, workspaceId, payload: { workspaceId }, runAt: at, maxAttempts: 5 });
}
