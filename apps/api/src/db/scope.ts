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

/** One short transaction with the RLS context set for its whole length (set_config(..., true)). */
export function inScope<T>(db: Db, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT
      set_config('app.workspace_id', ${scope.workspaceId ?? ''}, true),
      set_config('app.user_id', ${scope.userId ?? ''}, true),
      set_config('app.partner_id', ${scope.partnerId ?? ''}, true),
      set_config('app.actor_kind', ${scope.kind}, true),
      set_config('app.invitation_token', ${scope.invitationToken ?? ''}, true)`);
    return fn(tx);
  });
}
