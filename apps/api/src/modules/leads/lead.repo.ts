import {
  DEFAULT_LEAD_ROUTING_SETTINGS,
  type LeadRoutingSettings,
  type LeadStatus,
  OPEN_LEAD_STATUSES,
} from '@trellis/contracts';
import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  leadEvents,
  leadPartnerProfiles,
  leadRoutingDecisions,
  leadRoutingSettings,
  leads,
  memberships,
  partners,
  tiers,
  users,
  workspaces,
} from '../../db/schema/index';
import type { StoredDecision } from '../../db/schema/leads';
import type { PartnerPerformance, RoutingPartner } from './routing/index';

export type LeadRow = typeof leads.$inferSelect;
export type LeadInsert = typeof leads.$inferInsert;
export type LeadEventInsert = typeof leadEvents.$inferInsert;
export type DecisionRow = typeof leadRoutingDecisions.$inferSelect;
export type DecisionInsert = typeof leadRoutingDecisions.$inferInsert;

/** Settings as stored plus the round-robin cursors (never shown). */
export type StoredSettings = Omit<LeadRoutingSettings, 'updatedAt'> & {
  cursors: Record<string, string>;
  updatedAt: Date | null;
};

const fromRow = (row: typeof leadRoutingSettings.$inferSelect): StoredSettings => ({
  rules: row.rules,
  fallbackQueue: row.fallbackQueue,
  sla: row.sla,
  hideContactUntilAccepted: row.hideContactUntilAccepted,
  preApproveConvertedDeals: row.preApproveConvertedDeals,
  fairnessWindowDays: row.fairnessWindowDays,
  cursors: row.cursors,
  updatedAt: row.updatedAt,
});

export async function readSettings(tx: Tx, workspaceId: string): Promise<StoredSettings> {
  const [row] = await tx.select().from(leadRoutingSettings).where(eq(leadRoutingSettings.workspaceId, workspaceId));
  return row ? fromRow(row) : { ...DEFAULT_LEAD_ROUTING_SETTINGS, cursors: {}, updatedAt: null };
}

/**
 * The two settings a partner's inbox applies, read in the partner's own scope through lead_inbox_settings
 * (0015: answers only for the scope's workspace, never the rules). No settings row yet: the defaults.
 */
export async function inboxSettings(
  tx: Tx,
  workspaceId: string,
): Promise<{ hideContactUntilAccepted: boolean; preApprove: boolean }> {
  const res = await tx.execute<{ hide_contact: boolean; pre_approve: boolean }>(
    sql`SELECT hide_contact, pre_approve FROM lead_inbox_settings(${workspaceId}::uuid)`,
  );
  const row = res.rows[0];
  return {
    hideContactUntilAccepted: row?.hide_contact ?? DEFAULT_LEAD_ROUTING_SETTINGS.hideContactUntilAccepted,
    preApprove: row?.pre_approve ?? DEFAULT_LEAD_ROUTING_SETTINGS.preApproveConvertedDeals,
  };
}

/**
 * The settings row locked for the rest of the transaction: routing in one workspace is serialised here, so
 * round-robin cursors, capacity counts and fairness windows are read and advanced by one process at a time.
 */
