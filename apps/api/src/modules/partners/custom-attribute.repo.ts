import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { customAttributeDefinitions, partners } from '../../db/schema/index';

export type CustomAttributeDefinitionRow = typeof customAttributeDefinitions.$inferSelect;

export function listDefinitionRows(tx: Tx, workspaceId: string): Promise<CustomAttributeDefinitionRow[]> {
  return tx
    .select()
    .from(customAttributeDefinitions)
    .where(eq(customAttributeDefinitions.workspaceId, workspaceId))
    .orderBy(asc(customAttributeDefinitions.key));
}

export async function findDefinitionRow(
  tx: Tx,
  workspaceId: string,
  where: { id: string } | { key: string },
  opts: { lock?: boolean } = {},
): Promise<CustomAttributeDefinitionRow | undefined> {
  const match =
    'id' in where ? eq(customAttributeDefinitions.id, where.id) : eq(customAttributeDefinitions.key, where.key);
  const query = tx
    .select()
    .from(customAttributeDefinitions)
    .where(and(eq(customAttributeDefinitions.workspaceId, workspaceId), match));
  const [row] = await (opts.lock ? query.for('update') : query);
  return row;
}

export async function insertDefinition(tx: Tx, values: typeof customAttributeDefinitions.$inferInsert) {
  const [row] = await tx.insert(customAttributeDefinitions).values(values).returning();
  return row as CustomAttributeDefinitionRow;
}

export async function updateDefinition(
  tx: Tx,
  id: string,
  set: Partial<typeof customAttributeDefinitions.$inferInsert>,
): Promise<CustomAttributeDefinitionRow> {
  const [row] = await tx
    .update(customAttributeDefinitions)
    .set(set)
    .where(eq(customAttributeDefinitions.id, id))
    .returning();
  return row as CustomAttributeDefinitionRow;
}

export async function deleteDefinition(tx: Tx, id: string): Promise<void> {
  await tx.delete(customAttributeDefinitions).where(eq(customAttributeDefinitions.id, id));
}

/** Removes a deleted attribute's values from every partner of the workspace; returns how many held one. */
export async function stripAttributeFromPartners(tx: Tx, workspaceId: string, key: string): Promise<number> {
  const rows = await tx
    .update(partners)
    .set({ customAttributes: sql`${partners.customAttributes} - ${key}::text` })
    .where(and(eq(partners.workspaceId, workspaceId), sql`${partners.customAttributes} ? ${key}::text`))
    .returning({ id: partners.id });
  return rows.length;
}
