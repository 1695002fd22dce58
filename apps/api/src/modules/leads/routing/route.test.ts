import { RoutingDecisionSchema } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import { route } from './route';
import { GOLD, lead, partner, pid, QUEUE, rid, rule, SILVER } from './routing.fixtures';
import { emptyRoutingState, type RoutingState } from './types';

const opts = { fallbackQueue: QUEUE };
const state = (over: Partial<RoutingState> = {}): RoutingState => ({ ...emptyRoutingState(), ...over });
const candidate = (d: ReturnType<typeof route>, n: number) => d.candidates.find((c) => c.partnerId === pid(n));

describe('round robin', () => {
  const partners = [partner(1), partner(2), partner(3)];
  const rr = [rule(1)];

  it('starts at the lowest partner id and continues after the rule cursor, wrapping', () => {
    expect(route(lead(), rr, partners, state(), opts).partnerId).toBe(pid(1));
    expect(route(lead(), rr, partners, state({ cursors: { [rid(1)]: pid(1) } }), opts).partnerId).toBe(pid(2));
    expect(route(lead(), rr, partners, state({ cursors: { [rid(1)]: pid(3) } }), opts).partnerId).toBe(pid(1));
  });

  it('skips an ineligible partner and explains the rotation', () => {
    const d = route(
      lead(),
      rr,
      [partner(1), partner(2, { status: 'suspended' }), partner(3)],
      state({ cursors: { [rid(1)]: pid(1) } }),
      opts,
    );
    expect(d.partnerId).toBe(pid(3));
    expect(d.candidates.map((c) => [c.partnerId, c.rank, c.score, c.exclusions])).toEqual([
      [pid(3), 1, 1, []],
      [pid(1), 2, 0.5, []],
      [pid(2), null, null, ['suspended']],
    ]);
    expect(candidate(d, 1)?.components).toEqual({ strategy: 'round_robin', rotationPosition: 1 });
  });

  it('a cursor pointing at a partner that left the pool still rotates by id order', () => {
    const d = route(lead(), rr, [partner(1), partner(3)], state({ cursors: { [rid(1)]: pid(2) } }), opts);
    expect(d.partnerId).toBe(pid(3));
  });
});

describe('weighted', () => {
  const weighted = (extra: object = {}) =>
    rule(1, {
      strategy: {
        type: 'weighted',
        partnerWeights: [
          { partnerId: pid(1), weight: 3 },
          { partnerId: pid(2), weight: 1 },
        ],
        ...extra,
      },
    });

  it('prefers weight per recent assignment (D’Hondt): 3 vs 1, then 3/4 vs 1', () => {
    const partners = [partner(1), partner(2)];
    expect(route(lead(), [weighted()], partners, state(), opts).partnerId).toBe(pid(1));
    const d = route(lead(), [weighted()], partners, state({ recentAssignments: { [pid(1)]: 3 } }), opts);
    expect(d.partnerId).toBe(pid(2));
    expect(candidate(d, 1)).toMatchObject({
      score: 0.75,
      rank: 2,
      components: { strategy: 'weighted', weight: 3, weightSource: 'partner', recentAssignments: 3 },
    });
  });

  it('weight 0 excludes; partner weight overrides tier weight; others get the tier or default weight', () => {
    const r = rule(1, {
      strategy: {
        type: 'weighted',
        partnerWeights: [
          { partnerId: pid(1), weight: 0 },
          { partnerId: pid(2), weight: 5 },
        ],
        tierWeights: [
          { tierId: GOLD.id, weight: 2 },
          { tierId: SILVER.id, weight: 0 },
        ],
        defaultWeight: 1,
      },
    });
    const partners = [
      partner(1, { tier: GOLD }),
      partner(2, { tier: SILVER }),
      partner(3, { tier: GOLD }),
      partner(4, { tier: SILVER }),
      partner(5),
    ];
    const d = route(lead(), [r], partners, state(), opts);
    expect(d.partnerId).toBe(pid(2));
    const summary = Object.fromEntries(
      d.candidates.map((c) => [
        c.partnerId,
        c.components.strategy === 'weighted' && [c.components.weight, c.components.weightSource, c.exclusions],
      ]),
    );
    expect(summary).toEqual({
      [pid(1)]: [0, 'partner', ['weight_zero']],
      [pid(2)]: [5, 'partner', []],
      [pid(3)]: [2, 'tier', []],
      [pid(4)]: [0, 'tier', ['weight_zero']],
      [pid(5)]: [1, 'default', []],
    });
  });
});

