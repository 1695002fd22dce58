import {
  type LeadDecisionTrigger,
  type LeadStatus,
  type RoutingDecision,
  type RoutingRule,
  STORED_ELIGIBLE_CANDIDATES,
  STORED_EXCLUDED_CANDIDATES,
  STORED_RULE_TRACES,
} from '@trellis/contracts';
import type { Tx } from '../../db/client';
import type { StoredDecision } from '../../db/schema/leads';
import { bulkId } from '../../lib/bulk-ids';
import { invalidState } from '../../platform/errors';
import { alertMany, formatInstant, type LeadAlert, scheduleSlaChecks } from './lead.alerts';
import {
  addPromisedShares,
  type LeadRow,
  lockSettings,
  partnerPeople,
  peopleOfPartners,
  performanceOver,
  type RoutedWrite,
  recentOffers,
  type routableColumns,
  routingPartners,
  type StoredSettings,
  writeCursors,
  writeRouted,
} from './lead.repo';
import {
  applyDecision,
  type CompiledRouting,
  compileRouting,
  type PartnerPerformance,
  type RoutingLead,
  type RoutingPartner,
  routeCompiled,
  type WorkingState,
  workingState,
} from './routing/index';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who acts (null for the SLA job and the public form) and when, in a vendor-scoped transaction. */
export type SysCtx = { workspaceId: string; userId: string | null; now: Date };

/** Rules, partners and state for one transaction that routes: compiled once, advanced after each lead. */
export type RoutingSession = {
  settings: StoredSettings;
  partners: RoutingPartner[];
  compiled: CompiledRouting;
  ws: WorkingState;
  cursorsChanged: boolean;
};

type RoutingFacts = { partners: RoutingPartner[]; recent: Record<string, number> };

/** Partners with their performance over each window the rules use, and recent offers (fairness). */
async function loadFacts(tx: Tx, workspaceId: string, settings: StoredSettings, now: Date): Promise<RoutingFacts> {
  const windows = new Set<number>();
  for (const r of settings.rules)
    if (r.enabled && r.strategy.type === 'performance') windows.add(r.strategy.windowDays);
  // One statement at a time: a transaction's connection runs them in turn anyway.
  const partners = await routingPartners(tx, workspaceId);
  const byWindow: (readonly [number, Map<string, PartnerPerformance>])[] = [];
  for (const w of windows) byWindow.push([w, await performanceOver(tx, workspaceId, w, now)]);
  const recent = await recentOffers(tx, workspaceId, new Date(now.getTime() - settings.fairnessWindowDays * DAY));
  if (byWindow.length > 0) {
    for (const p of partners) {
      p.performance = byWindow.flatMap(([w, m]) => {
        const f = m.get(p.id);
        return f ? [f] : [{ windowDays: w, offered: 0, accepted: 0, converted: 0 }];
      });
    }
  }
  return { partners, recent };
}

function compileSession(settings: StoredSettings, facts: RoutingFacts): RoutingSession {
  const compiled = compileRouting(settings.rules, facts.partners, settings.fallbackQueue);
  const ws = workingState(compiled, { cursors: settings.cursors, recentAssignments: facts.recent });
  return { settings, partners: facts.partners, compiled, ws, cursorsChanged: false };
}

async function closeRouting(tx: Tx, workspaceId: string, session: RoutingSession): Promise<void> {
  if (session.cursorsChanged) await writeCursors(tx, workspaceId, Object.fromEntries(session.ws.cursors));
}

/**
 * What routing reads of a lead (`routableColumns`): its facts for the rules, its state for the write, its name
 * for the alert.
 */
export type RoutableLead = Pick<LeadRow, keyof typeof routableColumns>;

export const routingLeadOf = (lead: RoutableLead): RoutingLead => ({
  id: lead.id,
  country: lead.country,
  region: lead.region,
  territory: lead.territory,
  language: lead.language,
  productInterests: lead.productInterests,
  companySize: lead.companySize,
  declinedPartnerIds: lead.declinedPartnerIds,
  recalledPartnerIds: lead.recalledPartnerIds,
});

/**
 * Compact explanations (batches): the top ranks only, counts for the rest, the rule traces that matter. Their
 * size is most of what a bulk run writes (bench/README.md, leads), so they keep the winner and two runners-up.
 */
const COMPACT_ELIGIBLE = 3;
/** Partners named in a compact explanation's tie (the winner first); `tiedCount` says how many shared it. */
const COMPACT_TIED = 3;
const COMPACT_TRACES = 10;

