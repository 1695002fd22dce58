import { type LeadRoutingSettings, LeadRoutingSettingsUpdateSchema } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import {
  groupIssues,
  issuesUnder,
  moveRule,
  newCondition,
  newRule,
  normalisePath,
  settingsBody,
  settingsDraft,
  withAttribute,
} from './ruleEditor';

const SAIGON = '01900000-0000-7000-8000-000000000001';
const GOLD = '01900000-0000-7000-8000-0000000000b1';

const settings: LeadRoutingSettings = {
  rules: [
    {
      id: '01900000-0000-7000-8000-0000000000f2',
      name: 'Catch-all',
      position: 90,
      enabled: true,
      conditions: [],
      strategy: { type: 'round_robin' },
      whenNoEligible: 'fallback',
    },
    {
      id: '01900000-0000-7000-8000-0000000000f1',
      name: 'Vietnam enterprise',
      position: 10,
      enabled: false,
      conditions: [
        { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN'] },
        { subject: 'lead', attribute: 'companySize', operator: 'between', min: 500, max: null },
        { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
      ],
      strategy: {
        type: 'weighted',
        partnerWeights: [{ partnerId: SAIGON, weight: 3 }],
        tierWeights: [{ tierId: GOLD, weight: 2 }],
        defaultWeight: 1,
      },
      whenNoEligible: 'next_rule',
    },
  ],
  fallbackQueue: { id: 'default', name: 'Unassigned leads', ownerUserId: null },
  sla: { hours: 48, reminderHoursBefore: 12, maxRecalls: 5 },
  hideContactUntilAccepted: true,
  preApproveConvertedDeals: false,
  fairnessWindowDays: 30,
  updatedAt: null,
};

describe('the routing rules editor', () => {
  it('shows rules in evaluation order and saves them back unchanged, valid against the contract', () => {
    const draft = settingsDraft(settings);
    expect(draft.rules.map((r) => r.name)).toEqual(['Vietnam enterprise', 'Catch-all']);
    const body = settingsBody(draft);
    expect(LeadRoutingSettingsUpdateSchema.safeParse(body).success).toBe(true);
    expect(body.rules?.[0]).toEqual({
      ...settings.rules[1],
      position: 10,
    });
    expect(body.rules?.[1]).toMatchObject({ name: 'Catch-all', position: 20, strategy: { type: 'round_robin' } });
  });

  it('moves a rule up or down and renumbers positions from the order on screen', () => {
    const draft = settingsDraft(settings);
    const moved = { ...draft, rules: moveRule(draft.rules, 1, -1) };
    expect(settingsBody(moved).rules?.map((r) => [r.name, r.position])).toEqual([
      ['Catch-all', 10],
      ['Vietnam enterprise', 20],
    ]);
    expect(moveRule(draft.rules, 0, -1)).toEqual(draft.rules);
    expect(moveRule(draft.rules, 1, 1)).toEqual(draft.rules);
  });

  it('sends only the chosen strategy’s fields', () => {
    const draft = settingsDraft(settings);
    const rule = draft.rules[0];
    if (!rule) throw new Error('no rule');
    const capacity = {
      ...draft,
      rules: [{ ...rule, strategy: { ...rule.strategy, type: 'capacity' as const, maxOpenLeads: 7 } }],
    };
    expect(settingsBody(capacity).rules?.[0]?.strategy).toEqual({ type: 'capacity', maxOpenLeads: 7 });
  });

  it('shapes each condition for its operator: values, a range, or nothing for matches_lead', () => {
    const rule = newRule('01900000-0000-7000-8000-0000000000f3', 'New');
    let c = newCondition('partner');
    expect(c.operator).toBe('matches_lead');
    c = { ...withAttribute(c, 'lead', 'country'), values: ['vn', ' tw ', ''] };
    expect(c.operator).toBe('in');
    const size = withAttribute(newCondition('lead'), 'lead', 'companySize');
    expect(size.operator).toBe('between');
    const body = settingsBody({
      ...settingsDraft(settings),
      rules: [{ ...rule, conditions: [c, { ...size, max: 200 }, newCondition('partner')] }],
    });
    expect(body.rules?.[0]?.conditions).toEqual([
      { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN', 'TW'] },
      { subject: 'lead', attribute: 'companySize', operator: 'between', min: null, max: 200 },
      { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
    ]);
    expect(LeadRoutingSettingsUpdateSchema.safeParse(body).success).toBe(true);
  });

  it('keeps values when switching between attributes of the same kind, clears them otherwise', () => {
    const c = { ...newCondition('lead'), attribute: 'region', values: ['APAC'] };
    expect(withAttribute(c, 'lead', 'territory').values).toEqual(['APAC']);
    expect(withAttribute(c, 'lead', 'country').values).toEqual([]);
  });

  it('places the API’s issues next to the rule and field they name', () => {
    expect(normalisePath('body.rules[2].conditions[0].values[1]')).toBe('rules.2.conditions.0.values.1');
    const grouped = groupIssues([
      { path: 'body.rules[2].conditions[0].values[1]', message: 'unknown partner' },
      { path: 'body.rules.0.strategy.partnerWeights.1.partnerId', message: 'weighted twice' },
      { path: 'body.rules[1]', message: 'unreachable' },
      { path: 'body.rules.1.name', message: 'too short' },
      { path: 'body.sla.reminderHoursBefore', message: 'before the deadline' },
    ]);
    expect(Object.keys(grouped.rules[2] ?? {})).toEqual(['conditions.0.values']);
    expect(issuesUnder(grouped.rules[2], 'conditions.0').map((i) => i.message)).toEqual(['unknown partner']);
    expect(issuesUnder(grouped.rules[2], 'conditions.1')).toEqual([]);
    expect(issuesUnder(grouped.rules[0], 'strategy.partnerWeights.1').map((i) => i.message)).toEqual([
      'weighted twice',
    ]);
    expect(grouped.rules[1]?.['']?.map((i) => i.message)).toEqual(['unreachable']);
    expect(grouped.rules[1]?.name?.map((i) => i.message)).toEqual(['too short']);
    expect(grouped.other['sla.reminderHoursBefore']?.[0]?.message).toBe('before the deadline');
  });
});
