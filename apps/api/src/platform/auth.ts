import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { FastifyReply } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { accounts, sessions, users, verifications } from '../db/schema/index';
import { hashPassword, verifyPassword } from './passwords';

export const SESSION_COOKIE_PREFIX = 'trellis';
export const CSRF_COOKIE = 'trellis_csrf';

/**
 * Identity (users, sessions, passwords, resets) is Better Auth's; memberships and roles are ours.
 * Sign-up is closed: people arrive by invitation or `trellis create-admin`.
 */
export function createAuth(
  config: Pick<Config, 'publicUrl' | 'authSecret' | 'logLevel'>,
  db: Db,
  onResetPassword: (user: { id: string; email: string }, token: string) => Promise<void>,
) {
  return betterAuth({
    appName: 'Trellis',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: config.authSecret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      usePlural: true,
      schema: { users, sessions, accounts, verifications },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => onResetPassword(user, token),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      // A signed cookie caches the session for a minute, so most requests skip the session lookup.
      cookieCache: { enabled: true, maxAge: 60 },
    },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: config.publicUrl.startsWith('https://'),
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true },
      database: { generateId: () => uuidv7() },
    },
    trustedOrigins: [config.publicUrl],
    telemetry: { enabled: false },
    logger: { disabled: config.logLevel === 'silent' },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Better Auth speaks Fetch; Fastify gives Node headers. */
export function toFetchHeaders(headers: Record<string, string | string[] | undefined>): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) out.append(k, item);
    else out.set(k, v);
  }
  return out;
}

/** Double-submit CSRF token: readable by the web app, echoed back as X-CSRF-Token on writes. */
export function issueCsrfCookie(reply: FastifyReply, secure: boolean): void {
  const existing = reply.getHeader('set-cookie');
  const list = Array.isArray(existing) ? existing.map(String) : existing ? [String(existing)] : [];
  list.push(
    `${CSRF_COOKIE}=${randomBytes(24).toString('base64url')}; Path=/; SameSite=Strict${secure ? '; Secure' : ''}`,
  );
  reply.header('set-cookie', list);
}

/** Creates a person with a password credential (invitation acceptance, `trellis create-admin`). */
export async function createPasswordUser(auth: Auth, input: { email: string; name: string; password: string }) {
  const ctx = await auth.$context;
  const user = await ctx.internalAdapter.createUser(
    { email: input.email, name: input.name, emailVerified: true },
    { method: 'email-password' },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: await ctx.password.hash(input.password),
  });
  return user;
}
