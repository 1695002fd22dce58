import {
  type ErrorIssue,
  type Lead,
  type LeadAssign,
  type LeadBoard,
  type LeadBulkRoute,
  type LeadBulkRouteResult,
  type LeadCreate,
  type LeadDetail,
  type LeadEventType,
  type LeadListQuery,
  type LeadPartnerProfile,
  type LeadPartnerProfileUpdate,
  type LeadRecall,
  type LeadRoutingDecision,
  type LeadRoutingSettings,
  type LeadRoutingSettingsUpdate,
  LeadRoutingSettingsUpdateSchema,
  type LeadSource,
  type LeadStatus,
  LeadStatusValues,
  type LeadUpdate,
  OPEN_LEAD_STATUSES,
  type RoutingRuleIssue,
} from '@trellis/contracts';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { leadPartnerProfiles, leads, partners, tiers } from '../../db/schema/index';
import { inScope, readInScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { searchKey } from '../../lib/search-key';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { invalidState, notFound, validationFailed } from '../../platform/errors';
import { alertPeople, RECALL_REASON_TEXT, scheduleSlaChecks } from './lead.alerts';
import { decisionPartnerIds, leadAbilities, presentDecision, presentEvent, presentLead } from './lead.presenter';
import {
  findDecision,
  findLead,
  insertEvents,
  insertLead,
  type LeadInsert,
  type LeadRow,
  listEventRows,
  listLeadRows,
  partnerNames,
  partnerPeople,
  partnerRow,
  readSettings,
  routableColumns,
  type StoredSettings,
  statusCounts,
  updateLeadAt,
  writeSettings,
} from './lead.repo';
import { alertOffer, BULK_WRITERS, routeBulk, routeInTx, type SysCtx } from './lead.routing';
import { validateRules } from './routing/index';

const OPEN = new Set<string>(OPEN_LEAD_STATUSES);
const WAITING: LeadStatus[] = ['new', 'unassigned'];
const HOUR = 3_600_000;

const sysOf = (ctx: Ctx): SysCtx => ({ workspaceId: ctx.actor.workspaceId, userId: ctx.actor.userId, now: ctx.now });

export const searchTextOf = (l: { company: string; contactName: string; contactEmail: string | null }) =>
  searchKey([l.company, l.contactName, l.contactEmail ?? ''].join(' '));

/** The lead row for a create body (any source); the caller inserts it. */
export function newLeadRow(
  workspaceId: string,
  input: Omit<LeadCreate, 'route' | 'source'>,
  source: LeadSource,
  createdBy: string | null,
  now: Date,
  extra: Partial<LeadInsert> = {},
): LeadInsert {
  const values = {
    company: input.company,
    contactName: input.contactName,
    contactEmail: input.contactEmail ? input.contactEmail.toLowerCase() : null,
    contactPhone: input.contactPhone ?? null,
  };
  return {
    id: uuidv7(),
    workspaceId,
    status: 'new',
    ...values,
    country: input.country ?? null,
    region: input.region ?? null,
    territory: input.territory ?? null,
    language: input.language ?? null,
    productInterests: [...new Set(input.productInterests)],
    companySize: input.companySize ?? null,
    source,
    notes: input.notes,
    metadata: input.metadata,
    searchText: searchTextOf(values),
    createdBy,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

/** C5: a lead created in the console or by API; routed at once unless `route: false`. */
export async function createLead(services: Pick<Services, 'db'>, ctx: Ctx, input: LeadCreate): Promise<LeadDetail> {
  const row = newLeadRow(ctx.actor.workspaceId, input, input.source, ctx.actor.userId, ctx.now);
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await insertLead(tx, row);
    await insertEvents(tx, [createdEvent(row, ctx.actor.userId, ctx.now)]);
    await audit(tx, ctx, {
      action: 'lead.created',
      targetType: 'lead',
      targetId: row.id,
      after: { source: row.source },
    });
    if (input.route) {
      await routeInTx(
        tx,
        sysOf(ctx),
        async () => ({ rows: [await lockedLead(tx, ctx.actor.workspaceId, row.id)], extra: null }),
        'create',
      );
    }
  });
  return getLead(services, ctx, row.id);
}

export const createdEvent = (row: LeadInsert, userId: string | null, now: Date) => ({
  id: uuidv7(),
  workspaceId: row.workspaceId,
  leadId: row.id as string,
  partnerId: null,
  type: 'created' as const,
  fromStatus: null,
  toStatus: 'new' as const,
  reasonCode: row.source ?? null,
  reason: null,
  decisionId: null,
  actorUserId: userId,
  occurredAt: now,
});

async function lockedLead(tx: Tx, workspaceId: string, id: string): Promise<LeadRow> {
  const row = await findLead(tx, workspaceId, id, { lock: true });
  if (!row) throw notFound('lead');
  return row;
}

async function namesFor(tx: Tx, workspaceId: string, rows: readonly LeadRow[]) {
  return partnerNames(
    tx,
    workspaceId,
    rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])),
  );
}

