import { IdParamsSchema, NotificationListQuerySchema, NotificationSchema } from '@trellis/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { ctxOf } from '../../platform/route-guard';
import { listNotifications, markRead } from './notifications.service';

const tags = ['Notifications'];

export function notificationRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: Parameters<typeof ctxOf>[0]) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/notifications',
      {
        config: { auth: 'workspace.read' },
        schema: {
          tags,
          operationId: 'listNotifications',
          querystring: NotificationListQuerySchema,
          response: {
            200: z.object({
              data: z.array(NotificationSchema),
              nextCursor: z.string().nullable(),
              unreadCount: z.number().int(),
            }),
          },
        },
      },
      async (req) => listNotifications(services, ctx(req), req.query),
    );
    app.post(
      '/notifications/:id/read',
      {
        config: { auth: 'workspace.read' },
        schema: {
          tags,
          operationId: 'markNotificationRead',
          params: IdParamsSchema,
          response: { 200: z.object({ updated: z.number().int() }) },
        },
      },
      async (req) => ({ updated: await markRead(services, ctx(req), req.params.id) }),
    );
    app.post(
      '/notifications/read-all',
      {
        config: { auth: 'workspace.read' },
        schema: {
          tags,
          operationId: 'markAllNotificationsRead',
          response: { 200: z.object({ updated: z.number().int() }) },
        },
      },
      async (req) => ({ updated: await markRead(services, ctx(req), null) }),
    );
  };
}