export async function lockSettings(tx: Tx, workspaceId: string): Promise<StoredSettings> {
  await tx
    .insert(leadRoutingSettings)
    .values({
      workspaceId,
      fallbackQueue: DEFAULT_LEAD_ROUTING_SETTINGS.fallbackQueue,
      sla: DEFAULT_LEAD_ROUTING_SETTINGS.sla,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(leadRoutingSettings)
    .where(eq(leadRoutingSettings.workspaceId, workspaceId))
    .for('update');
  if (!row) throw new Error('lead routing settings row missing after insert');
  return fromRow(row);
}

export async function writeSettings(
  tx: Tx,
  workspaceId: string,
  s: Omit<StoredSettings, 'updatedAt' | 'cursors'>,
  now: Date,
) {
  const values = {
    rules: s.rules,
    fallbackQueue: s.fallbackQueue,
    sla: s.sla,
    hideContactUntilAccepted: s.hideContactUntilAccepted,
    preApproveConvertedDeals: s.preApproveConvertedDeals,
    fairnessWindowDays: s.fairnessWindowDays,
    updatedAt: now,
  };
  await tx
    .insert(leadRoutingSettings)
    .values({ workspaceId, ...values })
    .onConflictDoUpdate({ target: leadRoutingSettings.workspaceId, set: values });
}

export async function writeCursors(tx: Tx, workspaceId: string, cursors: Record<string, string>) {
  await tx.update(leadRoutingSettings).set({ cursors }).where(eq(leadRoutingSettings.workspaceId, workspaceId));
}

// --- partners as the routing engine sees them ---

const OPEN = OPEN_LEAD_STATUSES as LeadStatus[];

/** Every partner of the workspace with tier, languages, capacity and open leads, in one query. */
export async function routingPartners(tx: Tx, workspaceId: string): Promise<RoutingPartner[]> {
  const open = tx
    .select({ partnerId: leads.partnerId, n: sql<number>`count(*)::int`.as('n') })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.status, OPEN)))
    .groupBy(leads.partnerId)
    .as('open_leads');
  const rows = await tx
    .select({
      id: partners.id,
      type: partners.type,
      country: partners.country,
      region: partners.region,
      territories: partners.territories,
      capabilities: partners.capabilities,
      status: partners.status,
      tierId: tiers.id,
      tierName: tiers.name,
      tierRank: tiers.rank,
      languages: leadPartnerProfiles.languages,
      capacity: leadPartnerProfiles.capacity,
      openLeads: open.n,
    })
    .from(partners)
    .leftJoin(tiers, eq(tiers.id, partners.tierId))
    .leftJoin(
      leadPartnerProfiles,
      and(eq(leadPartnerProfiles.workspaceId, workspaceId), eq(leadPartnerProfiles.partnerId, partners.id)),
    )
    .leftJoin(open, eq(open.partnerId, partners.id))
    .where(eq(partners.workspaceId, workspaceId));
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    tier: r.tierId ? { id: r.tierId, name: r.tierName ?? '', rank: r.tierRank ?? 0 } : null,
    country: r.country,
    region: r.region,
    territories: r.territories,
    capabilities: r.capabilities,
    languages: r.languages ?? [],
    status: r.status,
    openLeads: Number(r.openLeads ?? 0),
    capacity: r.capacity ?? null,
  }));
}

/** Events that hand a lead to `partner_id` (`reassigned` is the hop away from the earlier holder). */
export const OFFER_TYPES = ['routed', 'assigned'] as const;

/** Offers per partner since `since` (routed or assigned to it): the fairness window. */
export async function recentOffers(tx: Tx, workspaceId: string, since: Date): Promise<Record<string, number>> {
  const rows = await tx
    .select({ partnerId: leadEvents.partnerId, n: sql<number>`count(*)::int` })
    .from(leadEvents)
    .where(
      and(
        eq(leadEvents.workspaceId, workspaceId),
        inArray(leadEvents.type, [...OFFER_TYPES]),
        gte(leadEvents.occurredAt, since),
        sql`${leadEvents.partnerId} IS NOT NULL`,
      ),
    )
    .groupBy(leadEvents.partnerId);
  return Object.fromEntries(rows.map((r) => [r.partnerId as string, Number(r.n)]));
}

/** Offered / accepted / converted per partner over the last `windowDays` (the performance strategy). */
export async function performanceOver(
  tx: Tx,
  workspaceId: string,
  windowDays: number,
  now: Date,
): Promise<Map<string, PartnerPerformance>> {
  const since = new Date(now.getTime() - windowDays * 86_400_000);
  const rows = await tx
    .select({
      partnerId: leadEvents.partnerId,
      offered: sql<number>`count(*) FILTER (WHERE ${leadEvents.type} IN ('routed', 'assigned'))::int`,
      accepted: sql<number>`count(*) FILTER (WHERE ${leadEvents.type} = 'accepted')::int`,
      converted: sql<number>`count(*) FILTER (WHERE ${leadEvents.type} = 'converted')::int`,
    })
    .from(leadEvents)
    .where(
      and(
        eq(leadEvents.workspaceId, workspaceId),
        gte(leadEvents.occurredAt, since),
        sql`${leadEvents.partnerId} IS NOT NULL`,
      ),
    )
    .groupBy(leadEvents.partnerId);
  return new Map(
    rows.map((r) => [
      r.partnerId as string,
      { windowDays, offered: Number(r.offered), accepted: Number(r.accepted), converted: Number(r.converted) },
    ]),
  );
}

// --- leads ---

/** The columns routing reads (`RoutableLead`): bulk runs lock and read only these, not contacts and notes. */
export const routableColumns = {
  id: leads.id,
  status: leads.status,
  assignmentVersion: leads.assignmentVersion,
  company: leads.company,
  country: leads.country,
  region: leads.region,
  territory: leads.territory,
  language: leads.language,
  productInterests: leads.productInterests,
  companySize: leads.companySize,
  declinedPartnerIds: leads.declinedPartnerIds,
  recalledPartnerIds: leads.recalledPartnerIds,
};

