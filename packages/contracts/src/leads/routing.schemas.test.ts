import { describe, expect, it } from 'vitest';
import {
  RoutingConditionSchema,
  RoutingRuleSchema,
  RoutingSlaSettingsSchema,
  RoutingStrategySchema,
} from './routing.schemas';

const ID = '00000000-0000-7000-8000-000000000001';
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('routing contracts', () => {
  it('a rule gets its defaults: enabled, no conditions, falls through to the next rule', () => {
    const r = RoutingRuleSchema.parse({ id: ID, name: 'All', position: 0, strategy: { type: 'round_robin' } });
    expect(r).toMatchObject({ enabled: true, conditions: [], whenNoEligible: 'next_rule' });
    const w = RoutingStrategySchema.parse({ type: 'weighted' });
    expect(w).toEqual({ type: 'weighted', partnerWeights: [], tierWeights: [], defaultWeight: 1 });
    const p = RoutingStrategySchema.parse({ type: 'performance' });
    expect(p).toMatchObject({ windowDays: 90, acceptanceWeight: 0.5, conversionWeight: 0.5, combine: 'arithmetic' });
  });

  it('matches_lead takes no values; in / not_in need at least one', () => {
    const bad = RoutingConditionSchema.safeParse({
      subject: 'partner',
      attribute: 'country',
      operator: 'matches_lead',
      values: ['VN'],
    });
    expect(paths(bad)).toEqual(['values: values are required with in / not_in and not allowed with matches_lead']);
    expect(
      paths(RoutingConditionSchema.safeParse({ subject: 'lead', attribute: 'country', operator: 'in', values: [] })),
    ).toEqual(['values: needs at least one value']);
    // Lead conditions have no matches_lead; partner types are the partner module's values.
    expect(
      RoutingConditionSchema.safeParse({ subject: 'lead', attribute: 'country', operator: 'matches_lead' }).success,
    ).toBe(false);
    expect(
      RoutingConditionSchema.safeParse({
        subject: 'partner',
        attribute: 'partnerType',
        operator: 'in',
        values: ['shop'],
      }).success,
    ).toBe(false);
  });

  it('between needs a bound; countries are ISO codes; weights are 0…1000', () => {
    expect(
      paths(
        RoutingConditionSchema.safeParse({
          subject: 'lead',
          attribute: 'companySize',
          operator: 'between',
          min: null,
          max: null,
        }),
      ),
    ).toEqual(['min: between needs min, max or both']);
    expect(
      RoutingConditionSchema.safeParse({ subject: 'lead', attribute: 'country', operator: 'in', values: ['Vietnam'] })
        .success,
    ).toBe(false);
    expect(
      paths(RoutingStrategySchema.safeParse({ type: 'weighted', partnerWeights: [{ partnerId: ID, weight: -1 }] })),
    ).toEqual(['partnerWeights.0.weight: Too small: expected number to be >=0']);
  });

  it('performance needs some weight on acceptance or conversion; the reminder comes before the deadline', () => {
    expect(
      paths(RoutingStrategySchema.safeParse({ type: 'performance', acceptanceWeight: 0, conversionWeight: 0 })),
    ).toEqual(['acceptanceWeight: acceptanceWeight and conversionWeight cannot both be 0']);
    expect(RoutingSlaSettingsSchema.parse({})).toEqual({ hours: 48, reminderHoursBefore: 12, maxRecalls: 5 });
    expect(paths(RoutingSlaSettingsSchema.safeParse({ hours: 6, reminderHoursBefore: 12 }))).toEqual([
      'reminderHoursBefore: the reminder must come before the deadline (reminderHoursBefore < hours)',
    ]);
  });
});