export async function listLeads(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: LeadListQuery,
): Promise<{ data: Lead[]; nextCursor: string | null }> {
  const workspaceId = ctx.actor.workspaceId;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const rows = await listLeadRows(tx, workspaceId, {
      status: q.status,
      partnerId: q.partnerId,
      country: q.country,
      source: q.source,
      q: q.q ? searchKey(q.q) : undefined,
      slaDueBefore: q.slaDueBefore ? new Date(q.slaDueBefore) : undefined,
      before: decodeCursor(q.cursor)?.id ?? null,
      limit: q.limit,
    });
    const page = rows.slice(0, q.limit);
    const settings = await readSettings(tx, workspaceId);
    const names = await namesFor(tx, workspaceId, page);
    const last = page.at(-1);
    return {
      data: page.map((r) => presentLead(r, names, settings)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  });
}

/** The fallback queue: unassigned leads, oldest first (the order someone works them by hand). */
export async function listQueue(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ data: Lead[]; nextCursor: string | null }> {
  const workspaceId = ctx.actor.workspaceId;
  const after = decodeCursor(q.cursor)?.id ?? null;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const where = [eq(leads.workspaceId, workspaceId), eq(leads.status, 'unassigned')];
    const rows = await tx
      .select()
      .from(leads)
      .where(and(...where, ...(after ? [gt(leads.id, after)] : [])))
      .orderBy(asc(leads.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const settings = await readSettings(tx, workspaceId);
    const last = page.at(-1);
    return {
      data: page.map((r) => presentLead(r, new Map(), settings)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  });
}

export async function getLead(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<LeadDetail> {
  const workspaceId = ctx.actor.workspaceId;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findLead(tx, workspaceId, id);
    if (!row) throw notFound('lead');
    const settings = await readSettings(tx, workspaceId);
    const events = await listEventRows(tx, workspaceId, id);
    const decision = row.lastDecisionId ? await findDecision(tx, workspaceId, row.lastDecisionId) : undefined;
    const names = await partnerNames(tx, workspaceId, [
      ...(row.partnerId ? [row.partnerId] : []),
      ...row.declinedPartnerIds,
      ...row.recalledPartnerIds,
      ...(decision ? decisionPartnerIds(decision.decision) : []),
    ]);
    const summary = (pid: string) => ({ id: pid, name: names.get(pid) ?? '' });
    return {
      ...presentLead(row, names, settings),
      decision: decision ? presentDecision(decision.decision, decision.decidedByName, names) : null,
      events: events.map(presentEvent),
      abilities: leadAbilities(row, ctx.actor),
      declinedPartners: row.declinedPartnerIds.map(summary),
      recalledPartners: row.recalledPartnerIds.map(summary),
    };
  });
}

/** An earlier routing decision of the lead (every routed / fallback hop names one), explained. */
export async function getLeadDecision(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  leadId: string,
  decisionId: string,
): Promise<LeadRoutingDecision> {
  const workspaceId = ctx.actor.workspaceId;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const found = await findDecision(tx, workspaceId, decisionId);
    if (!found || found.decision.leadId !== leadId) throw notFound('routing decision');
    const names = await partnerNames(tx, workspaceId, decisionPartnerIds(found.decision));
    return presentDecision(found.decision, found.decidedByName, names);
  });
}

