import { describe, expect, it } from 'vitest';
import { route } from './route';
import { lead, partner, pid, QUEUE, rule } from './routing.fixtures';
import { slaVerdict } from './sla';
import { emptyRoutingState } from './types';

const assignedAt = new Date('2026-03-02T08:00:00Z');
const at = (hours: number) => new Date(assignedAt.getTime() + hours * 3_600_000);
const input = (now: Date, over = {}) => ({
  assignedAt,
  now,
  partnerId: pid(2),
  accepted: false,
  declinedPartnerIds: [pid(1)],
  recalledPartnerIds: [],
  ...over,
});

describe('SLA and recall (controllable clock)', () => {
  it('defaults to 48 hours with a reminder 12 hours before; waits until the reminder', () => {
    const v = slaVerdict(input(at(1)));
    expect(v.dueAt.toISOString()).toBe('2026-03-04T08:00:00.000Z');
    expect(v.remindAt?.toISOString()).toBe('2026-03-03T20:00:00.000Z');
    expect(v.action).toBe('wait');
    expect(v.nextCheckAt).toEqual(v.remindAt);
  });

  it('reminds from the reminder instant until the deadline, then recalls at the deadline exactly', () => {
    expect(slaVerdict(input(at(35.99))).action).toBe('wait');
    const remind = slaVerdict(input(at(36)));
    expect(remind.action).toBe('remind');
    expect(remind.nextCheckAt).toEqual(remind.dueAt);
    expect(slaVerdict(input(at(47.999))).action).toBe('remind');
    const due = slaVerdict(input(at(48)));
    expect(due.action).toBe('recall_and_reroute');
    expect(due.nextCheckAt).toBeNull();
    expect(due.excludeNext).toEqual({ declinedPartnerIds: [pid(1)], recalledPartnerIds: [pid(2)] });
  });

  it('an accepted lead is never recalled', () => {
    expect(slaVerdict(input(at(500), { accepted: true })).action).toBe('none');
  });

  it('custom hours and no reminder', () => {
    const v = slaVerdict(input(at(5)), { hours: 4, reminderHoursBefore: 0 });
    expect(v.remindAt).toBeNull();
    expect(v.action).toBe('recall_and_reroute');
    expect(slaVerdict(input(at(1)), { hours: 4, reminderHoursBefore: 0 }).nextCheckAt).toEqual(at(4));
  });

  it('after maxRecalls recalls the lead goes to the fallback queue instead of another partner', () => {
    const previous = { recalledPartnerIds: [pid(3), pid(4)] };
    expect(slaVerdict(input(at(48), previous), { maxRecalls: 3 }).action).toBe('recall_and_reroute');
    const last = slaVerdict(input(at(48), previous), { maxRecalls: 2 });
    expect(last.action).toBe('recall_to_fallback');
    expect(last.excludeNext.recalledPartnerIds).toEqual([pid(2), pid(3), pid(4)]);
  });

  it('refuses an invalid clock or settings with a clear error', () => {
    expect(() => slaVerdict(input(new Date('nope')))).toThrow('now must be a valid date');
    expect(() => slaVerdict(input(at(1)), { hours: 10, reminderHoursBefore: 10 })).toThrow(/reminderHoursBefore/);
  });

  it('recall and re-route: the next candidate, never a decliner nor the partner who let it lapse; then the fallback', () => {
    const partners = [partner(1), partner(2), partner(3)];
    const rules = [rule(1)];
    const opts = { fallbackQueue: QUEUE };
    const v = slaVerdict(input(at(49)));
    const next = route(lead(v.excludeNext), rules, partners, emptyRoutingState(), opts);
    expect(next.partnerId).toBe(pid(3));
    expect(next.candidates.filter((c) => !c.eligible).map((c) => [c.partnerId, c.exclusions])).toEqual([
      [pid(1), ['declined_this_lead']],
      [pid(2), ['recalled_from_this_lead']],
    ]);
    const again = slaVerdict({ ...input(at(100)), assignedAt: at(49), partnerId: pid(3), ...v.excludeNext });
    const last = route(lead(again.excludeNext), rules, partners, emptyRoutingState(), opts);
    expect(last).toMatchObject({ outcome: 'fallback', fallbackReason: 'no_eligible_candidate' });
  });
});
