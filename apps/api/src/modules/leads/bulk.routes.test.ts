// Bulk routing of thousands of leads (routeBulk). On PostgreSQL a run this big is written by BULK_WRITERS
// transactions at once; on PGlite by one. Either way the outcome a user sees must be the same.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPartnerPerson,
  type Client,
  createTestApp,
  engine,
  seedWorkspace,
  type TestApp,
} from '../../../test/harness';
import { routeVietnamInTurn } from '../../../test/lead-fixtures';
import { createPartner } from '../../../test/partner-fixtures';
import { jobs, leadEvents, leadRoutingDecisions, leads, notifications } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import { newLeadRow } from './index';
import { LEAD_SLA_JOB } from './lead.alerts';
import { routableColumns } from './lead.repo';
import { BULK_WRITERS, type RoutableLead, routeBulk } from './lead.routing';

const LEADS = 6000;
/** More partners than a bulk explanation names (its top three), so the fairness figure is tested past them. */
const PARTNERS = 5;

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let partners: string[];
let people: Client[];

const vendorScope = () => ({ workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const });

/** `n` new Vietnamese leads, written straight to the table (the import's way), none routed. */
async function addLeads(n: number, prefix: string): Promise<void> {
  await inScope(t.services.db, vendorScope(), async (tx) => {
    for (let from = 0; from < n; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - from) }, (_, i) =>
        newLeadRow(
          ws.workspaceId,
          {
            company: `${prefix} ${from + i} JSC`,
            contactName: 'Nguyễn Văn An',
            contactEmail: `an${from + i}@${prefix.toLowerCase()}.vn`,
            country: 'VN',
            productInterests: ['Firewall'],
            notes: '',
            metadata: {},
          },
          'import',
          null,
          t.clock.now,
        ),
      );
      await tx.insert(leads).values(rows);
    }
  });
}

const count = (q: Promise<{ n: number }[]>) => q.then((r) => Number(r[0]?.n ?? 0));

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Bulk Program');
  const admin = ws.people.admin;
  partners = [];
  for (let i = 0; i < PARTNERS; i++)
    partners.push((await createPartner(admin, { status: 'active', country: 'VN', capabilities: ['Firewall'] })).id);
  people = [];
  for (const [i, p] of partners.entries())
    people.push(await addPartnerPerson(t, ws.workspaceId, p, 'partner_user', `b${i}`));
  await routeVietnamInTurn(admin, { maxRecalls: 3 });
}, 60_000);
afterAll(async () => t?.close());