describe('capacity', () => {
  const cap = (max: number, over = {}) => rule(1, { strategy: { type: 'capacity', maxOpenLeads: max }, ...over });

  it('picks the partner with the most room left', () => {
    const d = route(lead(), [cap(5)], [partner(1, { openLeads: 4 }), partner(2, { openLeads: 1 })], state(), opts);
    expect(d.partnerId).toBe(pid(2));
    expect(candidate(d, 2)).toMatchObject({ score: 0.8, components: { openLeads: 1, maxOpenLeads: 5 } });
    expect(candidate(d, 1)).toMatchObject({ score: 0.2, rank: 2 });
  });

  it("a partner's own lower capacity applies, and a full partner passes the lead to the next candidate", () => {
    const d = route(
      lead(),
      [cap(5)],
      [partner(1, { openLeads: 4 }), partner(2, { openLeads: 1, capacity: 1 })],
      state(),
      opts,
    );
    expect(d.partnerId).toBe(pid(1));
    expect(candidate(d, 2)).toMatchObject({
      eligible: false,
      exclusions: ['at_capacity'],
      components: { openLeads: 1, maxOpenLeads: 1 },
    });
  });

  it("a partner's own capacity applies under every strategy", () => {
    const d = route(lead(), [rule(1)], [partner(1, { openLeads: 3, capacity: 3 }), partner(2)], state(), opts);
    expect(d.partnerId).toBe(pid(2));
    expect(candidate(d, 1)?.exclusions).toEqual(['at_capacity']);
  });

  it('everyone full: the next rule, then the fallback queue with the counts', () => {
    const full = [partner(1, { openLeads: 5 }), partner(2, { openLeads: 7 })];
    const overflow = rule(2, {
      conditions: [{ subject: 'partner', attribute: 'partner', operator: 'in', values: [pid(3)] }],
    });
    const firstTwo = cap(5, {
      conditions: [{ subject: 'partner', attribute: 'partner', operator: 'in', values: [pid(1), pid(2)] }],
    });
    const routed = route(lead(), [firstTwo, overflow], [...full, partner(3)], state(), opts);
    expect(routed).toMatchObject({ outcome: 'assigned', partnerId: pid(3), ruleId: rid(2) });
    expect(routed.rules[0]).toMatchObject({
      result: 'no_eligible_candidate',
      poolSize: 2,
      exclusionCounts: [{ reason: 'at_capacity', count: 2 }],
    });

    const d = route(lead(), [cap(5)], full, state(), opts);
    expect(d).toMatchObject({
      outcome: 'fallback',
      partnerId: null,
      fallbackQueue: QUEUE,
      fallbackReason: 'no_eligible_candidate',
    });
  });
});

describe('performance-weighted', () => {
  const perf = (over = {}) => rule(1, { strategy: { type: 'performance', windowDays: 90, priorLeads: 10, ...over } });
  const figures = (offered: number, accepted: number, converted: number, windowDays = 90) => ({
    performance: [{ windowDays, offered, accepted, converted }],
  });

  it('scores smoothed acceptance and conversion over the window; a partner without data gets the average', () => {
    const partners = [partner(1, figures(100, 90, 30)), partner(2, figures(100, 40, 5)), partner(3)];
    const d = route(lead(), [perf()], partners, state(), opts);
    expect(d.partnerId).toBe(pid(1));
    // Programme averages: acceptance 130/200 = 0.65, conversion 35/130.
    const A = 0.65;
    const C = 35 / 130;
    const acc1 = (90 + 10 * A) / 110;
    const conv1 = (30 + 10 * C) / 100;
    expect(candidate(d, 1)?.components).toMatchObject({
      strategy: 'performance',
      offered: 100,
      accepted: 90,
      converted: 30,
      acceptanceRate: Number(acc1.toFixed(6)),
      conversionRate: Number(conv1.toFixed(6)),
      performance: Number(((acc1 + conv1) / 2).toFixed(6)),
    });
    expect(candidate(d, 3)?.components).toMatchObject({
      offered: 0,
      acceptanceRate: A,
      conversionRate: Number(C.toFixed(6)),
    });
    expect(d.candidates.map((c) => c.partnerId)).toEqual([pid(1), pid(3), pid(2)]);
  });

  it('reads only the figures of the rule’s window, and shares leads rather than giving all to the best', () => {
    const partners = [partner(1, figures(100, 90, 30, 30)), partner(2, figures(100, 40, 5))];
    // The 30-day figures of partner 1 are not the 90-day window: it is at the average, above partner 2.
    const d = route(lead(), [perf()], partners, state(), opts);
    expect(candidate(d, 1)?.components).toMatchObject({ offered: 0 });
    // Recent assignments divide the performance, so the best partner yields once it has had its share.
    const busy = route(lead(), [perf()], partners, state({ recentAssignments: { [pid(1)]: 4 } }), opts);
    expect(busy.partnerId).toBe(pid(2));
  });

  it('geometric combination punishes a partner weak at either rate harder', () => {
    // Partner 1 accepts everything and converts 20 %; partner 2 accepts and converts half.
    const partners = [partner(1, figures(100, 100, 20)), partner(2, figures(100, 50, 25))];
    const arithmetic = route(lead(), [perf({ priorLeads: 0 })], partners, state(), opts);
    const geometric = route(lead(), [perf({ priorLeads: 0, combine: 'geometric' })], partners, state(), opts);
    expect(arithmetic.partnerId).toBe(pid(1));
    expect(candidate(arithmetic, 1)?.score).toBe(0.6);
    expect(geometric.partnerId).toBe(pid(2));
    expect(candidate(geometric, 1)?.score).toBe(Number(Math.sqrt(0.2).toFixed(6)));
    expect(candidate(geometric, 2)?.score).toBe(0.5);
  });
});

