import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { auditRoutes } from './audit.routes';

export async function registerAudit(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(auditRoutes(services));
}
