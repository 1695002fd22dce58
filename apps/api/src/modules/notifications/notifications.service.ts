import type { Notification } from '@trellis/contracts';
import { and, count, desc, eq, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { notifications } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import { bulkId } from '../../lib/bulk-ids';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { type Ctx, scopeOf } from '../../platform/context';
import { notFound } from '../../platform/errors';

export type NewNotification = {
  workspaceId: string;
  userId: string;
  type: string;
  data: Record<string, unknown>;
  at: Date;
};

/** Adds an in-app notification inside the caller's transaction (it commits with the change it reports). */
export async function notify(tx: Tx, n: NewNotification): Promise<void> {
  await notifyMany(tx, [n]);
}

/** Many notifications at once (bulk routing tells thousands of people): one statement per 5,000, as enqueueMany. */
export async function notifyMany(tx: Tx, list: readonly NewNotification[]): Promise<void> {
  for (let from = 0; from < list.length; from += INSERT_CHUNK) {
    const rows = list.slice(from, from + INSERT_CHUNK).map((n) => ({
      id: bulkId(),
      workspace_id: n.workspaceId,
      user_id: n.userId,
      type: n.type,
      data: n.data,
      created_at: n.at,
    }));
    await tx.execute(sql`
      INSERT INTO notifications (id, workspace_id, user_id, type, data, created_at)
      SELECT id, workspace_id, user_id, type, data, created_at
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id uuid, workspace_id uuid, user_id uuid, type text, data jsonb, created_at timestamptz)`);
  }
}

const INSERT_CHUNK = 5000;

const present = (r: typeof notifications.$inferSelect): Notification => ({
  id: r.id,
  type: r.type,
  data: r.data,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listNotifications(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; unread?: boolean | undefined },
): Promise<{ data: Notification[]; nextCursor: string | null; unreadCount: number }> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const mine = and(eq(notifications.workspaceId, ctx.actor.workspaceId), eq(notifications.userId, ctx.actor.userId));
    const where: (SQL | undefined)[] = [mine];
    if (q.unread) where.push(isNull(notifications.readAt));
    const cursor = decodeCursor(q.cursor);
    if (cursor) where.push(lt(notifications.id, cursor.id));
    const rows = await tx
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.id))
      .limit(q.limit + 1);
    const [unread] = await tx
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt)));
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      data: page.map(present),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
      unreadCount: unread?.n ?? 0,
    };
  });
}

export async function markRead(services: Pick<Services, 'db'>, ctx: Ctx, id: string | null): Promise<number> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const where = [
      eq(notifications.workspaceId, ctx.actor.workspaceId),
      eq(notifications.userId, ctx.actor.userId),
      isNull(notifications.readAt),
    ];
    if (id) {
      const [row] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.id, id), eq(notifications.userId, ctx.actor.userId)));
      if (!row) throw notFound('notification');
      where.push(eq(notifications.id, id));
    }
    const updated = await tx
      .update(notifications)
      .set({ readAt: ctx.now })
      .where(and(...where))
      .returning({ id: notifications.id });
    return updated.length;
  });
}