export async function updateLead(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  patch: LeadUpdate,
): Promise<LeadDetail> {
  const workspaceId = ctx.actor.workspaceId;
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await lockedLead(tx, workspaceId, id);
    if (row.status === 'converted') {
      throw invalidState('a converted lead is kept as it was converted; edit the deal registration instead', {
        status: row.status,
      });
    }
    const next = {
      company: patch.company ?? row.company,
      contactName: patch.contactName ?? row.contactName,
      contactEmail: patch.contactEmail === undefined ? row.contactEmail : (patch.contactEmail?.toLowerCase() ?? null),
      contactPhone: patch.contactPhone === undefined ? row.contactPhone : patch.contactPhone,
      country: patch.country === undefined ? row.country : patch.country,
      region: patch.region === undefined ? row.region : patch.region,
      territory: patch.territory === undefined ? row.territory : patch.territory,
      language: patch.language === undefined ? row.language : patch.language,
      productInterests: patch.productInterests ? [...new Set(patch.productInterests)] : row.productInterests,
      companySize: patch.companySize === undefined ? row.companySize : patch.companySize,
      notes: patch.notes ?? row.notes,
      metadata: patch.metadata ?? row.metadata,
    };
    if (!next.contactEmail && !next.contactPhone) {
      throw validationFailed([
        { path: 'body.contactEmail', code: 'custom', message: 'an e-mail address or a phone number is required' },
      ]);
    }
    const before = Object.fromEntries(Object.keys(next).map((k) => [k, row[k as keyof LeadRow]]));
    const diff = changedFields(before, next as Record<string, unknown>);
    if (Object.keys(diff.after).length === 0) return;
    await updateLeadAt(tx, workspaceId, id, null, { ...next, searchText: searchTextOf(next), updatedAt: ctx.now });
    await insertEvents(tx, [
      {
        id: uuidv7(),
        workspaceId,
        leadId: id,
        partnerId: null,
        type: 'updated',
        fromStatus: row.status,
        toStatus: row.status,
        reasonCode: Object.keys(diff.after).join(','),
        reason: null,
        decisionId: null,
        actorUserId: ctx.actor.userId,
        occurredAt: ctx.now,
      },
    ]);
    await audit(tx, ctx, { action: 'lead.updated', targetType: 'lead', targetId: id, ...diff });
  });
  return getLead(services, ctx, id);
}

function assertWaiting(row: LeadRow, what: string) {
  if (!WAITING.includes(row.status)) {
    throw invalidState(`only a new or unassigned lead can be ${what}; this one is ${row.status}`, {
      status: row.status,
      partnerId: row.partnerId,
    });
  }
}

/**
 * C5 route now: the lead is locked (after the workspace's routing), must still be new or unassigned, and is
 * written only at the version read — so of two requests routing the same lead at once, one assigns it and the
 * other gets 409 with the state it found.
 */
export async function routeLead(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<LeadDetail> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await routeInTx(
      tx,
      sysOf(ctx),
      async () => {
        const row = await lockedLead(tx, ctx.actor.workspaceId, id);
        assertWaiting(row, 'routed');
        return { rows: [row], extra: null };
      },
      'route',
    );
  });
  return getLead(services, ctx, id);
}

/**
 * C5 bulk routing (imports, campaigns): many ids or every waiting lead. A big run on PostgreSQL is written by
 * BULK_WRITERS transactions at once (routeBulk); otherwise one transaction per call.
 */