export async function findLead(
  tx: Tx,
  workspaceId: string,
  id: string,
  opts: { lock?: boolean; partnerId?: string | null } = {},
): Promise<LeadRow | undefined> {
  const where = [eq(leads.workspaceId, workspaceId), eq(leads.id, id)];
  if (opts.partnerId) where.push(eq(leads.partnerId, opts.partnerId));
  const q = tx
    .select()
    .from(leads)
    .where(and(...where));
  const [row] = await (opts.lock ? q.for('update') : q);
  return row;
}

export async function insertLead(tx: Tx, values: LeadInsert): Promise<void> {
  await tx.insert(leads).values(values);
}

/** Updates when the lead is still at `version` (nobody re-assigned it meanwhile); false when it moved on. */
export async function updateLeadAt(
  tx: Tx,
  workspaceId: string,
  id: string,
  version: number | null,
  set: Partial<LeadInsert>,
): Promise<boolean> {
  const where = [eq(leads.workspaceId, workspaceId), eq(leads.id, id)];
  if (version !== null) where.push(eq(leads.assignmentVersion, version));
  const rows = await tx
    .update(leads)
    .set(set)
    .where(and(...where))
    .returning({ id: leads.id });
  return rows.length === 1;
}

export type LeadFilter = {
  status?: LeadStatus[] | undefined;
  partnerId?: string | undefined;
  country?: string[] | undefined;
  source?: string[] | undefined;
  q?: string | undefined;
  slaDueBefore?: Date | undefined;
  before: string | null;
  limit: number;
};

