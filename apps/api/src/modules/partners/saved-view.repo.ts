import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { savedViews } from '../../db/schema/index';
import type { Actor } from '../../platform/context';

export type SavedViewRow = typeof savedViews.$inferSelect;

/** Saved views belong to one person in one workspace (RLS checks the same). */
const own = (actor: Actor) => [eq(savedViews.workspaceId, actor.workspaceId), eq(savedViews.userId, actor.userId)];

export function listSavedViewRows(tx: Tx, actor: Actor): Promise<SavedViewRow[]> {
  return tx
    .select()
    .from(savedViews)
    .where(and(...own(actor)))
    .orderBy(desc(savedViews.id));
}

export async function findSavedViewRow(tx: Tx, actor: Actor, id: string): Promise<SavedViewRow | undefined> {
  const [row] = await tx
    .select()
    .from(savedViews)
    .where(and(...own(actor), eq(savedViews.id, id)));
  return row;
}

export async function insertSavedView(tx: Tx, values: typeof savedViews.$inferInsert): Promise<SavedViewRow> {
  const [row] = await tx.insert(savedViews).values(values).returning();
  return row as SavedViewRow;
}

export async function deleteSavedViewRow(tx: Tx, actor: Actor, id: string): Promise<void> {
  await tx.delete(savedViews).where(and(...own(actor), eq(savedViews.id, id)));
}
