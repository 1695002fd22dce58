import { type LeadPartnerStats, type LeadStats, type LeadStatus, OPEN_LEAD_STATUSES } from '@trellis/contracts';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { leadEvents, leadPromisedShares, leads } from '../../db/schema/index';
import { readInScope } from '../../db/scope';
import { type Ctx, scopeOf } from '../../platform/context';
import { partnerNames } from './lead.repo';

const DAY = 86_400_000;
const round = (x: number, places = 4) => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : null);
function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return round(s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2, 2);
}

/**
 * C5 fairness and speed over the last `days`: per partner the offers it got against the share its weights
 * promise, how fast and how often it accepts, and how often accepted leads convert.
 *
 * The promised share comes from the stored decisions (see promisedShares); time to accept runs from the
 * offer to the acceptance by the same partner.
 */
export async function leadStats(services: Pick<Services, 'db'>, ctx: Ctx, days: number): Promise<LeadStats> {
  const workspaceId = ctx.actor.workspaceId;
  const from = new Date(ctx.now.getTime() - days * DAY);
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const events = await tx
      .select({
        leadId: leadEvents.leadId,
        partnerId: leadEvents.partnerId,
        type: leadEvents.type,
        at: leadEvents.occurredAt,
      })
      .from(leadEvents)
      .where(
        and(
          eq(leadEvents.workspaceId, workspaceId),
          gte(leadEvents.occurredAt, from),
          inArray(leadEvents.type, ['routed', 'assigned', 'accepted', 'declined', 'recalled', 'converted']),
        ),
      )
      .orderBy(asc(leadEvents.occurredAt), asc(leadEvents.id));
    const open = await tx
      .select({ partnerId: leads.partnerId, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(and(eq(leads.workspaceId, workspaceId), inArray(leads.status, OPEN_LEAD_STATUSES as LeadStatus[])))
      .groupBy(leads.partnerId);

    type Acc = {
      offered: number;
      accepted: number;
      declined: number;
      recalled: number;
      converted: number;
      hours: number[];
    };
    const acc = new Map<string, Acc>();
    const get = (id: string) => {
      let a = acc.get(id);
      if (!a) {
        a = { offered: 0, accepted: 0, declined: 0, recalled: 0, converted: 0, hours: [] };
        acc.set(id, a);
      }
      return a;
    };
    const offeredAt = new Map<string, Date>();
    for (const e of events) {
      if (!e.partnerId) continue;
      const a = get(e.partnerId);
      const key = `${e.leadId}:${e.partnerId}`;
      if (e.type === 'routed' || e.type === 'assigned') {
        a.offered++;
        offeredAt.set(key, e.at);
      } else if (e.type === 'accepted') {
        a.accepted++;
        const at = offeredAt.get(key);
        if (at) a.hours.push((e.at.getTime() - at.getTime()) / 3_600_000);
      } else if (e.type === 'declined') a.declined++;
      else if (e.type === 'recalled') a.recalled++;
      else if (e.type === 'converted') a.converted++;
    }
    const openBy = new Map(open.flatMap((o) => (o.partnerId ? [[o.partnerId, Number(o.n)] as const] : [])));
    for (const id of openBy.keys()) get(id);

    const promised = await promisedShares(tx, workspaceId, from);
    for (const id of promised.keys()) get(id);
    const totalOffered = [...acc.values()].reduce((s, a) => s + a.offered, 0);
    const names = await partnerNames(tx, workspaceId, [...acc.keys()]);
    const partners: LeadPartnerStats[] = [...acc]
      .map(([id, a]) => ({
        partner: { id, name: names.get(id) ?? '' },
        offered: a.offered,
        accepted: a.accepted,
        declined: a.declined,
        recalled: a.recalled,
        converted: a.converted,
        open: openBy.get(id) ?? 0,
        share: totalOffered > 0 ? round(a.offered / totalOffered) : 0,
        weightShare: promised.has(id) && totalOffered > 0 ? round((promised.get(id) as number) / totalOffered) : null,
        acceptanceRate: ratio(a.accepted, a.offered),
        conversionRate: ratio(a.converted, a.accepted),
        medianHoursToAccept: median(a.hours),
      }))
      .sort((x, y) => y.offered - x.offered || x.partner.name.localeCompare(y.partner.name));
    const sum = (f: (a: Acc) => number) => [...acc.values()].reduce((s, a) => s + f(a), 0);
    const accepted = sum((a) => a.accepted);
    const converted = sum((a) => a.converted);
    return {
      from: from.toISOString(),
      to: ctx.now.toISOString(),
      partners,
      totals: {
        offered: totalOffered,
        accepted,
        converted,
        acceptanceRate: ratio(accepted, totalOffered),
        conversionRate: ratio(converted, accepted),
        medianHoursToAccept: median([...acc.values()].flatMap((a) => a.hours)),
      },
    };
  });
}

/**
 * What the weights promised each partner since `from`'s day (UTC): routing adds each weighted decision's
 * parts as it writes them (addPromisedShares, 0017), every eligible candidate's, not only those an
 * explanation keeps.
 */
async function promisedShares(tx: Tx, workspaceId: string, from: Date): Promise<Map<string, number>> {
  const rows = await tx
    .select({
      partnerId: leadPromisedShares.partnerId,
      promised: sql<number>`sum(${leadPromisedShares.promised})::float8`,
    })
    .from(leadPromisedShares)
    .where(
      and(
        eq(leadPromisedShares.workspaceId, workspaceId),
        gte(leadPromisedShares.day, from.toISOString().slice(0, 10)),
      ),
    )
    .groupBy(leadPromisedShares.partnerId);
  return new Map(rows.map((r) => [r.partnerId, Number(r.promised)]));
}
