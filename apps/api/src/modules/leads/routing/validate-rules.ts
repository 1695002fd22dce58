import type { RoutingCondition, RoutingRule, RoutingRuleIssue } from '@trellis/contracts';
import { normaliseLabel } from './text';

/**
 * C5: checks a rule set against itself and the workspace before it is saved. Errors refuse the set; warnings
 * are shown to the person editing. Every issue names its path in the submitted list
 * (`rules[3].conditions[0].values[1]`). Shapes are the contract's job (RoutingRuleSchema); this is about
 * meaning: references, contradictions, reachability.
 */
export function validateRules(
  rules: readonly RoutingRule[],
  knownPartnerIds: Iterable<string>,
  options: { knownTierIds?: Iterable<string> } = {},
): RoutingRuleIssue[] {
  const partners = new Set(knownPartnerIds);
  const tiers = options.knownTierIds === undefined ? null : new Set(options.knownTierIds);
  const found: { rule: number; issue: RoutingRuleIssue }[] = [];
  const add = (
    rule: number,
    path: string,
    code: RoutingRuleIssue['code'],
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => found.push({ rule, issue: { path: `rules[${rule}]${path}`, code, severity, message } });

  const ids = new Map<string, number>();
  const positions = new Map<number, number>();
  rules.forEach((rule, r) => {
    const sameId = ids.get(rule.id);
    if (sameId !== undefined) add(r, '.id', 'duplicate_rule_id', `rule id ${rule.id} is also rules[${sameId}]`);
    else ids.set(rule.id, r);
    const samePosition = positions.get(rule.position);
    if (samePosition !== undefined)
      add(
        r,
        '.position',
        'duplicate_position',
        `position ${rule.position} is also used by rules[${samePosition}] ("${rules[samePosition]?.name}"); the order between them would be arbitrary`,
      );
    else positions.set(rule.position, r);

    checkReferences(rule, r, partners, tiers, add);
    checkConditions(rule, r, add);
    checkWeights(rule, r, partners, tiers, add);
  });
  checkReachability(rules, add);
  return found.sort((a, b) => a.rule - b.rule).map((f) => f.issue);
}

type Add = (
  rule: number,
  path: string,
  code: RoutingRuleIssue['code'],
  message: string,
  severity?: 'error' | 'warning',
) => void;

function checkReferences(rule: RoutingRule, r: number, partners: Set<string>, tiers: Set<string> | null, add: Add) {
  rule.conditions.forEach((c, j) => {
    if (c.subject !== 'partner' || (c.attribute !== 'partner' && c.attribute !== 'tier')) return;
    c.values.forEach((v, k) => {
      if (c.attribute === 'partner' && !partners.has(v))
        add(r, `.conditions[${j}].values[${k}]`, 'unknown_partner', `no partner with id ${v} in this workspace`);
      if (c.attribute === 'tier' && tiers !== null && !tiers.has(v))
        add(r, `.conditions[${j}].values[${k}]`, 'unknown_tier', `no tier with id ${v} in this workspace`);
    });
  });
}

function checkWeights(rule: RoutingRule, r: number, partners: Set<string>, tiers: Set<string> | null, add: Add) {
  const s = rule.strategy;
  if (s.type !== 'weighted') return;
  const seenPartner = new Map<string, number>();
  s.partnerWeights.forEach((w, k) => {
    const path = `.strategy.partnerWeights[${k}].partnerId`;
    if (!partners.has(w.partnerId))
      add(r, path, 'unknown_partner', `no partner with id ${w.partnerId} in this workspace`);
    const first = seenPartner.get(w.partnerId);
    if (first !== undefined)
      add(r, path, 'duplicate_weight', `partner ${w.partnerId} already has a weight at partnerWeights[${first}]`);
    else seenPartner.set(w.partnerId, k);
  });
  const seenTier = new Map<string, number>();
  s.tierWeights.forEach((w, k) => {
    const path = `.strategy.tierWeights[${k}].tierId`;
    if (tiers !== null && !tiers.has(w.tierId))
      add(r, path, 'unknown_tier', `no tier with id ${w.tierId} in this workspace`);
    const first = seenTier.get(w.tierId);
    if (first !== undefined)
      add(r, path, 'duplicate_weight', `tier ${w.tierId} already has a weight at tierWeights[${first}]`);
    else seenTier.set(w.tierId, k);
  });
  if (
    s.defaultWeight === 0 &&
    s.partnerWeights.every((w) => w.weight === 0) &&
    s.tierWeights.every((w) => w.weight === 0)
  )
    add(
      r,
      '.strategy',
      'all_weights_zero',
      'every weight is 0, so this rule can never assign a lead (0 excludes a partner)',
    );
}

// --- contradictions within one rule ---

type SetCondition = Extract<RoutingCondition, { values?: readonly string[] }> & { values: readonly string[] };
type Dir = { j: number; c: SetCondition; values: string[] };

/**
 * Single-valued facts: a lead has one country, region, territory; a partner one id, type, tier, country,
 * region. (A lead's language is one tag, but `in [en]` and `in [en-GB]` both hold for en-GB, so it is checked
 * like a list.)
 */
const SINGLE = new Set([
  'lead.country',
  'lead.region',
  'lead.territory',
  'partner.partner',
  'partner.partnerType',
  'partner.tier',
  'partner.country',
  'partner.region',
]);

/** `not_in w` removes `v` when equal, or for languages when `v` is a more specific tag of `w` (en-GB of en). */
const kills = (key: string, w: string, v: string) => w === v || (key.endsWith('.language') && v.startsWith(`${w}-`));

const show = (values: readonly string[]) => `[${values.join(', ')}]`;

function checkConditions(rule: RoutingRule, r: number, add: Add) {
  const sets = new Map<string, { ins: Dir[]; outs: Dir[] }>();
  const ranges = new Map<string, { j: number; min: number; max: number }[]>();
  rule.conditions.forEach((c, j) => {
    const key = `${c.subject}.${c.attribute}`;
    if ('min' in c) {
      if (c.min !== null && c.max !== null && c.min > c.max) {
        add(
          r,
          `.conditions[${j}].max`,
          'empty_range',
          `${c.attribute} between ${c.min} and ${c.max} is empty: min is above max`,
        );
        return;
      }
      const list = ranges.get(key) ?? [];
      list.push({ j, min: c.min ?? Number.NEGATIVE_INFINITY, max: c.max ?? Number.POSITIVE_INFINITY });
      ranges.set(key, list);
      return;
    }
    if (c.operator === 'matches_lead' || c.values === undefined) return;
    const group = sets.get(key) ?? { ins: [], outs: [] };
    const isId = c.attribute === 'partner' || c.attribute === 'tier' || c.attribute === 'partnerType';
    const dir = { j, c: c as SetCondition, values: c.values.map((v) => (isId ? v : normaliseLabel(v))) };
    (c.operator === 'in' ? group.ins : group.outs).push(dir);
    sets.set(key, group);
  });

  for (const [key, list] of ranges) {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const x of list) {
      lo = Math.max(lo, x.min);
      hi = Math.min(hi, x.max);
      if (lo > hi) {
        add(
          r,
          `.conditions[${x.j}]`,
          'contradictory_conditions',
          `${key.split('.')[1]} ranges of conditions ${list.map((y) => y.j).join(', ')} do not overlap, so the rule never applies`,
        );
        break;
      }
    }
  }

  const allowedByKey = new Map<string, { allowed: Set<string> | null; outs: string[]; contradictory: boolean }>();
  for (const [key, { ins, outs }] of sets) {
    const outValues = outs.flatMap((o) => o.values);
    const dead = (v: string) => outValues.some((w) => kills(key, w, v));
    const attr = key.split('.')[1];
    if (SINGLE.has(key)) {
      // One value must be in every `in` list and in no `not_in` list.
      let allowed: Set<string> | null = null;
      for (const d of ins) allowed = new Set(d.values.filter((v) => allowed === null || allowed.has(v)));
      const live = allowed === null ? null : new Set([...allowed].filter((v) => !dead(v)));
      const contradictory = live !== null && live.size === 0;
      allowedByKey.set(key, { allowed: live, outs: outValues, contradictory });
      if (contradictory) {
        const last = [...ins, ...outs].sort((a, b) => a.j - b.j).at(-1) as Dir;
        const parts = [...ins, ...outs]
          .sort((a, b) => a.j - b.j)
          .map((d) => `conditions[${d.j}] ${d.c.operator} ${show(d.c.values)}`);
        add(
          r,
          `.conditions[${last.j}]`,
          'contradictory_conditions',
          `${attr}: ${parts.join(' and ')} can never hold together, so the rule never applies`,
        );
        continue;
      }
      for (const d of ins)
        d.values.forEach((v, k) => {
          if (live !== null && !live.has(v))
            add(
              r,
              `.conditions[${d.j}].values[${k}]`,
              'value_never_matches',
              `${attr} ${d.c.values[k]} is ruled out by another condition of this rule`,
              'warning',
            );
        });
    } else {
      // Multi-valued (has any / has none): an `in` list whose every value is also in a `not_in` list is impossible.
      for (const d of ins) {
        const liveValues = d.values.filter((v) => !dead(v));
        if (liveValues.length === 0) {
          add(
            r,
            `.conditions[${d.j}]`,
            'contradictory_conditions',
            `${attr}: conditions[${d.j}] in ${show(d.c.values)} contradicts not_in ${show(outs.flatMap((o) => o.c.values))}, so the rule never applies`,
          );
          continue;
        }
        d.values.forEach((v, k) => {
          if (dead(v))
            add(
              r,
              `.conditions[${d.j}].values[${k}]`,
              'value_never_matches',
              `${attr} ${d.c.values[k]} is also excluded by a not_in condition of this rule`,
              'warning',
            );
        });
      }
    }
  }

  // A partner that must match the lead's country (region) and both sides restricted to disjoint lists.
  rule.conditions.forEach((c, j) => {
    if (
      c.subject !== 'partner' ||
      c.operator !== 'matches_lead' ||
      (c.attribute !== 'country' && c.attribute !== 'region')
    )
      return;
    const lead = allowedByKey.get(`lead.${c.attribute}`);
    const partner = allowedByKey.get(`partner.${c.attribute}`);
    if (lead?.contradictory || partner?.contradictory) return;
    const lists = [lead?.allowed ?? null, partner?.allowed ?? null].filter((s): s is Set<string> => s !== null);
    if (lists.length === 0) return;
    const outs = [...(lead?.outs ?? []), ...(partner?.outs ?? [])];
    const [first, ...rest] = lists as [Set<string>, ...Set<string>[]];
    const common = [...first].filter((v) => rest.every((s) => s.has(v)) && !outs.includes(v));
    if (common.length === 0)
      add(
        r,
        `.conditions[${j}]`,
        'contradictory_conditions',
        `the partner's ${c.attribute} must match the lead's, but the lead and partner ${c.attribute} conditions share no value, so nobody is ever a candidate`,
      );
  });
}

