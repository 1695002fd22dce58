import { IdParamsSchema, TierCreateSchema, TierSchema, TierUpdateSchema } from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import { createTier, deleteTier, listTiers, updateTier } from './tier.service';

const tags = ['Tiers'];
const wrapped = z.object({ tier: TierSchema });

export function tierRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/tiers',
      {
        config: { auth: 'tier.read' },
        schema: {
          tags,
          operationId: 'listTiers',
          summary: 'Every tier of the program, lowest rank first (a program has a handful, so one page)',
          response: { 200: z.object({ data: z.array(TierSchema), nextCursor: z.null() }) },
        },
      },
      async (req) => ({ data: await listTiers(services, ctx(req)), nextCursor: null }),
    );
    app.post(
      '/tiers',
      {
        config: { auth: 'tier.manage', idempotent: true },
        schema: { tags, operationId: 'createTier', body: TierCreateSchema, response: { 201: wrapped } },
      },
      async (req, reply) => reply.code(201).send({ tier: await createTier(services, ctx(req), req.body) }),
    );
    app.patch(
      '/tiers/:id',
      {
        config: { auth: 'tier.manage' },
        schema: {
          tags,
          operationId: 'updateTier',
          params: IdParamsSchema,
          body: TierUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ tier: await updateTier(services, ctx(req), req.params.id, req.body) }),
    );
    app.delete(
      '/tiers/:id',
      {
        config: { auth: 'tier.manage' },
        schema: {
          tags,
          operationId: 'deleteTier',
          summary: 'Deletes a tier no partner holds',
          params: IdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteTier(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