export async function bulkRoute(
  services: Pick<Services, 'db' | 'database'>,
  ctx: Ctx,
  body: LeadBulkRoute,
): Promise<LeadBulkRouteResult> {
  const started = performance.now();
  const workspaceId = ctx.actor.workspaceId;
  const scope = scopeOf(ctx.actor);
  const ids = 'leadIds' in body ? [...new Set(body.leadIds)] : null;
  const limit = 'limit' in body ? body.limit : 0;
  const size = ids ? ids.length : limit;
  const skipped: { leadId: string; status: LeadStatus | null }[] = [];
  const lockShare = async (tx: Tx, share: number, shares: number) => {
    if (ids) {
      const mine = shares === 1 ? ids : ids.filter((_, i) => i % shares === share);
      const found = await tx
        .select(routableColumns)
        .from(leads)
        // One parameter, not one per id (an import routes up to LEAD_BULK_ROUTE_MAX at once); the same on
        // both engines, like writeRouted.
        .where(
          and(
            eq(leads.workspaceId, workspaceId),
            sql`${leads.id} = ANY(string_to_array(${mine.join(',')}, ',')::uuid[])`,
          ),
        )
        .orderBy(asc(leads.id))
        .for('update');
      const byId = new Map(found.map((r) => [r.id, r]));
      for (const i of mine) {
        const status = byId.get(i)?.status ?? null;
        if (!status || !WAITING.includes(status)) skipped.push({ leadId: i, status });
      }
      return found.filter((r) => WAITING.includes(r.status));
    }
    return tx
      .select(routableColumns)
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.status, WAITING)))
      .orderBy(asc(leads.id))
      .limit(Math.ceil(limit / shares))
      .for('update', { skipLocked: true });
  };
  const writers = services.database.engine === 'postgres' && size >= BULK_WRITERS_FROM ? BULK_WRITERS : 1;
  return routeBulk(
    (fn) => inScope(services.db, scope, fn),
    sysOf(ctx),
    lockShare,
    async (tx, routed) => {
      const applied = routed.filter((r) => r.applied);
      const assigned = applied.filter((r) => r.outcome === 'assigned').length;
      await audit(tx, ctx, {
        action: 'lead.bulk_routed',
        targetType: 'lead',
        targetId: null,
        after: { routed: applied.length, assigned },
      });
      return {
        routed: applied.length,
        assigned,
        fallback: applied.length - assigned,
        skipped: [...skipped, ...routed.filter((r) => !r.applied).map((r) => ({ leadId: r.leadId, status: r.status }))],
        durationMs: Math.round(performance.now() - started),
      };
    },
    { writers },
  );
}

/** Below this many leads one transaction routes them all: a second writer would cost more than it saves. */
const BULK_WRITERS_FROM = 5000;

async function activePartner(tx: Tx, workspaceId: string, partnerId: string, path: string) {
  const partner = await partnerRow(tx, workspaceId, partnerId);
  if (!partner)
    throw validationFailed([{ path, code: 'unknown_partner', message: 'no such partner in this workspace' }]);
  if (partner.status !== 'active') {
    throw validationFailed([
      { path, code: 'partner_not_active', message: `the partner is ${partner.status}; only active partners get leads` },
    ]);
  }
  return partner;
}

/**
 * C5 manual assign (a waiting lead) or reassign (a lead another partner holds): the vendor's choice, with
 * the reason in the history; the SLA starts again for the new partner, the earlier one is told.
 */
