import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';

/** C22: liveness says the process answers; readiness says the database does too. */
export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.db.execute(sql`SELECT 1`);
      return { status: 'ready', engine: database.engine };
    } catch (err) {
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: err instanceof Error ? err.message : 'database error' });
    }
  });
}
