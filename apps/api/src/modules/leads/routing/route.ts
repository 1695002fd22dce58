import {
  ROUTING_ENGINE_VERSION,
  type RoutingCandidate,
  type RoutingDecision,
  type RoutingExclusionReason,
  RoutingExclusionReasonValues,
  type RoutingRule,
  type RoutingRuleTrace,
  type RoutingScoreComponents,
} from '@trellis/contracts';
import { type CompiledRouting, type CompiledRule, compileRouting, type LocationKey } from './compile';
import { coversInterests, leadValueOf, type PreparedLead, prepareLead, speaksLanguage } from './conditions';
import { EXCLUSION_BIT, reasonsOf } from './exclusions';
import type { PreparedPartner } from './partner-index';
import { roundScore } from './text';
import type { RouteOptions, RoutingLead, RoutingPartner, RoutingState } from './types';

/** Mutable per-partner counters by partner position; route-many.ts advances them between leads. */
export type WorkingState = {
  recent: Int32Array;
  openLeads: Int32Array;
  cursors: Map<string, string>;
  /** Scratch for one rule's exclusion masks (reused; never part of a result). */
  masks: Int32Array;
};

export function workingState(compiled: CompiledRouting, state: RoutingState): WorkingState {
  const n = compiled.index.partners.length;
  const recent = new Int32Array(n);
  const openLeads = new Int32Array(n);
  compiled.index.partners.forEach((p, i) => {
    recent[i] = Math.max(0, Math.floor(state.recentAssignments[p.id] ?? 0));
    openLeads[i] = Math.max(0, Math.floor(p.fact.openLeads));
  });
  return { recent, openLeads, cursors: new Map(Object.entries(state.cursors)), masks: new Int32Array(n) };
}

const BIT = EXCLUSION_BIT;

const EMPTY: readonly number[] = [];
/** Memo sizes are capped so a batch of leads with free-text locations cannot grow them without bound. */
const MAX_MEMO = 10_000;

/** The rule's candidates for this lead: its static pool, cut by location `matches_lead` through the index. */
function poolFor(
  cr: CompiledRule,
  compiled: CompiledRouting,
  lead: PreparedLead,
): { members: ArrayLike<number>; missing: LocationKey | null } {
  if (cr.locations.length === 0) return { members: cr.staticPool, missing: null };
  let key = '';
  for (const loc of cr.locations) {
    const value = lead[loc];
    if (value === null) return { members: EMPTY, missing: loc };
    key += `${value}\u0000`;
  }
  let members = cr.poolCache.get(key);
  if (members === undefined) {
    members = cutByLocation(cr, compiled, lead);
    if (cr.poolCache.size < MAX_MEMO) cr.poolCache.set(key, members);
  }
  return { members, missing: null };
}

function cutByLocation(cr: CompiledRule, compiled: CompiledRouting, lead: PreparedLead): number[] {
  const { index } = compiled;
  let shortest: ArrayLike<number> = cr.staticPool;
  for (const loc of cr.locations) {
    const map = loc === 'country' ? index.byCountry : loc === 'region' ? index.byRegion : index.byTerritory;
    const list = map.get(lead[loc] as string) ?? EMPTY;
    if (list.length < shortest.length) shortest = list;
  }
  const members: number[] = [];
  for (let k = 0; k < shortest.length; k++) {
    const i = shortest[k] as number;
    if (cr.inStaticPool[i] !== 1) continue;
    const p = index.partners[i] as PreparedPartner;
    const ok = cr.locations.every((loc) =>
      loc === 'territory' ? p.territories.includes(lead.territory as string) : p[loc] === lead[loc],
    );
    if (ok) members.push(i);
  }
  return members;
}

/** The open-lead limit that applies (the partner's own, and the rule's under `capacity`); null = none. */
function limitOf(cr: CompiledRule, i: number): number | null {
  const limit = cr.limits[i] as number;
  return limit === Number.POSITIVE_INFINITY ? null : limit;
}

/** 1 at each partner position that covers the lead's need; memoised per distinct need. */
function coverage(
  compiled: CompiledRouting,
  memo: Map<string, Uint8Array>,
  key: string,
  covers: (p: PreparedPartner) => boolean,
): Uint8Array {
  let hit = memo.get(key);
  if (hit === undefined) {
    hit = Uint8Array.from(compiled.index.partners, (p) => (covers(p) ? 1 : 0));
    if (memo.size < MAX_MEMO) memo.set(key, hit);
  }
  return hit;
}

