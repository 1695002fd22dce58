import { IdParamsSchema, SavedViewCreateSchema, SavedViewSchema } from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import { createSavedView, deleteSavedView, listSavedViews } from './saved-view.service';

const tags = ['Partners'];

export function savedViewRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/saved-views',
      {
        config: { auth: 'partner.read' },
        schema: {
          tags,
          operationId: 'listSavedViews',
          summary: 'Your saved partner-list views (segments)',
          response: { 200: z.object({ data: z.array(SavedViewSchema), nextCursor: z.null() }) },
        },
      },
      async (req) => ({ data: await listSavedViews(services, ctx(req)), nextCursor: null }),
    );
    app.post(
      '/saved-views',
      {
        config: { auth: 'partner.read', idempotent: true },
        schema: {
          tags,
          operationId: 'createSavedView',
          summary: 'Saves a partner-list query (any GET /partners parameters) and its columns',
          body: SavedViewCreateSchema,
          response: { 201: z.object({ savedView: SavedViewSchema }) },
        },
      },
      async (req, reply) => reply.code(201).send({ savedView: await createSavedView(services, ctx(req), req.body) }),
    );
    app.delete(
      '/saved-views/:id',
      {
        config: { auth: 'partner.read' },
        schema: { tags, operationId: 'deleteSavedView', params: IdParamsSchema, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await deleteSavedView(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
