/*
 * Row-level security of deal_attachments (C4), proven in SQL as the app's query role, in the style of
 * rls.test.ts: vendor staff see their workspace's files, partner people their own company's, nobody another
 * workspace's, and no scope sees nothing. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
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

/** Workspace A with partners P1 and P2, workspace B with PB; one registration and one file each. */
const w = { A: '', B: '', P1: '', P2: '', PB: '' };
const reg: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };
const file: Record<'P1' | 'P2' | 'PB', string> = { P1: '', P2: '', PB: '' };

const rows = (scope: Scope, query: SQL) => rowsIn(db, scope, query);

/** A write in scope, always rolled back: the rows it returned, or the error text. */
const attempt = (scope: Scope, query: SQL) => attemptIn(db, scope, query);

const partnerIn = (workspaceId: string, name: string) => insertPartnerIn(db, workspaceId, name);

async function registrationOf(workspaceId: string, partnerId: string): Promise<string> {
  const id = uuidv7();
  const profile = JSON.stringify(prepareRecord({ name: 'Customer', country: 'VN' }));
  await rows(
    vendor(workspaceId),
    sql`INSERT INTO deal_registrations (workspace_id, id, partner_id, customer_name, customer_country, match_profile)
      VALUES (${workspaceId}, ${id}, ${partnerId}, 'Customer', 'VN', ${profile}::jsonb)`,
  );
  return id;
}

const insertFile = (workspaceId: string, registrationId: string, partnerId: string, id = uuidv7()) =>
  sql`INSERT INTO deal_attachments (workspace_id, id, registration_id, partner_id, file_name, media_type, size_bytes, sha256, content)
    VALUES (${workspaceId}, ${id}, ${registrationId}, ${partnerId}, 'quote.pdf', 'application/pdf', 5,
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', decode('255044462d', 'hex')) RETURNING id`;

beforeAll(async () => {
  t = await createTestApp();
  db = t.services.db;
  const ws = async (name: string) => (await insertWorkspace(t, name)).id;
  w.A = await ws('Northwind');
  w.B = await ws('Contoso');
  w.P1 = await partnerIn(w.A, 'Saigon');
  w.P2 = await partnerIn(w.A, 'Hanoi');
  w.PB = await partnerIn(w.B, 'Taipei');
  for (const [key, workspaceId, partnerId] of [
    ['P1', w.A, w.P1],
    ['P2', w.A, w.P2],
    ['PB', w.B, w.PB],
  ] as const) {
    reg[key] = await registrationOf(workspaceId, partnerId);
    const [r] = await rows(vendor(workspaceId), insertFile(workspaceId, reg[key], partnerId));
    file[key] = String(r?.id);
  }
});
afterAll(async () => t?.close());

const p1 = () => partnerScope(w.A, w.P1);
const ids = async (scope: Scope) =>
  (await rows(scope, sql`SELECT id FROM deal_attachments ORDER BY id`)).map((r) => String(r.id)).sort();

describe('deal_attachments row-level security', () => {
  it('is enabled and forced with a policy, and the app role cannot TRUNCATE it', async () => {
    const res = await db.execute(sql`
      SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
        (SELECT count(*)::int FROM pg_policies p WHERE p.tablename = 'deal_attachments') AS policies,
        has_table_privilege(current_user, c.oid, 'TRUNCATE') AS truncate
      FROM pg_class c WHERE c.relname = 'deal_attachments'`);
    expect(res.rows).toEqual([{ enabled: true, forced: true, policies: 1, truncate: false }]);
  });

  it('a partner scope sees only its own company’s files', async () => {
    expect(await ids(p1())).toEqual([file.P1]);
    expect(await ids(partnerScope(w.A, w.P2))).toEqual([file.P2]);
  });

  it('vendor staff see every file of their workspace and none of another', async () => {
    expect(await ids(vendor(w.A))).toEqual([file.P1, file.P2].sort());
    expect(await ids(vendor(w.B))).toEqual([file.PB]);
  });

  it('no scope sees no file at all (fails closed)', async () => {
    expect(await ids(NO_SCOPE)).toEqual([]);
    expect((await db.execute(sql`SELECT count(*)::int AS n FROM deal_attachments`)).rows).toEqual([{ n: 0 }]);
  });

  it('files are immutable: the app role may not UPDATE them at all, not even its own', async () => {
    for (const id of [file.P1, file.P2, file.PB]) {
      const res = await attempt(p1(), sql`UPDATE deal_attachments SET file_name = 'x' WHERE id = ${id} RETURNING id`);
      expect(res.ok ? 'accepted' : res.error).toMatch(/permission denied/);
    }
  });

  it("a partner's DELETE of other companies' files affects nothing", async () => {
    for (const id of [file.P2, file.PB]) {
      expect(await attempt(p1(), sql`DELETE FROM deal_attachments WHERE id = ${id} RETURNING id`)).toEqual({
        ok: true,
        rows: [],
      });
    }
    // Control: the same statements reach the own file.
    expect(await attempt(p1(), sql`DELETE FROM deal_attachments WHERE id = ${file.P1} RETURNING id`)).toEqual({
      ok: true,
      rows: [{ id: file.P1 }],
    });
  });

  it('a partner cannot add a file for another company or workspace, nor move its own file there', async () => {
    for (const [who, workspaceId, registrationId, partnerId] of [
      ['another partner', w.A, reg.P2, w.P2],
      ['another workspace', w.B, reg.PB, w.PB],
      ['own partner id in another workspace', w.B, reg.PB, w.P1],
    ] as const) {
      const res = await attempt(p1(), insertFile(workspaceId, registrationId, partnerId));
      expect(res.ok ? 'accepted' : res.error, who).toMatch(/row-level security/);
    }
    expect(await attempt(p1(), insertFile(w.A, reg.P1, w.P1))).toMatchObject({ ok: true });
    const move = await attempt(p1(), sql`UPDATE deal_attachments SET partner_id = ${w.P2} WHERE id = ${file.P1}`);
    expect(move.ok ? 'accepted' : move.error).toMatch(/permission denied/);
  });

  it("a partner cannot hang its own file on another company's or workspace's registration", async () => {
    // Its own workspace and partner id pass the policy; the composite key to the registration refuses.
    for (const [who, registrationId] of [
      ['another partner’s registration', reg.P2],
      ['a registration in another workspace', reg.PB],
      ['a registration that does not exist', uuidv7()],
    ] as const) {
      const res = await attempt(p1(), insertFile(w.A, registrationId, w.P1));
      expect(res.ok ? 'accepted' : res.error, who).toMatch(/foreign key/);
    }
  });

  it('vendor staff cannot reach into another workspace', async () => {
    expect(await attempt(vendor(w.A), sql`DELETE FROM deal_attachments WHERE id = ${file.PB} RETURNING id`)).toEqual({
      ok: true,
      rows: [],
    });
    const res = await attempt(vendor(w.A), insertFile(w.B, reg.PB, w.PB));
    expect(res.ok ? 'accepted' : res.error).toMatch(/row-level security/);
  });
});