describe('exclusions', () => {
  it('decliners, recalled partners, suspended, terminated and not yet active partners are never chosen, each with its reasons', () => {
    const partners = [
      partner(1),
      partner(2, { status: 'suspended' }),
      partner(3, { status: 'terminated' }),
      partner(4, { status: 'onboarding' }),
      partner(5),
      partner(6),
    ];
    const d = route(
      lead({ declinedPartnerIds: [pid(1), pid(2)], recalledPartnerIds: [pid(5)] }),
      [rule(1)],
      partners,
      state(),
      opts,
    );
    expect(d.partnerId).toBe(pid(6));
    expect(d.candidates.map((c) => [c.partnerId, c.eligible, c.exclusions])).toEqual([
      [pid(6), true, []],
      [pid(1), false, ['declined_this_lead']],
      [pid(2), false, ['declined_this_lead', 'suspended']],
      [pid(3), false, ['terminated']],
      [pid(4), false, ['not_yet_active']],
      [pid(5), false, ['recalled_from_this_lead']],
    ]);
  });

  it('capability and language gates: the partner must offer every product of interest and speak the lead’s language', () => {
    const r = rule(1, {
      conditions: [
        { subject: 'partner', attribute: 'capability', operator: 'matches_lead' },
        { subject: 'partner', attribute: 'language', operator: 'matches_lead' },
      ],
    });
    const partners = [
      partner(1, { capabilities: ['firewall'], languages: ['vi'] }),
      partner(2, { capabilities: ['Firewall', 'SD-WAN'], languages: ['en'] }),
      partner(3, { capabilities: ['firewall', 'sd-wan'], languages: ['VI'] }),
    ];
    const d = route(
      lead({ productInterests: ['firewall', 'SD-WAN'], language: 'vi-VN' }),
      [r],
      partners,
      state(),
      opts,
    );
    expect(d.partnerId).toBe(pid(3));
    expect(candidate(d, 1)?.exclusions).toEqual(['capability_mismatch']);
    expect(candidate(d, 2)?.exclusions).toEqual(['language_mismatch']);
    // A lead that needs nothing in particular is covered by everyone.
    const any = route(lead({ productInterests: [], language: null }), [r], partners, state(), opts);
    expect(any.candidates.every((c) => c.eligible)).toBe(true);
  });
});

describe('ties', () => {
  const equal = rule(1, { strategy: { type: 'weighted', defaultWeight: 1 } });

  it('equal scores and equal recent assignments: lowest partner id, and the tie is recorded', () => {
    const d = route(lead(), [equal], [partner(2), partner(1), partner(3)], state(), opts);
    expect(d.partnerId).toBe(pid(1));
    expect(d.tieBreak).toEqual({ tiedPartnerIds: [pid(1), pid(2), pid(3)], decidedBy: 'partner_id_order' });
  });

  it('equal scores: fewer recent assignments wins before id order', () => {
    // Partner 1: weight 2, 1 recent → 1; partner 2: weight 1, 0 recent → 1.
    const r = rule(1, {
      strategy: { type: 'weighted', partnerWeights: [{ partnerId: pid(1), weight: 2 }], defaultWeight: 1 },
    });
    const d = route(lead(), [r], [partner(1), partner(2)], state({ recentAssignments: { [pid(1)]: 1 } }), opts);
    expect(d.partnerId).toBe(pid(2));
    expect(d.tieBreak).toEqual({ tiedPartnerIds: [pid(2), pid(1)], decidedBy: 'fewest_recent_assignments' });
  });

  it('a clear winner records no tie', () => {
    const d = route(lead(), [equal], [partner(1), partner(2)], state({ recentAssignments: { [pid(1)]: 1 } }), opts);
    expect(d.partnerId).toBe(pid(2));
    expect(d.tieBreak).toBeNull();
  });
});

