import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInFailures } from '../../db/schema/index';

/** ASVS V2.2.1: five failures within 15 minutes lock the e-mail for 15 minutes. */
export const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 15 * 60 * 1000;

export async function lockedUntil(db: Db, email: string, now: Date): Promise<Date | null> {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.email, email));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordFailure(db: Db, email: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  await db.execute(sql`
    INSERT INTO sign_in_failures (email, failed_count, window_started_at)
    VALUES (${email}, 1, ${now.toISOString()}::timestamptz)
    ON CONFLICT (email) DO UPDATE SET
      failed_count = CASE WHEN sign_in_failures.window_started_at < ${windowStart.toISOString()}::timestamptz
        THEN 1 ELSE sign_in_failures.failed_count + 1 END,
      window_started_at = CASE WHEN sign_in_failures.window_started_at < ${windowStart.toISOString()}::timestamptz
        THEN ${now.toISOString()}::timestamptz ELSE sign_in_failures.window_started_at END,
      locked_until = CASE WHEN sign_in_failures.window_started_at >= ${windowStart.toISOString()}::timestamptz
        AND sign_in_failures.failed_count + 1 >= ${MAX_FAILURES} THEN ${lockUntil.toISOString()}::timestamptz
        ELSE sign_in_failures.locked_until END`);
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
