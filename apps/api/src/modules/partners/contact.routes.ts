import {
  ContactCreateSchema,
  ContactListQuerySchema,
  ContactSchema,
  ContactUpdateSchema,
  IdParamsSchema,
  ListQuerySchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import { createContact, deleteContact, listContacts, listPartnerContacts, updateContact } from './contact.service';

const tags = ['Contacts'];
const wrapped = z.object({ contact: ContactSchema });

export function contactRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/contacts',
      {
        config: { auth: 'contact.read' },
        schema: {
          tags,
          operationId: 'listContacts',
          summary: 'People at partners, filtered by partner and searched by name or e-mail',
          querystring: ContactListQuerySchema,
          response: { 200: pageOf(ContactSchema) },
        },
      },
      async (req) => listContacts(services, ctx(req), req.query),
    );
    app.get(
      '/partners/:id/contacts',
      {
        config: { auth: 'contact.read' },
        schema: {
          tags,
          operationId: 'listPartnerContacts',
          params: IdParamsSchema,
          querystring: ListQuerySchema,
          response: { 200: pageOf(ContactSchema) },
        },
      },
      async (req) => listPartnerContacts(services, ctx(req), req.params.id, req.query),
    );
    app.post(
      '/partners/:id/contacts',
      {
        config: { auth: 'contact.manage', idempotent: true },
        schema: {
          tags,
          operationId: 'createContact',
          params: IdParamsSchema,
          body: ContactCreateSchema,
          response: { 201: wrapped },
        },
      },
      async (req, reply) =>
        reply.code(201).send({ contact: await createContact(services, ctx(req), req.params.id, req.body) }),
    );
    app.patch(
      '/contacts/:id',
      {
        config: { auth: 'contact.manage' },
        schema: {
          tags,
          operationId: 'updateContact',
          params: IdParamsSchema,
          body: ContactUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ contact: await updateContact(services, ctx(req), req.params.id, req.body) }),
    );
    app.delete(
      '/contacts/:id',
      {
        config: { auth: 'contact.manage' },
        schema: { tags, operationId: 'deleteContact', params: IdParamsSchema, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await deleteContact(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