// --- reachability across rules ---

function checkReachability(rules: readonly RoutingRule[], add: Add) {
  const order = rules
    .map((rule, r) => ({ rule, r }))
    .filter((x) => x.rule.enabled)
    .sort((a, b) => a.rule.position - b.rule.position || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  let stopper: { rule: RoutingRule; r: number } | null = null;
  let overflow: { rule: RoutingRule; r: number } | null = null;
  for (const x of order) {
    if (stopper !== null) {
      add(
        x.r,
        '',
        'unreachable_rule',
        `never tried: rules[${stopper.r}] ("${stopper.rule.name}") comes first, applies to every lead and sends it to the fallback queue when nobody is eligible`,
      );
    } else if (overflow !== null) {
      add(
        x.r,
        '',
        'unreachable_rule',
        `tried only when nobody at all is eligible under rules[${overflow.r}] ("${overflow.rule.name}"), which comes first and has no conditions; a catch-all rule belongs last`,
        'warning',
      );
    }
    const appliesToAll = x.rule.conditions.every((c) => c.subject !== 'lead');
    if (stopper === null && appliesToAll && x.rule.whenNoEligible === 'fallback') stopper = x;
    else if (stopper === null && overflow === null && x.rule.conditions.length === 0) overflow = x;
  }
}
