/*
 * DATABASE_SESSION_READS=off (behind a transaction-mode pooler such as PgBouncer, where consecutive messages
 * may reach different server sessions): scoped reads become read-only transactions on the main pool, with
 * the same isolation as before. Runs on PGlite (where reads are always transactions) and on PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { partners } from '../src/db/schema/index';
import { inScope, NO_SCOPE, readInScope, type Scope } from '../src/db/scope';
import { createWorkspace } from '../src/modules/people/bootstrap';
import { createTestApp, type TestApp } from './harness';

let t: TestApp;
let db: Db;
let workspaceId = '';
const ids = { P1: '', P2: '' };
const vendor = (): Scope => ({ workspaceId, userId: null, partnerId: null, kind: 'vendor' });
const partner = (partnerId: string): Scope => ({ workspaceId, userId: uuidv7(), partnerId, kind: 'partner' });
const visible = (scope: Scope) =>
  readInScope(db, scope, async (tx) =>
    ((await tx.execute(sql`SELECT id::text AS id FROM partners ORDER BY id`)).rows as { id: string }[]).map(
      (r) => r.id,
    ),
  );

beforeAll(async () => {
  t = await createTestApp({ sessionReads: false });
  db = t.services.db;
  workspaceId = await createWorkspace(t.services, {
    name: 'Pooled',
    slug: `pooled-${Math.random().toString(36).slice(2, 7)}`,
    baseCurrency: 'EUR',
    defaultLocale: 'en',
    timeZone: 'UTC',
  });
  for (const key of ['P1', 'P2'] as const) {
    ids[key] = uuidv7();
    await inScope(db, vendor(), (tx) =>
      tx.insert(partners).values({
        id: ids[key],
        workspaceId,
        legalName: `${key} Ltd`,
        displayName: key,
        searchName: key.toLowerCase(),
        country: 'LV',
        type: 'reseller',
        status: 'active',
      }),
    );
  }
});
afterAll(async () => t?.close());

describe('scoped reads without session settings', () => {
  it('each read sees exactly its own scope, also many at once, and no scope sees nothing', async () => {
    const expected: [Scope, string[]][] = [
      [partner(ids.P1), [ids.P1]],
      [partner(ids.P2), [ids.P2]],
      [vendor(), [ids.P1, ids.P2].sort()],
      [NO_SCOPE, []],
    ];
    for (let round = 0; round < 3; round++) {
      const seen = await Promise.all(expected.map(([scope]) => visible(scope)));
      expect(seen).toEqual(expected.map(([, want]) => want));
    }
    expect((await db.execute(sql`SELECT count(*)::int AS n FROM partners`)).rows).toEqual([{ n: 0 }]);
  });

  it('refuses writes inside a read, even in a scope that may write', async () => {
    const write = readInScope(db, vendor(), (tx) =>
      tx.execute(sql`UPDATE partners SET display_name = 'x' WHERE id = ${ids.P1}`),
    );
    const error = await write.then(
      () => 'succeeded',
      (err: Error) => `${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`,
    );
    expect(error).toMatch(/read-only transaction/);
    expect(
      await readInScope(
        db,
        vendor(),
        async (tx) => (await tx.execute(sql`SELECT display_name FROM partners WHERE id = ${ids.P1}`)).rows,
      ),
    ).toEqual([{ display_name: 'P1' }]);
  });
});