type Gates = { capability: Uint8Array | null; language: Uint8Array | null };

function gatesFor(cr: CompiledRule, compiled: CompiledRouting, lead: PreparedLead): Gates {
  return {
    capability:
      cr.capabilityGate && lead.interests.length > 0
        ? coverage(compiled, compiled.covers.capability, [...lead.interests].sort().join('\u0000'), (p) =>
            coversInterests(p, lead),
          )
        : null,
    language:
      cr.languageGate && lead.language !== null
        ? coverage(compiled, compiled.covers.language, lead.language, (p) => speaksLanguage(p, lead))
        : null,
  };
}

function exclusionMask(
  cr: CompiledRule,
  i: number,
  lead: PreparedLead,
  gates: Gates,
  compiled: CompiledRouting,
  ws: WorkingState,
) {
  let m = cr.fixedExclusions[i] as number;
  if (lead.declined.size > 0 || lead.recalled.size > 0) {
    const id = (compiled.index.partners[i] as PreparedPartner).id;
    if (lead.declined.has(id)) m |= BIT.declined_this_lead;
    if (lead.recalled.has(id)) m |= BIT.recalled_from_this_lead;
  }
  if (gates.capability !== null && gates.capability[i] === 0) m |= BIT.capability_mismatch;
  if (gates.language !== null && gates.language[i] === 0) m |= BIT.language_mismatch;
  if ((ws.openLeads[i] as number) >= (cr.limits[i] as number)) m |= BIT.at_capacity;
  return m;
}

/** Eligible candidates best first: partner positions, their scores and recent counts (parallel arrays). */
type Ranking = { order: number[]; scores: number[]; recent: number[] };

/** The score of an eligible candidate under a scoring strategy (round robin ranks by rotation instead). */
function scoreOf(cr: CompiledRule, i: number, ws: WorkingState): number {
  const recent = ws.recent[i] as number;
  const plan = cr.plan;
  switch (plan.type) {
    case 'round_robin':
      return 0;
    case 'weighted':
      return roundScore((plan.weights[i] as number) / (recent + 1));
    case 'capacity': {
      const max = limitOf(cr, i) ?? plan.maxOpenLeads;
      return roundScore((max - (ws.openLeads[i] as number)) / max);
    }
    case 'performance':
      return roundScore((plan.figures[i]?.performance ?? 0) / (recent + 1));
  }
}

/** The figures behind a candidate's score; `rotation` is its place in the rotation (round robin, eligible). */
function componentsOf(cr: CompiledRule, i: number, ws: WorkingState, rotation: number | null): RoutingScoreComponents {
  const recent = ws.recent[i] as number;
  const plan = cr.plan;
  switch (plan.type) {
    case 'round_robin':
      return { strategy: 'round_robin', rotationPosition: rotation };
    case 'weighted':
      return {
        strategy: 'weighted',
        weight: plan.weights[i] as number,
        weightSource: plan.sources[i] ?? 'default',
        recentAssignments: recent,
      };
    case 'capacity':
      return {
        strategy: 'capacity',
        openLeads: ws.openLeads[i] as number,
        maxOpenLeads: limitOf(cr, i) ?? plan.maxOpenLeads,
        recentAssignments: recent,
      };
    case 'performance': {
      const f = plan.figures[i];
      return {
        strategy: 'performance',
        windowDays: plan.windowDays,
        offered: f?.offered ?? 0,
        accepted: f?.accepted ?? 0,
        converted: f?.converted ?? 0,
        acceptanceRate: f?.acceptanceRate ?? 0,
        conversionRate: f?.conversionRate ?? 0,
        performance: f?.performance ?? 0,
        recentAssignments: recent,
      };
    }
  }
}

/**
 * Orders the eligible candidates. Round robin: rotation order after the rule's cursor (the last partner it
 * assigned), in partner id order, wrapping. Other strategies: score descending; equal (rounded) scores go to
 * the partner with fewer recent assignments, then to the lower partner id.
 */
