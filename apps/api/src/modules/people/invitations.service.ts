import { createHash, randomBytes } from 'node:crypto';
import { type Invitation, isPartnerRole, type Locale, type Role } from '@trellis/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { invitations, memberships, partnerEvents, partners, users, workspaces } from '../../db/schema/index';
import { inScope, type Scope } from '../../db/scope';
import { enqueue } from '../../jobs/queue';
import { audit } from '../../platform/audit';
import { createPasswordUser } from '../../platform/auth';
import { type Actor, type Ctx, scopeOf } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { notify } from '../notifications/index';
import { presentInvitation } from './members.service';
import { canInvite } from './people.policy';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type CreateInput = { email: string; role: Role; partnerId?: string | null | undefined; name?: string | undefined };

/** Invites a person by e-mail (C18); the message leaves through the outbox after commit. */
export async function createInvitation(
  services: Pick<Services, 'db' | 'config' | 'jobs'>,
  ctx: Ctx,
  input: CreateInput,
): Promise<Invitation> {
  const partnerId = input.partnerId ?? ctx.actor.partnerId ?? null;
  const problem = canInvite(ctx.actor, input.role, partnerId);
  if (problem === 'partner not found') throw notFound('partner');
  if (problem) throw forbidden(problem);
  const token = randomBytes(32).toString('base64url');
  const invitation = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
    if (!workspace) throw notFound('workspace');
    let partnerName: string | null = null;
    if (partnerId) {
      const [p] = await tx
        .select({ name: partners.displayName, status: partners.status })
        .from(partners)
        .where(and(eq(partners.id, partnerId), eq(partners.workspaceId, ctx.actor.workspaceId)));
      if (!p) throw notFound('partner');
      if (p.status === 'terminated') throw new AppError('invalid_state', 'a terminated partner cannot get new users');
      partnerName = p.name;
    }
    const existing = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.actor.workspaceId), eq(users.email, input.email)));
    if (existing.length > 0) throw conflict(`${input.email} is already a member of this workspace`, { field: 'email' });
    const [row] = await tx
      .insert(invitations)
      .values({
        id: uuidv7(),
        workspaceId: ctx.actor.workspaceId,
        email: input.email,
        name: input.name ?? null,
        role: input.role,
        partnerId,
        tokenHash: hashToken(token),
        expiresAt: new Date(ctx.now.getTime() + workspace.settings.invitationTtlHours * 3600_000),
        invitedBy: ctx.actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    const presented = presentInvitation(row, ctx.now);
    await audit(tx, ctx, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: row.id,
      after: presented,
    });
    if (partnerId) {
      await tx.insert(partnerEvents).values({
        id: uuidv7(),
        workspaceId: ctx.actor.workspaceId,
        partnerId,
        type: 'user.invited',
        actorUserId: ctx.actor.userId,
        data: { email: input.email, role: input.role },
        occurredAt: ctx.now,
      });
    }
    await enqueueInvitationMail(
      tx,
      services,
      ctx.actor,
      row,
      token,
      workspace.name,
      partnerName,
      workspace.defaultLocale,
    );
    return presented;
  });
  services.jobs.wake();
  return invitation;
}