/**
 * What a decision keeps in storage. A full explanation is ≈ 12 KB for a big rule set; kept are:
 * - `full` (one lead routed at a time): the rule traces up to STORED_RULE_TRACES (the deciding one always),
 *   the top STORED_ELIGIBLE_CANDIDATES eligible candidates with scores and components, the first
 *   STORED_EXCLUDED_CANDIDATES excluded ones with their reasons;
 * - `compact` (bulk routing, SLA recalls in batches): the top 3 eligible candidates, no excluded ones, the first
 *   3 partners of a tie (and how many tied), and only the rule traces that are not "conditions not met" (at
 *   most 10, the deciding one always) — ≈ 1 KB.
 * Either way the counts of everything trimmed (candidates per side, exclusion reasons, rule traces) are kept,
 * so the console can say "and 31 more, 12 of them at capacity".
 */
export function storedDecision(
  d: RoutingDecision,
  rules: readonly RoutingRule[],
  detail: 'full' | 'compact' = 'full',
): StoredDecision {
  const eligible = d.candidates.filter((c) => c.eligible);
  const excluded = d.candidates.filter((c) => !c.eligible);
  const counts = new Map<string, number>();
  for (const c of excluded) for (const r of c.exclusions) counts.set(r, (counts.get(r) ?? 0) + 1);
  const compact = detail === 'compact';
  const keptEligible = eligible.slice(0, compact ? COMPACT_ELIGIBLE : STORED_ELIGIBLE_CANDIDATES);
  const keptExcluded = compact ? [] : excluded.slice(0, STORED_EXCLUDED_CANDIDATES);
  const last = d.rules[d.rules.length - 1];
  let traces = compact ? d.rules.filter((t) => t.result !== 'conditions_not_met' || t === last) : d.rules;
  const cap = compact ? COMPACT_TRACES : STORED_RULE_TRACES;
  if (traces.length > cap && last) traces = [...traces.slice(0, cap - 1), last];
  return {
    engineVersion: d.engineVersion,
    outcome: d.outcome,
    ruleId: d.ruleId,
    ruleName: d.ruleId ? (rules.find((r) => r.id === d.ruleId)?.name ?? null) : null,
    strategy: d.strategy,
    fallbackQueue: d.fallbackQueue,
    fallbackReason: d.fallbackReason,
    detail,
    rules: traces,
    rulesOmitted: d.rules.length - traces.length,
    candidates: [...keptEligible, ...keptExcluded],
    candidateCounts: { eligible: eligible.length, excluded: excluded.length },
    candidatesOmitted: d.candidates.length - keptEligible.length - keptExcluded.length,
    exclusionCounts: [...counts].map(([reason, count]) => ({ reason, count })),
    tieBreak:
      compact && d.tieBreak && d.tieBreak.tiedPartnerIds.length > COMPACT_TIED
        ? {
            ...d.tieBreak,
            tiedPartnerIds: d.tieBreak.tiedPartnerIds.slice(0, COMPACT_TIED),
            tiedCount: d.tieBreak.tiedPartnerIds.length,
          }
        : d.tieBreak,
  };
}

/**
 * One routed lead as the caller gets it back: its new status and where it went, not the whole decision
 * (a bulk run of 50,000 would otherwise hold every candidate list until the transaction ends).
 */
export type RoutedLead = {
  leadId: string;
  status: LeadStatus;
  outcome: RoutingDecision['outcome'];
  partnerId: string | null;
  decisionId: string;
  /** false when the lead moved on meanwhile (its version changed): nothing was written. */
  applied: boolean;
};

/** How much of each explanation to keep: `full` for one lead at a time, `compact` for batches (see below). */
export type DecisionDetail = 'full' | 'compact';

/**
 * Routes leads the caller has locked (FOR UPDATE) in this transaction, in order, each seeing the ones before.
 * The writes are batched (one UPDATE per 1,000 leads from a JSON record set, multi-row inserts of decisions
 * and hops), and each lead is written only at the version it was read (`assignment_version`), so a lead
 * assigned by someone else since is left alone (applied: false) — one lead never goes to two partners.
 * Stores each decision with its explanation (`compact` for batches), alerts the partners, schedules the SLA.
 */
async function routeLocked(
  tx: Tx,
  c: SysCtx,
  session: RoutingSession,
  rows: readonly RoutableLead[],
  trigger: LeadDecisionTrigger,
  opts: { batchAlerts?: boolean; detail?: DecisionDetail } = {},
): Promise<RoutedLead[]> {
  const { routed, offered, promised } = await routeAndWrite(tx, c, session, rows, trigger, opts.detail);
  await tellOffered(tx, c, session.settings, offered, opts.batchAlerts === true);
  await addPromisedShares(tx, c.workspaceId, c.now, promised);
  return routed;
}

