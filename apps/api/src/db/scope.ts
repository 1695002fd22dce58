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

/** An engine-specific way to run a scoped transaction (PostgreSQL saves a round trip, see client.ts). */
export type ScopedRunner = <T>(scope: Scope, fn: (tx: Tx) => Promise<T>) => Promise<T>;
const runners = new WeakMap<object, ScopedRunner>();

export function useScopedRunner(db: Db, runner: ScopedRunner): void {
  runners.set(db, runner);
}

/** One short transaction with the RLS context set for its whole length (set_config(..., true)). */
export function inScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const runner = runners.get(db);
  if (runner) return runner(scope, fn);
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(scopeSettingsSql(scope)));
    return fn(tx as unknown as Tx);
  });
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
 * The SELECT that sets the RLS context. Values are validated against strict patterns (UUIDs, a hex
 * token, a closed kind list) before they are written into the statement, so it can travel in the same
 * simple-protocol message as BEGIN.
 */
export function scopeSettingsSql(scope: Scope): string {
  if (!KINDS.has(scope.kind)) throw new Error('invalid actor kind in scope');
  return `SELECT set_config('app.workspace_id', ${literal(scope.workspaceId, UUID, 'workspace id')}, true),
    set_config('app.user_id', ${literal(scope.userId, UUID, 'user id')}, true),
    set_config('app.partner_id', ${literal(scope.partnerId, UUID, 'partner id')}, true),
    set_config('app.actor_kind', '${scope.kind}', true),
    set_config('app.invitation_token', ${literal(scope.invitationToken, TOKEN, 'invitation token')}, true)`;
}
