/*
 * Row-level security of the C6 tables, proven in SQL as the app's query role (style of rls.test.ts):
 * pipeline positions and moves are tenant rows (vendor staff the workspace, partner people their company),
 * stages are program data (read by the workspace, written by vendor staff), exchange rates are vendor-only,
 * the move history is insert-only, and no scope sees anything. Runs on PGlite and on PostgreSQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { NO_SCOPE, type Scope } from '../src/db/scope';
import { prepareRecord } from '../src/modules/deals/matching/index';
import { createTestApp, type TestApp } from './harness';
import { attemptIn, insertPartnerIn, insertWorkspace, partnerScope, rowsIn, vendorScope } from './rls-helpers';

let t: TestApp;
let db: Db;
const vendor = vendorScope;

const w = { A: '', B: '', P1: '', P2: '', PB: '' };
const reg: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };
const stage: Record<'A' | 'B', string> = { A: '', B: '' };
const move: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };
const rate: Record<'A' | 'B', string> = { A: '', B: '' };
/** A registration of P2 with no pipeline row yet. */
let bareP2 = '';

const rows = (scope: Scope, query: SQL) => rowsIn(db, scope, query);

/** A write in scope, always rolled back: the rows it returned, or the error text. */
const attempt = (scope: Scope, query: SQL) => attemptIn(db, scope, query);

const partnerIn = (workspaceId: string, name: string) => insertPartnerIn(db, workspaceId, name);

beforeAll(async () => {
  t = await createTestApp();
  db = t.services.db;
  const ws = async (name: string) => (await insertWorkspace(t, name)).id;
  w.A = await ws('Northwind');
  w.B = await ws('Contoso');
  w.P1 = await partnerIn(w.A, 'Saigon');
  w.P2 = await partnerIn(w.A, 'Hanoi');
  w.PB = await partnerIn(w.B, 'Taipei');
  for (const ws of ['A', 'B'] as const) {
    stage[ws] = uuidv7();
    rate[ws] = uuidv7();
    await rows(
      vendor(w[ws]),
      sql`INSERT INTO pipeline_stages (workspace_id, id, name, kind, probability, position)
        VALUES (${w[ws]}, ${stage[ws]}, 'Proposal', 'open', 50, 1)`,
    );
    await rows(
      vendor(w[ws]),
      sql`INSERT INTO exchange_rates (workspace_id, id, base, quote, rate, rate_date, source)
        VALUES (${w[ws]}, ${rate[ws]}, 'USD', 'VND', 25000, '2026-11-20', 'manual')`,
    );
  }
  for (const [key, ws, partnerId] of [
    ['P1', 'A', w.P1],
    ['P2', 'A', w.P2],
    ['PB', 'B', w.PB],
  ] as const) {
    const workspaceId = w[ws];
    reg[key] = uuidv7();
    move[key] = uuidv7();
    const profile = JSON.stringify(prepareRecord({ name: 'Customer', country: 'VN' }));
    await rows(
      vendor(workspaceId),
      sql`INSERT INTO deal_registrations (workspace_id, id, partner_id, status, customer_name, customer_country, match_profile)
        VALUES (${workspaceId}, ${reg[key]}, ${partnerId}, 'approved', 'Customer', 'VN', ${profile}::jsonb)`,
    );
    await rows(
      vendor(workspaceId),
      sql`INSERT INTO pipeline_positions (workspace_id, registration_id, partner_id, stage_id, moved_at)
        VALUES (${workspaceId}, ${reg[key]}, ${partnerId}, ${stage[ws]}, now())`,
    );
    await rows(
      vendor(workspaceId),
      sql`INSERT INTO pipeline_moves (workspace_id, id, registration_id, partner_id, to_stage_id, to_stage_name, moved_at)
        VALUES (${workspaceId}, ${move[key]}, ${reg[key]}, ${partnerId}, ${stage[ws]}, 'Proposal', now())`,
    );
  }
  bareP2 = uuidv7();
  await rows(
    vendor(w.A),
    sql`INSERT INTO deal_registrations (workspace_id, id, partner_id, status, customer_name, customer_country, match_profile)
      VALUES (${w.A}, ${bareP2}, ${w.P2}, 'approved', 'Bare', 'VN', ${JSON.stringify(prepareRecord({ name: 'Bare', country: 'VN' }))}::jsonb)`,
  );
});
afterAll(async () => t?.close());

const p1 = () => partnerScope(w.A, w.P1);
const column = async (scope: Scope, query: SQL) => (await rows(scope, query)).map((r) => String(r.id)).sort();
const positions = (scope: Scope) => column(scope, sql`SELECT registration_id AS id FROM pipeline_positions ORDER BY 1`);
const moves = (scope: Scope) => column(scope, sql`SELECT id FROM pipeline_moves ORDER BY 1`);

