import { type RoutingSlaSettings, RoutingSlaSettingsSchema } from '@trellis/contracts';

/** The contract's defaults: 48 hours, a reminder 12 hours before, at most 5 recalls. */
export const DEFAULT_SLA: RoutingSlaSettings = RoutingSlaSettingsSchema.parse({});

const HOUR = 3_600_000;

export type SlaInput = {
  /** When the lead was assigned to its current partner. */
  assignedAt: Date;
  now: Date;
  /** The partner holding the lead now. */
  partnerId: string;
  /** true once the partner accepted: the SLA no longer runs. */
  accepted: boolean;
  /** Partners who declined this lead before. */
  declinedPartnerIds: readonly string[];
  /** Partners it was already recalled from after their SLA ran out. */
  recalledPartnerIds: readonly string[];
};

/**
 * wait: nothing to do until `nextCheckAt`; remind: the reminder is due (the caller sends it once);
 * recall_and_reroute: take the lead back and route it again excluding `excludeNext`; recall_to_fallback:
 * take it back to the fallback queue (the lead was recalled `maxRecalls` times already); none: accepted.
 */
export type SlaAction = 'none' | 'wait' | 'remind' | 'recall_and_reroute' | 'recall_to_fallback';

export type SlaVerdict = {
  action: SlaAction;
  dueAt: Date;
  /** null when `reminderHoursBefore` is 0. */
  remindAt: Date | null;
  /** When the job should look at this lead again (the reminder, then the deadline); null when nothing is left. */
  nextCheckAt: Date | null;
  /** The exclusions the next routing must pass as the lead's declined / recalled partners, sorted. */
  excludeNext: { declinedPartnerIds: string[]; recalledPartnerIds: string[] };
};

const validDate = (d: Date, name: string) => {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} must be a valid date`);
};
const sortedUnique = (ids: Iterable<string>) => [...new Set(ids)].sort();

/**
 * C5 SLA and recall, pure: the clock is the caller's `now`. The partner has `hours` (default 48) from
 * assignment to accept; a reminder is due `reminderHoursBefore` the deadline; at the deadline an unaccepted
 * lead is recalled and re-routed with every decliner and every partner it was recalled from excluded, so it
 * never returns to someone who let it lapse.
 */
export function slaVerdict(input: SlaInput, settings: Partial<RoutingSlaSettings> = {}): SlaVerdict {
  const s = { ...DEFAULT_SLA, ...settings };
  validDate(input.assignedAt, 'assignedAt');
  validDate(input.now, 'now');
  if (!(Number.isInteger(s.hours) && s.hours > 0)) throw new RangeError('hours must be a whole number above 0');
  if (!(Number.isInteger(s.reminderHoursBefore) && s.reminderHoursBefore >= 0 && s.reminderHoursBefore < s.hours))
    throw new RangeError('reminderHoursBefore must be a whole number from 0 to hours − 1');
  const dueAt = new Date(input.assignedAt.getTime() + s.hours * HOUR);
  const remindAt = s.reminderHoursBefore > 0 ? new Date(dueAt.getTime() - s.reminderHoursBefore * HOUR) : null;
  const now = input.now.getTime();
  const declined = sortedUnique(input.declinedPartnerIds);
  if (input.accepted) {
    return {
      action: 'none',
      dueAt,
      remindAt,
      nextCheckAt: null,
      excludeNext: { declinedPartnerIds: declined, recalledPartnerIds: sortedUnique(input.recalledPartnerIds) },
    };
  }
  if (now >= dueAt.getTime()) {
    const recalled = sortedUnique([...input.recalledPartnerIds, input.partnerId]);
    const earlier = new Set(input.recalledPartnerIds).size;
    return {
      action: earlier >= s.maxRecalls ? 'recall_to_fallback' : 'recall_and_reroute',
      dueAt,
      remindAt,
      nextCheckAt: null,
      excludeNext: { declinedPartnerIds: declined, recalledPartnerIds: recalled },
    };
  }
  const reminding = remindAt !== null && now >= remindAt.getTime();
  return {
    action: reminding ? 'remind' : 'wait',
    dueAt,
    remindAt,
    nextCheckAt: reminding || remindAt === null ? dueAt : remindAt,
    excludeNext: { declinedPartnerIds: declined, recalledPartnerIds: sortedUnique(input.recalledPartnerIds) },
  };
}