function rank(cr: CompiledRule, eligible: number[], compiled: CompiledRouting, ws: WorkingState): Ranking {
  const n = eligible.length;
  const order: number[] = new Array(n);
  const scores: number[] = new Array(n);
  const recent: number[] = new Array(n);
  if (cr.plan.type === 'round_robin') {
    const partners = compiled.index.partners;
    const cursor = ws.cursors.get(cr.rule.id);
    // `eligible` is in id order; those after the cursor come first.
    let split = 0;
    if (cursor !== undefined)
      while (split < n && (partners[eligible[split] as number] as PreparedPartner).id <= cursor) split++;
    for (let k = 0; k < n; k++) {
      const i = eligible[(split + k) % n] as number;
      order[k] = i;
      // Next in rotation scores 1, the last 1/n.
      scores[k] = roundScore((n - k) / n);
      recent[k] = ws.recent[i] as number;
    }
    return { order, scores, recent };
  }
  // Insertion sort on parallel arrays: pools are small, and this allocates no objects.
  for (let k = 0; k < n; k++) {
    const i = eligible[k] as number;
    const score = scoreOf(cr, i, ws);
    const r = ws.recent[i] as number;
    let j = k - 1;
    while (
      j >= 0 &&
      (score > (scores[j] as number) ||
        (score === scores[j] && (r < (recent[j] as number) || (r === recent[j] && i < (order[j] as number)))))
    ) {
      order[j + 1] = order[j] as number;
      scores[j + 1] = scores[j] as number;
      recent[j + 1] = recent[j] as number;
      j--;
    }
    order[j + 1] = i;
    scores[j + 1] = score;
    recent[j + 1] = r;
  }
  return { order, scores, recent };
}

function tieBreakOf(cr: CompiledRule, ranking: Ranking, compiled: CompiledRouting): RoutingDecision['tieBreak'] {
  const { order, scores, recent } = ranking;
  if (cr.plan.type === 'round_robin' || order.length < 2 || scores[1] !== scores[0]) return null;
  const tiedPartnerIds: string[] = [];
  for (let k = 0; k < order.length && scores[k] === scores[0]; k++)
    tiedPartnerIds.push((compiled.index.partners[order[k] as number] as PreparedPartner).id);
  return {
    tiedPartnerIds,
    decidedBy: (recent[0] as number) < (recent[1] as number) ? 'fewest_recent_assignments' : 'partner_id_order',
  };
}

const NO_EXCLUSIONS: RoutingExclusionReason[] = Object.freeze([]) as unknown as RoutingExclusionReason[];

function candidatesOf(
  cr: CompiledRule,
  members: ArrayLike<number>,
  masks: Int32Array,
  ranking: Ranking | null,
  compiled: CompiledRouting,
  ws: WorkingState,
): RoutingCandidate[] {
  const partners = compiled.index.partners;
  const rr = cr.plan.type === 'round_robin';
  const out: RoutingCandidate[] = [];
  if (ranking !== null) {
    for (let r = 0; r < ranking.order.length; r++) {
      const i = ranking.order[r] as number;
      out.push({
        partnerId: (partners[i] as PreparedPartner).id,
        eligible: true,
        exclusions: NO_EXCLUSIONS,
        score: ranking.scores[r] as number,
        rank: r + 1,
        components: componentsOf(cr, i, ws, rr ? r : null),
      });
    }
  }
  for (let k = 0; k < members.length; k++) {
    const mask = masks[k] as number;
    if (mask === 0) continue;
    const i = members[k] as number;
    out.push({
      partnerId: (partners[i] as PreparedPartner).id,
      eligible: false,
      exclusions: reasonsOf(mask),
      score: null,
      rank: null,
      components: componentsOf(cr, i, ws, null),
    });
  }
  return out;
}

