import type { RoutingRuleIssue } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import { GOLD, pid, rule, SILVER, tid } from './routing.fixtures';
import { validateRules } from './validate-rules';

const known = [pid(1), pid(2), pid(3)];
const brief = (issues: RoutingRuleIssue[]) => issues.map((i) => [i.path, i.code, i.severity]);
const country = (operator: 'in' | 'not_in', values: string[]) =>
  ({ subject: 'lead', attribute: 'country', operator, values }) as const;

describe('validateRules', () => {
  it('a sound rule set has no issues', () => {
    const rules = [
      rule(1, {
        conditions: [
          country('in', ['VN', 'TW']),
          { subject: 'lead', attribute: 'companySize', operator: 'between', min: 100, max: 500 },
          { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
          { subject: 'partner', attribute: 'tier', operator: 'in', values: [GOLD.id] },
        ],
        strategy: { type: 'weighted', partnerWeights: [{ partnerId: pid(1), weight: 0 }], defaultWeight: 1 },
      }),
      rule(2, { strategy: { type: 'capacity', maxOpenLeads: 20 } }),
    ];
    expect(validateRules(rules, known, { knownTierIds: [GOLD.id, SILVER.id] })).toEqual([]);
  });

  it('names unknown partners in weights and conditions by path', () => {
    const rules = [
      rule(1, {
        conditions: [country('in', ['VN'])],
        strategy: {
          type: 'weighted',
          partnerWeights: [
            { partnerId: pid(1), weight: 2 },
            { partnerId: pid(9), weight: 1 },
          ],
        },
      }),
      rule(2, {
        conditions: [{ subject: 'partner', attribute: 'partner', operator: 'not_in', values: [pid(2), pid(8)] }],
      }),
    ];
    const issues = validateRules(rules, known);
    expect(brief(issues)).toEqual([
      ['rules[0].strategy.partnerWeights[1].partnerId', 'unknown_partner', 'error'],
      ['rules[1].conditions[0].values[1]', 'unknown_partner', 'error'],
    ]);
    expect(issues[0]?.message).toContain(pid(9));
  });

  it('unknown tiers are reported when the tiers are given', () => {
    const rules = [
      rule(1, {
        conditions: [{ subject: 'partner', attribute: 'tier', operator: 'in', values: [GOLD.id, tid(7)] }],
        strategy: { type: 'weighted', tierWeights: [{ tierId: tid(8), weight: 1 }] },
      }),
    ];
    expect(brief(validateRules(rules, known, { knownTierIds: [GOLD.id] }))).toEqual([
      ['rules[0].conditions[0].values[1]', 'unknown_tier', 'error'],
      ['rules[0].strategy.tierWeights[0].tierId', 'unknown_tier', 'error'],
    ]);
    expect(validateRules(rules, known)).toEqual([]);
  });

  it('duplicate positions, rule ids and weights', () => {
    const rules = [
      rule(1, { conditions: [country('in', ['LV'])] }),
      rule(2, {
        position: 10,
        conditions: [country('in', ['TW'])],
        strategy: {
          type: 'weighted',
          partnerWeights: [
            { partnerId: pid(1), weight: 1 },
            { partnerId: pid(1), weight: 2 },
          ],
        },
      }),
      rule(1, { position: 30, conditions: [country('in', ['VN'])] }),
    ];
    expect(brief(validateRules(rules, known))).toEqual([
      ['rules[1].position', 'duplicate_position', 'error'],
      ['rules[1].strategy.partnerWeights[1].partnerId', 'duplicate_weight', 'error'],
      ['rules[2].id', 'duplicate_rule_id', 'error'],
    ]);
  });

  it('country in [VN] and not_in [VN] contradict; a value ruled out by another condition is a warning', () => {
    const issues = validateRules(
      [
        rule(1, { conditions: [country('in', ['VN']), country('not_in', ['VN'])] }),
        rule(2, { conditions: [country('in', ['VN', 'TW']), country('not_in', ['TW'])] }),
        rule(3, { conditions: [country('in', ['VN']), country('in', ['TW'])] }),
      ],
      known,
    );
    expect(brief(issues)).toEqual([
      ['rules[0].conditions[1]', 'contradictory_conditions', 'error'],
      ['rules[1].conditions[0].values[1]', 'value_never_matches', 'warning'],
      ['rules[2].conditions[1]', 'contradictory_conditions', 'error'],
    ]);
    expect(issues[0]?.message).toContain('conditions[0] in [VN] and conditions[1] not_in [VN]');
  });

  it('size between 500 and 100 is empty; ranges that do not overlap contradict', () => {
    const size = (min: number | null, max: number | null) =>
      ({ subject: 'lead', attribute: 'companySize', operator: 'between', min, max }) as const;
    const issues = validateRules(
      [rule(1, { conditions: [size(500, 100)] }), rule(2, { conditions: [size(null, 50), size(51, null)] })],
      known,
    );
    expect(brief(issues)).toEqual([
      ['rules[0].conditions[0].max', 'empty_range', 'error'],
      ['rules[1].conditions[1]', 'contradictory_conditions', 'error'],
    ]);
  });

  it('multi-valued facts: "has any of" and "has none of" the same values contradict; two different "in" do not', () => {
    const cap = (operator: 'in' | 'not_in', values: string[]) =>
      ({ subject: 'partner', attribute: 'capability', operator, values }) as const;
    const issues = validateRules(
      [
        rule(1, { conditions: [cap('in', ['Firewall']), cap('not_in', ['firewall'])] }),
        rule(2, { conditions: [cap('in', ['firewall']), cap('in', ['backup'])] }),
        rule(3, {
          conditions: [
            { subject: 'lead', attribute: 'language', operator: 'in', values: ['en-GB', 'vi'] },
            { subject: 'lead', attribute: 'language', operator: 'not_in', values: ['en'] },
          ],
        }),
        // en-GB satisfies both: languages match by subtag.
        rule(4, {
          conditions: [
            { subject: 'lead', attribute: 'language', operator: 'in', values: ['en'] },
            { subject: 'lead', attribute: 'language', operator: 'in', values: ['en-GB'] },
          ],
        }),
      ],
      known,
    );
    expect(brief(issues)).toEqual([
      ['rules[0].conditions[0]', 'contradictory_conditions', 'error'],
      ['rules[2].conditions[0].values[0]', 'value_never_matches', 'warning'],
    ]);
  });

  it('partners that must match the lead’s country, with disjoint lead and partner countries, can never be found', () => {
    const issues = validateRules(
      [
        rule(1, {
          conditions: [
            country('in', ['VN']),
            { subject: 'partner', attribute: 'country', operator: 'in', values: ['TW'] },
            { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
          ],
        }),
      ],
      known,
    );
    expect(brief(issues)).toEqual([['rules[0].conditions[2]', 'contradictory_conditions', 'error']]);
  });

  it('all weights 0 can never assign; default 0 with one positive partner weight is fine', () => {
    const weighted = (defaultWeight: number, weight: number) =>
      rule(1, { strategy: { type: 'weighted', defaultWeight, partnerWeights: [{ partnerId: pid(1), weight }] } });
    expect(brief(validateRules([weighted(0, 0)], known))).toEqual([['rules[0].strategy', 'all_weights_zero', 'error']]);
    expect(validateRules([weighted(0, 2)], known)).toEqual([]);
  });

  it('a rule behind a catch-all is unreachable: an error when the catch-all stops at the fallback queue', () => {
    const later = rule(2, { conditions: [country('in', ['VN'])] });
    const stops = rule(1, {
      conditions: [{ subject: 'partner', attribute: 'partnerType', operator: 'in', values: ['msp'] }],
      whenNoEligible: 'fallback',
    });
    expect(brief(validateRules([later, stops], known))).toEqual([['rules[0]', 'unreachable_rule', 'error']]);
    // No conditions at all, falling through: the later rule runs only when nobody is eligible — a warning.
    expect(brief(validateRules([rule(1), later], known))).toEqual([['rules[1]', 'unreachable_rule', 'warning']]);
    // A disabled catch-all hides nothing; a catch-all placed last is the intended pattern.
    expect(validateRules([rule(1, { enabled: false }), later], known)).toEqual([]);
    expect(validateRules([later, rule(3)], known)).toEqual([]);
  });
});
