import { ACCOUNT_EXTERNAL_ID_KEY, type Address } from '@trellis/contracts';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { customerAccounts, memberships, users } from '../../../db/schema/index';
import type { PreparedRecord } from '../../deals/matching/index';
import type { ExistingAccount } from './account-rows';
import { arrayLiteral, type ChunkContext, column, valuesOf } from './import.repo';
import { caselessKey } from './normalise';

/** Active vendor members (any role): who may own a customer account, as the accounts API checks it. */
export function listVendorMembers(tx: Tx, workspaceId: string): Promise<{ id: string; email: string; name: string }[]> {
  return tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.workspaceId, workspaceId), eq(memberships.status, 'active'), isNull(memberships.partnerId)),
    );
}

const externalIdColumn = sql`(${customerAccounts.metadata} ->> ${ACCOUNT_EXTERNAL_ID_KEY})`;

/**
 * Accounts a file may update: those with one of `externalIds`, or named one of `names` ignoring case (the
 * rows compare exactly in code). Each list travels as one parameter, so 100,000 rows stay one statement.
 */
export async function findAccountsForImport(
  tx: Tx,
  workspaceId: string,
  refs: { externalIds: readonly string[]; names: readonly string[] },
): Promise<ExistingAccount[]> {
  if (refs.externalIds.length === 0 && refs.names.length === 0) return [];
  // The rows compare by caselessKey (NFC, collapsed spaces, lower case); the lookup must find at least those.
  const lowered = [...new Set(refs.names.map(caselessKey))];
  return tx
    .select({
      id: customerAccounts.id,
      name: customerAccounts.name,
      country: customerAccounts.country,
      domains: customerAccounts.domains,
      address: customerAccounts.address,
      ownerUserId: customerAccounts.ownerUserId,
      namedAccount: customerAccounts.namedAccount,
      metadata: customerAccounts.metadata,
      version: sql<string>`${customerAccounts}.xmin::text`,
    })
    .from(customerAccounts)
    .where(
      and(
        eq(customerAccounts.workspaceId, workspaceId),
        or(
          sql`${externalIdColumn} IN (SELECT v FROM ${valuesOf(refs.externalIds)} AS e)`,
          sql`regexp_replace(lower(normalize(btrim(${customerAccounts.name}), NFC)), '\s+', ' ', 'g')
            IN (SELECT v FROM ${valuesOf(lowered)} AS n)`,
        ),
      ),
    );
}

export type AccountChunkRow = {
  id: string;
  /** The file's row number (the error report names it). */
  row: number;
  /** true: insert a new account; false: update `id`, only if it still has `version`. */
  create: boolean;
  /** The account's row version as read (ExistingAccount.version); null for a new one. */
  version: string | null;
  name: string;
  domains: string[];
  country: string;
  address: Address;
  ownerUserId: string | null;
  namedAccount: boolean;
  searchName: string;
  matchProfile: PreparedRecord;
  metadata: Record<string, string>;
  /** blockingKeys(matchProfile): the conflict check finds the account by these. */
  keys: string[];
};

export type AccountAuditRow = {
  id: string;
  action: 'account.created' | 'account.updated';
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
};

/**
 * C4 import: a chunk of accounts in five set-based statements whatever its size — insert the new ones,
 * update the existing ones (one UPDATE … FROM unnest), drop the updated ones' match keys, insert every
 * account's keys, and the audit rows — all in the caller's transaction, so an account never exists
 * without the keys the conflict check finds it by. An existing account is updated only if it is still the
 * row version the import read (`xmin`): one edited meanwhile keeps the edit, and its row comes back as
 * `changed` (nothing of it written: no keys, no audit row).
 */
