import {
  AccountCreateSchema,
  AccountListQuerySchema,
  AccountSchema,
  AccountUpdateSchema,
  IdParamsSchema,
  OpportunityCreateSchema,
  OpportunityListQuerySchema,
  OpportunitySchema,
  OpportunityUpdateSchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import {
  createAccount,
  createOpportunity,
  deleteAccount,
  deleteOpportunity,
  getAccount,
  getOpportunity,
  listAccounts,
  listOpportunities,
  updateAccount,
  updateOpportunity,
} from './account.service';

const accountTags = ['Accounts'];
const opportunityTags = ['Opportunities'];
const account = z.object({ account: AccountSchema });
const opportunity = z.object({ opportunity: OpportunitySchema });

/** C4: the vendor's direct accounts and opportunities, the first thing conflict detection checks. */
export function accountRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/accounts',
      {
        config: { auth: 'account.read' },
        schema: {
          tags: accountTags,
          operationId: 'listAccounts',
          summary: "The vendor's own customer accounts (search by name or domain, filter named accounts)",
          querystring: AccountListQuerySchema,
          response: { 200: pageOf(AccountSchema) },
        },
      },
      async (req) => listAccounts(services, ctx(req), req.query),
    );
    app.post(
      '/accounts',
      {
        config: { auth: 'account.manage', idempotent: true },
        schema: {
          tags: accountTags,
          operationId: 'createAccount',
          body: AccountCreateSchema,
          response: { 201: account },
        },
      },
      async (req, reply) => reply.code(201).send({ account: await createAccount(services, ctx(req), req.body) }),
    );
    app.get(
      '/accounts/:id',
      {
        config: { auth: 'account.read' },
        schema: { tags: accountTags, operationId: 'getAccount', params: IdParamsSchema, response: { 200: account } },
      },
      async (req) => ({ account: await getAccount(services, ctx(req), req.params.id) }),
    );
    app.patch(
      '/accounts/:id',
      {
        config: { auth: 'account.manage' },
        schema: {
          tags: accountTags,
          operationId: 'updateAccount',
          params: IdParamsSchema,
          body: AccountUpdateSchema,
          response: { 200: account },
        },
      },
      async (req) => ({ account: await updateAccount(services, ctx(req), req.params.id, req.body) }),
    );
    app.delete(
      '/accounts/:id',
      {
        config: { auth: 'account.manage' },
        schema: {
          tags: accountTags,
          operationId: 'deleteAccount',
          params: IdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteAccount(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/opportunities',
      {
        config: { auth: 'account.read' },
        schema: {
          tags: opportunityTags,
          operationId: 'listOpportunities',
          summary: 'Direct-sales opportunities; open ones count as owned customers in conflict detection',
          querystring: OpportunityListQuerySchema,
          response: { 200: pageOf(OpportunitySchema) },
        },
      },
      async (req) => listOpportunities(services, ctx(req), req.query),
    );
    app.post(
      '/opportunities',
      {
        config: { auth: 'account.manage', idempotent: true },
        schema: {
          tags: opportunityTags,
          operationId: 'createOpportunity',
          body: OpportunityCreateSchema,
          response: { 201: opportunity },
        },
      },
      async (req, reply) =>
        reply.code(201).send({ opportunity: await createOpportunity(services, ctx(req), req.body) }),
    );
    app.get(
      '/opportunities/:id',
      {
        config: { auth: 'account.read' },
        schema: {
          tags: opportunityTags,
          operationId: 'getOpportunity',
          params: IdParamsSchema,
          response: { 200: opportunity },
        },
      },
      async (req) => ({ opportunity: await getOpportunity(services, ctx(req), req.params.id) }),
    );
    app.patch(
      '/opportunities/:id',
      {
        config: { auth: 'account.manage' },
        schema: {
          tags: opportunityTags,
          operationId: 'updateOpportunity',
          params: IdParamsSchema,
          body: OpportunityUpdateSchema,
          response: { 200: opportunity },
        },
      },
      async (req) => ({ opportunity: await updateOpportunity(services, ctx(req), req.params.id, req.body) }),
    );
    app.delete(
      '/opportunities/:id',
      {
        config: { auth: 'account.manage' },
        schema: {
          tags: opportunityTags,
          operationId: 'deleteOpportunity',
          params: IdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteOpportunity(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
