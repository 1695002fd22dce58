import type {
  ConflictHint,
  ConflictHintRequest,
  DealConflict,
  DealRegistration,
  DealRegistrationDetail,
  DealRegistrationListQuery,
  DealSettings,
  DealSettingsUpdate,
} from '@trellis/contracts';
import { DealSettingsSchema } from '@trellis/contracts';
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { dealRegistrations } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { notFound, validationFailed } from '../../platform/errors';
import { alertPeople, recordTransition } from './commands/registration-changes';
import { hintOf, rankConflictCandidates, reservedIn } from './deal.conflicts';
import { addressText } from './deal.policy';
import { presentConflict, presentDeal, presentDealDetail, presentTransition } from './deal.presenter';
import {
  findDeal,
  listConflictRows,
  listDealEvents,
  listDealRows,
  loadCandidates,
  partnerFacts,
  readDealSettings,
  workspaceAdmins,
  writeDealSettings,
} from './deal.repo';
import { deleteMatchKeys } from './match-keys.repo';
import { prepareRecord } from './matching/index';

export { closeRegistration, requestExtension } from './commands/close-registration';
export { decideRegistration, extendRegistration } from './commands/decide-registration';
export { recordOutcome } from './commands/record-outcome';
export { createRegistration, updateRegistration } from './commands/save-registration';
export { submitRegistration } from './commands/submit-registration';

/** One registration with its history, abilities and — for vendor staff — the conflicts side by side. */
export async function loadDetail(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
): Promise<DealRegistrationDetail> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findDeal(tx, ctx.actor, id);
    if (!row) throw notFound('deal registration');
    const settings = await readDealSettings(tx, ctx.actor.workspaceId);
    const transitions = (await listDealEvents(tx, ctx.actor.workspaceId, id)).map(presentTransition);
    const conflicts = ctx.actor.partnerId === null ? await conflictsOf(tx, ctx.actor.workspaceId, row) : null;
    return presentDealDetail(row, ctx.actor, settings, transitions, conflicts);
  });
}

/** The candidates of a registration's latest check, side by side, with the first registrant marked (C4). */
export async function conflictsOf(
  tx: Tx,
  workspaceId: string,
  row: { id: string; partnerId: string; firstSubmittedAt: Date | null; conflictCheckId: string | null },
): Promise<DealConflict[]> {
  if (!row.conflictCheckId) return [];
  const rows = await listConflictRows(tx, workspaceId, row.id, row.conflictCheckId);
  const ids = { account: [] as string[], opportunity: [] as string[], registration: [] as string[] };
  for (const r of rows) ids[r.sourceKind].push(r.sourceId);
  const details = new Map(
    (await loadCandidates(tx, workspaceId, ids, { anyState: true })).map((d) => [`${d.kind}:${d.id}`, d]),
  );
  return rows.flatMap((r) => {
    const d = details.get(`${r.sourceKind}:${r.sourceId}`);
    return d ? [presentConflict(r, d, row)] : [];
  });
}

export const getRegistration = loadDetail;

/** C4 lists: a partner sees its own company's registrations; `queue=mine` is a reviewer's queue. */
export async function listRegistrations(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: DealRegistrationListQuery,
): Promise<{ data: DealRegistration[]; nextCursor: string | null }> {
  const before = decodeCursor(q.cursor)?.id ?? null;
  const vendor = ctx.actor.partnerId === null;
  const queue = vendor && q.queue !== undefined;
  const rows = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    listDealRows(tx, ctx.actor, {
      status: queue ? (q.status ?? ['submitted']) : q.status,
      partnerId: q.partnerId,
      ownedBy: queue && q.queue === 'mine' ? ctx.actor.userId : undefined,
      before,
      limit: q.limit,
    }),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentDeal),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/**
 * C4 live hint while a partner types: "appears to be registered or owned already" and reason codes, never
 * who or how much; `reserved` when a named account is in the conflict band (submit would be refused). The
 * partner's own registrations are not counted against them.
 */
export async function conflictHint(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: ConflictHintRequest,
): Promise<ConflictHint> {
  const query = prepareRecord({
    name: input.name,
    domains: [input.domain, input.email].filter((d): d is string => Boolean(d)),
    country: input.country ?? null,
    address: addressText(input.address),
  });
  // One round trip: candidates, the named-account flags and the thresholds in one prepared statement.
  // A partner's own registrations are left out by partner already, so `registrationId` is only honoured for
  // vendor staff: a partner must not learn, by naming another partner's registration, whether it is the one
  // holding the customer.
  const { ranked } = await rankConflictCandidates(services.db, ctx.actor.workspaceId, query, {
    registrationId: ctx.actor.partnerId ? undefined : input.registrationId,
    partnerId: ctx.actor.partnerId,
  });
  return { ...hintOf(ranked), reserved: reservedIn(ranked) };
}

