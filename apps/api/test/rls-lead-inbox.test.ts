/*
 * lead_inbox_settings (0015), proven in SQL as the app's query role: the partner inbox reads its workspace's
 * two lead flags (hide contact until accepted, pre-approve converted deals) in the partner's own scope, and
 * nothing more — no other workspace's flags, no rules, and lead_routing_settings itself stays vendor-only.
 * Every read runs through both ways the app runs scoped work (the write transaction and the scoped read).
 * Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { inScope, NO_SCOPE, readInScope, type Scope } from '../src/db/scope';
import { createTestApp, type TestApp } from './harness';
import { insertPartnerIn, insertWorkspace, partnerScope, type Row, rowsIn, vendorScope } from './rls-helpers';

let t: TestApp;
let db: Db;
/** Workspace A (partner P1, flags set away from the defaults) and workspace B (partner PB, the defaults). */
const w = { A: '', B: '', P1: '', PB: '' };

const RUNNERS = { transaction: inScope, read: readInScope };
const BOTH = Object.keys(RUNNERS) as (keyof typeof RUNNERS)[];
const rows = (scope: Scope, query: SQL, runner: keyof typeof RUNNERS): Promise<Row[]> =>
  RUNNERS[runner](db, scope, async (tx) => (await tx.execute(query)).rows as Row[]);
const flagsOf = (ws: string) => sql`SELECT * FROM lead_inbox_settings(${ws}::uuid)`;

beforeAll(async () => {
  t = await createTestApp();
  db = t.services.db;
  const ws = async (name: string) => (await insertWorkspace(t, name)).id;
  w.A = await ws('Northwind');
  w.B = await ws('Contoso');
  w.P1 = await insertPartnerIn(db, w.A, 'Saigon');
  w.PB = await insertPartnerIn(db, w.B, 'Taipei');
  for (const [workspaceId, hide, preApprove] of [
    [w.A, false, true],
    [w.B, true, false],
  ] as const) {
    await rowsIn(
      db,
      vendorScope(workspaceId),
      sql`INSERT INTO lead_routing_settings (workspace_id, rules, fallback_queue, sla, hide_contact_until_accepted,
          pre_approve_converted_deals)
        VALUES (${workspaceId}, ${JSON.stringify([{ id: 'r1', partnerIds: [w.P1, w.PB] }])}::jsonb,
          '{"id":"q","name":"Queue","ownerUserId":null}'::jsonb, '{"hours":48}'::jsonb, ${hide}, ${preApprove})
        ON CONFLICT (workspace_id) DO UPDATE SET hide_contact_until_accepted = EXCLUDED.hide_contact_until_accepted,
          pre_approve_converted_deals = EXCLUDED.pre_approve_converted_deals`,
    );
  }
});
afterAll(async () => t?.close());

describe('lead_inbox_settings: the partner inbox reads two flags of its own workspace only', () => {
  it("gives a partner scope its own workspace's two flags and nothing else of the settings row", async () => {
    for (const runner of BOTH) {
      expect(await rows(partnerScope(w.A, w.P1), flagsOf(w.A), runner), runner).toEqual([
        { hide_contact: false, pre_approve: true },
      ]);
      expect(await rows(partnerScope(w.B, w.PB), flagsOf(w.B), runner), runner).toEqual([
        { hide_contact: true, pre_approve: false },
      ]);
    }
  });

  it('gives no row for another workspace, whatever scope asks, and none without a scope', async () => {
    for (const runner of BOTH) {
      expect(await rows(partnerScope(w.A, w.P1), flagsOf(w.B), runner), runner).toEqual([]);
      expect(await rows(partnerScope(w.B, w.PB), flagsOf(w.A), runner), runner).toEqual([]);
      expect(await rows(vendorScope(w.B), flagsOf(w.A), runner), runner).toEqual([]);
      expect(await rows(NO_SCOPE, flagsOf(w.A), runner), runner).toEqual([]);
    }
  });

  it('leaves lead_routing_settings itself unreadable and unwritable in a partner scope', async () => {
    for (const runner of BOTH) {
      const seen = await rows(
        partnerScope(w.A, w.P1),
        sql`SELECT workspace_id, rules FROM lead_routing_settings`,
        runner,
      );
      expect(seen, runner).toEqual([]);
    }
    const changed = await rowsIn(
      db,
      partnerScope(w.A, w.P1),
      sql`UPDATE lead_routing_settings SET hide_contact_until_accepted = true RETURNING workspace_id`,
    );
    expect(changed).toEqual([]);
    expect(await rows(vendorScope(w.A), flagsOf(w.A), 'read')).toEqual([{ hide_contact: false, pre_approve: true }]);
  });

  it('is a STABLE SECURITY DEFINER function with a fixed search_path that only the app role may run', async () => {
    const res = await db.execute(sql`
      SELECT p.provolatile AS volatility, p.prosecdef AS definer, p.proconfig AS config,
        has_function_privilege('trellis_app', p.oid, 'EXECUTE') AS app,
        has_function_privilege('public', p.oid, 'EXECUTE') AS public
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.proname = 'lead_inbox_settings'`);
    expect(res.rows).toEqual([
      { volatility: 's', definer: true, config: ['search_path=public'], app: true, public: false },
    ]);
  });
});