describe('rules and conditions', () => {
  const partners = [
    partner(1),
    partner(2, { country: 'TW', region: 'North', territories: ['Taipei'], languages: ['zh-Hant'] }),
  ];

  it('no rule applies: fallback, with every rule and why it did not match', () => {
    const rules = [
      rule(1, { conditions: [{ subject: 'lead', attribute: 'country', operator: 'in', values: ['LV'] }] }),
      rule(2, { enabled: false }),
      rule(3, {
        conditions: [
          { subject: 'lead', attribute: 'companySize', operator: 'between', min: 500, max: null },
          { subject: 'lead', attribute: 'productInterest', operator: 'in', values: ['backup'] },
        ],
      }),
    ];
    const d = route(lead({ companySize: null }), rules, partners, state(), opts);
    expect(d).toMatchObject({ outcome: 'fallback', fallbackReason: 'no_rule_matched', ruleId: null, candidates: [] });
    expect(d.rules).toEqual([
      {
        ruleId: rid(1),
        ruleName: 'Rule 1',
        position: 10,
        result: 'conditions_not_met',
        failedConditions: [{ index: 0, attribute: 'country', operator: 'in', leadValue: 'VN' }],
      },
      { ruleId: rid(2), ruleName: 'Rule 2', position: 20, result: 'disabled' },
      {
        ruleId: rid(3),
        ruleName: 'Rule 3',
        position: 30,
        result: 'conditions_not_met',
        failedConditions: [
          { index: 0, attribute: 'companySize', operator: 'between', leadValue: null },
          { index: 1, attribute: 'productInterest', operator: 'in', leadValue: ['firewall'] },
        ],
      },
    ]);
  });

  it('no rules at all, or only disabled ones: fallback "no_rules"', () => {
    expect(route(lead(), [], partners, state(), opts).fallbackReason).toBe('no_rules');
    expect(route(lead(), [rule(1, { enabled: false })], partners, state(), opts).fallbackReason).toBe('no_rules');
  });

  it('disabled rules are skipped and reported; rules run by position, not list order', () => {
    const rules = [
      rule(3, { name: 'Everyone' }),
      rule(1, {
        enabled: false,
        conditions: [{ subject: 'partner', attribute: 'partner', operator: 'in', values: [pid(2)] }],
      }),
    ];
    const d = route(lead(), rules, partners, state(), opts);
    expect(d.rules.map((r) => [r.ruleId, r.result])).toEqual([
      [rid(1), 'disabled'],
      [rid(3), 'matched'],
    ]);
    expect(d.ruleId).toBe(rid(3));
  });

  it('partners matching the lead’s country or territory come from the index; a lead without one has no candidates', () => {
    const r = rule(1, { conditions: [{ subject: 'partner', attribute: 'territory', operator: 'matches_lead' }] });
    const tw = route(lead({ country: 'TW', territory: 'taipei' }), [r], partners, state(), opts);
    expect(tw.partnerId).toBe(pid(2));
    expect(tw.candidates).toHaveLength(1);
    const none = route(lead({ territory: null }), [r], partners, state(), opts);
    expect(none.rules[0]).toMatchObject({ result: 'no_candidates', poolSize: 0, missingLeadValue: 'territory' });
    expect(none.fallbackReason).toBe('no_eligible_candidate');
    // Nobody in the pool at all also counts as "nobody eligible" for whenNoEligible.
    const strict = rule(1, { ...r, whenNoEligible: 'fallback' });
    const stopped = route(lead({ territory: 'Hanoi' }), [strict, rule(2)], partners, state(), opts);
    expect(stopped).toMatchObject({ outcome: 'fallback', ruleId: rid(1), candidates: [] });
    expect(stopped.rules).toEqual([
      {
        ruleId: rid(1),
        ruleName: 'Rule 1',
        position: 10,
        result: 'no_candidates',
        poolSize: 0,
        missingLeadValue: null,
        stoppedAtFallback: true,
      },
    ]);
  });

  it('lead conditions: not_in passes a missing value, between is inclusive, languages match by subtag', () => {
    const r = rule(1, {
      conditions: [
        { subject: 'lead', attribute: 'region', operator: 'not_in', values: ['north'] },
        { subject: 'lead', attribute: 'companySize', operator: 'between', min: 100, max: 120 },
        { subject: 'lead', attribute: 'language', operator: 'in', values: ['en'] },
      ],
    });
    expect(route(lead({ region: null, language: 'en-GB' }), [r], partners, state(), opts).outcome).toBe('assigned');
    expect(route(lead({ region: 'North', language: 'en' }), [r], partners, state(), opts).outcome).toBe('fallback');
    expect(route(lead({ companySize: 121, language: 'en' }), [r], partners, state(), opts).outcome).toBe('fallback');
  });

  it('partner conditions on type, tier and tier rank define the pool', () => {
    const ps = [
      partner(1, { type: 'msp', tier: GOLD }),
      partner(2, { type: 'reseller', tier: GOLD }),
      partner(3, { type: 'msp', tier: SILVER }),
      partner(4, { type: 'msp', tier: null }),
    ];
    const r = rule(1, {
      conditions: [
        { subject: 'partner', attribute: 'partnerType', operator: 'in', values: ['msp'] },
        { subject: 'partner', attribute: 'tierRank', operator: 'between', min: 3, max: null },
      ],
    });
    const d = route(lead(), [r], ps, state(), opts);
    expect(d.candidates.map((c) => c.partnerId)).toEqual([pid(1)]);
    const byTier = rule(1, {
      conditions: [{ subject: 'partner', attribute: 'tier', operator: 'not_in', values: [GOLD.id] }],
    });
    expect(route(lead(), [byTier], ps, state(), opts).candidates.map((c) => c.partnerId)).toEqual([pid(3), pid(4)]);
  });

  it('whenNoEligible "fallback" stops at the fallback queue and lists the excluded candidates', () => {
    const strict = rule(1, { whenNoEligible: 'fallback' });
    const d = route(lead({ declinedPartnerIds: [pid(1), pid(2)] }), [strict, rule(2)], partners, state(), opts);
    expect(d).toMatchObject({ outcome: 'fallback', fallbackReason: 'no_eligible_candidate', ruleId: rid(1) });
    expect(d.rules).toHaveLength(1);
    expect(d.rules[0]).toMatchObject({ stoppedAtFallback: true });
    expect(d.candidates.map((c) => c.exclusions)).toEqual([['declined_this_lead'], ['declined_this_lead']]);
  });
});

