import type { LeadRoutingDecision } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/messages/en.json';
import { explainDecision, renderMsg } from './explain';

// A tiny English renderer over the real catalogue, enough to read the sentences a vendor sees.
const t = (id: string, values?: Record<string, string | number>) => {
  const message = (en as Record<string, string>)[id];
  if (!message) throw new Error(`no message ${id}`);
  return message
    .replace(/\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/g, (_, k: string, one: string, other: string) =>
      (values?.[k] === 1 ? one : other).replace('#', String(values?.[k])),
    )
    .replace(/\{(\w+), number, percent\}/g, (_, k: string) => `${Math.round(Number(values?.[k]) * 100)}%`)
    .replace(/\{(\w+)\}/g, (_, k: string) => String(values?.[k] ?? `{${k}}`));
};

const SAIGON = '01900000-0000-7000-8000-000000000001';
const HANOI = '01900000-0000-7000-8000-000000000002';
const DANANG = '01900000-0000-7000-8000-000000000003';

const base: LeadRoutingDecision = {
  id: '01900000-0000-7000-8000-0000000000d1',
  leadId: '01900000-0000-7000-8000-0000000000a1',
  trigger: 'create',
  decidedAt: '2026-11-23T08:00:00.000Z',
  decidedBy: null,
  engineVersion: 1,
  outcome: 'assigned',
  partner: { id: SAIGON, name: 'Saigon Digital Solutions' },
  ruleId: 'r2',
  ruleName: 'Vietnam, weighted',
  strategy: 'weighted',
  fallbackQueue: null,
  fallbackReason: null,
  detail: 'full',
  rules: [
    { ruleId: 'r0', ruleName: 'Old rule', position: 5, result: 'disabled' },
    {
      ruleId: 'r1',
      ruleName: 'Enterprise Taiwan',
      position: 10,
      result: 'conditions_not_met',
      failedConditions: [
        { index: 0, attribute: 'country', operator: 'in', leadValue: 'VN' },
        { index: 1, attribute: 'companySize', operator: 'between', leadValue: null },
      ],
    },
    {
      ruleId: 'r3',
      ruleName: 'Security specialists',
      position: 15,
      result: 'no_eligible_candidate',
      poolSize: 3,
      exclusionCounts: [{ reason: 'capability_mismatch', count: 3 }],
      stoppedAtFallback: false,
    },
    { ruleId: 'r2', ruleName: 'Vietnam, weighted', position: 20, result: 'matched', poolSize: 3, eligibleCount: 2 },
  ],
  rulesOmitted: 0,
  candidates: [
    {
      partnerId: HANOI,
      eligible: true,
      exclusions: [],
      score: 0.5,
      rank: 2,
      components: { strategy: 'weighted', weight: 1, weightSource: 'default', recentAssignments: 1 },
    },
    {
      partnerId: SAIGON,
      eligible: true,
      exclusions: [],
      score: 3,
      rank: 1,
      components: { strategy: 'weighted', weight: 3, weightSource: 'partner', recentAssignments: 0 },
    },
    {
      partnerId: DANANG,
      eligible: false,
      exclusions: ['declined_this_lead', 'at_capacity'],
      score: null,
      rank: null,
      components: { strategy: 'weighted', weight: 1, weightSource: 'tier', recentAssignments: 4 },
    },
  ],
  candidateCounts: { eligible: 2, excluded: 1 },
  candidatesOmitted: 0,
  exclusionCounts: [
    { reason: 'declined_this_lead', count: 1 },
    { reason: 'at_capacity', count: 1 },
  ],
  tieBreak: null,
  partnerNames: { [SAIGON]: 'Saigon Digital Solutions', [HANOI]: 'Hanoi Cloud', [DANANG]: 'Da Nang Systems' },
};

