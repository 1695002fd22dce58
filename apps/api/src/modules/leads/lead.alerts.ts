import type { Locale } from '@trellis/contracts';
import { LocaleValues } from '@trellis/contracts';
import type { Tx } from '../../db/client';
import { enqueue, enqueueMany, type JobRequest } from '../../jobs/queue';
import type { TemplateName } from '../../platform/mail-templates';
import { type NewNotification, notifyMany } from '../notifications/index';
import { recipients, workspaceFacts } from './lead.repo';

export const LEAD_SLA_JOB = 'lead.sla';

const isLocale = (l: string | null | undefined): l is Locale => (LocaleValues as readonly string[]).includes(l ?? '');

/** An instant as the recipient reads it: their language, their time zone (else the workspace's). */
export function formatInstant(at: Date, locale: Locale, timeZone: string): string {
  const format = formatterFor(locale, timeZone);
  return format ? format.format(at).replace(/\u202f/g, ' ') : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// A formatter per language and zone, built once: a bulk run formats a deadline for thousands of people.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(locale: Locale, timeZone: string): Intl.DateTimeFormat | null {
  const key = `${locale}|${timeZone}`;
  let format = formatters.get(key);
  if (format === undefined) {
    try {
      // dateStyle / timeStyle cannot be combined with timeZoneName, so the parts are named one by one.
      format = new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      });
    } catch {
      format = null; // an unknown zone: UTC, said so
    }
    formatters.set(key, format);
  }
  return format;
}

/** Why a lead was taken back, in the recipient's language. */
export const RECALL_REASON_TEXT: Record<'sla_expired' | 'manual', Record<Locale, string>> = {
  sla_expired: {
    en: 'the time to accept ran out',
    vi: 'đã hết thời hạn chấp nhận',
    'zh-Hant': '接受期限已過',
    lv: 'beidzās pieņemšanas termiņš',
  },
  manual: {
    en: 'the vendor gave it to another partner',
    vi: 'nhà cung cấp đã giao cho đối tác khác',
    'zh-Hant': '供應商已將其轉交給其他合作夥伴',
    lv: 'piegādātājs to nodeva citam partnerim',
  },
};

/** One alert to some people: what the in-app notification carries and which e-mail template it sends. */
export type LeadAlert = {
  userIds: readonly string[];
  type: string;
  data: Record<string, unknown>;
  template: TemplateName;
  params: (locale: Locale, timeZone: string) => Record<string, string>;
  at: Date;
};

/**
 * C5 alerts: in-app (notify) and e-mail through the outbox (mail.send after commit), each person in their
 * own language and time zone (else the workspace's). `params` is built per recipient for that reason.
 */
export async function alertPeople(
  tx: Tx,
  workspaceId: string,
  userIds: readonly string[],
  alert: Omit<LeadAlert, 'userIds'>,
): Promise<void> {
  await alertMany(tx, workspaceId, [{ ...alert, userIds }]);
}

/**
 * Many alerts at once, as alertPeople each: one read of the people and one insert per 1,000 notifications and
 * e-mails, whatever their number (a bulk run tells every partner that got leads, thousands of people).
 */
export async function alertMany(tx: Tx, workspaceId: string, alerts: readonly LeadAlert[]): Promise<void> {
  const ids = [...new Set(alerts.flatMap((a) => a.userIds))];
  if (ids.length === 0) return;
  const ws = await workspaceFacts(tx, workspaceId);
  const people = new Map<string, Awaited<ReturnType<typeof recipients>>[number]>();
  for (let from = 0; from < ids.length; from += RECIPIENTS_CHUNK)
    for (const p of await recipients(tx, ids.slice(from, from + RECIPIENTS_CHUNK))) people.set(p.id, p);
  const notes: NewNotification[] = [];
  const mails: JobRequest[] = [];
  for (const alert of alerts) {
    for (const id of new Set(alert.userIds)) {
      const person = people.get(id);
      if (!person) continue;
      notes.push({ workspaceId, userId: person.id, type: alert.type, data: alert.data, at: alert.at });
      const locale: Locale = isLocale(person.locale) ? person.locale : (ws?.defaultLocale ?? 'en');
      const timeZone = person.timeZone ?? ws?.timeZone ?? 'UTC';
      mails.push({
        type: 'mail.send',
        workspaceId,
        payload: {
          to: person.email,
          template: alert.template,
          locale,
          params: { name: person.name, workspace: ws?.name ?? '', ...alert.params(locale, timeZone) },
        },
      });
    }
  }
  await notifyMany(tx, notes);
  await enqueueMany(tx, mails);
}

const RECIPIENTS_CHUNK = 5000;

/** Wake-ups for the SLA job at each distinct instant (reminders and deadlines), deduplicated to the minute. */
export async function scheduleSlaChecks(tx: Tx, workspaceId: string, instants: Iterable<Date>): Promise<void> {
  const minutes = new Set<number>();
  for (const at of instants) minutes.add(Math.ceil(at.getTime() / 60_000) * 60_000);
  for (const m of [...minutes].sort((a, b) => a - b)) {
    await enqueue(tx, {
      type: LEAD_SLA_JOB,
      workspaceId,
      payload: { workspaceId },
      runAt: new Date(m),
      maxAttempts: 5,
    });
  }
}