async function enqueueInvitationMail(
  tx: Tx,
  services: Pick<Services, 'config'>,
  actor: Actor,
  row: typeof invitations.$inferSelect,
  token: string,
  workspaceName: string,
  partnerName: string | null,
  locale: Locale,
) {
  await enqueue(tx, {
    type: 'mail.send',
    workspaceId: row.workspaceId,
    payload: {
      to: row.email,
      template: 'invitation',
      locale,
      params: {
        inviter: actor.name,
        workspace: workspaceName,
        partner: partnerName ?? '',
        url: `${services.config.publicUrl}/accept-invitation?token=${token}`,
        expires: `${row.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      },
    },
  });
}

/** Revoking or re-sending needs a pending invitation in the actor's scope. */
export async function revokeInvitation(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<Invitation> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findPending(tx, ctx, id);
    const [saved] = await tx
      .update(invitations)
      .set({ revokedAt: ctx.now })
      .where(eq(invitations.id, row.id))
      .returning();
    const presented = presentInvitation(saved as typeof row, ctx.now);
    await audit(tx, ctx, {
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: id,
      before: presentInvitation(row, ctx.now),
      after: presented,
    });
    return presented;
  });
}

export async function resendInvitation(
  services: Pick<Services, 'db' | 'config' | 'jobs'>,
  ctx: Ctx,
  id: string,
): Promise<Invitation> {
  const token = randomBytes(32).toString('base64url');
  const result = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findPending(tx, ctx, id, true);
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, ctx.actor.workspaceId));
    if (!workspace) throw notFound('workspace');
    const [saved] = await tx
      .update(invitations)
      .set({
        tokenHash: hashToken(token),
        expiresAt: new Date(ctx.now.getTime() + workspace.settings.invitationTtlHours * 3600_000),
      })
      .where(eq(invitations.id, row.id))
      .returning();
    if (!saved) throw notFound('invitation');
    let partnerName: string | null = null;
    if (saved.partnerId) {
      const [p] = await tx
        .select({ name: partners.displayName })
        .from(partners)
        .where(eq(partners.id, saved.partnerId));
      partnerName = p?.name ?? null;
    }
    await enqueueInvitationMail(
      tx,
      services,
      ctx.actor,
      saved,
      token,
      workspace.name,
      partnerName,
      workspace.defaultLocale,
    );
    await audit(tx, ctx, { action: 'invitation.resent', targetType: 'invitation', targetId: id });
    return presentInvitation(saved, ctx.now);
  });
  services.jobs.wake();
  return result;
}

async function findPending(tx: Tx, ctx: Ctx, id: string, allowExpired = false) {
  const where = [eq(invitations.id, id), eq(invitations.workspaceId, ctx.actor.workspaceId)];
  if (ctx.actor.partnerId) where.push(eq(invitations.partnerId, ctx.actor.partnerId));
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(...where));
  if (!row) throw notFound('invitation');
  const status = presentInvitation(row, ctx.now).status;
  if (status !== 'pending' && !(allowExpired && status === 'expired')) {
    throw new AppError('invalid_state', `the invitation is ${status}`, { status });
  }
  return row;
}

/** Finds a usable invitation by its token; the RLS policy allows exactly that row. */
async function findByToken(services: Pick<Services, 'db'>, token: string, now: Date) {
  const tokenHash = hashToken(token);
  const lookup: Scope = { workspaceId: null, userId: null, partnerId: null, kind: 'none', invitationToken: tokenHash };
  const row = await inScope(services.db, lookup, async (tx) => {
    const [r] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    return r;
  });
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now) {
    throw new AppError('invalid_token', 'this invitation link has expired, was revoked or was already used');
  }
  const scope: Scope = {
    workspaceId: row.workspaceId,
    userId: null,
    partnerId: row.partnerId,
    kind: row.partnerId ? 'partner' : 'vendor',
    invitationToken: tokenHash,
  };
  return { row, scope };
}

export async function previewInvitation(services: Pick<Services, 'db'>, token: string, now: Date) {
  const { row, scope } = await findByToken(services, token, now);
  return inScope(services.db, scope, async (tx) => {
    const [w] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, row.workspaceId));
    const [p] = row.partnerId
      ? await tx.select({ name: partners.displayName }).from(partners).where(eq(partners.id, row.partnerId))
      : [];
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
    return {
      email: row.email,
      workspaceName: w?.name ?? '',
      role: row.role,
      partnerName: p?.name ?? null,
      userExists: Boolean(u),
      name: row.name,
    };
  });
}

/**
 * Accepting creates the person if new (password required) or attaches the signed-in person, then adds
 * the membership. The invitation is single-use: it is marked accepted in the same transaction.
 */
export async function acceptInvitation(
  services: Pick<Services, 'db' | 'auth' | 'actors'>,
  input: { token: string; name?: string | undefined; password?: string | undefined },
  signedInUserId: string | null,
  meta: { requestId: string; ip: string | null; now: Date },
): Promise<{ userId: string; email: string; workspaceId: string; newUser: boolean }> {
  const { row, scope } = await findByToken(services, input.token, meta.now);
  const [existing] = await services.db.select().from(users).where(eq(users.email, row.email));
  let userId: string;
  let name: string;
  if (existing) {
    if (signedInUserId !== existing.id) {
      throw new AppError('unauthenticated', `sign in as ${row.email} to accept this invitation`);
    }
    userId = existing.id;
    name = existing.name;
  } else {
    if (!input.password) {
      throw new AppError('validation_failed', 'choose a password of at least 12 characters', {
        issues: [{ path: 'body.password', code: 'required', message: 'required for a new account' }],
      });
    }
    name = input.name ?? row.name ?? row.email.split('@')[0] ?? row.email;
    const created = await createPasswordUser(services.auth, { email: row.email, name, password: input.password });
    userId = created.id;
  }
  await inScope(services.db, { ...scope, userId }, async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: meta.now })
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!claimed) throw new AppError('invalid_token', 'this invitation was already used');
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, row.workspaceId), eq(memberships.userId, userId)));
    const membershipId = membership?.id ?? uuidv7();
    if (membership) {
      await tx
        .update(memberships)
        .set({ role: row.role, partnerId: row.partnerId, status: 'active', updatedAt: meta.now })
        .where(eq(memberships.id, membership.id));
    } else {
      await tx.insert(memberships).values({
        id: membershipId,
        workspaceId: row.workspaceId,
        userId,
        role: row.role,
        partnerId: row.partnerId,
        createdAt: meta.now,
        updatedAt: meta.now,
      });
    }
    await tx.update(users).set({ lastWorkspaceId: row.workspaceId }).where(eq(users.id, userId));
    const ctx: Ctx = {
      actor: {
        userId,
        email: row.email,
        name,
        workspaceId: row.workspaceId,
        membershipId,
        role: row.role,
        partnerId: row.partnerId,
        permissions: new Set(),
      },
      requestId: meta.requestId,
      ip: meta.ip,
      now: meta.now,
    };
    await audit(tx, ctx, {
      action: 'invitation.accepted',
      targetType: 'membership',
      targetId: membershipId,
      after: { role: row.role, partnerId: row.partnerId, email: row.email },
    });
    if (row.invitedBy) {
      await notify(tx, {
        workspaceId: row.workspaceId,
        userId: row.invitedBy,
        type: 'invitation.accepted',
        data: { email: row.email, name, role: row.role, partnerId: row.partnerId },
        at: meta.now,
      });
    }
    if (row.partnerId && isPartnerRole(row.role)) {
      await tx.insert(partnerEvents).values({
        id: uuidv7(),
        workspaceId: row.workspaceId,
        partnerId: row.partnerId,
        type: 'user.joined',
        actorUserId: userId,
        data: { email: row.email, role: row.role },
        occurredAt: meta.now,
      });
    }
  });
  services.actors.invalidate(userId);
  return { userId, email: row.email, workspaceId: row.workspaceId, newUser: !existing };
}
