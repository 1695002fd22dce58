import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema/index';
import { inScope } from '../db/scope';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { userId: string; key: string } | null;
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key on creates (ARCHITECTURE §3): the same key and body replays the stored response; the
 * same key with another body is 409 idempotency_key_reused; a key still in flight is 409 in_use.
 * 5xx responses are not stored, so the client may retry them. The hooks are attached only to routes
 * declaring config.idempotent, so other requests (every read) do not pass through them.
 */
export function installIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', null);

  const preHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('bad_request', 'Idempotency-Key must be 1–255 visible ASCII characters');
    }
    const userId = req.sessionUser?.id;
    if (!userId) return;
    const path = req.routeOptions.url ?? req.url;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${req.actor?.workspaceId ?? ''}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const scope = { workspaceId: null, userId, partnerId: null, kind: 'none' as const };
    const existing = await inScope(db, scope, async (tx) => {
      const [row] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (row) return row;
      await tx
        .insert(idempotencyKeys)
        .values({ userId, key, method: req.method, path, requestHash, workspaceId: req.actor?.workspaceId ?? null });
      return null;
    });
    if (existing) {
      if (existing.requestHash !== requestHash) {
        throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with a different request');
      }
      if (existing.responseStatus === null) {
        throw new AppError('idempotency_key_in_use', 'a request with this Idempotency-Key is still in progress');
      }
      reply.header('idempotent-replayed', 'true');
      return reply.code(existing.responseStatus).send(existing.responseBody);
    }
    req.idempotency = { userId, key };
  };

  const onSend = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    const scope = { workspaceId: null, userId: idem.userId, partnerId: null, kind: 'none' as const };
    const where = and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key));
    await inScope(db, scope, async (tx) => {
      if (reply.statusCode >= 500) {
        await tx.delete(idempotencyKeys).where(where);
        return;
      }
      const body = typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null;
      await tx.update(idempotencyKeys).set({ responseStatus: reply.statusCode, responseBody: body }).where(where);
    });
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [...[route.preHandler ?? []].flat(), preHandler];
    route.onSend = [...[route.onSend ?? []].flat(), onSend];
  });
}
