import type { LeadRoutingCondition, RoutingFallbackQueue, RoutingRule } from '@trellis/contracts';
import { leadTest, type PreparedLead, partnerTest } from './conditions';
import { EXCLUSION_BIT, statusBit } from './exclusions';
import { indexPartners, type PartnerIndex, type PreparedPartner } from './partner-index';
import { type PerformanceFigures, performanceFigures } from './performance';
import type { RoutingPartner } from './types';

export type LocationKey = 'country' | 'region' | 'territory';
export type WeightSource = 'partner' | 'tier' | 'default';

/** Per-strategy data computed once per rule, indexed by partner position. */
export type StrategyPlan =
  | { type: 'round_robin' }
  | { type: 'weighted'; weights: Float64Array; sources: readonly WeightSource[] }
  | { type: 'capacity'; maxOpenLeads: number }
  | { type: 'performance'; windowDays: number; figures: readonly PerformanceFigures[] };

export type CompiledRule = {
  rule: RoutingRule;
  leadChecks: readonly { index: number; condition: LeadRoutingCondition; holds: (lead: PreparedLead) => boolean }[];
  /** Partners passing every lead-independent partner condition, ascending position (= partner id order). */
  staticPool: Int32Array;
  inStaticPool: Uint8Array;
  /** `matches_lead` on location: the pool is further cut to partners sharing the lead's value. */
  locations: readonly LocationKey[];
  capabilityGate: boolean;
  languageGate: boolean;
  plan: StrategyPlan;
  /**
   * Pools cut by location depend only on the lead's location values, so each is computed once per distinct
   * value (a memo, invisible in results: pools never change after compilation).
   */
  poolCache: Map<string, readonly number[]>;
  /** Gates that do not depend on the lead, by partner position: status, and weight 0 under `weighted`. */
  fixedExclusions: Int32Array;
  /** The open-lead limit by partner position (Infinity = none): the partner's own, and the rule's under `capacity`. */
  limits: Float64Array;
};

export type CompiledRouting = {
  index: PartnerIndex;
  /**
   * Memos for the skill gates, by what the lead needs (its product interests, its language): 1 where the
   * partner at that position covers it. Leads repeat a few needs many times, so each is computed once.
   */
  covers: { capability: Map<string, Uint8Array>; language: Map<string, Uint8Array> };
  /** Every rule, disabled ones too (they are reported), by position then id. */
  rules: readonly CompiledRule[];
  fallbackQueue: { id: string; name: string };
};

function planStrategy(rule: RoutingRule, partners: readonly PreparedPartner[]): StrategyPlan {
  const s = rule.strategy;
  switch (s.type) {
    case 'round_robin':
      return { type: 'round_robin' };
    case 'capacity':
      return { type: 'capacity', maxOpenLeads: s.maxOpenLeads };
    case 'performance':
      return { type: 'performance', windowDays: s.windowDays, figures: performanceFigures(partners, s) };
    case 'weighted': {
      // The first entry for a partner or tier counts; validateRules reports the duplicates.
      const byPartner = new Map<string, number>();
      for (const w of s.partnerWeights) if (!byPartner.has(w.partnerId)) byPartner.set(w.partnerId, w.weight);
      const byTier = new Map<string, number>();
      for (const w of s.tierWeights) if (!byTier.has(w.tierId)) byTier.set(w.tierId, w.weight);
      const weights = new Float64Array(partners.length);
      const sources: WeightSource[] = [];
      partners.forEach((p, i) => {
        const own = byPartner.get(p.id);
        const tier = p.fact.tier === null ? undefined : byTier.get(p.fact.tier.id);
        if (own !== undefined) {
          weights[i] = own;
          sources.push('partner');
        } else if (tier !== undefined) {
          weights[i] = tier;
          sources.push('tier');
        } else {
          weights[i] = s.defaultWeight;
          sources.push('default');
        }
      });
      return { type: 'weighted', weights, sources };
    }
  }
}

export function compileRule(rule: RoutingRule, index: PartnerIndex): CompiledRule {
  const leadChecks: CompiledRule['leadChecks'][number][] = [];
  const tests: ((p: PreparedPartner) => boolean)[] = [];
  const locations = new Set<LocationKey>();
  let capabilityGate = false;
  let languageGate = false;
  rule.conditions.forEach((c, i) => {
    if (c.subject === 'lead') {
      leadChecks.push({ index: i, condition: c, holds: leadTest(c) });
      return;
    }
    const test = partnerTest(c);
    if (test !== null) tests.push(test);
    else if (c.attribute === 'capability') capabilityGate = true;
    else if (c.attribute === 'language') languageGate = true;
    else if (c.attribute === 'country' || c.attribute === 'region' || c.attribute === 'territory')
      locations.add(c.attribute);
  });
  const n = index.partners.length;
  const inStaticPool = new Uint8Array(n);
  const pool: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = index.partners[i] as PreparedPartner;
    if (tests.every((t) => t(p))) {
      inStaticPool[i] = 1;
      pool.push(i);
    }
  }
  const plan = planStrategy(rule, index.partners);
  const fixedExclusions = new Int32Array(n);
  const limits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = index.partners[i] as PreparedPartner;
    let m = statusBit(p.fact.status);
    if (plan.type === 'weighted' && !((plan.weights[i] as number) > 0)) m |= EXCLUSION_BIT.weight_zero;
    fixedExclusions[i] = m;
    const own = p.fact.capacity ?? Number.POSITIVE_INFINITY;
    limits[i] = plan.type === 'capacity' ? Math.min(own, plan.maxOpenLeads) : own;
  }
  return {
    rule,
    leadChecks,
    staticPool: Int32Array.from(pool),
    inStaticPool,
    locations: [...locations],
    capabilityGate,
    languageGate,
    plan,
    poolCache: new Map(),
    fixedExclusions,
    limits,
  };
}

const byPositionThenId = (a: RoutingRule, b: RoutingRule) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Everything that does not depend on the lead, computed once: the partner index, each rule's static pool,
 * weights and performance figures. Routing many leads reuses it (route-many.ts).
 */
export function compileRouting(
  rules: readonly RoutingRule[],
  partners: readonly RoutingPartner[],
  fallbackQueue: Pick<RoutingFallbackQueue, 'id' | 'name'>,
): CompiledRouting {
  const index = indexPartners(partners);
  const sorted = [...rules].sort(byPositionThenId);
  return {
    index,
    covers: { capability: new Map(), language: new Map() },
    rules: sorted.map((r) => compileRule(r, index)),
    fallbackQueue: { id: fallbackQueue.id, name: fallbackQueue.name },
  };
}
