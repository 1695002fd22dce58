import { and, asc, eq, getTableColumns, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { customerAccounts, memberships, opportunities, users } from '../../db/schema/index';
import { searchKey } from '../../lib/search-key';

export type AccountRow = typeof customerAccounts.$inferSelect & { ownerName: string | null };
export type OpportunityRow = typeof opportunities.$inferSelect & { ownerName: string | null };

/** Search tokens as LIKE patterns, wildcards escaped (the partner directory's rule). */
function likeTokens(query: string): string[] {
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

const accountColumns = { ...getTableColumns(customerAccounts), ownerName: users.name };
const opportunityColumns = { ...getTableColumns(opportunities), ownerName: users.name };

export async function findAccountRow(tx: Tx, workspaceId: string, id: string, opts: { lock?: boolean } = {}) {
  const query = tx
    .select(accountColumns)
    .from(customerAccounts)
    .leftJoin(users, eq(users.id, customerAccounts.ownerUserId))
    .where(and(eq(customerAccounts.workspaceId, workspaceId), eq(customerAccounts.id, id)));
  const [row] = await (opts.lock ? query.for('update', { of: customerAccounts }) : query);
  return row as AccountRow | undefined;
}

export async function listAccountRows(
  tx: Tx,
  workspaceId: string,
  f: { q?: string | undefined; namedAccount?: boolean | undefined; after: string | null; limit: number },
): Promise<AccountRow[]> {
  const where: SQL[] = [eq(customerAccounts.workspaceId, workspaceId)];
  if (f.q) for (const token of likeTokens(f.q)) where.push(sql`${customerAccounts.searchName} LIKE ${token}`);
  if (f.namedAccount !== undefined) where.push(eq(customerAccounts.namedAccount, f.namedAccount));
  if (f.after) where.push(gt(customerAccounts.id, f.after));
  return tx
    .select(accountColumns)
    .from(customerAccounts)
    .leftJoin(users, eq(users.id, customerAccounts.ownerUserId))
    .where(and(...where))
    .orderBy(asc(customerAccounts.id))
    .limit(f.limit + 1) as Promise<AccountRow[]>;
}

export async function insertAccount(tx: Tx, values: typeof customerAccounts.$inferInsert): Promise<void> {
  await tx.insert(customerAccounts).values(values);
}

export async function updateAccountRow(tx: Tx, id: string, set: Partial<typeof customerAccounts.$inferInsert>) {
  await tx.update(customerAccounts).set(set).where(eq(customerAccounts.id, id));
}

export async function deleteAccountRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(customerAccounts).where(eq(customerAccounts.id, id));
}

export async function findOpportunityRow(tx: Tx, workspaceId: string, id: string, opts: { lock?: boolean } = {}) {
  const query = tx
    .select(opportunityColumns)
    .from(opportunities)
    .leftJoin(users, eq(users.id, opportunities.ownerUserId))
    .where(and(eq(opportunities.workspaceId, workspaceId), eq(opportunities.id, id)));
  const [row] = await (opts.lock ? query.for('update', { of: opportunities }) : query);
  return row as OpportunityRow | undefined;
}

export async function listOpportunityRows(
  tx: Tx,
  workspaceId: string,
  f: { stage?: string | undefined; accountId?: string | undefined; after: string | null; limit: number },
): Promise<OpportunityRow[]> {
  const where: SQL[] = [eq(opportunities.workspaceId, workspaceId)];
  if (f.stage) where.push(eq(opportunities.stage, f.stage as 'open'));
  if (f.accountId) where.push(eq(opportunities.accountId, f.accountId));
  if (f.after) where.push(gt(opportunities.id, f.after));
  return tx
    .select(opportunityColumns)
    .from(opportunities)
    .leftJoin(users, eq(users.id, opportunities.ownerUserId))
    .where(and(...where))
    .orderBy(asc(opportunities.id))
    .limit(f.limit + 1) as Promise<OpportunityRow[]>;
}

export async function insertOpportunity(tx: Tx, values: typeof opportunities.$inferInsert): Promise<void> {
  await tx.insert(opportunities).values(values);
}

export async function updateOpportunityRow(tx: Tx, id: string, set: Partial<typeof opportunities.$inferInsert>) {
  await tx.update(opportunities).set(set).where(eq(opportunities.id, id));
}

export async function deleteOpportunityRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(opportunities).where(eq(opportunities.id, id));
}

/** An owner of a direct account is an active vendor member of the workspace. */
export async function isVendorMember(tx: Tx, workspaceId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.userId, userId),
        eq(memberships.status, 'active'),
        sql`${memberships.partnerId} IS NULL`,
      ),
    );
  return row !== undefined;
}

export async function accountExists(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: customerAccounts.id })
    .from(customerAccounts)
    .where(and(eq(customerAccounts.workspaceId, workspaceId), inArray(customerAccounts.id, [id])));
  return row !== undefined;
}
