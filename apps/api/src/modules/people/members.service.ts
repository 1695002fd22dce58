import type { Invitation, Member, Role, Workspace } from '@trellis/contracts';
import { and, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { invitations, memberships, users, workspaces } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { audit, changedFields } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { canManageMember } from './people.policy';

type WorkspaceRow = typeof workspaces.$inferSelect;
export const presentWorkspace = (w: WorkspaceRow): Workspace => ({
  id: w.id,
  name: w.name,
  slug: w.slug,
  baseCurrency: w.baseCurrency,
  defaultLocale: w.defaultLocale,
  timeZone: w.timeZone,
  settings: w.settings,
  createdAt: w.createdAt.toISOString(),
});

export async function getWorkspace(services: Pick<Services, 'db'>, ctx: Ctx): Promise<Workspace> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const [w] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
    if (!w) throw notFound('workspace');
    return presentWorkspace(w);
  });
}

export async function updateWorkspace(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  patch: Partial<Pick<Workspace, 'name' | 'baseCurrency' | 'defaultLocale' | 'timeZone'>> & {
    settings?: Partial<Workspace['settings']>;
  },
): Promise<Workspace> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const [w] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId)).for('update');
    if (!w) throw notFound('workspace');
    const next = { ...w, ...patch, settings: { ...w.settings, ...(patch.settings ?? {}) } };
    const [saved] = await tx
      .update(workspaces)
      .set({
        name: next.name,
        baseCurrency: next.baseCurrency,
        defaultLocale: next.defaultLocale,
        timeZone: next.timeZone,
        settings: next.settings,
      })
      .where(eq(workspaces.id, w.id))
      .returning();
    const before = presentWorkspace(w);
    const after = presentWorkspace(saved as WorkspaceRow);
    await audit(tx, ctx, {
      action: 'workspace.updated',
      targetType: 'workspace',
      targetId: w.id,
      ...changedFields(before, after),
    });
    return after;
  });
}

const memberColumns = {
  id: memberships.id,
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  partnerId: memberships.partnerId,
  status: memberships.status,
  createdAt: memberships.createdAt,
};
type MemberRow = { [K in keyof typeof memberColumns]: unknown } & {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  status: 'active' | 'deactivated';
  createdAt: Date;
};
const presentMember = (m: MemberRow): Member => ({ ...m, createdAt: m.createdAt.toISOString() });

/** Vendor staff list everyone; partner admins only their company (also enforced by RLS). */
export async function listMembers(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: {
    partnerId?: string | undefined;
    role?: Role | undefined;
    status?: 'active' | 'deactivated' | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ data: Member[]; nextCursor: string | null }> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const where: (SQL | undefined)[] = [eq(memberships.workspaceId, ctx.actor.workspaceId)];
    const partnerId = ctx.actor.partnerId ?? q.partnerId;
    if (partnerId) where.push(eq(memberships.partnerId, partnerId));
    if (q.role) where.push(eq(memberships.role, q.role));
    if (q.status) where.push(eq(memberships.status, q.status));
    const cursor = decodeCursor(q.cursor);
    if (cursor) where.push(lt(memberships.id, cursor.id));
    const rows = (await tx
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(...where))
      .orderBy(desc(memberships.id))
      .limit(q.limit + 1)) as MemberRow[];
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      data: page.map(presentMember),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  });
}

export async function updateMember(
  services: Pick<Services, 'db' | 'actors'>,
  ctx: Ctx,
  id: string,
  patch: { role?: Role | undefined; status?: 'active' | 'deactivated' | undefined },
): Promise<Member> {
  const member = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const target = await findMember(tx, ctx, id);
    const problem = canManageMember(ctx.actor, target, patch.role);
    if (problem) throw forbidden(problem);
    if (target.role === 'admin' && (patch.status === 'deactivated' || (patch.role && patch.role !== 'admin'))) {
      const admins = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, ctx.actor.workspaceId),
            eq(memberships.role, 'admin'),
            eq(memberships.status, 'active'),
          ),
        );
      if (admins.length <= 1) throw new AppError('invalid_state', 'a workspace keeps at least one active admin');
    }
    await tx
      .update(memberships)
      .set({
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        updatedAt: ctx.now,
      })
      .where(eq(memberships.id, id));
    const after = await findMember(tx, ctx, id);
    await audit(tx, ctx, {
      action: 'member.updated',
      targetType: 'membership',
      targetId: id,
      ...changedFields(presentMember(target), presentMember(after)),
    });
    return { member: presentMember(after), userId: target.userId };
  });
  services.actors.invalidate(member.userId);
  return member.member;
}

async function findMember(tx: Tx, ctx: Ctx, id: string): Promise<MemberRow> {
  const where = [eq(memberships.id, id), eq(memberships.workspaceId, ctx.actor.workspaceId)];
  if (ctx.actor.partnerId) where.push(eq(memberships.partnerId, ctx.actor.partnerId));
  const [row] = (await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...where))) as MemberRow[];
  if (!row) throw notFound('member');
  return row;
}

type InvitationRow = typeof invitations.$inferSelect;
export function presentInvitation(i: InvitationRow, now: Date): Invitation {
  const status = i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= now ? 'expired' : 'pending';
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    partnerId: i.partnerId,
    status,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}

export async function listInvitations(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: { partnerId?: string | undefined; pendingOnly?: boolean | undefined; limit: number; cursor?: string | undefined },
): Promise<{ data: Invitation[]; nextCursor: string | null }> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const where: (SQL | undefined)[] = [eq(invitations.workspaceId, ctx.actor.workspaceId)];
    const partnerId = ctx.actor.partnerId ?? q.partnerId;
    if (partnerId) where.push(eq(invitations.partnerId, partnerId));
    if (q.pendingOnly) where.push(gt(invitations.expiresAt, ctx.now));
    const cursor = decodeCursor(q.cursor);
    if (cursor) where.push(lt(invitations.id, cursor.id));
    const rows = await tx
      .select()
      .from(invitations)
      .where(and(...where))
      .orderBy(desc(invitations.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const data = page.map((i) => presentInvitation(i, ctx.now)).filter((i) => !q.pendingOnly || i.status === 'pending');
    const last = page.at(-1);
    return { data, nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null };
  });
}
