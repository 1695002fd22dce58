import type { AuditEntry } from '@trellis/contracts';
import { and, desc, eq, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Services } from '../../app';
import { auditLog, users } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { type Ctx, scopeOf } from '../../platform/context';

type Query = {
  limit: number;
  cursor?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** C18: the audit log, read-only here; rows are written by use cases through platform/audit.ts. */
export async function listAudit(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: Query,
): Promise<{ data: AuditEntry[]; nextCursor: string | null }> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const where: (SQL | undefined)[] = [eq(auditLog.workspaceId, ctx.actor.workspaceId)];
    if (q.actorId) where.push(eq(auditLog.actorUserId, q.actorId));
    if (q.action) where.push(eq(auditLog.action, q.action));
    if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
    if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
    if (q.from) where.push(gte(auditLog.occurredAt, new Date(q.from)));
    if (q.to) where.push(lte(auditLog.occurredAt, new Date(q.to)));
    const cursor = decodeCursor(q.cursor);
    if (cursor && typeof cursor.at === 'string') {
      const at = new Date(cursor.at);
      where.push(or(lt(auditLog.occurredAt, at), and(eq(auditLog.occurredAt, at), lt(auditLog.id, cursor.id))));
    }
    const rows = await tx
      .select({ entry: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(...where))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      data: page.map(({ entry, actorName }) => ({
        id: entry.id,
        occurredAt: entry.occurredAt.toISOString(),
        actor: entry.actorUserId ? { id: entry.actorUserId, name: actorName ?? '' } : null,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        before: entry.before ?? null,
        after: entry.after ?? null,
        requestId: entry.requestId,
        ip: entry.ip,
      })),
      nextCursor:
        rows.length > q.limit && last
          ? encodeCursor({ id: last.entry.id, at: last.entry.occurredAt.toISOString() })
          : null,
    };
  });
}
