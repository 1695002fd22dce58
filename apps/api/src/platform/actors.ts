import { ROLE_PERMISSIONS, type Role } from '@trellis/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { memberships, partners, users } from '../db/schema/index';
import { inScope, scopeSettingsSql } from '../db/scope';
import type { Actor } from './context';

type SessionUser = { id: string; email: string; name: string };
type Entry = { actor: Actor | null; expires: number };

const TTL_MS = 5_000;

/**
 * Turns a signed-in person plus the workspace they asked for into an Actor. Memberships change rarely
 * and are read on every request, so they are cached for a few seconds; changes made through this
 * process invalidate at once (C18: a deactivated person loses access within TTL_MS everywhere).
 */
export class ActorResolver {
  private readonly cache = new Map<string, Entry>();
  /** Loads under way: concurrent requests of one person share one instead of each querying. */
  private readonly loading = new Map<string, Promise<Actor | null>>();
  /** Bumped by invalidate(): a load that started before a change must not cache what it read. */
  private generation = 0;

  constructor(private readonly db: Db) {}

  async resolve(user: SessionUser, requestedWorkspaceId: string | undefined): Promise<Actor | null> {
    const key = `${user.id}:${requestedWorkspaceId ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.actor;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const load = this.load(user, requestedWorkspaceId)
      .then((actor) => {
        if (generation === this.generation) {
          if (this.cache.size > 10_000) this.cache.clear();
          this.cache.set(key, { actor, expires: Date.now() + TTL_MS });
        }
        return actor;
      })
      .finally(() => {
        if (this.loading.get(key) === load) this.loading.delete(key);
      });
    this.loading.set(key, load);
    return load;
  }

  invalidate(userId?: string): void {
    this.generation += 1;
    if (!userId) {
      this.cache.clear();
      this.loading.clear();
      return;
    }
    for (const key of this.cache.keys()) if (key.startsWith(`${userId}:`)) this.cache.delete(key);
    for (const key of this.loading.keys()) if (key.startsWith(`${userId}:`)) this.loading.delete(key);
  }

  private async load(user: SessionUser, requestedWorkspaceId: string | undefined): Promise<Actor | null> {
    const scope = { workspaceId: null, userId: user.id, partnerId: null, kind: 'none' as const };
    return inScope(this.db, scope, async (tx) => {
      const rows = await tx
        .select({
          id: memberships.id,
          workspaceId: memberships.workspaceId,
          role: memberships.role,
          partnerId: memberships.partnerId,
        })
        .from(memberships)
        .where(and(eq(memberships.userId, user.id), eq(memberships.status, 'active')))
        .orderBy(asc(memberships.createdAt));
      if (rows.length === 0) return null;
      let chosen = requestedWorkspaceId ? rows.find((r) => r.workspaceId === requestedWorkspaceId) : undefined;
      if (requestedWorkspaceId && !chosen) return null;
      if (!chosen) {
        const [u] = await tx.select({ last: users.lastWorkspaceId }).from(users).where(eq(users.id, user.id));
        chosen = rows.find((r) => r.workspaceId === u?.last) ?? rows[0];
      }
      if (!chosen) return null;
      if (chosen.partnerId) {
        // C2: a terminated partner's people lose the portal. Read the status in that partner's own scope.
        await tx.execute(
          sql.raw(
            scopeSettingsSql({
              workspaceId: chosen.workspaceId,
              userId: user.id,
              partnerId: chosen.partnerId,
              kind: 'partner',
            }),
          ),
        );
        const [company] = await tx
          .select({ status: partners.status })
          .from(partners)
          .where(eq(partners.id, chosen.partnerId));
        if (!company || company.status === 'terminated') return null;
      }
      const role = chosen.role as Role;
      return {
        userId: user.id,
        email: user.email,
        name: user.name,
        workspaceId: chosen.workspaceId,
        membershipId: chosen.id,
        role,
        partnerId: chosen.partnerId,
        permissions: new Set(ROLE_PERMISSIONS[role]),
      };
    });
  }
}