/** The leads each partner was offered in a run, for telling them (tellOffered). */
type Offers = Map<string, OfferedLead[]>;

/** Routes and writes (routeLocked without telling anyone). */
async function routeAndWrite(
  tx: Tx,
  c: SysCtx,
  session: RoutingSession,
  rows: readonly RoutableLead[],
  trigger: LeadDecisionTrigger,
  detailOpt?: DecisionDetail,
): Promise<{ routed: RoutedLead[]; offered: Offers; promised: Map<string, number> }> {
  const { settings } = session;
  const detail = detailOpt ?? (rows.length > 1 ? 'compact' : 'full');
  const dueAt = dueOf(c, settings);
  const out: RoutedLead[] = [];
  const offered: Offers = new Map();
  const promised = new Map<string, number>();
  const target = {
    workspaceId: c.workspaceId,
    trigger,
    actorUserId: c.userId,
    now: c.now,
    dueAt,
    fallbackQueueId: settings.fallbackQueue.id,
  };
  // Each chunk is written (one statement: leads, decisions, hops) while the next one is routed here, so the
  // database and the engine work at the same time. One statement at a time, in order; all done before returning.
  let chain: Promise<number> = Promise.resolve(0);
  for (let from = 0; from < rows.length; from += WRITE_CHUNK) {
    const chunk = rows.slice(from, from + WRITE_CHUNK);
    const writes: RoutedWrite[] = [];
    for (const [i, lead] of chunk.entries()) {
      // Routing is synchronous: a turn of the event loop every few hundred leads sends the queued write and
      // takes in the finished one, so the database never waits long for its next chunk.
      if (i > 0 && i % YIELD_EVERY === 0) await nextTurn();
      const decision = routeCompiled(session.compiled, routingLeadOf(lead), session.ws);
      if (applyDecision(session.compiled, session.ws, decision) !== null && decision.strategy === 'round_robin')
        session.cursorsChanged = true;
      addPromise(promised, decision);
      const decisionId = bulkId();
      const assigned = decision.outcome === 'assigned' && decision.partnerId !== null;
      const to: LeadStatus = assigned ? 'offered' : 'unassigned';
      writes.push({
        leadId: lead.id,
        version: lead.assignmentVersion,
        fromStatus: lead.status,
        partnerId: assigned ? decision.partnerId : null,
        decisionId,
        eventId: bulkId(),
        outcome: decision.outcome,
        ruleId: decision.ruleId,
        engineVersion: decision.engineVersion,
        fallbackReason: decision.fallbackReason,
        explanation: storedDecision(decision, settings.rules, detail),
      });
      const partnerId = assigned ? decision.partnerId : null;
      if (partnerId) {
        const list = offered.get(partnerId) ?? [];
        list.push({ id: lead.id, company: lead.company, country: lead.country });
        offered.set(partnerId, list);
      }
      out.push({ leadId: lead.id, status: to, outcome: decision.outcome, partnerId, decisionId, applied: true });
    }
    const before = chain;
    chain = before.then(async (n) => n + (await writeRouted(tx, target, writes)));
    // Keeps an early failure from surfacing as an unhandled rejection while later chunks are routed.
    chain.catch(() => undefined);
    if (from + WRITE_CHUNK < rows.length) await nextTurn();
  }
  const written = await chain;
  if (written !== rows.length) {
    // The caller holds the rows FOR UPDATE, so this means a caller forgot to: refuse, and roll everything back.
    throw invalidState('some leads changed while they were being routed; nothing was routed, try again', {
      expected: rows.length,
      written,
    });
  }
  return { routed: out, offered, promised };
}

/**
 * A lead a weighted rule assigned promises each of its eligible candidates its weight's part of one lead (the
 * fairness figure "leads against weight"), taken from the full decision before its explanation is trimmed.
 */
function addPromise(promised: Map<string, number>, d: RoutingDecision): void {
  if (d.outcome !== 'assigned' || d.strategy !== 'weighted') return;
  let total = 0;
  for (const c of d.candidates) if (c.eligible && c.components.strategy === 'weighted') total += c.components.weight;
  if (total <= 0) return;
  for (const c of d.candidates) {
    if (c.eligible && c.components.strategy === 'weighted' && c.components.weight > 0)
      promised.set(c.partnerId, (promised.get(c.partnerId) ?? 0) + c.components.weight / total);
  }
}

const dueOf = (c: SysCtx, settings: StoredSettings) => new Date(c.now.getTime() + settings.sla.hours * HOUR);

