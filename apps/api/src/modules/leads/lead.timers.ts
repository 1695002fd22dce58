import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { leads } from '../../db/schema/index';
import { alertPeople, formatInstant, scheduleSlaChecks } from './lead.alerts';
import { insertEvents, partnerPeople, readSettings } from './lead.repo';
import { routeInTx, type SysCtx } from './lead.routing';
import { hop, takeBack } from './lead.service';
import { slaVerdict } from './routing/index';

const HOUR = 3_600_000;
/** Leads handled per run; a run that hits it schedules itself again at once. */
const BATCH = 500;

/**
 * C5 SLA, run by the lead.sla job: a reminder to the partner before the time to accept runs out, and at the
 * deadline the lead is recalled and routed again with every decliner and every partner it lapsed with
 * excluded (after `maxRecalls` recalls it goes to the fallback queue instead). Due work is found by
 * comparing with services.now() (the clock tests move), so an early wake-up does nothing and a late one
 * catches up; each step re-checks the lead under its row lock, so runs are idempotent.
 */
export async function runLeadTimers(
  services: Pick<Services, 'db' | 'now'>,
  inJobScope: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  workspaceId: string,
): Promise<{ reminded: number; recalled: number; toFallback: number }> {
  const now = services.now();
  const c: SysCtx = { workspaceId, userId: null, now };
  let more = false;
  const reminded = await inJobScope(async (tx) => {
    const settings = await readSettings(tx, workspaceId);
    if (settings.sla.reminderHoursBefore <= 0) return 0;
    const horizon = new Date(now.getTime() + settings.sla.reminderHoursBefore * HOUR);
    const due = await tx
      .select()
      .from(leads)
      .where(
        and(
          eq(leads.workspaceId, workspaceId),
          eq(leads.status, 'offered'),
          isNull(leads.slaRemindedAt),
          lte(leads.slaDueAt, horizon),
        ),
      )
      .orderBy(asc(leads.slaDueAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    let n = 0;
    if (due.length === BATCH) more = true;
    for (const lead of due) {
      if (!lead.slaDueAt || !lead.partnerId || lead.slaDueAt <= now) continue;
      const dueAt = lead.slaDueAt;
      await tx.update(leads).set({ slaRemindedAt: now }).where(eq(leads.id, lead.id));
      await insertEvents(tx, [hop(lead, 'sla_reminder', lead.partnerId, 'offered', null, null, { actor: null, now })]);
      await alertPeople(tx, workspaceId, await partnerPeople(tx, workspaceId, lead.partnerId), {
        type: 'lead.sla_reminder',
        data: { leadId: lead.id, company: lead.company, acceptBy: dueAt.toISOString() },
        template: 'lead_sla_reminder',
        params: (locale, tz) => ({ company: lead.company, acceptBy: formatInstant(dueAt, locale, tz) }),
        at: now,
      });
      n++;
    }
    return n;
  });
  let recalled = 0;
  let toFallback = 0;
  await inJobScope(async (tx) => {
    await routeInTx(
      tx,
      c,
      async () => {
        const settings = await readSettings(tx, workspaceId);
        const lapsed = await tx
          .select()
          .from(leads)
          .where(and(eq(leads.workspaceId, workspaceId), eq(leads.status, 'offered'), lte(leads.slaDueAt, now)))
          .orderBy(asc(leads.slaDueAt))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        if (lapsed.length === BATCH) more = true;
        const reroute = [];
        for (const lead of lapsed) {
          if (!lead.partnerId || !lead.assignedAt) continue;
          const verdict = slaVerdict(
            {
              assignedAt: lead.assignedAt,
              now,
              partnerId: lead.partnerId,
              accepted: false,
              declinedPartnerIds: lead.declinedPartnerIds,
              recalledPartnerIds: lead.recalledPartnerIds,
            },
            settings.sla,
          );
          // The stored deadline rules (the SLA may have changed since the offer): lapsed is lapsed.
          const toQueue = verdict.action === 'recall_to_fallback';
          const back = await takeBack(tx, c, lead, 'sla_expired', null, toQueue, settings);
          recalled++;
          if (toQueue) toFallback++;
          else reroute.push(back);
        }
        return { rows: reroute, extra: null };
      },
      'recall',
      { batchAlerts: true },
    );
  });
  // A full batch may have left more due work: look again at once rather than at the next wake-up.
  if (more) await inJobScope((tx) => scheduleSlaChecks(tx, workspaceId, [now]));
  return { reminded, recalled, toFallback };
}
