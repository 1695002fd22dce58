import { and, asc, eq, getTableColumns, gt, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { contacts } from '../../db/schema/index';
import type { Actor } from '../../platform/context';
import { likeTokens } from './partner.policy';

export type ContactRow = typeof contacts.$inferSelect & { hasLogin: boolean };
export type ContactInsert = typeof contacts.$inferInsert;

/**
 * A contact has a login when a person of the same partner with the same e-mail holds an active membership.
 * Outer columns are qualified by hand: Drizzle leaves them bare in a one-table select, and a bare
 * "email" inside the subquery would mean users.email.
 */
const hasLogin = sql<boolean>`EXISTS (
  SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
  WHERE m.workspace_id = "contacts"."workspace_id" AND m.partner_id = "contacts"."partner_id"
    AND m.status = 'active' AND lower(u.email) = lower("contacts"."email"))`;

const columns = { ...getTableColumns(contacts), hasLogin };

export function contactScope(actor: Actor): SQL[] {
  const where = [eq(contacts.workspaceId, actor.workspaceId)];
  if (actor.partnerId) where.push(eq(contacts.partnerId, actor.partnerId));
  return where;
}

export function listContactRows(
  tx: Tx,
  actor: Actor,
  f: { partnerId?: string | undefined; q?: string | undefined; limit: number; afterId: string | null },
): Promise<ContactRow[]> {
  const where: SQL[] = contactScope(actor);
  if (f.partnerId) where.push(eq(contacts.partnerId, f.partnerId));
  if (f.q) {
    // Rows written before search_name existed still match on their plain (lower-cased) name and e-mail.
    for (const token of likeTokens(f.q)) {
      where.push(
        sql`(${contacts.searchName} LIKE ${token} OR lower(${contacts.firstName} || ' ' || ${contacts.lastName} || ' ' || coalesce(${contacts.email}, '')) LIKE ${token})`,
      );
    }
  }
  if (f.afterId) where.push(gt(contacts.id, f.afterId));
  return tx
    .select(columns)
    .from(contacts)
    .where(and(...where))
    .orderBy(asc(contacts.id))
    .limit(f.limit + 1);
}

export async function findContactRow(
  tx: Tx,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ContactRow | undefined> {
  const query = tx
    .select(columns)
    .from(contacts)
    .where(and(...contactScope(actor), eq(contacts.id, id)));
  const [row] = await (opts.lock ? query.for('update', { of: contacts }) : query);
  return row;
}

export async function insertContact(tx: Tx, values: ContactInsert): Promise<void> {
  await tx.insert(contacts).values(values);
}

export async function updateContactRow(tx: Tx, actor: Actor, id: string, set: Partial<ContactInsert>): Promise<void> {
  await tx
    .update(contacts)
    .set(set)
    .where(and(...contactScope(actor), eq(contacts.id, id)));
}

export async function deleteContactRow(tx: Tx, actor: Actor, id: string): Promise<void> {
  await tx.delete(contacts).where(and(...contactScope(actor), eq(contacts.id, id)));
}
