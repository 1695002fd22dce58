import {
  IdParamsSchema,
  ListQuerySchema,
  PartnerBulkActionSchema,
  PartnerBulkResultSchema,
  PartnerCreateSchema,
  PartnerDetailSchema,
  PartnerEventSchema,
  PartnerListQuerySchema,
  PartnerSchema,
  PartnerStatusChangeSchema,
  PartnerUpdateSchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { presentedJson } from '../../platform/presented-json';
import { ctxOf } from '../../platform/route-guard';
import {
  bulkUpdatePartners,
  changePartnerStatus,
  createPartner,
  getPartner,
  listPartnerEvents,
  listPartners,
  updatePartner,
  updatePartnerProfile,
} from './partner.service';

const tags = ['Partners'];
const wrapped = z.object({ partner: PartnerDetailSchema });

export function partnerRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/partners',
      {
        config: { auth: 'partner.read' },
        schema: {
          tags,
          operationId: 'listPartners',
          summary: 'Partner directory: search, filter, sort, cursor pagination (partner people see their company)',
          querystring: PartnerListQuerySchema,
          response: { 200: pageOf(PartnerSchema) },
        },
        // Hot path: the presenter's output is the contract (see presented-json.ts and the route tests).
        serializerCompiler: presentedJson,
      },
      async (req) => listPartners(services, ctx(req), req.query),
    );
    app.post(
      '/partners',
      {
        config: { auth: 'partner.create', idempotent: true },
        schema: {
          tags,
          operationId: 'createPartner',
          body: PartnerCreateSchema,
          response: { 201: wrapped },
        },
      },
      async (req, reply) => reply.code(201).send({ partner: await createPartner(services, ctx(req), req.body) }),
    );
    app.post(
      '/partners/bulk',
      {
        config: { auth: 'partner.update' },
        schema: {
          tags,
          operationId: 'bulkUpdatePartners',
          summary: 'Assign owner, change tier, add or remove tags, or change status of up to 500 partners',
          description: 'All or nothing. change_status also needs the partner.change_status permission.',
          body: PartnerBulkActionSchema,
          response: { 200: PartnerBulkResultSchema },
        },
      },
      async (req) => bulkUpdatePartners(services, ctx(req), req.body),
    );
    app.get(
      '/partners/:id',
      {
        config: { auth: 'partner.read' },
        schema: { tags, operationId: 'getPartner', params: IdParamsSchema, response: { 200: wrapped } },
        // Hot path: the presenter's output is the contract (see presented-json.ts and the route tests).
        serializerCompiler: presentedJson,
      },
      async (req) => ({ partner: await getPartner(services, ctx(req), req.params.id) }),
    );
    app.patch(
      '/partners/:id',
      {
        config: { auth: 'partner.update' },
        schema: {
          tags,
          operationId: 'updatePartner',
          params: IdParamsSchema,
          body: PartnerUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ partner: await updatePartner(services, ctx(req), req.params.id, req.body) }),
    );
    app.patch(
      '/partners/:id/profile',
      {
        config: { auth: 'partner.update_own_profile' },
        schema: {
          tags,
          operationId: 'updatePartnerProfile',
          summary: "A partner admin edits their own company's profile (fields the workspace opens to partners)",
          params: IdParamsSchema,
          body: PartnerUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ partner: await updatePartnerProfile(services, ctx(req), req.params.id, req.body) }),
    );
    app.post(
      '/partners/:id/status',
      {
        config: { auth: 'partner.change_status' },
        schema: {
          tags,
          operationId: 'changePartnerStatus',
          summary: 'Moves a partner along applicant → onboarding → active ⇄ suspended → terminated, with a reason',
          params: IdParamsSchema,
          body: PartnerStatusChangeSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ partner: await changePartnerStatus(services, ctx(req), req.params.id, req.body) }),
    );
    app.get(
      '/partners/:id/events',
      {
        config: { auth: 'partner.read' },
        schema: {
          tags,
          operationId: 'listPartnerEvents',
          summary: 'The partner journey: every event, newest first',
          params: IdParamsSchema,
          querystring: ListQuerySchema,
          response: { 200: pageOf(PartnerEventSchema) },
        },
      },
      async (req) => listPartnerEvents(services, ctx(req), req.params.id, req.query),
    );
  };
}
