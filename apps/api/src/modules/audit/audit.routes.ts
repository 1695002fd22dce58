import { AuditEntrySchema, AuditListQuerySchema, pageOf } from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import { listAudit } from './audit.service';

export function auditRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit-log',
      {
        config: { auth: 'audit.read' },
        schema: {
          tags: ['Audit log'],
          operationId: 'listAuditLog',
          summary: 'Every change with actor, action, target, before/after, request id and IP; newest first',
          querystring: AuditListQuerySchema,
          response: { 200: pageOf(AuditEntrySchema) },
        },
      },
      async (req) => listAudit(services, ctxOf(req, services.now()), req.query),
    );
  };
}
