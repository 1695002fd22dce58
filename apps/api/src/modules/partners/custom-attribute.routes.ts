import {
  CustomAttributeDefinitionCreateSchema,
  CustomAttributeDefinitionSchema,
  CustomAttributeDefinitionUpdateSchema,
  IdParamsSchema,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import {
  createCustomAttribute,
  deleteCustomAttribute,
  listCustomAttributes,
  updateCustomAttribute,
} from './custom-attribute.service';

const tags = ['Custom attributes'];
const wrapped = z.object({ attribute: CustomAttributeDefinitionSchema });

export function customAttributeRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/custom-attributes',
      {
        config: { auth: 'attribute.read' },
        schema: {
          tags,
          operationId: 'listCustomAttributes',
          summary: "The workspace's typed partner attributes (a handful, so one page)",
          response: { 200: z.object({ data: z.array(CustomAttributeDefinitionSchema), nextCursor: z.null() }) },
        },
      },
      async (req) => ({ data: await listCustomAttributes(services, ctx(req)), nextCursor: null }),
    );
    app.post(
      '/custom-attributes',
      {
        config: { auth: 'attribute.manage', idempotent: true },
        schema: {
          tags,
          operationId: 'createCustomAttribute',
          body: CustomAttributeDefinitionCreateSchema,
          response: { 201: wrapped },
        },
      },
      async (req, reply) =>
        reply.code(201).send({ attribute: await createCustomAttribute(services, ctx(req), req.body) }),
    );
    app.patch(
      '/custom-attributes/:id',
      {
        config: { auth: 'attribute.manage' },
        schema: {
          tags,
          operationId: 'updateCustomAttribute',
          params: IdParamsSchema,
          body: CustomAttributeDefinitionUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ attribute: await updateCustomAttribute(services, ctx(req), req.params.id, req.body) }),
    );
    app.delete(
      '/custom-attributes/:id',
      {
        config: { auth: 'attribute.manage' },
        schema: {
          tags,
          operationId: 'deleteCustomAttribute',
          summary: 'Deletes an attribute and removes its values from every partner',
          params: IdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteCustomAttribute(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
