import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

/** Who a transaction acts for; becomes the app.* settings row-level security reads. */
export type Scope = {
  workspaceId: string | null;
  userId: string | null;
  partnerId: string | null;
  kind: 'vendor' | 'partner' | 'none';
  invitationToken?: string;
};

export const NO_SCOPE: Scope = { workspaceId: null, userId: null, partnerId: null, kind: 'none' };

/** An engine-specific way to run scoped work (PostgreSQL saves round trips, see client.ts and scoped-reads.ts). */
export type ScopedRunner = <T>(scope: Scope, fn: (tx: Tx) => Promise<T>) => Promise<T>;
type Runners = { write: ScopedRunner; read: ScopedRunner };
const runners = new WeakMap<object, Runners>();

export function useScopedRunners(db: Db, engineRunners: Runners): void {
  runners.set(db, engineRunners);
}

/** One short transaction with the RLS context set for its whole length (set_config(..., true)). */
export function inScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const runner = runners.get(db)?.write;
  if (runner) return runner(scope, fn);
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(scopeSettingsSql(scope)));
    return fn(tx as unknown as Tx);
  });
}

/**
 * Read-only work with the RLS context set: the reads of a use case that writes nothing. Each statement
 * sees what was committed when it started (READ COMMITTED, as inside a transaction). On PostgreSQL it
 * runs on the scoped read pool without BEGIN/COMMIT (scoped-reads.ts: one round trip for a one-query
 * read); elsewhere in a READ ONLY transaction. Either way a write in fn fails.
 */
export function readInScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const runner = runners.get(db)?.read;
  if (runner) return runner(scope, fn);
  return db.transaction(
    async (tx) => {
      await tx.execute(sql.raw(scopeSettingsSql(scope)));
      return fn(tx as unknown as Tx);
    },
    { accessMode: 'read only' },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[0-9a-f]{64}$/;
const KINDS = new Set(['vendor', 'partner', 'none']);

function literal(value: string | null | undefined, pattern: RegExp, name: string): string {
  if (value === null || value === undefined || value === '') return "''";
  if (!pattern.test(value)) throw new Error(`invalid ${name} in scope`);
  return `'${value}'`;
}

/**
 * The SELECT that sets the RLS context: for the current transaction (local, the default) or for the
 * session (scoped read connections only). Values are validated against strict patterns (UUIDs, a hex
 * token, a closed kind list) before they are written into the statement, so it can travel in the same
 * simple-protocol message as BEGIN. Every setting is written each time, so none survives from an
 * earlier scope.
 */
export function scopeSettingsSql(scope: Scope, local = true): string {
  if (!KINDS.has(scope.kind)) throw new Error('invalid actor kind in scope');
  const is = local ? 'true' : 'false';
  return `SELECT set_config('app.workspace_id', ${literal(scope.workspaceId, UUID, 'workspace id')}, ${is}),
    set_config('app.user_id', ${literal(scope.userId, UUID, 'user id')}, ${is}),
    set_config('app.partner_id', ${literal(scope.partnerId, UUID, 'partner id')}, ${is}),
    set_config('app.actor_kind', '${scope.kind}', ${is}),
    set_config('app.invitation_token', ${literal(scope.invitationToken, TOKEN, 'invitation token')}, ${is})`;
}

/**
 * Equal keys ⇔ equal app.* settings: how a scoped read connection knows it may skip re-setting them.
 * JSON of the values, an unambiguous encoding, so a key equals only the key of an identical scope (one
 * that was validated when its settings were written).
 */
export function scopeKey(scope: Scope): string {
  return JSON.stringify([scope.workspaceId, scope.userId, scope.partnerId, scope.kind, scope.invitationToken ?? null]);
}
