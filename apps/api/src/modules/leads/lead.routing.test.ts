import type { RoutingCandidate, RoutingDecision, RoutingRule } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import { storedDecision } from './lead.routing';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const RULE = id(900);

const eligible = (n: number, rank: number): RoutingCandidate => ({
  partnerId: id(n),
  eligible: true,
  exclusions: [],
  score: 1,
  rank,
  components: { strategy: 'weighted', weight: 1, weightSource: 'default', recentAssignments: 0 },
});
const excluded = (n: number): RoutingCandidate => ({
  partnerId: id(n),
  eligible: false,
  exclusions: ['at_capacity'],
  score: null,
  rank: null,
  components: { strategy: 'weighted', weight: 1, weightSource: 'default', recentAssignments: 0 },
});

/** Eight eligible partners, all tied, settled by partner order; two more at capacity; one rule not met before. */
const decision: RoutingDecision = {
  engineVersion: 1,
  leadId: id(1000),
  outcome: 'assigned',
  partnerId: id(1),
  ruleId: RULE,
  strategy: 'weighted',
  fallbackQueue: null,
  fallbackReason: null,
  rules: [
    {
      ruleId: id(901),
      ruleName: 'Enterprise',
      position: 10,
      result: 'conditions_not_met',
      failedConditions: [{ index: 0, attribute: 'companySize', operator: 'between', leadValue: 40 }],
    },
    { ruleId: RULE, ruleName: 'Everyone', position: 20, result: 'matched', poolSize: 10, eligibleCount: 8 },
  ],
  candidates: [...[1, 2, 3, 4, 5, 6, 7, 8].map((n, i) => eligible(n, i + 1)), excluded(9), excluded(10)],
  tieBreak: { tiedPartnerIds: [1, 2, 3, 4, 5, 6, 7, 8].map(id), decidedBy: 'partner_id_order' },
};
const rules = [{ id: RULE, name: 'Everyone' }] as RoutingRule[];

describe('what a routing decision keeps in storage', () => {
  it('keeps everything a one-lead decision needs to be read back in full', () => {
    const s = storedDecision(decision, rules, 'full');
    expect(s.ruleName).toBe('Everyone');
    expect(s.candidates).toHaveLength(10);
    expect(s.rules).toHaveLength(2);
    expect(s.tieBreak).toEqual(decision.tieBreak);
    expect(s.candidatesOmitted).toBe(0);
  });

  it('keeps the winner and two runners-up of a batch decision, and counts the rest', () => {
    const s = storedDecision(decision, rules, 'compact');
    expect(s.detail).toBe('compact');
    expect(s.candidates.map((c) => c.rank)).toEqual([1, 2, 3]);
    expect(s.candidateCounts).toEqual({ eligible: 8, excluded: 2 });
    expect(s.candidatesOmitted).toBe(7);
    expect(s.exclusionCounts).toEqual([{ reason: 'at_capacity', count: 2 }]);
    // The rule that was not met is dropped from a compact decision, and counted.
    expect(s.rules.map((r) => r.ruleId)).toEqual([RULE]);
    expect(s.rulesOmitted).toBe(1);
  });

  it('names the first three partners of a tie in a batch decision and says how many shared it', () => {
    const s = storedDecision(decision, rules, 'compact');
    expect(s.tieBreak).toEqual({
      tiedPartnerIds: [id(1), id(2), id(3)],
      decidedBy: 'partner_id_order',
      tiedCount: 8,
    });
    const small = storedDecision(
      { ...decision, tieBreak: { decidedBy: 'partner_id_order', tiedPartnerIds: [id(1), id(2)] } },
      rules,
      'compact',
    );
    expect(small.tieBreak).toEqual({ tiedPartnerIds: [id(1), id(2)], decidedBy: 'partner_id_order' });
  });
});
