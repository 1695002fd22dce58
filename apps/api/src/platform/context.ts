import type { Permission, Role } from '@trellis/contracts';
import type { Scope } from '../db/scope';

/** A signed-in person acting in one workspace with one role. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  workspaceId: string;
  membershipId: string;
  role: Role;
  /** Set for partner roles: every query is limited to this company. */
  partnerId: string | null;
  permissions: ReadonlySet<Permission>;
};

/** What a use case knows about the request: who, and where from (for the audit log). */
export type Ctx = {
  actor: Actor;
  requestId: string;
  ip: string | null;
  now: Date;
};

export function scopeOf(actor: Actor): Scope {
  return {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    partnerId: actor.partnerId,
    kind: actor.partnerId ? 'partner' : 'vendor',
  };
}

export const isPartnerActor = (actor: Actor) => actor.partnerId !== null;