/** Tells each partner's people of the leads it was offered (one alert per lead, or per partner in `batch`), and
 * wakes the SLA job for the reminder and the deadline. */
async function tellOffered(tx: Tx, c: SysCtx, settings: StoredSettings, offered: Offers, batch: boolean) {
  if (offered.size === 0) return;
  const dueAt = dueOf(c, settings);
  const remindAt =
    settings.sla.reminderHoursBefore > 0 ? new Date(dueAt.getTime() - settings.sla.reminderHoursBefore * HOUR) : null;
  const people = await peopleOfPartners(tx, c.workspaceId, [...offered.keys()]);
  const alerts: LeadAlert[] = [];
  for (const [partnerId, list] of offered)
    alerts.push(...offerAlerts(c, list, dueAt, batch && list.length > 1, people.get(partnerId) ?? []));
  await alertMany(tx, c.workspaceId, alerts);
  await scheduleSlaChecks(tx, c.workspaceId, remindAt ? [remindAt, dueAt] : [dueAt]);
}

const WRITE_CHUNK = 1000;
const YIELD_EVERY = 200;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type OfferedLead = Pick<LeadRow, 'id' | 'company' | 'country'>;

/** The partner's people hear of a new lead: company and deadline only, never the contact. */
export async function alertOffer(
  tx: Tx,
  c: SysCtx,
  partnerId: string,
  list: readonly OfferedLead[],
  dueAt: Date,
  batch: boolean,
): Promise<void> {
  const people = await partnerPeople(tx, c.workspaceId, partnerId);
  await alertMany(tx, c.workspaceId, offerAlerts(c, list, dueAt, batch, people));
}

/** The alerts of an offer to `people`: one per lead, or one for the whole batch ("12 new leads"). */
function offerAlerts(
  c: SysCtx,
  list: readonly OfferedLead[],
  dueAt: Date,
  batch: boolean,
  people: readonly string[],
): LeadAlert[] {
  if (people.length === 0) return [];
  if (batch) {
    return [
      {
        userIds: people,
        type: 'lead.offered_batch',
        data: { count: list.length, acceptBy: dueAt.toISOString() },
        template: 'lead_offered_batch',
        params: (locale, tz) => ({ count: String(list.length), acceptBy: formatInstant(dueAt, locale, tz) }),
        at: c.now,
      },
    ];
  }
  return list.map((lead) => ({
    userIds: people,
    type: 'lead.offered',
    data: { leadId: lead.id, company: lead.company, country: lead.country, acceptBy: dueAt.toISOString() },
    template: 'lead_offered',
    params: (locale, tz) => ({
      company: lead.company,
      country: lead.country ?? '',
      acceptBy: formatInstant(dueAt, locale, tz),
    }),
    at: c.now,
  }));
}

/**
 * The whole of one routing transaction: lock the workspace's routing first, then the leads (`lockLeads`, which
 * reads them FOR UPDATE and may change them before they are routed), route, save the cursors. Always in this
 * order — settings row, then lead rows — so two routing transactions never wait on each other in a cycle.
 */
export async function routeInTx<T>(
  tx: Tx,
  c: SysCtx,
  lockLeads: () => Promise<{ rows: RoutableLead[]; extra: T }>,
  trigger: LeadDecisionTrigger,
  opts: { batchAlerts?: boolean } = {},
): Promise<{ routed: RoutedLead[]; extra: T }> {
  const settings = await lockSettings(tx, c.workspaceId);
  const { rows, extra } = await lockLeads();
  // Nothing to route (a bulk run that found every lead taken): no partners to read, no rules to compile.
  if (rows.length === 0) return { routed: [], extra };
  const session = compileSession(settings, await loadFacts(tx, c.workspaceId, settings, c.now));
  const routed = await routeLocked(tx, c, session, rows, trigger, opts);
  await closeRouting(tx, c.workspaceId, session);
  return { routed, extra };
}

/** Runs fn in a new transaction of the caller's scope, on its own connection. */
export type OpenTx = <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>;

/** How many transactions write one big bulk run at once on PostgreSQL (routeBulk). */
export const BULK_WRITERS = 2;

// At most one bulk run at a time in this process writes with several transactions: each holds BULK_WRITERS + 1
// pooled connections, and runs beside it use one transaction, so they can never wait on each other for the pool.
let writersBusy = false;

