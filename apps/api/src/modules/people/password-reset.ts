import type { Locale } from '@trellis/contracts';
import { eq } from 'drizzle-orm';
import type { Services } from '../../app';
import { users } from '../../db/schema/index';
import { inScope, NO_SCOPE } from '../../db/scope';
import { enqueue } from '../../jobs/queue';

/** Better Auth calls this with a fresh reset token; the e-mail leaves through the outbox. */
export async function requestPasswordResetMail(
  services: Pick<Services, 'db' | 'config' | 'jobs'>,
  user: { id: string; email: string },
  token: string,
): Promise<void> {
  await inScope(services.db, NO_SCOPE, async (tx) => {
    const [row] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    await enqueue(tx, {
      type: 'mail.send',
      workspaceId: null,
      payload: {
        to: user.email,
        template: 'password_reset',
        locale: (row?.locale as Locale | null) ?? 'en',
        params: { url: `${services.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}` },
      },
    });
  });
  services.jobs.wake();
}
