import { type Permission, PermissionValues } from '@trellis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActorResolver } from './actors';
import { type Auth, CSRF_COOKIE, toFetchHeaders } from './auth';
import type { Actor, Ctx } from './context';
import { AppError } from './errors';
import { type SessionCache, sessionTokenFrom } from './session-cache';

export type RouteAuth = 'public' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Create routes: honour Idempotency-Key (ARCHITECTURE §3). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    sessionUser: { id: string; email: string; name: string } | null;
    actor: Actor | null;
  }
}

/** Routes registered by documentation plugins, public by nature. */
const DOC_PREFIXES = ['/api/docs', '/api/openapi.json'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * ARCHITECTURE §3.2: every route declares config.auth or the server refuses to start; the declared
 * level is enforced before validation, so anonymous callers learn nothing from error details.
 */
export type RouteEntry = { method: string; url: string; auth: RouteAuth };

export function installRouteGuard(
  app: FastifyInstance,
  auth: Auth,
  actors: ActorResolver,
  sessions: SessionCache,
  table: RouteEntry[],
): void {
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api') && url !== '/healthz' && url !== '/readyz') return;
    if (DOC_PREFIXES.some((p) => url.startsWith(p))) {
      route.config = { ...(route.config ?? {}), auth: 'public' };
      return;
    }
    const level = (route.config as { auth?: string } | undefined)?.auth;
    if (!level) throw new Error(`route ${String(route.method)} ${url} does not declare config.auth`);
    if (level !== 'public' && level !== 'session' && !(PermissionValues as readonly string[]).includes(level)) {
      throw new Error(`route ${String(route.method)} ${url} declares unknown permission ${level}`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url, auth: level as RouteAuth });
    }
  });

  app.addHook('onRequest', async (req) => {
    const level = req.routeOptions.config.auth;
    if (!level) return;
    const token = sessionTokenFrom(req.headers.cookie);
    if (level === 'public' && !token) return;
    if (token) {
      req.sessionUser = sessions.get(token);
      if (!req.sessionUser) {
        const session = await auth.api.getSession({ headers: toFetchHeaders(req.headers) });
        if (session) {
          req.sessionUser = { id: session.user.id, email: session.user.email, name: session.user.name };
          sessions.set(token, req.sessionUser);
        }
      }
    }
    if (level === 'public') return;
    if (!req.sessionUser) throw new AppError('unauthenticated', 'sign in first');
    if (UNSAFE.has(req.method)) assertCsrf(req);
    const requested = req.headers['x-workspace-id'];
    const workspaceId = typeof requested === 'string' && requested.length > 0 ? requested : undefined;
    if (workspaceId && !/^[0-9a-f-]{36}$/i.test(workspaceId)) {
      throw new AppError('bad_request', 'X-Workspace-Id must be a workspace id');
    }
    req.actor = await actors.resolve(req.sessionUser, workspaceId);
    if (level === 'session') return;
    if (!req.actor) {
      throw new AppError(
        'forbidden',
        workspaceId ? 'you are not a member of that workspace' : 'you belong to no workspace',
      );
    }
    if (!req.actor.permissions.has(level))
      throw new AppError('forbidden', `your role may not ${level.replace('.', ' ')}`);
  });
}

/** Double-submit CSRF check: the non-httpOnly CSRF cookie must come back as a header. */
function assertCsrf(req: FastifyRequest): void {
  const cookie = req.cookies?.[CSRF_COOKIE];
  const header = req.headers['x-csrf-token'];
  if (!cookie || typeof header !== 'string' || header !== cookie) {
    throw new AppError('forbidden', 'missing or wrong X-CSRF-Token header');
  }
}

export function ctxOf(req: FastifyRequest, now: Date): Ctx {
  if (!req.actor) throw new AppError('forbidden', 'this needs a workspace membership');
  return { actor: req.actor, requestId: String(req.id), ip: req.ip ?? null, now };
}
