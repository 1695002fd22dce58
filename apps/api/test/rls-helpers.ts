/*
 * Raw-SQL probes for the per-table RLS tests (rls-attachments, rls-leads, rls-lead-inbox, rls-pipeline): scopes as the app
 * sets them, a read in a scope, and a write that is always rolled back so probes never change the data.
 */
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../src/db/client';
import { inScope, type Scope } from '../src/db/scope';
import { createWorkspace } from '../src/modules/people/bootstrap';
import type { TestApp } from './harness';

export type Row = Record<string, unknown>;
class Rollback extends Error {}

export const vendorScope = (workspaceId: string): Scope => ({
  workspaceId,
  userId: null,
  partnerId: null,
  kind: 'vendor',
});
export const partnerScope = (workspaceId: string, partnerId: string): Scope => ({
  workspaceId,
  userId: uuidv7(),
  partnerId,
  kind: 'partner',
});

export async function rowsIn(db: Db, scope: Scope, query: SQL): Promise<Row[]> {
  return inScope(db, scope, async (tx) => (await tx.execute(query)).rows as Row[]);
}

/** Runs a write in scope and always rolls it back: the rows it returned, or the error text (with causes). */
export async function attemptIn(
  db: Db,
  scope: Scope,
  query: SQL,
): Promise<{ ok: true; rows: Row[] } | { ok: false; error: string }> {
  let result: Row[] = [];
  try {
    await inScope(db, scope, async (tx) => {
      result = (await tx.execute(query)).rows as Row[];
      throw new Rollback();
    });
  } catch (err) {
    if (err instanceof Rollback) return { ok: true, rows: result };
    const parts: string[] = [];
    for (let e: unknown = err; e instanceof Error; e = (e as { cause?: unknown }).cause) parts.push(e.message);
    return { ok: false, error: parts.join(' <- ') };
  }
  throw new Error('unreachable');
}

/** A workspace named `name` with a unique slug (Vietnamese defaults); its id and slug. */
export async function insertWorkspace(t: TestApp, name: string): Promise<{ id: string; slug: string }> {
  const slug = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`;
  const id = await createWorkspace(t.services, {
    name,
    slug,
    baseCurrency: 'USD',
    defaultLocale: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  return { id, slug };
}

/** An active reseller in the workspace, written as vendor staff. */
export async function insertPartnerIn(db: Db, workspaceId: string, name: string): Promise<string> {
  const id = uuidv7();
  await rowsIn(
    db,
    vendorScope(workspaceId),
    sql`INSERT INTO partners (workspace_id, id, legal_name, display_name, search_name, country, type, status)
      VALUES (${workspaceId}, ${id}, ${`${name} Ltd`}, ${name}, ${name.toLowerCase()}, 'VN', 'reseller', 'active')`,
  );
  return id;
}
