import { describe, expect, it } from 'vitest';
import { route } from './route';
import { routeMany } from './route-many';
import { lead, leads, partner, pid, QUEUE, rid, rule } from './routing.fixtures';
import { emptyRoutingState } from './types';

const opts = { fallbackQueue: QUEUE };

describe('batch routing (routeMany)', () => {
  it('weighted 3:1 gives 3:1 over 4,000 leads, interleaved rather than in blocks', () => {
    const r = rule(1, {
      strategy: {
        type: 'weighted',
        partnerWeights: [
          { partnerId: pid(1), weight: 3 },
          { partnerId: pid(2), weight: 1 },
        ],
      },
    });
    const res = routeMany(leads(4000), [r], [partner(1), partner(2)], emptyRoutingState(), opts);
    const a = res.distribution[pid(1)] ?? 0;
    const b = res.distribution[pid(2)] ?? 0;
    expect(a + b).toBe(4000);
    expect(Math.abs(a / b - 3)).toBeLessThan(0.03);
    // Every window of 8 consecutive leads already holds the 3:1 share within one lead.
    const firstEight = res.decisions.slice(0, 8).filter((d) => d.partnerId === pid(2)).length;
    expect(firstEight).toBeGreaterThanOrEqual(1);
    expect(firstEight).toBeLessThanOrEqual(3);
  });

  it('round robin is exactly even, and stays even around an excluded partner', () => {
    const rr = [rule(1)];
    const even = routeMany(leads(3000), rr, [partner(1), partner(2), partner(3)], emptyRoutingState(), opts);
    expect(even.distribution).toEqual({ [pid(1)]: 1000, [pid(2)]: 1000, [pid(3)]: 1000 });
    expect(even.state.cursors).toEqual({ [rid(1)]: pid(3) });
    const skip = routeMany(
      leads(3000),
      rr,
      [partner(1), partner(2, { status: 'suspended' }), partner(3)],
      emptyRoutingState(),
      opts,
    );
    expect(skip.distribution).toEqual({ [pid(1)]: 1500, [pid(3)]: 1500 });
  });

  it('capacity fills up between leads: then the next candidate, then the fallback queue', () => {
    const r = rule(1, { strategy: { type: 'capacity', maxOpenLeads: 3 } });
    const res = routeMany(leads(7), [r], [partner(1, { openLeads: 1 }), partner(2)], emptyRoutingState(), opts);
    expect(res.decisions.map((d) => d.partnerId)).toEqual([pid(2), pid(1), pid(2), pid(1), pid(2), null, null]);
    expect(res).toMatchObject({ assigned: 5, fallback: 2, openLeads: { [pid(1)]: 3, [pid(2)]: 3 } });
    expect(res.decisions[6]?.rules[0]).toMatchObject({ exclusionCounts: [{ reason: 'at_capacity', count: 2 }] });
  });

  it('performance-weighted shares follow performance over the window, without starving the weaker partner', () => {
    const r = rule(1, { strategy: { type: 'performance', windowDays: 30, priorLeads: 0 } });
    const partners = [
      partner(1, { performance: [{ windowDays: 30, offered: 10, accepted: 9, converted: 6 }] }), // 0.9, 0.667 → 0.783
      partner(2, { performance: [{ windowDays: 30, offered: 10, accepted: 5, converted: 1 }] }), // 0.5, 0.2 → 0.35
    ];
    const res = routeMany(leads(1000), [r], partners, emptyRoutingState(), opts);
    const share = (res.distribution[pid(1)] ?? 0) / 1000;
    const expected = (0.9 + 6 / 9) / 2 / ((0.9 + 6 / 9) / 2 + 0.35);
    expect(Math.abs(share - expected)).toBeLessThan(0.01);
  });

  it('two batches with the returned state route exactly like one batch', () => {
    const rules = [
      rule(1, { strategy: { type: 'weighted', partnerWeights: [{ partnerId: pid(1), weight: 2 }] } }),
      rule(2),
    ];
    const partners = [partner(1), partner(2), partner(3)];
    const all = routeMany(leads(30), rules, partners, emptyRoutingState(), opts);
    const first = routeMany(leads(30).slice(0, 11), rules, partners, emptyRoutingState(), opts);
    const withOpen = partners.map((p) => ({ ...p, openLeads: first.openLeads[p.id] ?? 0 }));
    const second = routeMany(leads(30).slice(11), rules, withOpen, first.state, opts);
    expect([...first.decisions, ...second.decisions]).toEqual(all.decisions);
  });

  it('each decision equals route() on the state before it, and the inputs are not modified', () => {
    const partners = [partner(1, { capacity: 2 }), partner(2)];
    const rules = [rule(1, { strategy: { type: 'capacity', maxOpenLeads: 5 } })];
    const state = emptyRoutingState();
    const snapshot = JSON.stringify({ partners, rules, state });
    const res = routeMany(leads(3), rules, partners, state, opts);
    expect(JSON.stringify({ partners, rules, state })).toBe(snapshot);
    // Room 2/2 = 5/5: tie at 1, id order → partner 1; then 1/2 vs 5/5 → 2; then 1/2 vs 4/5 → 2.
    expect(res.decisions.map((d) => d.partnerId)).toEqual([pid(1), pid(2), pid(2)]);
    const third = route(
      lead({ id: 'lead-3' }),
      rules,
      [partner(1, { capacity: 2, openLeads: 1 }), partner(2, { openLeads: 1 })],
      { cursors: {}, recentAssignments: { [pid(1)]: 1, [pid(2)]: 1 } },
      opts,
    );
    expect(res.decisions[2]).toEqual(third);
  });

  it('can stream decisions instead of keeping them', () => {
    const seen: string[] = [];
    const res = routeMany(leads(5), [rule(1)], [partner(1)], emptyRoutingState(), {
      ...opts,
      keepDecisions: false,
      onDecision: (d) => seen.push(d.leadId),
    });
    expect(res.decisions).toEqual([]);
    expect(seen).toEqual(['lead-1', 'lead-2', 'lead-3', 'lead-4', 'lead-5']);
    expect(res.state.recentAssignments).toEqual({ [pid(1)]: 5 });
  });
});
