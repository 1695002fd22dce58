/*
 * Row-level security of the C5 lead tables, proven in SQL as the app's query role, in the style of
 * rls.test.ts: vendor staff see their workspace's leads, partner people only the leads their company holds
 * and only the hops that concern it, never a routing decision (it names every candidate), the rules or
 * another partner's routing facts; nobody sees another workspace; no scope sees nothing.
 * Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { NO_SCOPE, type Scope } from '../src/db/scope';
import { createTestApp, type TestApp } from './harness';
import { attemptIn, insertPartnerIn, insertWorkspace, partnerScope, rowsIn, vendorScope } from './rls-helpers';

let t: TestApp;
let db: Db;
const vendor = vendorScope;

const TABLES = [
  'leads',
  'lead_events',
  'lead_routing_decisions',
  'lead_routing_settings',
  'lead_partner_profiles',
  'lead_promised_shares',
];
/** Workspace A with partners P1 and P2, workspace B with PB; one lead held by each, and their rows. */
const w = { A: '', B: '', P1: '', P2: '', PB: '', slugA: '' };
const lead: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };
const event: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };
const decision: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };

const rows = (scope: Scope, query: SQL) => rowsIn(db, scope, query);

/** A write in scope, always rolled back: the rows it returned, or the error text. */
const attempt = (scope: Scope, query: SQL) => attemptIn(db, scope, query);

const partnerIn = (workspaceId: string, name: string) => insertPartnerIn(db, workspaceId, name);

const insertLead = (workspaceId: string, partnerId: string | null, id = uuidv7()) =>
  sql`INSERT INTO leads (workspace_id, id, status, company, contact_name, contact_email, source, partner_id)
    VALUES (${workspaceId}, ${id}, ${partnerId ? 'offered' : 'new'}, 'Customer', 'Mai', 'mai@example.vn', 'api', ${partnerId})
    RETURNING id`;
const insertEvent = (workspaceId: string, leadId: string, partnerId: string | null, id = uuidv7()) =>
  sql`INSERT INTO lead_events (workspace_id, id, lead_id, partner_id, type) VALUES (${workspaceId}, ${id}, ${leadId},
    ${partnerId}, 'routed') RETURNING id`;
const insertDecision = (workspaceId: string, leadId: string, partnerId: string, id = uuidv7()) =>
  sql`INSERT INTO lead_routing_decisions (workspace_id, id, lead_id, trigger, outcome, partner_id, engine_version, explanation)
    VALUES (${workspaceId}, ${id}, ${leadId}, 'route', 'assigned', ${partnerId}, 1, '{}'::json) RETURNING id`;

beforeAll(async () => {
  t = await createTestApp();
  db = t.services.db;
  const ws = (name: string) => insertWorkspace(t, name);
  const a = await ws('Northwind');
  w.A = a.id;
  w.slugA = a.slug;
  w.B = (await ws('Contoso')).id;
  w.P1 = await partnerIn(w.A, 'Saigon');
  w.P2 = await partnerIn(w.A, 'Hanoi');
  w.PB = await partnerIn(w.B, 'Taipei');
  for (const [key, workspaceId, partnerId] of [
    ['P1', w.A, w.P1],
    ['P2', w.A, w.P2],
    ['PB', w.B, w.PB],
  ] as const) {
    lead[key] = String((await rows(vendor(workspaceId), insertLead(workspaceId, partnerId)))[0]?.id);
    event[key] = String((await rows(vendor(workspaceId), insertEvent(workspaceId, lead[key], partnerId)))[0]?.id);
    decision[key] = String((await rows(vendor(workspaceId), insertDecision(workspaceId, lead[key], partnerId)))[0]?.id);
    await rows(
      vendor(workspaceId),
      sql`INSERT INTO lead_partner_profiles (workspace_id, partner_id, languages, capacity)
        VALUES (${workspaceId}, ${partnerId}, '{vi}', 5)`,
    );
    await rows(
      vendor(workspaceId),
      sql`INSERT INTO lead_promised_shares (workspace_id, partner_id, day, promised)
        VALUES (${workspaceId}, ${partnerId}, '2026-11-23', 0.75)`,
    );
    await rows(
      vendor(workspaceId),
      sql`INSERT INTO lead_routing_settings (workspace_id, fallback_queue, sla)
        VALUES (${workspaceId}, '{"id":"q","name":"Queue","ownerUserId":null}'::jsonb, '{"hours":48}'::jsonb)
        ON CONFLICT DO NOTHING`,
    );
  }
});
afterAll(async () => t?.close());

const p1 = () => partnerScope(w.A, w.P1);
const idsIn = async (scope: Scope, table: string) =>
  (await rows(scope, sql`SELECT id FROM ${sql.identifier(table)} ORDER BY id`)).map((r) => String(r.id)).sort();