describe('pipeline row-level security', () => {
  it('is enabled and forced on every pipeline table', async () => {
    const res = await db.execute(sql`
      SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c WHERE c.relname IN ('pipeline_stages', 'pipeline_positions', 'pipeline_moves', 'exchange_rates')
      ORDER BY c.relname`);
    expect(res.rows).toEqual(
      ['exchange_rates', 'pipeline_moves', 'pipeline_positions', 'pipeline_stages'].map((name) => ({
        name,
        enabled: true,
        forced: true,
      })),
    );
  });

  it('a partner scope sees only its own company’s positions and moves', async () => {
    expect(await positions(p1())).toEqual([reg.P1]);
    expect(await moves(p1())).toEqual([move.P1]);
    expect(await positions(partnerScope(w.A, w.P2))).toEqual([reg.P2]);
  });

  it('vendor staff see their workspace’s positions, moves and rates, and none of another workspace', async () => {
    expect(await positions(vendor(w.A))).toEqual([reg.P1, reg.P2].sort());
    expect(await moves(vendor(w.B))).toEqual([move.PB]);
    expect(await column(vendor(w.A), sql`SELECT id FROM exchange_rates`)).toEqual([rate.A]);
  });

  it('stages are read by the whole workspace but written only by vendor staff', async () => {
    expect(await column(p1(), sql`SELECT id FROM pipeline_stages`)).toEqual([stage.A]);
    const rename = await attempt(
      p1(),
      sql`UPDATE pipeline_stages SET name = 'Mine' WHERE id = ${stage.A} RETURNING id`,
    );
    expect(rename).toEqual({ ok: true, rows: [] });
    const add = await attempt(
      p1(),
      sql`INSERT INTO pipeline_stages (workspace_id, id, name, kind, probability, position)
        VALUES (${w.A}, ${uuidv7()}, 'Partner stage', 'open', 5, 9)`,
    );
    expect(add.ok).toBe(false);
  });

  it('partners never see exchange rates', async () => {
    expect(await column(p1(), sql`SELECT id FROM exchange_rates`)).toEqual([]);
  });

  it('a partner cannot move or record moves of another company’s deals', async () => {
    const upd = await attempt(
      p1(),
      sql`UPDATE pipeline_positions SET moved_at = now() WHERE registration_id IN (${reg.P2}, ${reg.PB}) RETURNING registration_id`,
    );
    expect(upd).toEqual({ ok: true, rows: [] });
    const forged = await attempt(
      p1(),
      sql`INSERT INTO pipeline_moves (workspace_id, id, registration_id, partner_id, to_stage_id, to_stage_name, moved_at)
        VALUES (${w.A}, ${uuidv7()}, ${reg.P2}, ${w.P2}, ${stage.A}, 'Proposal', now())`,
    );
    expect(forged.ok).toBe(false);
    // Labelling another company's registration as its own is refused by the check against deal_registrations.
    for (const [registrationId, table] of [
      [bareP2, 'positions'],
      [bareP2, 'moves'],
    ] as const) {
      const claimed = await attempt(
        p1(),
        table === 'positions'
          ? sql`INSERT INTO pipeline_positions (workspace_id, registration_id, partner_id, stage_id, moved_at)
              VALUES (${w.A}, ${registrationId}, ${w.P1}, ${stage.A}, now())`
          : sql`INSERT INTO pipeline_moves (workspace_id, id, registration_id, partner_id, to_stage_id, to_stage_name, moved_at)
              VALUES (${w.A}, ${uuidv7()}, ${registrationId}, ${w.P1}, ${stage.A}, 'Proposal', now())`,
      );
      expect(claimed.ok, table).toBe(false);
      if (!claimed.ok) expect(claimed.error).toMatch(/row-level security/);
    }
    // Vendor staff cannot mislabel either: the company must be the registration's.
    const mislabelled = await attempt(
      vendor(w.A),
      sql`INSERT INTO pipeline_positions (workspace_id, registration_id, partner_id, stage_id, moved_at)
        VALUES (${w.A}, ${bareP2}, ${w.P1}, ${stage.A}, now())`,
    );
    expect(mislabelled.ok).toBe(false);
    const own = await attempt(
      partnerScope(w.A, w.P2),
      sql`INSERT INTO pipeline_positions (workspace_id, registration_id, partner_id, stage_id, moved_at)
        VALUES (${w.A}, ${bareP2}, ${w.P2}, ${stage.A}, now()) RETURNING registration_id`,
    );
    expect(own.ok).toBe(true);
  });

  it('keeps the move history insert-only for the application', async () => {
    const del = await attempt(vendor(w.A), sql`DELETE FROM pipeline_moves WHERE id = ${move.P1}`);
    expect(del.ok).toBe(false);
    if (!del.ok) expect(del.error).toMatch(/permission denied/);
    const upd = await attempt(vendor(w.A), sql`UPDATE pipeline_moves SET to_stage_name = 'x' WHERE id = ${move.P1}`);
    expect(upd.ok).toBe(false);
  });

  it('no scope sees nothing (fails closed)', async () => {
    expect(await positions(NO_SCOPE)).toEqual([]);
    expect(await moves(NO_SCOPE)).toEqual([]);
    expect(await column(NO_SCOPE, sql`SELECT id FROM pipeline_stages`)).toEqual([]);
    expect(await column(NO_SCOPE, sql`SELECT id FROM exchange_rates`)).toEqual([]);
  });
});