/**
 * C5 bulk routing (imports, "Route all waiting"). With `writers: 1`, or while another run here writes with
 * several, it is routeInTx: one transaction that locks the routing, locks the leads (`lockShare(tx, 0, 1)`),
 * routes, writes, tells the partners and then runs `finish` (audit, result). With more writers (PostgreSQL
 * only, where each transaction has its own connection and backend), the leads are written by `writers`
 * transactions at once: writing them is most of a bulk run, and one backend uses one core (bench/README.md,
 * leads). What routeInTx guarantees still holds:
 * - a coordinating transaction locks the workspace's routing (the settings row) and holds it until every writer
 *   has committed, so no other routing runs meanwhile and the next one sees every lead this one assigned; it
 *   reads the rules and facts once, then saves the cursors and runs `finish`;
 * - each writer locks its own share of the leads (`lockShare(tx, share, shares)`: disjoint ids, or SKIP LOCKED,
 *   so no two writers hold one lead), routes them on the one shared engine state (routing is synchronous, so
 *   leads are routed one at a time, each seeing all before it), writes each at the version it read, and tells
 *   the partners of its share;
 * - writers commit only once all have written everything; one failing rolls them all back. Only a failure in
 *   COMMIT itself, or in `finish` after it, can leave a share routed and the rest waiting — each lead is then
 *   whole (routed with its decision and hop, or untouched) and the waiting ones can be routed again.
 * Every transaction holds its connection before the routing lock is taken, so none waits for the pool while
 * holding a lock others wait on.
 */
export async function routeBulk<T>(
  openTx: OpenTx,
  c: SysCtx,
  lockShare: (tx: Tx, share: number, shares: number) => Promise<RoutableLead[]>,
  finish: (tx: Tx, routed: RoutedLead[]) => Promise<T>,
  opts: { writers: number },
): Promise<T> {
  if (opts.writers <= 1 || writersBusy) {
    return openTx(async (tx) => {
      const single = async () => ({ rows: await lockShare(tx, 0, 1), extra: null });
      const { routed } = await routeInTx(tx, c, single, 'bulk', { batchAlerts: true });
      return finish(tx, routed);
    });
  }
  writersBusy = true;
  try {
    return await routeInWriters(openTx, c, lockShare, finish, opts.writers);
  } finally {
    writersBusy = false;
  }
}

async function routeInWriters<T>(
  openTx: OpenTx,
  c: SysCtx,
  lockShare: (tx: Tx, share: number, shares: number) => Promise<RoutableLead[]>,
  finish: (tx: Tx, routed: RoutedLead[]) => Promise<T>,
  shares: number,
): Promise<T> {
  const opened = barrier(shares);
  const written = barrier(shares);
  const told = deferred<void>();
  const session = deferred<RoutingSession>();
  const offered: Offers = new Map();
  const promised = new Map<string, number>();
  const writing = Promise.all(
    Array.from({ length: shares }, (_, share) =>
      openTx(async (tx) => {
        try {
          opened.arrive();
          const shared = await session.promise;
          const rows = await lockShare(tx, share, shares);
          const mine = rows.length > 0 ? await routeAndWrite(tx, c, shared, rows, 'bulk') : null;
          for (const [partnerId, list] of mine?.offered ?? [])
            offered.set(partnerId, [...(offered.get(partnerId) ?? []), ...list]);
          for (const [partnerId, part] of mine?.promised ?? [])
            promised.set(partnerId, (promised.get(partnerId) ?? 0) + part);
          written.arrive();
          await written.all;
          // The first writer tells every partner once, of all its leads of this run, and records what the
          // weights promised (one writer, or the two would wait on each other's rows); all commit after that.
          if (share === 0) {
            await tellOffered(tx, c, shared.settings, offered, true);
            await addPromisedShares(tx, c.workspaceId, c.now, promised);
            told.resolve();
          } else await told.promise;
          return mine?.routed ?? [];
        } catch (err) {
          written.fail(err);
          told.reject(err);
          throw err;
        }
      }),
    ),
  );
  writing.catch((err) => session.reject(err));
  const coordinating = openTx(async (coordinator) => {
    try {
      await Promise.race([opened.all, writing]);
      const settings = await lockSettings(coordinator, c.workspaceId);
      session.resolve(compileSession(settings, await loadFacts(coordinator, c.workspaceId, settings, c.now)));
    } catch (err) {
      session.reject(err);
      throw err;
    }
    const routed = (await writing).flat();
    await closeRouting(coordinator, c.workspaceId, await session.promise);
    return finish(coordinator, routed);
  });
  coordinating.catch((err) => session.reject(err));
  return coordinating;
}

/** Resolves `all` once `n` parties arrived; rejects it as soon as one fails. */
function barrier(n: number) {
  let arrived = 0;
  const gate = deferred<void>();
  return {
    all: gate.promise,
    arrive: () => {
      if (++arrived === n) gate.resolve();
    },
    fail: gate.reject,
  };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (err: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
