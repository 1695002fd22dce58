import type { Locale, Role } from '@trellis/contracts';
import { PartnerProfileFieldValues } from '@trellis/contracts';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import { memberships, users, workspaces } from '../../db/schema/index';
import { inScope } from '../../db/scope';
import { createPasswordUser } from '../../platform/auth';

export type NewWorkspace = {
  name: string;
  slug: string;
  baseCurrency: string;
  defaultLocale: Locale;
  timeZone: string;
};

/** Creates a workspace (CLI, demo seed, tests). Runs as its first vendor actor so RLS admits the insert. */
export async function createWorkspace(services: Pick<Services, 'db'>, input: NewWorkspace): Promise<string> {
  const id = uuidv7();
  await inScope(services.db, { workspaceId: id, userId: null, partnerId: null, kind: 'vendor' }, async (tx) => {
    await tx.insert(workspaces).values({
      id,
      ...input,
      settings: {
        partnerEditableFields: PartnerProfileFieldValues.filter((f) => f !== 'logoUrl'),
        invitationTtlHours: 72,
      },
    });
  });
  return id;
}

/** Finds a person by e-mail or creates them with a password. */
export async function ensureUser(
  services: Pick<Services, 'db' | 'auth'>,
  input: { email: string; name: string; password: string; locale?: Locale },
): Promise<string> {
  const email = input.email.toLowerCase();
  const [existing] = await services.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const user = await createPasswordUser(services.auth, { email, name: input.name, password: input.password });
  if (input.locale) await services.db.update(users).set({ locale: input.locale }).where(eq(users.id, user.id));
  return user.id;
}

/** Adds (or re-activates) a membership without an invitation: CLI and seeding only. */
export async function addMembership(
  services: Pick<Services, 'db'>,
  input: { workspaceId: string; userId: string; role: Role; partnerId?: string | null },
): Promise<string> {
  const partnerId = input.partnerId ?? null;
  const scope = {
    workspaceId: input.workspaceId,
    userId: input.userId,
    partnerId,
    kind: partnerId ? ('partner' as const) : ('vendor' as const),
  };
  return inScope(services.db, scope, async (tx) => {
    const id = uuidv7();
    const [row] = await tx
      .insert(memberships)
      .values({ id, workspaceId: input.workspaceId, userId: input.userId, role: input.role, partnerId })
      .onConflictDoUpdate({
        target: [memberships.workspaceId, memberships.userId],
        set: { role: input.role, partnerId, status: 'active' },
      })
      .returning({ id: memberships.id });
    return row?.id ?? id;
  });
}
