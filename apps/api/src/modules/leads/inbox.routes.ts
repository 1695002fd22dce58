import {
  IdParamsSchema,
  LeadConvertResultSchema,
  LeadConvertSchema,
  LeadDeclineSchema,
  LeadInboxDetailSchema,
  LeadInboxItemSchema,
  LeadInboxQuerySchema,
  LeadStatusUpdateSchema,
  LeadWebFormResultSchema,
  LeadWebFormSchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import { acceptLead, convertLead, declineLead, getInboxLead, listInbox, setLeadStatus } from './inbox.service';
import { submitWebForm } from './webform.service';

const tags = ['Lead inbox'];
const wrapped = z.object({ lead: LeadInboxDetailSchema });

/** C5 partner side: the inbox of the partner's company, accept / decline, status, convert. */
export function inboxRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/lead-inbox',
      {
        config: { auth: 'lead.work' },
        schema: {
          tags,
          operationId: 'listLeadInbox',
          summary:
            'Leads your company holds, newest first; contact details hidden until accepted if the vendor says so',
          querystring: LeadInboxQuerySchema,
          response: { 200: pageOf(LeadInboxItemSchema) },
        },
      },
      async (req) => listInbox(services, ctx(req), req.query),
    );
    app.get(
      '/lead-inbox/:id',
      {
        config: { auth: 'lead.work' },
        schema: {
          tags,
          operationId: 'getLeadInboxItem',
          summary: 'One lead of your inbox; a lead taken back from you answers 409 with its state',
          params: IdParamsSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await getInboxLead(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/lead-inbox/:id/accept',
      {
        config: { auth: 'lead.work' },
        schema: {
          tags,
          operationId: 'acceptLead',
          summary: 'Accepts an offered lead (the SLA stops); a recalled lead answers 409 conflict with state and time',
          params: IdParamsSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await acceptLead(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/lead-inbox/:id/decline',
      {
        config: { auth: 'lead.work' },
        schema: {
          tags,
          operationId: 'declineLead',
          summary: 'Declines an offered lead with a reason; it goes to the next partner and never comes back to you',
          params: IdParamsSchema,
          body: LeadDeclineSchema,
          response: { 200: z.object({ declined: z.literal(true), leadId: z.uuid() }) },
        },
      },
      async (req) => declineLead(services, ctx(req), req.params.id, req.body),
    );
    app.post(
      '/lead-inbox/:id/status',
      {
        config: { auth: 'lead.work' },
        schema: {
          tags,
          operationId: 'setLeadStatus',
          summary: 'Contacted, qualified, or lost with a reason',
          params: IdParamsSchema,
          body: LeadStatusUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ lead: await setLeadStatus(services, ctx(req), req.params.id, req.body) }),
    );
    app.post(
      '/lead-inbox/:id/convert',
      {
        config: { auth: 'lead.work', idempotent: true },
        schema: {
          tags,
          operationId: 'convertLead',
          summary:
            'Converts an accepted lead to a deal registration pre-filled from it (pre-approved when the vendor says so)',
          params: IdParamsSchema,
          body: LeadConvertSchema,
          response: { 201: LeadConvertResultSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await convertLead(services, ctx(req), req.params.id, req.body)),
    );
  };
}

const WorkspaceKeyParamsSchema = z.object({ workspace: z.string().trim().min(1).max(100) });

/** C5 web-to-lead: a public form per workspace, rate-limited, with a honeypot and duplicate suppression. */
export function webFormRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/public/workspaces/:workspace/leads',
      {
        config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['Web-to-lead'],
          operationId: 'submitWebLead',
          summary:
            'A web form’s lead for the workspace (slug or id). Answers 202 alike for stored, duplicate and honeypot submissions',
          params: WorkspaceKeyParamsSchema,
          body: LeadWebFormSchema,
          response: { 202: LeadWebFormResultSchema },
        },
      },
      async (req, reply) => {
        await submitWebForm(services, req.params.workspace, req.body);
        return reply.code(202).send({ received: true });
      },
    );
  };
}
