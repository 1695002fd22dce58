import {
  ConflictHintRequestSchema,
  ConflictHintSchema,
  DealOptionalReasonSchema,
  DealOutcomeSchema,
  DealReasonSchema,
  DealRegistrationCreateSchema,
  DealRegistrationDetailSchema,
  DealRegistrationListQuerySchema,
  DealRegistrationSchema,
  DealRegistrationUpdateSchema,
  DealSettingsSchema,
  DealSettingsUpdateSchema,
  DealVendorOutcomeSchema,
  IdParamsSchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { presentedJson } from '../../platform/presented-json';
import { ctxOf } from '../../platform/route-guard';
import {
  closeRegistration,
  conflictHint,
  createRegistration,
  decideRegistration,
  extendRegistration,
  getDealSettings,
  getRegistration,
  listRegistrations,
  recordOutcome,
  requestExtension,
  submitRegistration,
  updateDealSettings,
  updateRegistration,
} from './deal.service';

const tags = ['Deal registrations'];
const wrapped = z.object({ registration: DealRegistrationDetailSchema });

/** C4: deal registration, conflict hint, review, protection and the program's rules. */
export function dealRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/deal-registrations',
      {
        config: { auth: 'deal.read' },
        schema: {
          tags,
          operationId: 'listDealRegistrations',
          summary: 'Registrations, newest first (partner people see their company’s; queue=mine is a review queue)',
          querystring: DealRegistrationListQuerySchema,
          response: { 200: pageOf(DealRegistrationSchema) },
        },
      },
      async (req) => listRegistrations(services, ctx(req), req.query),
    );
    app.post(
      '/deal-registrations',
      {
        config: { auth: 'deal.register', idempotent: true },
        schema: {
          tags,
          operationId: 'createDealRegistration',
          summary: 'Drafts a registration (submit: true also submits it)',
          body: DealRegistrationCreateSchema,
          response: { 201: wrapped },
        },
      },
      async (req, reply) =>
        reply.code(201).send({ registration: await createRegistration(services, ctx(req), req.body) }),
    );
    app.post(
      '/deal-registrations/conflict-hint',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'dealConflictHint',
          summary: 'Live hint while typing: whether the customer appears registered or owned already (never by whom)',
          body: ConflictHintRequestSchema,
          response: { 200: z.object({ hint: ConflictHintSchema }) },
        },
        // Hot path: the presenter's output is the contract (see presented-json.ts and the route tests).
        serializerCompiler: presentedJson,
      },
      async (req) => ({ hint: await conflictHint(services, ctx(req), req.body) }),
    );
    app.get(
      '/deal-registrations/:id',
      {
        config: { auth: 'deal.read' },
        schema: { tags, operationId: 'getDealRegistration', params: IdParamsSchema, response: { 200: wrapped } },
      },
      async (req) => ({ registration: await getRegistration(services, ctx(req), req.params.id) }),
    );
    app.patch(
      '/deal-registrations/:id',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'updateDealRegistration',
          summary: 'Edits a draft or a registration in needs_info',
          params: IdParamsSchema,
          body: DealRegistrationUpdateSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ registration: await updateRegistration(services, ctx(req), req.params.id, req.body) }),
    );
    app.post(
      '/deal-registrations/:id/submit',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'submitDealRegistration',
          summary:
            'Submits with a conflict check; the approval rules may approve at once. A named account in the conflict band is refused (422, issue code named_account)',
          params: IdParamsSchema,
          response: { 200: wrapped },
        },
        // Hot path: the presenter's output is the contract (see presented-json.ts and the route tests).
        serializerCompiler: presentedJson,
      },
      async (req) => ({ registration: await submitRegistration(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/deal-registrations/:id/withdraw',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'withdrawDealRegistration',
          params: IdParamsSchema,
          body: DealOptionalReasonSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({
        registration: await closeRegistration(services, ctx(req), req.params.id, 'withdraw', req.body.reason),
      }),
    );
    app.post(
      '/deal-registrations/:id/outcome',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'reportDealOutcome',
          summary: 'The partner reports an approved deal won or lost (a lost reason code is optional here)',
          params: IdParamsSchema,
          body: DealOutcomeSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({
        registration: await recordOutcome(services, ctx(req), req.params.id, req.body, 'partner'),
      }),
    );
    app.post(
      '/deal-registrations/:id/close',
      {
        config: { auth: 'deal.approve' },
        schema: {
          tags,
          operationId: 'closeDealRegistration',
          summary:
            'Vendor staff close an approved registration: won with a reason, or lost with a reason code (and optional text); the partner sees who and why',
          params: IdParamsSchema,
          body: DealVendorOutcomeSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({
        registration: await recordOutcome(services, ctx(req), req.params.id, req.body, 'vendor'),
      }),
    );
    app.post(
      '/deal-registrations/:id/extension-request',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'requestDealExtension',
          params: IdParamsSchema,
          body: DealReasonSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ registration: await requestExtension(services, ctx(req), req.params.id, req.body.reason) }),
    );
    app.post(
      '/deal-registrations/:id/request-info',
      {
        config: { auth: 'deal.review' },
        schema: {
          tags,
          operationId: 'requestDealInfo',
          summary: 'Asks the partner for more information (needs_info), with the question as the reason',
          params: IdParamsSchema,
          body: DealReasonSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({
        registration: await decideRegistration(services, ctx(req), req.params.id, 'request_info', req.body.reason),
      }),
    );
    app.post(
      '/deal-registrations/:id/approve',
      {
        config: { auth: 'deal.approve' },
        schema: {
          tags,
          operationId: 'approveDealRegistration',
          summary:
            "Approves; protection runs for the partner's tier's dealProtectionDays. Under first-come protection, 409 conflict (details.rule first_come) names another partner's earlier active registration",
          params: IdParamsSchema,
          body: DealOptionalReasonSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({
        registration: await decideRegistration(services, ctx(req), req.params.id, 'approve', req.body.reason),
      }),
    );
    app.post(
      '/deal-registrations/:id/reject',
      {
        config: { auth: 'deal.approve' },
        schema: {
          tags,
          operationId: 'rejectDealRegistration',
          params: IdParamsSchema,
          body: DealReasonSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({
        registration: await decideRegistration(services, ctx(req), req.params.id, 'reject', req.body.reason),
      }),
    );
    app.post(
      '/deal-registrations/:id/extend',
      {
        config: { auth: 'deal.approve' },
        schema: {
          tags,
          operationId: 'extendDealProtection',
          params: IdParamsSchema,
          body: DealOptionalReasonSchema,
          response: { 200: wrapped },
        },
      },
      async (req) => ({ registration: await extendRegistration(services, ctx(req), req.params.id, req.body.reason) }),
    );
    app.get(
      '/deal-settings',
      {
        config: { auth: 'deal.read' },
        schema: {
          tags,
          operationId: 'getDealSettings',
          summary: 'The program’s registration rules: thresholds, auto-approval, reminders, protection',
          response: { 200: z.object({ settings: DealSettingsSchema }) },
        },
      },
      async (req) => ({ settings: await getDealSettings(services, ctx(req)) }),
    );
    app.patch(
      '/deal-settings',
      {
        config: { auth: 'deal.settings' },
        schema: {
          tags,
          operationId: 'updateDealSettings',
          body: DealSettingsUpdateSchema,
          response: { 200: z.object({ settings: DealSettingsSchema }) },
        },
      },
      async (req) => ({ settings: await updateDealSettings(services, ctx(req), req.body) }),
    );
  };
}