export async function assignLead(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  body: LeadAssign,
): Promise<LeadDetail> {
  const workspaceId = ctx.actor.workspaceId;
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await lockedLead(tx, workspaceId, id);
    const partner = await activePartner(tx, workspaceId, body.partnerId, 'body.partnerId');
    const settings = await readSettings(tx, workspaceId);
    if (!WAITING.includes(row.status) && !OPEN.has(row.status)) {
      throw invalidState(`a ${row.status} lead cannot be assigned`, { status: row.status });
    }
    if (row.partnerId === partner.id) {
      throw invalidState('the lead is already with this partner', { status: row.status, partnerId: row.partnerId });
    }
    const dueAt = new Date(ctx.now.getTime() + settings.sla.hours * HOUR);
    const ok = await updateLeadAt(tx, workspaceId, id, row.assignmentVersion, {
      status: 'offered',
      partnerId: partner.id,
      fallbackQueueId: null,
      assignedAt: ctx.now,
      slaDueAt: dueAt,
      slaRemindedAt: null,
      acceptedAt: null,
      assignmentVersion: row.assignmentVersion + 1,
      updatedAt: ctx.now,
    });
    if (!ok) throw invalidState('the lead changed meanwhile; reload it', { status: row.status });
    const reason = body.reason ?? null;
    const events = [];
    if (row.partnerId) {
      events.push(hop(row, 'reassigned', row.partnerId, 'offered', 'manual', reason, ctx));
      await tellRecalled(tx, sysOf(ctx), row, row.partnerId, 'manual');
    }
    events.push(hop(row, 'assigned', partner.id, 'offered', row.partnerId ? 'reassign' : 'manual', reason, ctx));
    await insertEvents(tx, events);
    await alertOffer(tx, sysOf(ctx), partner.id, [row], dueAt, false);
    await scheduleSlaChecks(
      tx,
      workspaceId,
      [dueAt, new Date(dueAt.getTime() - settings.sla.reminderHoursBefore * HOUR)].filter((d) => d > ctx.now),
    );
    await audit(tx, ctx, {
      action: row.partnerId ? 'lead.reassigned' : 'lead.assigned',
      targetType: 'lead',
      targetId: id,
      before: { partnerId: row.partnerId, status: row.status },
      after: { partnerId: partner.id, status: 'offered', reason },
    });
  });
  return getLead(services, ctx, id);
}

export function hop(
  row: Pick<LeadRow, 'id' | 'workspaceId' | 'status'>,
  type: LeadEventType,
  partnerId: string | null,
  to: LeadStatus,
  reasonCode: string | null,
  reason: string | null,
  ctx: { actor: { userId: string } | null; now: Date },
) {
  return {
    id: uuidv7(),
    workspaceId: row.workspaceId,
    leadId: row.id,
    partnerId,
    type,
    fromStatus: row.status,
    toStatus: to,
    reasonCode,
    reason,
    decisionId: null,
    actorUserId: ctx.actor?.userId ?? null,
    occurredAt: ctx.now,
  };
}

/** The partner a lead was taken from hears it, in its own language: the lead is gone from its inbox. */
export async function tellRecalled(
  tx: Tx,
  c: SysCtx,
  row: Pick<LeadRow, 'id' | 'company'>,
  partnerId: string,
  why: 'sla_expired' | 'manual',
): Promise<void> {
  const partner = await partnerRow(tx, c.workspaceId, partnerId);
  await alertPeople(tx, c.workspaceId, await partnerPeople(tx, c.workspaceId, partnerId), {
    type: 'lead.recalled',
    data: { leadId: row.id, company: row.company, reason: why },
    template: 'lead_recalled',
    params: (locale) => ({
      company: row.company,
      partner: partner?.name ?? '',
      reason: RECALL_REASON_TEXT[why][locale],
    }),
    at: c.now,
  });
}

/**
 * C5 recall by the vendor: the lead is taken from its partner (who is never offered it again) and routed to
 * the next candidate, or put in the fallback queue with `reroute: false`.
 */
