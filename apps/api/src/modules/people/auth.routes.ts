import { MeSchema, PasswordSchema, ProfileUpdateSchema } from '@trellis/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { CSRF_COOKIE, issueCsrfCookie, toFetchHeaders } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { sessionTokenFrom } from '../../platform/session-cache';
import { loadMe, setActiveWorkspace, updateProfile } from './me.service';
import { clearFailures, lockedUntil, recordFailure } from './sign-in-lockout';

const tags = ['Sign-in and profile'];
const MeResponse = z.object({ me: MeSchema });

/** Copies Better Auth's Set-Cookie headers onto the Fastify reply. */
function forwardCookies(reply: FastifyReply, headers: Headers): void {
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}

export function authRoutes(services: Services): FastifyPluginAsyncZod {
  const secure = services.config.publicUrl.startsWith('https://');
  return async (app) => {
    app.post(
      '/auth/sign-in',
      {
        config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          operationId: 'signIn',
          summary: 'Sign in with e-mail and password; sets the session and CSRF cookies',
          body: z.object({ email: z.email().max(254).toLowerCase(), password: z.string().min(1).max(128) }).strict(),
          response: { 200: MeResponse },
        },
      },
      async (req, reply) => {
        const now = services.now();
        const { email, password } = req.body;
        const until = await lockedUntil(services.db, email, now);
        if (until) {
          throw new AppError('account_locked', 'too many failed sign-ins; try again later or reset your password', {
            retryAt: until.toISOString(),
          });
        }
        const result = await services.auth.api
          .signInEmail({ body: { email, password }, headers: toFetchHeaders(req.headers), returnHeaders: true })
          .catch(async () => {
            await recordFailure(services.db, email, now);
            throw new AppError('unauthenticated', 'wrong e-mail or password');
          });
        await clearFailures(services.db, email);
        forwardCookies(reply, result.headers);
        issueCsrfCookie(reply, secure);
        const user = result.response.user;
        const actor = await services.actors.resolve({ id: user.id, email: user.email, name: user.name }, undefined);
        return { me: await loadMe(services, user.id, actor) };
      },
    );

    app.post(
      '/auth/sign-out',
      { config: { auth: 'session' }, schema: { tags, operationId: 'signOut', response: { 204: z.null() } } },
      async (req, reply) => {
        const token = sessionTokenFrom(req.headers.cookie);
        if (token) services.sessions.evict(token);
        const result = await services.auth.api.signOut({ headers: toFetchHeaders(req.headers), returnHeaders: true });
        forwardCookies(reply, result.headers);
        reply.header('set-cookie', [
          ...((reply.getHeader('set-cookie') as string[] | undefined) ?? []),
          `${CSRF_COOKIE}=; Path=/; Max-Age=0`,
        ]);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset/request',
      {
        config: { auth: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags,
          operationId: 'requestPasswordReset',
          summary: 'E-mails a reset link if the address has an account; answers the same either way',
          body: z.object({ email: z.email().max(254).toLowerCase() }).strict(),
          response: { 202: z.object({ status: z.literal('accepted') }) },
        },
      },
      async (req, reply) => {
        await services.auth.api
          .requestPasswordReset({ body: { email: req.body.email, redirectTo: '/reset-password' } })
          .catch((err: unknown) => req.log.warn({ err }, 'password reset request failed'));
        return reply.code(202).send({ status: 'accepted' as const });
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          operationId: 'confirmPasswordReset',
          body: z.object({ token: z.string().min(10).max(200), password: PasswordSchema }).strict(),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        try {
          await services.auth.api.resetPassword({ body: { token: req.body.token, newPassword: req.body.password } });
          // Better Auth revoked the person's sessions; forget them here too.
          services.sessions.clear();
        } catch {
          throw new AppError('invalid_token', 'this reset link has expired or was already used; ask for a new one');
        }
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      { config: { auth: 'session' }, schema: { tags, operationId: 'getMe', response: { 200: MeResponse } } },
      async (req) => ({ me: await loadMe(services, req.sessionUser?.id as string, req.actor) }),
    );

    app.patch(
      '/me',
      {
        config: { auth: 'session' },
        schema: { tags, operationId: 'updateMe', body: ProfileUpdateSchema, response: { 200: MeResponse } },
      },
      async (req) => {
        const userId = req.sessionUser?.id as string;
        await updateProfile(services, userId, req.body, services.now());
        return { me: await loadMe(services, userId, req.actor) };
      },
    );

    app.post(
      '/me/active-workspace',
      {
        config: { auth: 'session' },
        schema: {
          tags,
          operationId: 'switchWorkspace',
          body: z.object({ workspaceId: z.uuid() }).strict(),
          response: { 200: MeResponse },
        },
      },
      async (req) => {
        const user = req.sessionUser as NonNullable<typeof req.sessionUser>;
        const actor = await services.actors.resolve(user, req.body.workspaceId);
        if (!actor) throw new AppError('not_found', 'workspace not found');
        await setActiveWorkspace(services, user.id, actor.workspaceId);
        services.actors.invalidate(user.id);
        return { me: await loadMe(services, user.id, actor) };
      },
    );
  };
}