describe('the explanation', () => {
  const partners = [
    partner(1, { openLeads: 2 }),
    partner(2, { status: 'suspended' }),
    partner(3, { openLeads: 0 }),
    partner(4, { openLeads: 1 }),
  ];
  const rules = [
    rule(1, { conditions: [{ subject: 'lead', attribute: 'country', operator: 'in', values: ['TW'] }] }),
    rule(2, { strategy: { type: 'capacity', maxOpenLeads: 4 } }),
  ];

  it('lists every candidate: eligible ones by rank with score and components, then excluded ones by id', () => {
    const d = route(lead(), rules, partners, state(), opts);
    expect(d.outcome).toBe('assigned');
    expect(d.ruleId).toBe(rid(2));
    expect(d.strategy).toBe('capacity');
    expect(d.candidates.map((c) => [c.partnerId, c.rank, c.score])).toEqual([
      [pid(3), 1, 1],
      [pid(4), 2, 0.75],
      [pid(1), 3, 0.5],
      [pid(2), null, null],
    ]);
    expect(d.rules.map((r) => r.result)).toEqual(['conditions_not_met', 'matched']);
    expect(d.rules[1]).toMatchObject({ poolSize: 4, eligibleCount: 3 });
  });

  it('is valid against the contract, survives JSON unchanged, and does not depend on the order partners arrive in', () => {
    const d = route(lead(), rules, partners, state(), opts);
    expect(RoutingDecisionSchema.parse(d)).toEqual(d);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(route(lead(), [...rules].reverse(), [...partners].reverse(), state(), opts)).toEqual(d);
  });

  it('refuses two partners with the same id, naming them', () => {
    expect(() => route(lead(), rules, [partner(1), partner(1)], state(), opts)).toThrow(
      /partners\[1\]\.id repeats partners\[0\]\.id/,
    );
  });
});