const count = async (scope: Scope, table: string) =>
  Number((await rows(scope, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0]?.n);

describe('lead tables row-level security', () => {
  it('is enabled and forced with policies on every lead table, and the app role cannot TRUNCATE them', async () => {
    for (const table of TABLES) {
      const res = await db.execute(sql`
        SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
          (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = ${table}) > 0 AS policies,
          has_table_privilege(current_user, c.oid, 'TRUNCATE') AS truncate
        FROM pg_class c WHERE c.relname = ${table}`);
      expect(res.rows, table).toEqual([{ enabled: true, forced: true, policies: true, truncate: false }]);
    }
  });

  it('a partner scope sees only the leads its company holds and only the hops that concern it', async () => {
    expect(await idsIn(p1(), 'leads')).toEqual([lead.P1]);
    expect(await idsIn(partnerScope(w.A, w.P2), 'leads')).toEqual([lead.P2]);
    expect(await idsIn(p1(), 'lead_events')).toEqual([event.P1]);
  });

  it('a partner scope sees no routing decision (not even of its own lead), no rules, no routing facts or shares', async () => {
    for (const table of [
      'lead_routing_decisions',
      'lead_routing_settings',
      'lead_partner_profiles',
      'lead_promised_shares',
    ]) {
      expect(await count(p1(), table), table).toBe(0);
    }
    const res = await attempt(p1(), insertDecision(w.A, lead.P1, w.P1));
    expect(res.ok ? 'accepted' : res.error).toMatch(/row-level security/);
    const rules = await attempt(
      p1(),
      sql`UPDATE lead_routing_settings SET hide_contact_until_accepted = false RETURNING workspace_id`,
    );
    expect(rules).toEqual({ ok: true, rows: [] });
  });

  it('vendor staff see every lead row of their workspace and none of another', async () => {
    expect(await idsIn(vendor(w.A), 'leads')).toEqual([lead.P1, lead.P2].sort());
    expect(await idsIn(vendor(w.B), 'leads')).toEqual([lead.PB]);
    expect(await idsIn(vendor(w.A), 'lead_routing_decisions')).toEqual([decision.P1, decision.P2].sort());
    expect(await count(vendor(w.A), 'lead_partner_profiles')).toBe(2);
    expect(await count(vendor(w.A), 'lead_promised_shares')).toBe(2);
    expect(await count(vendor(w.B), 'lead_promised_shares')).toBe(1);
    expect(await attempt(vendor(w.A), sql`DELETE FROM leads WHERE id = ${lead.PB} RETURNING id`)).toEqual({
      ok: true,
      rows: [],
    });
    const res = await attempt(vendor(w.A), insertLead(w.B, w.PB));
    expect(res.ok ? 'accepted' : res.error).toMatch(/row-level security/);
  });

  it('no scope sees nothing at all (fails closed)', async () => {
    for (const table of TABLES) expect(await count(NO_SCOPE, table), table).toBe(0);
  });

  it('a partner cannot hand its lead to another company, take another’s, or write hops in its name', async () => {
    const give = await attempt(p1(), sql`UPDATE leads SET partner_id = ${w.P2} WHERE id = ${lead.P1} RETURNING id`);
    expect(give.ok ? 'accepted' : give.error).toMatch(/row-level security/);
    for (const id of [lead.P2, lead.PB]) {
      expect(
        await attempt(
          p1(),
          sql`UPDATE leads SET partner_id = ${w.P1}, status = 'accepted' WHERE id = ${id} RETURNING id`,
        ),
      ).toEqual({ ok: true, rows: [] });
    }
    for (const [who, workspaceId, partnerId] of [
      ['another partner', w.A, w.P2],
      ['another workspace', w.B, w.PB],
    ] as const) {
      const res = await attempt(p1(), insertEvent(workspaceId, lead.P1, partnerId));
      expect(res.ok ? 'accepted' : res.error, who).toMatch(/row-level security/);
    }
    // Control: its own lead and its own hop pass.
    expect(await attempt(p1(), sql`UPDATE leads SET status = 'accepted' WHERE id = ${lead.P1} RETURNING id`)).toEqual({
      ok: true,
      rows: [{ id: lead.P1 }],
    });
    expect(await attempt(p1(), insertEvent(w.A, lead.P1, w.P1))).toMatchObject({ ok: true });
  });

  it('the web form resolves a workspace key to its id and nothing more', async () => {
    const res = await rows(NO_SCOPE, sql`SELECT lead_form_workspace(${w.slugA}) AS id`);
    expect(res).toEqual([{ id: w.A }]);
    expect(await rows(NO_SCOPE, sql`SELECT lead_form_workspace('nope') AS id`)).toEqual([{ id: null }]);
  });
});