export async function writeAccountChunk(
  tx: Tx,
  c: ChunkContext,
  chunkRows: readonly AccountChunkRow[],
  chunkAudits: readonly AccountAuditRow[],
): Promise<{ changed: AccountChunkRow[] }> {
  const created = chunkRows.filter((r) => r.create);
  let updated = chunkRows.filter((r) => !r.create);
  let rows = chunkRows;
  let auditRows = chunkAudits;
  let changed: AccountChunkRow[] = [];
  if (created.length > 0) {
    const col = (pick: (r: AccountChunkRow) => unknown, type: string) => column(created, pick, type);
    await tx.execute(sql`
      INSERT INTO customer_accounts (workspace_id, id, name, domains, country, address, owner_user_id, named_account,
        search_name, match_profile, metadata, created_at, updated_at)
      SELECT ${c.workspaceId}::uuid, u.id, u.name, u.domains_list::text[], u.country, u.address_json::jsonb,
        u.owner_user_id, u.named_account, u.search_name, u.profile_json::jsonb, u.metadata_json::jsonb,
        ${c.now}::timestamptz, ${c.now}::timestamptz
      FROM unnest(
        ${col((r) => r.id, 'uuid')}, ${col((r) => r.name, 'text')}, ${col((r) => arrayLiteral(r.domains), 'text')},
        ${col((r) => r.country, 'text')}, ${col((r) => JSON.stringify(r.address), 'text')},
        ${col((r) => r.ownerUserId, 'uuid')}, ${col((r) => r.namedAccount, 'boolean')},
        ${col((r) => r.searchName, 'text')}, ${col((r) => JSON.stringify(r.matchProfile), 'text')},
        ${col((r) => JSON.stringify(r.metadata), 'text')}
      ) AS u(id, name, domains_list, country, address_json, owner_user_id, named_account, search_name, profile_json,
        metadata_json)`);
  }
  if (updated.length > 0) {
    const col = (pick: (r: AccountChunkRow) => unknown, type: string) => column(updated, pick, type);
    const res = await tx.execute<{ id: string }>(sql`
      UPDATE customer_accounts a SET name = u.name, domains = u.domains_list::text[], country = u.country,
        address = u.address_json::jsonb, owner_user_id = u.owner_user_id, named_account = u.named_account,
        search_name = u.search_name, match_profile = u.profile_json::jsonb, metadata = u.metadata_json::jsonb,
        updated_at = ${c.now}::timestamptz
      FROM unnest(
        ${col((r) => r.id, 'uuid')}, ${col((r) => r.name, 'text')}, ${col((r) => arrayLiteral(r.domains), 'text')},
        ${col((r) => r.country, 'text')}, ${col((r) => JSON.stringify(r.address), 'text')},
        ${col((r) => r.ownerUserId, 'uuid')}, ${col((r) => r.namedAccount, 'boolean')},
        ${col((r) => r.searchName, 'text')}, ${col((r) => JSON.stringify(r.matchProfile), 'text')},
        ${col((r) => JSON.stringify(r.metadata), 'text')}, ${col((r) => r.version, 'text')}
      ) AS u(id, name, domains_list, country, address_json, owner_user_id, named_account, search_name, profile_json,
        metadata_json, version)
      WHERE a.workspace_id = ${c.workspaceId}::uuid AND a.id = u.id AND a.xmin = u.version::xid
      RETURNING a.id`);
    const written = new Set(res.rows.map((r) => r.id));
    if (written.size < updated.length) {
      changed = updated.filter((r) => !written.has(r.id));
      updated = updated.filter((r) => written.has(r.id));
      rows = chunkRows.filter((r) => r.create || written.has(r.id));
      const gone = new Set(changed.map((r) => r.id));
      auditRows = chunkAudits.filter((a) => !gone.has(a.targetId));
    }
  }
  if (updated.length > 0) {
    await tx.execute(sql`
      DELETE FROM deal_match_keys
      WHERE workspace_id = ${c.workspaceId}::uuid AND source_kind = 'account'
        AND source_id = ANY(${column(updated, (r) => r.id, 'uuid')})`);
  }
  const pairs = rows.flatMap((r) => r.keys.map((key) => ({ id: r.id, key })));
  if (pairs.length > 0) {
    await tx.execute(sql`
      INSERT INTO deal_match_keys (workspace_id, key, source_kind, source_id, partner_id)
      SELECT ${c.workspaceId}::uuid, u.key, 'account', u.id, NULL
      FROM unnest(${column(pairs, (p) => p.id, 'uuid')}, ${column(pairs, (p) => p.key, 'text')}) AS u(id, key)
      ON CONFLICT DO NOTHING`);
  }
  if (auditRows.length > 0) {
    const col = (pick: (r: AccountAuditRow) => unknown, type: string) => column(auditRows, pick, type);
    await tx.execute(sql`
      INSERT INTO audit_log (workspace_id, id, actor_user_id, action, target_type, target_id, before, after, request_id,
        occurred_at)
      SELECT ${c.workspaceId}::uuid, u.id, ${c.actorUserId}::uuid, u.action, 'account', u.target_id,
        u.before_json::jsonb, u.after_json::jsonb, ${`import:${c.importId}`}, ${c.now}::timestamptz
      FROM unnest(
        ${col((r) => r.id, 'uuid')}, ${col((r) => r.action, 'text')}, ${col((r) => r.targetId, 'text')},
        ${col((r) => (r.before ? JSON.stringify(r.before) : null), 'text')}, ${col((r) => JSON.stringify(r.after), 'text')}
      ) AS u(id, action, target_id, before_json, after_json)`);
  }
  return { changed };
}