export async function listLeadRows(tx: Tx, workspaceId: string, f: LeadFilter): Promise<LeadRow[]> {
  const where: SQL[] = [eq(leads.workspaceId, workspaceId)];
  if (f.status?.length) where.push(inArray(leads.status, f.status));
  if (f.partnerId) where.push(eq(leads.partnerId, f.partnerId));
  if (f.country?.length) where.push(inArray(leads.country, f.country));
  if (f.source?.length) where.push(inArray(leads.source, f.source as LeadRow['source'][]));
  if (f.q) where.push(ilike(leads.searchText, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.slaDueBefore) where.push(eq(leads.status, 'offered'), lte(leads.slaDueAt, f.slaDueBefore));
  if (f.before) where.push(lt(leads.id, f.before));
  return tx
    .select()
    .from(leads)
    .where(and(...where))
    .orderBy(desc(leads.id))
    .limit(f.limit + 1);
}

export async function statusCounts(tx: Tx, workspaceId: string) {
  return tx
    .select({ status: leads.status, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(eq(leads.workspaceId, workspaceId))
    .groupBy(leads.status);
}

// --- events and decisions ---

export async function insertEvents(tx: Tx, events: LeadEventInsert[]): Promise<void> {
  if (events.length === 0) return;
  if (events.length < 20) {
    await tx.insert(leadEvents).values(events);
    return;
  }
  // Batches: one statement per 2,000 rows from a JSON record set (far cheaper than thousands of parameters).
  for (let i = 0; i < events.length; i += 2000) {
    const rows = events.slice(i, i + 2000).map((e) => ({
      workspace_id: e.workspaceId,
      id: e.id,
      lead_id: e.leadId,
      partner_id: e.partnerId ?? null,
      type: e.type,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      reason_code: e.reasonCode ?? null,
      reason: e.reason ?? null,
      decision_id: e.decisionId ?? null,
      actor_user_id: e.actorUserId ?? null,
      occurred_at: (e.occurredAt ?? new Date()).toISOString(),
    }));
    await tx.execute(sql`
      INSERT INTO lead_events (workspace_id, id, lead_id, partner_id, type, from_status, to_status, reason_code, reason,
        decision_id, actor_user_id, occurred_at)
      SELECT workspace_id, id, lead_id, partner_id, type::lead_event_type, from_status::lead_status,
        to_status::lead_status, reason_code, reason, decision_id, actor_user_id, occurred_at
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(workspace_id uuid, id uuid, lead_id uuid,
        partner_id uuid, type text, from_status text, to_status text, reason_code text, reason text, decision_id uuid,
        actor_user_id uuid, occurred_at timestamptz)`);
  }
}

export async function listEventRows(tx: Tx, workspaceId: string, leadId: string, partnerId?: string | null) {
  const where = [eq(leadEvents.workspaceId, workspaceId), eq(leadEvents.leadId, leadId)];
  if (partnerId) where.push(eq(leadEvents.partnerId, partnerId));
  return tx
    .select({
      id: leadEvents.id,
      type: leadEvents.type,
      partnerId: leadEvents.partnerId,
      partnerName: partners.displayName,
      fromStatus: leadEvents.fromStatus,
      toStatus: leadEvents.toStatus,
      reasonCode: leadEvents.reasonCode,
      reason: leadEvents.reason,
      decisionId: leadEvents.decisionId,
      actorId: leadEvents.actorUserId,
      actorName: users.name,
      occurredAt: leadEvents.occurredAt,
    })
    .from(leadEvents)
    .leftJoin(partners, eq(partners.id, leadEvents.partnerId))
    .leftJoin(users, eq(users.id, leadEvents.actorUserId))
    .where(and(...where))
    .orderBy(asc(leadEvents.occurredAt), asc(leadEvents.id));
}
export type EventRow = Awaited<ReturnType<typeof listEventRows>>[number];

/** One routed lead as the bulk write takes it: the lead at the version it was read, the decision, the hop. */
export type RoutedWrite = {
  leadId: string;
  /** `assignment_version` as read: the lead is written only if it still has it. */
  version: number;
  fromStatus: LeadStatus;
  /** The partner offered the lead, or null for the fallback queue. */
  partnerId: string | null;
  decisionId: string;
  eventId: string;
  outcome: string;
  ruleId: string | null;
  engineVersion: number;
  /** Why the lead went to the fallback queue (the hop's reason code), when it did. */
  fallbackReason: string | null;
  explanation: StoredDecision;
};

/**
 * Writes a chunk of routing results in ONE statement: the leads (each only at the version it was read), their
 * decisions with explanations and their hops (`routed` / `fallback`), from one JSON record set parsed once.
 * Returns how many leads were written; the caller rolls back when that is not all of them (the decisions and
 * hops of a lead that was not written must not stay).
 */
export async function writeRouted(
  tx: Tx,
  w: {
    workspaceId: string;
    trigger: string;
    actorUserId: string | null;
    now: Date;
    dueAt: Date;
    fallbackQueueId: string;
  },
  rows: readonly RoutedWrite[],
): Promise<number> {
  if (rows.length === 0) return 0;
  // Columns as delimited text, split in SQL: the explanations (~1.7 KB each, nearly all of the payload) are only
  // validated as JSON once, not parsed into records first as json_to_recordset does (2–3× the database's CPU).
  // JSON.stringify never emits a raw control character, so U+001E cannot occur inside an explanation; the
  // other columns are ids, numbers and enum codes (U+001F separates the two that are free text in the table).
  const col = (f: (r: RoutedWrite) => string | number | null, sep = ',') => rows.map((r) => f(r) ?? '').join(sep);
  const now = w.now.toISOString();
  const res = await tx.execute<{ n: number }>(sql`
    WITH v AS MATERIALIZED (
      SELECT * FROM unnest(
        string_to_array(${col((r) => r.leadId)}, ',')::uuid[],
        string_to_array(${col((r) => r.version)}, ',')::integer[],
        string_to_array(${col((r) => r.fromStatus)}, ',')::lead_status[],
        string_to_array(${col((r) => r.partnerId)}, ',', '')::uuid[],
        string_to_array(${col((r) => r.decisionId)}, ',')::uuid[],
        string_to_array(${col((r) => r.eventId)}, ',')::uuid[],
        string_to_array(${col((r) => r.outcome)}, ','),
        string_to_array(${col((r) => r.ruleId, '\x1f')}, E'\x1f', ''),
        string_to_array(${col((r) => r.engineVersion)}, ',')::integer[],
        string_to_array(${col((r) => r.fallbackReason, '\x1f')}, E'\x1f', ''),
        string_to_array(${rows.map((r) => JSON.stringify(r.explanation)).join('\x1e')}, E'\x1e')::json[]
      ) AS v(l, v, f, p, d, e, o, r, n, c, x)
    ), upd AS (
      UPDATE leads t SET
        status = CASE WHEN v.p IS NULL THEN 'unassigned' ELSE 'offered' END::lead_status,
        partner_id = v.p,
        fallback_queue_id = CASE WHEN v.p IS NULL THEN ${w.fallbackQueueId} END,
        assigned_at = CASE WHEN v.p IS NULL THEN NULL ELSE ${now}::timestamptz END,
        sla_due_at = CASE WHEN v.p IS NULL THEN NULL ELSE ${w.dueAt.toISOString()}::timestamptz END,
        sla_reminded_at = NULL,
        accepted_at = NULL,
        assignment_version = t.assignment_version + 1,
        last_decision_id = v.d,
        updated_at = ${now}::timestamptz
      FROM v
      WHERE t.workspace_id = ${w.workspaceId} AND t.id = v.l AND t.assignment_version = v.v
      RETURNING t.id
    ), dec AS (
      INSERT INTO lead_routing_decisions (workspace_id, id, lead_id, trigger, outcome, partner_id, rule_id,
        engine_version, explanation, decided_by, decided_at)
      SELECT ${w.workspaceId}, v.d, v.l, ${w.trigger}, v.o, v.p, v.r, v.n, v.x, ${w.actorUserId}::uuid,
        ${now}::timestamptz
      FROM v
    ), hop AS (
      INSERT INTO lead_events (workspace_id, id, lead_id, partner_id, type, from_status, to_status, reason_code,
        reason, decision_id, actor_user_id, occurred_at)
      SELECT ${w.workspaceId}, v.e, v.l, v.p,
        CASE WHEN v.p IS NULL THEN 'fallback' ELSE 'routed' END::lead_event_type, v.f,
        CASE WHEN v.p IS NULL THEN 'unassigned' ELSE 'offered' END::lead_status,
        CASE WHEN v.p IS NULL THEN v.c ELSE ${w.trigger} END, NULL, v.d, ${w.actorUserId}::uuid,
        ${now}::timestamptz
      FROM v
    )
    SELECT count(*)::int AS n FROM upd`);
  return Number(res.rows[0]?.n ?? 0);
}

/** Adds what a routing transaction's weighted decisions promised each partner to today's (UTC) totals. */
export async function addPromisedShares(
  tx: Tx,
  workspaceId: string,
  at: Date,
  promised: ReadonlyMap<string, number>,
): Promise<void> {
  if (promised.size === 0) return;
  const rows = [...promised].map(([partner_id, share]) => ({ partner_id, share }));
  await tx.execute(sql`
    INSERT INTO lead_promised_shares (workspace_id, partner_id, day, promised)
    SELECT ${workspaceId}, x.partner_id, ${at.toISOString().slice(0, 10)}::date, x.share
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(partner_id uuid, share float8)
    ON CONFLICT (workspace_id, partner_id, day)
      DO UPDATE SET promised = lead_promised_shares.promised + excluded.promised`);
}

export async function findDecision(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select({ decision: leadRoutingDecisions, decidedByName: users.name })
    .from(leadRoutingDecisions)
    .leftJoin(users, eq(users.id, leadRoutingDecisions.decidedBy))
    .where(and(eq(leadRoutingDecisions.workspaceId, workspaceId), eq(leadRoutingDecisions.id, id)));
  return row;
}

export async function partnerNames(tx: Tx, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: partners.id, name: partners.displayName })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), inArray(partners.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function partnerRow(tx: Tx, workspaceId: string, id: string) {
  const [row] = await tx
    .select({ id: partners.id, name: partners.displayName, status: partners.status, ownerUserId: partners.ownerUserId })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, id)));
  return row;
}

// --- people to tell ---

/** Active people of a partner company (everyone there may work the inbox). */
export async function partnerPeople(tx: Tx, workspaceId: string, partnerId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.partnerId, partnerId),
        eq(memberships.status, 'active'),
      ),
    );
  return rows.map((r) => r.userId);
}

/** Active people of many partner companies at once, by partner (batch routing tells each company once). */
export async function peopleOfPartners(
  tx: Tx,
  workspaceId: string,
  partnerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (partnerIds.length === 0) return out;
  const rows = await tx
    .select({ partnerId: memberships.partnerId, userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        inArray(memberships.partnerId, [...partnerIds]),
        eq(memberships.status, 'active'),
      ),
    );
  for (const r of rows) {
    if (!r.partnerId) continue;
    out.set(r.partnerId, [...(out.get(r.partnerId) ?? []), r.userId]);
  }
  return out;
}

export async function recipients(tx: Tx, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(inArray(users.id, [...userIds]));
}

export async function workspaceFacts(tx: Tx, workspaceId: string) {
  const [row] = await tx
    .select({
      name: workspaces.name,
      defaultLocale: workspaces.defaultLocale,
      slug: workspaces.slug,
      timeZone: workspaces.timeZone,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row;
}