describe('the routing explanation', () => {
  it('says who got the lead, by which rule and strategy', () => {
    const x = explainDecision(base);
    expect(renderMsg(x.headline, t)).toBe(
      'Assigned to Saigon Digital Solutions by the rule “Vietnam, weighted” (weighted).',
    );
  });

  it('lists eligible candidates by rank with what their scores are made of', () => {
    const x = explainDecision(base);
    expect(x.eligible.map((c) => [c.name, c.rank, c.chosen])).toEqual([
      ['Saigon Digital Solutions', 1, true],
      ['Hanoi Cloud', 2, false],
    ]);
    expect(x.eligible[0]?.components.map((m) => renderMsg(m, t))).toEqual([
      'weight 3 (set for the partner)',
      '0 leads in the fairness window',
    ]);
    expect(x.eligible[1]?.components.map((m) => renderMsg(m, t))).toContain('1 lead in the fairness window');
  });

  it('names every reason an excluded partner was left out', () => {
    const x = explainDecision(base);
    expect(x.excluded).toHaveLength(1);
    expect(x.excluded[0]?.name).toBe('Da Nang Systems');
    expect(x.excluded[0]?.exclusions.map((id) => t(id))).toEqual(['declined this lead', 'at capacity']);
  });

  it('explains why the earlier rules did not decide, with the lead’s values', () => {
    const x = explainDecision(base);
    const earlier = x.rules.filter((r) => !r.deciding);
    expect(earlier.map((r) => [r.name, renderMsg(r.outcome, t)])).toEqual([
      ['Old rule', 'disabled, skipped'],
      ['Enterprise Taiwan', 'does not apply to this lead'],
      ['Security specialists', 'applies; 3 candidates, none eligible; the next rule was tried'],
    ]);
    expect(earlier[1]?.details.map((m) => renderMsg(m, t))).toEqual([
      'Country (is one of): the lead’s value is VN',
      'Company size (is between): the lead has none',
    ]);
    expect(earlier[2]?.details.map((m) => renderMsg(m, t))).toEqual(['does not offer every product the lead wants: 3']);
    const deciding = x.rules.find((r) => r.deciding);
    expect(deciding && renderMsg(deciding.outcome, t)).toBe('applies: 2 of 3 candidates eligible');
  });

  it('explains a fallback when no rule applied, and counts what was not stored', () => {
    const x = explainDecision({
      ...base,
      outcome: 'fallback',
      partner: null,
      ruleId: null,
      ruleName: null,
      strategy: null,
      fallbackQueue: { id: 'default', name: 'Unassigned leads' },
      fallbackReason: 'no_rule_matched',
      candidates: [],
      rulesOmitted: 2,
      candidatesOmitted: 0,
    });
    expect(renderMsg(x.headline, t)).toBe(
      'Sent to the fallback queue “Unassigned leads”: no rule applies to this lead.',
    );
    expect(x.rules.every((r) => !r.deciding)).toBe(true);
    expect(x.compact).toBeNull();
    expect(x.eligible).toEqual([]);
    expect(x.rulesOmitted && renderMsg(x.rulesOmitted, t)).toBe('2 more rules were looked at (not stored).');
  });

  it('says when a batch decision was stored compact', () => {
    const x = explainDecision({ ...base, detail: 'compact' });
    expect(x.compact && renderMsg(x.compact, t)).toMatch(/^Routed in a batch/);
  });

  it('says how a tie was settled, by partner names', () => {
    const x = explainDecision({
      ...base,
      tieBreak: { tiedPartnerIds: [SAIGON, HANOI], decidedBy: 'partner_id_order' },
    });
    expect(x.tieBreak && renderMsg(x.tieBreak, t)).toBe(
      'Tie between Saigon Digital Solutions, Hanoi Cloud: settled by the fixed partner order.',
    );
  });

  it('names the first partners of a tie a compact decision trimmed, and counts the others', () => {
    const x = explainDecision({
      ...base,
      detail: 'compact',
      tieBreak: { tiedPartnerIds: [SAIGON, HANOI], decidedBy: 'fewest_recent_assignments', tiedCount: 13 },
    });
    expect(x.tieBreak && renderMsg(x.tieBreak, t)).toBe(
      'Tie between Saigon Digital Solutions, Hanoi Cloud and 11 more partners: settled by the fewest recent leads.',
    );
  });

  it('shows performance figures as rates', () => {
    const x = explainDecision({
      ...base,
      strategy: 'performance',
      candidates: [
        {
          partnerId: SAIGON,
          eligible: true,
          exclusions: [],
          score: 0.7,
          rank: 1,
          components: {
            strategy: 'performance',
            windowDays: 90,
            offered: 10,
            accepted: 8,
            converted: 4,
            acceptanceRate: 0.8,
            conversionRate: 0.5,
            performance: 0.65,
            recentAssignments: 0,
          },
        },
      ],
    });
    expect(x.eligible[0]?.components.map((m) => renderMsg(m, t)).slice(0, 2)).toEqual([
      'acceptance 80%, conversion 50%, performance 65%',
      'last 90 days: 10 offered, 8 accepted, 4 converted',
    ]);
  });
});
