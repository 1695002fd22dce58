import {
  IdParamsSchema,
  LeadAssignSchema,
  LeadBoardSchema,
  LeadBulkRouteResultSchema,
  LeadBulkRouteSchema,
  LeadCreateSchema,
  LeadDetailSchema,
  LeadListQuerySchema,
  LeadPartnerProfileSchema,
  LeadPartnerProfileUpdateSchema,
  LeadRecallSchema,
  LeadRoutingDecisionSchema,
  LeadRoutingSettingsResponseSchema,
  LeadRoutingSettingsSchema,
  LeadRoutingSettingsUpdateSchema,
  LeadSchema,
  LeadStatsQuerySchema,
  LeadStatsSchema,
  LeadUpdateSchema,
  ListQuerySchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import {
  assignLead,
  bulkRoute,
  createLead,
  getLead,
  getLeadDecision,
  getPartnerProfile,
  getRoutingSettings,
  leadBoard,
  listLeads,
  listQueue,
  putPartnerProfile,
  putRoutingSettings,
  recallLead,
  routeLead,
  updateLead,
} from './lead.service';
import { leadStats } from './lead.stats';

const tags = ['Leads'];
const wrapped = z.object({ lead: LeadDetailSchema });
const PartnerParamsSchema = z.object({ partnerId: z.uuid() });

/** C5 vendor side: leads, routing with stored explanations, manual assignment, recall, rules, board and figures. */
export function leadRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/leads',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'listLeads',
          summary: 'Leads, newest first, filtered by status, partner, country, source, text, SLA end',
          querystring: LeadListQuerySchema,
          response: { 200: pageOf(LeadSchema) },
        },
      },
      async (req) => listLeads(services, ctx(req), req.query),
    );
    app.post(
      '/leads',
      {
        config: { auth: 'lead.manage', idempotent: true },
        schema: {
          tags,
          operationId: 'createLead',
          summary: 'Creates a lead and routes it at once (route: false leaves it new); send an Idempotency-Key',
          body: LeadCreateSchema,
          response: { 201: wrapped },
        },
      },
      async (req, reply) => reply.code(201).send({ lead: await createLead(services, ctx(req), req.body) }),
    );
    app.get(
      '/leads/board',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'getLeadBoard',
          summary: 'Counts by status, offers about to lapse, the fallback queue',
          response: { 200: z.object({ board: LeadBoardSchema }) },
        },
      },
      async (req) => ({ board: await leadBoard(services, ctx(req)) }),
    );
    app.get(
      '/leads/stats',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'getLeadStats',
          summary:
            'Per partner: offers against the share its weights promise, time to accept, acceptance and conversion',
          querystring: LeadStatsQuerySchema,
          response: { 200: z.object({ stats: LeadStatsSchema }) },
        },
      },
      async (req) => ({ stats: await leadStats(services, ctx(req), req.query.days) }),
    );
    app.get(
      '/leads/queue',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'listLeadFallbackQueue',
          summary: 'The fallback queue: unassigned leads, oldest first',
          querystring: ListQuerySchema,
          response: { 200: pageOf(LeadSchema) },
        },
      },
      async (req) => listQueue(services, ctx(req), req.query),
    );
    app.post(
      '/leads/bulk-route',
      {
        config: { auth: 'lead.manage' },
        schema: {
          tags,
          operationId: 'bulkRouteLeads',
          summary: 'Routes many leads (ids, or every new and unassigned lead up to limit) in one go',
          body: LeadBulkRouteSchema,
          response: { 200: z.object({ result: LeadBulkRouteResultSchema }) },
        },
      },
      async (req) => ({ result: await bulkRoute(services, ctx(req), req.body) }),
    );
    app.get(
      '/leads/routing-settings',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'getLeadRoutingSettings',
          response: { 200: z.object({ settings: LeadRoutingSettingsSchema }) },
        },
      },
      async (req) => ({ settings: await getRoutingSettings(services, ctx(req)) }),
    );
    app.put(
      '/leads/routing-settings',
      {
        config: { auth: 'lead.settings' },
        schema: {
          tags,
          operationId: 'putLeadRoutingSettings',
          summary:
            'Saves rules and settings after validating the whole rule set; errors refuse with every issue at its path (422), warnings come back',
          body: LeadRoutingSettingsUpdateSchema,
          response: { 200: LeadRoutingSettingsResponseSchema },
        },
      },
      async (req) => putRoutingSettings(services, ctx(req), req.body),
    );
    app.get(
      '/leads/partner-profiles/:partnerId',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'getLeadPartnerProfile',
          params: PartnerParamsSchema,
          response: { 200: z.object({ profile: LeadPartnerProfileSchema }) },
        },
      },
      async (req) => ({ profile: await getPartnerProfile(services, ctx(req), req.params.partnerId) }),
    );
    app.put(
      '/leads/partner-profiles/:partnerId',
      {
        config: { auth: 'lead.settings' },
        schema: {
          tags,
          operationId: 'putLeadPartnerProfile',
          summary: 'Languages the partner serves and its own cap on open leads',
          params: PartnerParamsSchema,
          body: LeadPartnerProfileUpdateSchema,
          response: { 200: z.object({ profile: LeadPartnerProfileSchema }) },
        },
      },
      async (req) => ({ profile: await putPartnerProfile(services, ctx(req), req.params.partnerId, req.body) }),
    );
    app.get(
      '/leads/:id',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'getLead',
          summary: 'The lead with its latest routing decision explained, its history and abilities',
          params: IdParamsSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await getLead(services, ctx(req), req.params.id) }),
    );
    app.get(
      '/leads/:id/decisions/:decisionId',
      {
        config: { auth: 'lead.read' },
        schema: {
          tags,
          operationId: 'getLeadDecision',
          summary: 'An earlier routing decision of the lead, explained (each routed or fallback hop names one)',
          params: z.object({ id: z.uuid(), decisionId: z.uuid() }),
          response: { 200: z.object({ decision: LeadRoutingDecisionSchema }) },
        },
      },
      async (req) => ({
        decision: await getLeadDecision(services, ctx(req), req.params.id, req.params.decisionId),
      }),
    );
    app.patch(
      '/leads/:id',
      {
        config: { auth: 'lead.manage' },
        schema: {
          tags,
          operationId: 'updateLead',
          params: IdParamsSchema,
          body: LeadUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await updateLead(services, ctx(req), req.params.id, req.body) }),
    );
    app.post(
      '/leads/:id/route',
      {
        config: { auth: 'lead.manage' },
        schema: {
          tags,
          operationId: 'routeLead',
          summary: 'Routes a new or unassigned lead now; 409 invalid_state with the status when someone was faster',
          params: IdParamsSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await routeLead(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/leads/:id/assign',
      {
        config: { auth: 'lead.manage' },
        schema: {
          tags,
          operationId: 'assignLead',
          summary: 'Hands the lead to a partner by hand (assign, or reassign from the partner holding it)',
          params: IdParamsSchema,
          body: LeadAssignSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await assignLead(services, ctx(req), req.params.id, req.body) }),
    );
    app.post(
      '/leads/:id/recall',
      {
        config: { auth: 'lead.manage' },
        schema: {
          tags,
          operationId: 'recallLead',
          summary: 'Takes the lead back from its partner and routes it to the next (or to the fallback queue)',
          params: IdParamsSchema,
          body: LeadRecallSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await recallLead(services, ctx(req), req.params.id, req.body) }),
    );
  };
}