export async function recallLead(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  body: LeadRecall,
): Promise<LeadDetail> {
  const workspaceId = ctx.actor.workspaceId;
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await routeInTx(
      tx,
      sysOf(ctx),
      async () => {
        const row = await lockedLead(tx, workspaceId, id);
        if (!OPEN.has(row.status) || !row.partnerId) {
          throw invalidState(`only a lead a partner holds can be recalled; this one is ${row.status}`, {
            status: row.status,
          });
        }
        const recalled = await takeBack(tx, sysOf(ctx), row, 'manual', body.reason ?? null, !body.reroute);
        await audit(tx, ctx, {
          action: 'lead.recalled',
          targetType: 'lead',
          targetId: id,
          before: { partnerId: row.partnerId, status: row.status },
          after: { reroute: body.reroute, reason: body.reason ?? null },
        });
        return { rows: body.reroute ? [recalled] : [], extra: null };
      },
      'recall',
    );
  });
  return getLead(services, ctx, id);
}

/**
 * Takes a lead back from the partner holding it: the partner joins the lead's recalled list (never offered
 * it again), the hop is recorded, the partner is told. The lead is left `unassigned` in the fallback queue;
 * the caller may route it at once (it is returned at its new version).
 */
export async function takeBack(
  tx: Tx,
  c: SysCtx,
  row: LeadRow,
  why: 'sla_expired' | 'manual',
  reason: string | null,
  toFallback: boolean,
  settings?: StoredSettings,
): Promise<LeadRow> {
  const from = row.partnerId as string;
  const s = settings ?? (await readSettings(tx, c.workspaceId));
  const set = {
    status: 'unassigned' as const,
    partnerId: null,
    fallbackQueueId: s.fallbackQueue.id,
    assignedAt: null,
    slaDueAt: null,
    slaRemindedAt: null,
    acceptedAt: null,
    recalledPartnerIds: [...new Set([...row.recalledPartnerIds, from])].sort(),
    recallCount: row.recallCount + 1,
    assignmentVersion: row.assignmentVersion + 1,
    updatedAt: c.now,
  };
  const ok = await updateLeadAt(tx, c.workspaceId, row.id, row.assignmentVersion, set);
  if (!ok) throw invalidState('the lead changed meanwhile; reload it', { status: row.status });
  const actor = c.userId ? { userId: c.userId } : null;
  const events = [hop(row, 'recalled', from, 'unassigned', why, reason, { actor, now: c.now })];
  if (toFallback) {
    events.push(
      hop({ ...row, status: 'unassigned' }, 'fallback', null, 'unassigned', 'recalled', null, { actor, now: c.now }),
    );
  }
  await insertEvents(tx, events);
  await tellRecalled(tx, c, row, from, why);
  return { ...row, ...set };
}

// --- settings ---

const presentSettings = (s: StoredSettings): LeadRoutingSettings => ({
  rules: s.rules,
  fallbackQueue: s.fallbackQueue,
  sla: s.sla,
  hideContactUntilAccepted: s.hideContactUntilAccepted,
  preApproveConvertedDeals: s.preApproveConvertedDeals,
  fairnessWindowDays: s.fairnessWindowDays,
  updatedAt: s.updatedAt?.toISOString() ?? null,
});

export async function getRoutingSettings(services: Pick<Services, 'db'>, ctx: Ctx): Promise<LeadRoutingSettings> {
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) =>
    presentSettings(await readSettings(tx, ctx.actor.workspaceId)),
  );
}

/**
 * C5 rules as data: validated whole (duplicates, contradictions, unknown partners and tiers, unreachable
 * rules) before saving; errors refuse with every issue at its path (`body.rules[2].conditions[0].values[1]`),
 * warnings are returned with the saved settings.
 */