export async function getDealSettings(services: Pick<Services, 'db'>, ctx: Ctx): Promise<DealSettings> {
  return inScope(services.db, scopeOf(ctx.actor), (tx) => readDealSettings(tx, ctx.actor.workspaceId));
}

export async function updateDealSettings(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  patch: DealSettingsUpdate,
): Promise<DealSettings> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await readDealSettings(tx, ctx.actor.workspaceId);
    const parsed = DealSettingsSchema.safeParse({ ...before, ...patch });
    if (!parsed.success) {
      throw validationFailed(
        parsed.error.issues.map((i) => ({
          path: ['body', ...i.path.map(String)].join('.'),
          code: i.code,
          message: i.message,
        })),
      );
    }
    await writeDealSettings(tx, ctx.actor.workspaceId, parsed.data, ctx.now);
    const diff = changedFields(before, parsed.data);
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, { action: 'deal_settings.updated', targetType: 'deal_settings', targetId: null, ...diff });
    }
    return parsed.data;
  });
}

const HOUR = 3_600_000;

/**
 * C4 timers, run by the deal.timers job: review reminders after N hours, escalation to admins after 2N,
 * expiry at the end of protection. Due work is found by comparing with services.now() (the clock tests
 * move), so a wake-up that arrives early does nothing and a late one catches up; every step is idempotent.
 */
export async function runDealTimers(
  services: Pick<Services, 'db' | 'now'>,
  inJobScope: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  workspaceId: string,
): Promise<{ reminded: number; escalated: number; expired: number }> {
  const now = services.now();
  return inJobScope(async (tx) => {
    const settings = await readDealSettings(tx, workspaceId);
    const admins = await workspaceAdmins(tx, workspaceId);
    const waitMs = settings.reviewReminderHours * HOUR;
    const inWs = eq(dealRegistrations.workspaceId, workspaceId);
    const submitted = eq(dealRegistrations.status, 'submitted');
    const remind = await tx
      .select()
      .from(dealRegistrations)
      .where(
        and(
          inWs,
          submitted,
          isNull(dealRegistrations.reviewRemindedAt),
          lte(dealRegistrations.submittedAt, new Date(now.getTime() - waitMs)),
        ),
      )
      .for('update');
    for (const r of remind) {
      const partner = await partnerFacts(tx, workspaceId, r.partnerId);
      await tx.update(dealRegistrations).set({ reviewRemindedAt: now }).where(eq(dealRegistrations.id, r.id));
      await alertPeople(tx, workspaceId, partner?.ownerUserId ? [partner.ownerUserId] : admins, {
        audience: 'vendor',
        type: 'deal.review_reminder',
        data: { registrationId: r.id, customer: r.customerName, partner: partner?.name ?? '' },
        template: 'deal_review_reminder',
        params: { customer: r.customerName, partner: partner?.name ?? '', hours: String(settings.reviewReminderHours) },
        at: now,
      });
    }
    const escalate = await tx
      .select()
      .from(dealRegistrations)
      .where(
        and(
          inWs,
          submitted,
          isNull(dealRegistrations.reviewEscalatedAt),
          lte(dealRegistrations.submittedAt, new Date(now.getTime() - 2 * waitMs)),
        ),
      )
      .for('update');
    for (const r of escalate) {
      const partner = await partnerFacts(tx, workspaceId, r.partnerId);
      await tx.update(dealRegistrations).set({ reviewEscalatedAt: now }).where(eq(dealRegistrations.id, r.id));
      await alertPeople(tx, workspaceId, admins, {
        audience: 'vendor',
        type: 'deal.review_escalated',
        data: { registrationId: r.id, customer: r.customerName, partner: partner?.name ?? '' },
        template: 'deal_review_escalation',
        params: {
          customer: r.customerName,
          partner: partner?.name ?? '',
          hours: String(2 * settings.reviewReminderHours),
        },
        at: now,
      });
    }
    const expire = await tx
      .select()
      .from(dealRegistrations)
      .where(and(inWs, eq(dealRegistrations.status, 'approved'), lte(dealRegistrations.protectedUntil, now)))
      .for('update');
    for (const r of expire) {
      const reason = 'protection period ended';
      await tx
        .update(dealRegistrations)
        .set({ status: 'expired', lastReason: reason, updatedAt: now })
        .where(and(eq(dealRegistrations.id, r.id), inArray(dealRegistrations.status, ['approved'])));
      await deleteMatchKeys(tx, { workspaceId, kind: 'registration', id: r.id });
      await recordTransition(tx, { workspaceId, userId: null, now }, r, 'expire', 'approved', 'expired', reason);
      await alertPeople(tx, workspaceId, [r.createdBy], {
        audience: { partnerId: r.partnerId },
        type: 'deal.expired',
        data: { registrationId: r.id, customer: r.customerName, reason },
        template: 'deal_decided',
        params: { customer: r.customerName, status: 'expired', reason },
        at: now,
      });
    }
    return { reminded: remind.length, escalated: escalate.length, expired: expire.length };
  });
}
