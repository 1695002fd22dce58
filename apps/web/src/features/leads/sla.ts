/** Where an offer stands against its acceptance deadline. */
export type SlaState = {
  /** Milliseconds left; negative once overdue. */
  msLeft: number;
  overdue: boolean;
  /** Whole hours and the minutes after them, of the time left (0 when overdue). */
  hours: number;
  minutes: number;
  /** ok: plenty of time; soon: inside the reminder window; overdue: the recall job is due to take it back. */
  tone: 'ok' | 'soon' | 'overdue';
};

export function slaState(dueIso: string, now: Date = new Date(), reminderHours = 12): SlaState {
  const msLeft = Date.parse(dueIso) - now.getTime();
  const overdue = msLeft <= 0;
  const totalMinutes = overdue ? 0 : Math.floor(msLeft / 60_000);
  return {
    msLeft,
    overdue,
    hours: Math.floor(totalMinutes / 60),
    minutes: totalMinutes % 60,
    tone: overdue ? 'overdue' : msLeft <= reminderHours * 3_600_000 ? 'soon' : 'ok',
  };
}

export const SLA_COLOR: Record<SlaState['tone'], string> = { ok: 'blue', soon: 'orange', overdue: 'red' };
