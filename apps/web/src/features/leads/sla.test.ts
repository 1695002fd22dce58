import { describe, expect, it } from 'vitest';
import { slaState } from './sla';

const now = new Date('2026-11-23T10:00:00Z');

describe('the SLA countdown', () => {
  it('counts whole hours and the minutes after them', () => {
    expect(slaState('2026-11-25T09:30:00Z', now)).toMatchObject({ hours: 47, minutes: 30, tone: 'ok', overdue: false });
  });

  it('turns to "soon" inside the reminder window', () => {
    expect(slaState('2026-11-23T21:59:00Z', now, 12).tone).toBe('soon');
    expect(slaState('2026-11-23T22:01:00Z', now, 12).tone).toBe('ok');
  });

  it('is overdue at and after the deadline, with nothing left to count', () => {
    expect(slaState('2026-11-23T10:00:00Z', now)).toMatchObject({
      overdue: true,
      tone: 'overdue',
      hours: 0,
      minutes: 0,
    });
    expect(slaState('2026-11-23T09:00:00Z', now).msLeft).toBe(-3_600_000);
  });
});
