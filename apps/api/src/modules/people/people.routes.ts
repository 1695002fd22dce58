import {
  IdParamsSchema,
  InvitationAcceptSchema,
  InvitationCreateSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  ListQuerySchema,
  MemberSchema,
  MembershipStatusValues,
  MemberUpdateSchema,
  MeSchema,
  pageOf,
  RoleSchema,
  WorkspaceSchema,
  WorkspaceUpdateSchema,
} from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { issueCsrfCookie } from '../../platform/auth';
import { ctxOf } from '../../platform/route-guard';
import {
  acceptInvitation,
  createInvitation,
  previewInvitation,
  resendInvitation,
  revokeInvitation,
} from './invitations.service';
import { loadMe } from './me.service';
import { getWorkspace, listInvitations, listMembers, updateMember, updateWorkspace } from './members.service';

const wsTags = ['Workspace'];
const tags = ['People and invitations'];

export function peopleRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/workspace',
      {
        config: { auth: 'workspace.read' },
        schema: {
          tags: wsTags,
          operationId: 'getWorkspace',
          response: { 200: z.object({ workspace: WorkspaceSchema }) },
        },
      },
      async (req) => ({ workspace: await getWorkspace(services, ctx(req)) }),
    );
    app.patch(
      '/workspace',
      {
        config: { auth: 'workspace.manage' },
        schema: {
          tags: wsTags,
          operationId: 'updateWorkspace',
          body: WorkspaceUpdateSchema,
          response: { 200: z.object({ workspace: WorkspaceSchema }) },
        },
      },
      async (req) => ({ workspace: await updateWorkspace(services, ctx(req), req.body) }),
    );

    app.get(
      '/members',
      {
        config: { auth: 'member.read' },
        schema: {
          tags,
          operationId: 'listMembers',
          querystring: ListQuerySchema.extend({
            partnerId: z.uuid().optional(),
            role: RoleSchema.optional(),
            status: z.enum(MembershipStatusValues).optional(),
          }),
          response: { 200: pageOf(MemberSchema) },
        },
      },
      async (req) => listMembers(services, ctx(req), req.query),
    );
    app.patch(
      '/members/:id',
      {
        config: { auth: 'member.manage' },
        schema: {
          tags,
          operationId: 'updateMember',
          params: IdParamsSchema,
          body: MemberUpdateSchema,
          response: { 200: z.object({ member: MemberSchema }) },
        },
      },
      async (req) => ({ member: await updateMember(services, ctx(req), req.params.id, req.body) }),
    );

    app.get(
      '/invitations',
      {
        config: { auth: 'member.read' },
        schema: {
          tags,
          operationId: 'listInvitations',
          querystring: ListQuerySchema.extend({ partnerId: z.uuid().optional(), pending: z.stringbool().optional() }),
          response: { 200: pageOf(InvitationSchema) },
        },
      },
      async (req) => listInvitations(services, ctx(req), { ...req.query, pendingOnly: req.query.pending }),
    );
    app.post(
      '/invitations',
      {
        config: { auth: 'member.invite', idempotent: true },
        schema: {
          tags,
          operationId: 'createInvitation',
          body: InvitationCreateSchema,
          response: { 201: z.object({ invitation: InvitationSchema }) },
        },
      },
      async (req, reply) => reply.code(201).send({ invitation: await createInvitation(services, ctx(req), req.body) }),
    );
    app.post(
      '/invitations/:id/revoke',
      {
        config: { auth: 'member.invite' },
        schema: {
          tags,
          operationId: 'revokeInvitation',
          params: IdParamsSchema,
          response: { 200: z.object({ invitation: InvitationSchema }) },
        },
      },
      async (req) => ({ invitation: await revokeInvitation(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/invitations/:id/resend',
      {
        config: { auth: 'member.invite' },
        schema: {
          tags,
          operationId: 'resendInvitation',
          params: IdParamsSchema,
          response: { 200: z.object({ invitation: InvitationSchema }) },
        },
      },
      async (req) => ({ invitation: await resendInvitation(services, ctx(req), req.params.id) }),
    );

    app.get(
      '/invitation-lookup',
      {
        config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          operationId: 'previewInvitation',
          summary: 'What an invitation link is for, before accepting it',
          querystring: z.object({ token: z.string().min(20).max(200) }),
          response: { 200: z.object({ invitation: InvitationPreviewSchema.extend({ name: z.string().nullable() }) }) },
        },
      },
      async (req) => ({ invitation: await previewInvitation(services, req.query.token, services.now()) }),
    );
    app.post(
      '/invitation-acceptances',
      {
        config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          operationId: 'acceptInvitation',
          summary:
            'Accepts an invitation: creates the account (name, password) or joins the signed-in one, and signs in',
          body: InvitationAcceptSchema,
          response: { 200: z.object({ me: MeSchema }) },
        },
      },
      async (req, reply) => {
        const now = services.now();
        const result = await acceptInvitation(services, req.body, req.sessionUser?.id ?? null, {
          requestId: String(req.id),
          ip: req.ip ?? null,
          now,
        });
        if (result.newUser && req.body.password) {
          const signIn = await services.auth.api.signInEmail({
            body: { email: result.email, password: req.body.password },
            returnHeaders: true,
          });
          reply.header('set-cookie', signIn.headers.getSetCookie());
          issueCsrfCookie(reply, services.config.publicUrl.startsWith('https://'));
        }
        const user = { id: result.userId, email: result.email, name: '' };
        const actor = await services.actors.resolve(user, result.workspaceId);
        return { me: await loadMe(services, result.userId, actor) };
      },
    );
  };
}