describe(`bulk routing ${LEADS.toLocaleString('en-US')} leads (${engine})`, () => {
  it('rolls everything back when a share fails: no lead, decision, hop or alert is left half-done', async () => {
    await addLeads(LEADS, 'Rollback');
    const c = { workspaceId: ws.workspaceId, userId: null, now: t.clock.now };
    const writers = engine === 'postgres' ? BULK_WRITERS : 1;
    const run = routeBulk(
      (fn) => inScope(t.services.db, vendorScope(), fn),
      c,
      async (tx, share, shares) => {
        const rows: RoutableLead[] = await tx
          .select(routableColumns)
          .from(leads)
          .where(and(eq(leads.workspaceId, ws.workspaceId), eq(leads.status, 'new')))
          .orderBy(leads.id)
          .limit(Math.ceil(LEADS / shares))
          .for('update', { skipLocked: true });
        // The last share holds a lead that is not there: its decision and hop have no lead, and its write fails.
        const ghost = rows[0] ? { ...rows[0], id: randomUUID() } : null;
        return share === shares - 1 && ghost ? [...rows, ghost] : rows;
      },
      async (_tx, routed) => routed,
      { writers },
    );
    await expect(run).rejects.toThrow(/lead_routing_decisions|lead_events|leads changed/);
    await inScope(t.services.db, vendorScope(), async (tx) => {
      const mine = eq(leads.workspaceId, ws.workspaceId);
      expect(
        await count(
          tx
            .select({ n: sql<number>`count(*)` })
            .from(leads)
            .where(and(mine, eq(leads.status, 'new'))),
        ),
      ).toBe(LEADS);
      expect(await count(tx.select({ n: sql<number>`count(*)` }).from(leadRoutingDecisions))).toBe(0);
      expect(await count(tx.select({ n: sql<number>`count(*)` }).from(leadEvents))).toBe(0);
      expect(
        await count(tx.select({ n: sql<number>`count(*)` }).from(notifications).where(sql`type LIKE 'lead.%'`)),
      ).toBe(0);
    });
  }, 120_000);

  it('routes every waiting lead exactly once, in turn across the partners, and tells each person once', async () => {
    const res = await ws.people.channel_manager.post('/api/v1/leads/bulk-route', { allUnassigned: true, limit: LEADS });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({ routed: LEADS, assigned: LEADS, fallback: 0, skipped: [] });

    await inScope(t.services.db, vendorScope(), async (tx) => {
      const byPartner = await tx
        .select({ partnerId: leads.partnerId, status: leads.status, n: sql<number>`count(*)::int` })
        .from(leads)
        .where(eq(leads.workspaceId, ws.workspaceId))
        .groupBy(leads.partnerId, leads.status);
      // Round robin on one shared rotation, whichever transaction wrote which lead: exactly a fifth each.
      expect(byPartner.sort((a, b) => String(a.partnerId).localeCompare(String(b.partnerId)))).toEqual(
        [...partners].sort().map((partnerId) => ({ partnerId, status: 'offered', n: LEADS / PARTNERS })),
      );
      // One decision and one hop per lead, each pointing at the lead's current decision.
      const [d] = await tx
        .select({
          n: sql<number>`count(*)::int`,
          leadsDecided: sql<number>`count(DISTINCT ${leadRoutingDecisions.leadId})::int`,
        })
        .from(leadRoutingDecisions);
      expect(d).toEqual({ n: LEADS, leadsDecided: LEADS });
      expect(
        await count(
          tx
            .select({ n: sql<number>`count(*)` })
            .from(leads)
            .innerJoin(leadRoutingDecisions, eq(leadRoutingDecisions.id, leads.lastDecisionId))
            .where(eq(leadRoutingDecisions.partnerId, leads.partnerId)),
        ),
      ).toBe(LEADS);
      expect(
        await count(tx.select({ n: sql<number>`count(*)` }).from(leadEvents).where(eq(leadEvents.type, 'routed'))),
      ).toBe(LEADS);
      // The SLA job wakes once for the reminder and once for the deadline, not once per transaction.
      expect(await count(tx.select({ n: sql<number>`count(*)` }).from(jobs).where(eq(jobs.type, LEAD_SLA_JOB)))).toBe(
        2,
      );
    });
    for (const person of people) {
      const offers = (await person.get('/api/v1/notifications?limit=100'))
        .json()
        .data.filter((n: { type: string }) => n.type.startsWith('lead.offered'));
      expect(offers).toEqual([
        expect.objectContaining({
          type: 'lead.offered_batch',
          data: expect.objectContaining({ count: LEADS / PARTNERS }),
        }),
      ]);
    }
    const again = await ws.people.channel_manager.post('/api/v1/leads/bulk-route', {
      allUnassigned: true,
      limit: LEADS,
    });
    expect(again.json().result).toMatchObject({ routed: 0, assigned: 0 });
  }, 120_000);

  it('measures "leads against weight" over every eligible partner, not only those an explanation names', async () => {
    const weights = partners.map((partnerId, i) => ({ partnerId, weight: i + 1 }));
    const res = await ws.people.admin.request({
      method: 'PUT',
      url: '/api/v1/leads/routing-settings',
      payload: {
        rules: [
          {
            id: randomUUID(),
            name: 'Vietnam by weight',
            position: 10,
            conditions: [
              { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN'] },
              { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
            ],
            strategy: { type: 'weighted', partnerWeights: weights },
          },
        ],
        fallbackQueue: { id: 'inside-sales', name: 'Inside sales' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    await addLeads(1500, 'Weighted');
    const routed = await ws.people.channel_manager.post('/api/v1/leads/bulk-route', {
      allUnassigned: true,
      limit: 1500,
    });
    expect(routed.json().result).toMatchObject({ routed: 1500, assigned: 1500 });
    const stats = (await ws.people.channel_manager.get('/api/v1/leads/stats?days=7')).json().stats;
    const total = LEADS + 1500;
    expect(stats.totals.offered).toBe(total);
    // Every one of the 1,500 weighted leads promised each partner weight / 15 of it — also the two partners
    // ranked below the three a bulk explanation keeps.
    for (const { partnerId, weight } of weights) {
      const row = stats.partners.find((p: { partner: { id: string } }) => p.partner.id === partnerId);
      expect(row.weightShare, `weight ${weight}`).toBeCloseTo((1500 * weight) / 15 / total, 4);
    }
  }, 120_000);
});