/** Routes one lead against compiled rules; `ws` counters are read, not changed (route-many.ts applies the decision). */
export function routeCompiled(compiled: CompiledRouting, leadInput: RoutingLead, ws: WorkingState): RoutingDecision {
  const lead = prepareLead(leadInput);
  const traces: RoutingRuleTrace[] = [];
  let anyApplied = false;
  let anyEnabled = false;
  const fallback = (
    fallbackReason: NonNullable<RoutingDecision['fallbackReason']>,
    decider: CompiledRule | null,
    candidates: RoutingCandidate[],
  ): RoutingDecision => ({
    engineVersion: ROUTING_ENGINE_VERSION,
    leadId: leadInput.id,
    outcome: 'fallback',
    partnerId: null,
    ruleId: decider?.rule.id ?? null,
    strategy: decider?.rule.strategy.type ?? null,
    fallbackQueue: compiled.fallbackQueue,
    fallbackReason,
    rules: traces,
    candidates,
    tieBreak: null,
  });

  for (const cr of compiled.rules) {
    const rule = cr.rule;
    if (!rule.enabled) {
      traces.push({ ruleId: rule.id, ruleName: rule.name, position: rule.position, result: 'disabled' });
      continue;
    }
    anyEnabled = true;
    let failed: CompiledRule['leadChecks'][number][] | null = null;
    for (const check of cr.leadChecks) {
      if (check.holds(lead)) continue;
      if (failed === null) failed = [];
      failed.push(check);
    }
    if (failed !== null) {
      traces.push({
        ruleId: rule.id,
        ruleName: rule.name,
        position: rule.position,
        result: 'conditions_not_met',
        failedConditions: failed.map((c) => ({
          index: c.index,
          attribute: c.condition.attribute,
          operator: c.condition.operator,
          leadValue: leadValueOf(c.condition, leadInput),
        })),
      });
      continue;
    }
    anyApplied = true;
    const { members, missing } = poolFor(cr, compiled, lead);
    const stop = rule.whenNoEligible === 'fallback';
    if (members.length === 0) {
      traces.push({
        ruleId: rule.id,
        ruleName: rule.name,
        position: rule.position,
        result: 'no_candidates',
        poolSize: 0,
        missingLeadValue: missing,
        stoppedAtFallback: stop,
      });
      if (stop) return fallback('no_eligible_candidate', cr, []);
      continue;
    }
    if (ws.masks.length < members.length) ws.masks = new Int32Array(compiled.index.partners.length);
    const masks = ws.masks;
    const eligible: number[] = [];
    const gates = gatesFor(cr, compiled, lead);
    for (let k = 0; k < members.length; k++) {
      const i = members[k] as number;
      const mask = exclusionMask(cr, i, lead, gates, compiled, ws);
      masks[k] = mask;
      if (mask === 0) eligible.push(i);
    }
    if (eligible.length === 0) {
      const counts = RoutingExclusionReasonValues.map((reason) => {
        let count = 0;
        for (let k = 0; k < members.length; k++) if (((masks[k] as number) & BIT[reason]) !== 0) count++;
        return { reason, count };
      }).filter((c) => c.count > 0);
      traces.push({
        ruleId: rule.id,
        ruleName: rule.name,
        position: rule.position,
        result: 'no_eligible_candidate',
        poolSize: members.length,
        exclusionCounts: counts,
        stoppedAtFallback: stop,
      });
      if (stop) return fallback('no_eligible_candidate', cr, candidatesOf(cr, members, masks, null, compiled, ws));
      continue;
    }
    const ranking = rank(cr, eligible, compiled, ws);
    const chosen = compiled.index.partners[ranking.order[0] as number] as PreparedPartner;
    traces.push({
      ruleId: rule.id,
      ruleName: rule.name,
      position: rule.position,
      result: 'matched',
      poolSize: members.length,
      eligibleCount: eligible.length,
    });
    return {
      engineVersion: ROUTING_ENGINE_VERSION,
      leadId: leadInput.id,
      outcome: 'assigned',
      partnerId: chosen.id,
      ruleId: rule.id,
      strategy: rule.strategy.type,
      fallbackQueue: null,
      fallbackReason: null,
      rules: traces,
      candidates: candidatesOf(cr, members, masks, ranking, compiled, ws),
      tieBreak: tieBreakOf(cr, ranking, compiled),
    };
  }
  return fallback(!anyEnabled ? 'no_rules' : anyApplied ? 'no_eligible_candidate' : 'no_rule_matched', null, []);
}

/**
 * C5: route one lead. Deterministic: the same lead, rules, partners and state give the same decision, and
 * the decision explains itself (every rule looked at, every candidate of the deciding rule with its score).
 * Rules should have passed `validateRules`; the engine still routes any parsed rule set (rules run by
 * position, then id; the first entry for a partner or tier weight counts).
 */
export function route(
  lead: RoutingLead,
  rules: readonly RoutingRule[],
  partners: readonly RoutingPartner[],
  state: RoutingState,
  options: RouteOptions,
): RoutingDecision {
  const compiled = compileRouting(rules, partners, options.fallbackQueue);
  return routeCompiled(compiled, lead, workingState(compiled, state));
}
