import type { Locale, Me, Role } from '@trellis/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { Services } from '../../app';
import { memberships, partners, users, workspaces } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import type { Actor } from '../../platform/context';
import { scopeOf } from '../../platform/context';
import { AppError } from '../../platform/errors';

const DEFAULT_PREFS = { email: true, inApp: true, digest: 'off' as const };

export async function loadMe(services: Pick<Services, 'db'>, userId: string, actor: Actor | null): Promise<Me> {
  const scope = actor ? scopeOf(actor) : { workspaceId: null, userId, partnerId: null, kind: 'none' as const };
  return inScope(services.db, scope, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('unauthenticated', 'sign in first');
    const rows = await tx
      .select({
        workspaceId: workspaces.id,
        workspaceName: workspaces.name,
        slug: workspaces.slug,
        role: memberships.role,
        partnerId: memberships.partnerId,
        partnerName: partners.displayName,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .leftJoin(partners, eq(partners.id, memberships.partnerId))
      .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
      .orderBy(asc(workspaces.name));
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        locale: (user.locale as Locale | null) ?? null,
        timeZone: user.timeZone,
        notificationPrefs: user.notificationPrefs ?? DEFAULT_PREFS,
      },
      memberships: rows.map((r) => ({
        workspace: { id: r.workspaceId, name: r.workspaceName, slug: r.slug },
        role: r.role as Role,
        partnerId: r.partnerId,
        partnerName: r.partnerName,
      })),
      activeWorkspaceId: actor?.workspaceId ?? null,
      permissions: actor ? [...actor.permissions] : [],
    };
  });
}

export async function updateProfile(
  services: Pick<Services, 'db'>,
  userId: string,
  patch: { name?: string; locale?: Locale; timeZone?: string; notificationPrefs?: Me['user']['notificationPrefs'] },
  now: Date,
): Promise<void> {
  await services.db
    .update(users)
    .set({ ...patch, updatedAt: now })
    .where(eq(users.id, userId));
}

export async function setActiveWorkspace(
  services: Pick<Services, 'db'>,
  userId: string,
  workspaceId: string,
): Promise<void> {
  await services.db.update(users).set({ lastWorkspaceId: workspaceId }).where(eq(users.id, userId));
}
