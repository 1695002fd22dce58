import { and, asc, count, eq, getTableColumns, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { partners, tiers } from '../../db/schema/index';

export type TierRow = typeof tiers.$inferSelect;
export type TierWithCount = TierRow & { partnerCount: number };

/** Tiers with how many partners each holds (as far as the actor can see: RLS counts only visible ones). */
export function listTierRows(tx: Tx, workspaceId: string): Promise<TierWithCount[]> {
  return tx
    .select({ ...getTableColumns(tiers), partnerCount: sql<number>`count(${partners.id})::int` })
    .from(tiers)
    .leftJoin(partners, and(eq(partners.tierId, tiers.id), eq(partners.workspaceId, tiers.workspaceId)))
    .where(eq(tiers.workspaceId, workspaceId))
    .groupBy(tiers.id)
    .orderBy(asc(tiers.rank), asc(tiers.name));
}

export async function findTierRow(tx: Tx, workspaceId: string, id: string, opts: { lock?: boolean } = {}) {
  const query = tx
    .select()
    .from(tiers)
    .where(and(eq(tiers.workspaceId, workspaceId), eq(tiers.id, id)));
  const [row] = await (opts.lock ? query.for('update') : query);
  return row;
}

export async function tierNameTaken(tx: Tx, workspaceId: string, name: string, exceptId?: string): Promise<boolean> {
  const where = [eq(tiers.workspaceId, workspaceId), sql`lower(${tiers.name}) = lower(${name})`];
  if (exceptId) where.push(ne(tiers.id, exceptId));
  const [row] = await tx
    .select({ id: tiers.id })
    .from(tiers)
    .where(and(...where));
  return row !== undefined;
}

export async function countPartnersInTier(tx: Tx, workspaceId: string, id: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(partners)
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.tierId, id)));
  return row?.n ?? 0;
}

export async function insertTier(tx: Tx, values: typeof tiers.$inferInsert): Promise<TierRow> {
  const [row] = await tx.insert(tiers).values(values).returning();
  return row as TierRow;
}

export async function updateTierRow(tx: Tx, id: string, set: Partial<typeof tiers.$inferInsert>): Promise<TierRow> {
  const [row] = await tx.update(tiers).set(set).where(eq(tiers.id, id)).returning();
  return row as TierRow;
}

export async function deleteTierRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(tiers).where(eq(tiers.id, id));
}