export async function putRoutingSettings(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  body: LeadRoutingSettingsUpdate,
): Promise<{ settings: LeadRoutingSettings; warnings: RoutingRuleIssue[] }> {
  const workspaceId = ctx.actor.workspaceId;
  const patch = LeadRoutingSettingsUpdateSchema.parse(body);
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const before = await readSettings(tx, workspaceId);
    const next = {
      rules: patch.rules ?? before.rules,
      fallbackQueue: patch.fallbackQueue ?? before.fallbackQueue,
      sla: patch.sla ?? before.sla,
      hideContactUntilAccepted: patch.hideContactUntilAccepted ?? before.hideContactUntilAccepted,
      preApproveConvertedDeals: patch.preApproveConvertedDeals ?? before.preApproveConvertedDeals,
      fairnessWindowDays: patch.fairnessWindowDays ?? before.fairnessWindowDays,
    };
    const partnerIds = await tx.select({ id: partners.id }).from(partners).where(eq(partners.workspaceId, workspaceId));
    const tierIds = await tx.select({ id: tiers.id }).from(tiers).where(eq(tiers.workspaceId, workspaceId));
    const issues = validateRules(
      next.rules,
      partnerIds.map((p) => p.id),
      { knownTierIds: tierIds.map((t) => t.id) },
    );
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      throw validationFailed(
        errors.map((i): ErrorIssue => ({ path: `body.${i.path}`, code: i.code, message: i.message })),
      );
    }
    await writeSettings(tx, workspaceId, next, ctx.now);
    const diff = changedFields(
      { ...before, updatedAt: undefined, cursors: undefined } as Record<string, unknown>,
      next as Record<string, unknown>,
    );
    if (Object.keys(diff.after).length > 0) {
      await audit(tx, ctx, {
        action: 'lead_routing.updated',
        targetType: 'lead_routing_settings',
        targetId: null,
        ...diff,
      });
    }
    return {
      settings: presentSettings({ ...next, cursors: before.cursors, updatedAt: ctx.now }),
      warnings: issues.filter((i) => i.severity === 'warning'),
    };
  });
}

// --- board ---

export async function leadBoard(services: Pick<Services, 'db'>, ctx: Ctx): Promise<LeadBoard> {
  const workspaceId = ctx.actor.workspaceId;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const settings = await readSettings(tx, workspaceId);
    const rows = await statusCounts(tx, workspaceId);
    const counts = Object.fromEntries(LeadStatusValues.map((s) => [s, 0])) as Record<LeadStatus, number>;
    for (const r of rows) counts[r.status] = Number(r.n);
    const soon = new Date(ctx.now.getTime() + Math.max(settings.sla.reminderHoursBefore, 1) * HOUR);
    const [due] = await tx
      .select({ n: sqlCount() })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), eq(leads.status, 'offered'), lte(leads.slaDueAt, soon)));
    return {
      counts,
      dueSoon: Number(due?.n ?? 0),
      fallbackQueue: { id: settings.fallbackQueue.id, name: settings.fallbackQueue.name, count: counts.unassigned },
    };
  });
}
const sqlCount = () => sql<number>`count(*)::int`;

// --- per-partner routing facts ---

export async function getPartnerProfile(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  partnerId: string,
): Promise<LeadPartnerProfile> {
  const workspaceId = ctx.actor.workspaceId;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (!(await partnerRow(tx, workspaceId, partnerId))) throw notFound('partner');
    const [row] = await tx
      .select()
      .from(leadPartnerProfiles)
      .where(and(eq(leadPartnerProfiles.workspaceId, workspaceId), eq(leadPartnerProfiles.partnerId, partnerId)));
    return {
      partnerId,
      languages: row?.languages ?? [],
      capacity: row?.capacity ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}

export async function putPartnerProfile(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  partnerId: string,
  body: LeadPartnerProfileUpdate,
): Promise<LeadPartnerProfile> {
  const workspaceId = ctx.actor.workspaceId;
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (!(await partnerRow(tx, workspaceId, partnerId))) throw notFound('partner');
    const values = { languages: [...new Set(body.languages)], capacity: body.capacity, updatedAt: ctx.now };
    await tx
      .insert(leadPartnerProfiles)
      .values({ workspaceId, partnerId, ...values })
      .onConflictDoUpdate({ target: [leadPartnerProfiles.workspaceId, leadPartnerProfiles.partnerId], set: values });
    await audit(tx, ctx, {
      action: 'lead_partner_profile.updated',
      targetType: 'partner',
      targetId: partnerId,
      after: values,
    });
  });
  return getPartnerProfile(services, ctx, partnerId);
}
