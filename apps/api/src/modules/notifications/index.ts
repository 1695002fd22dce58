import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { notificationRoutes } from './notifications.routes';

export { type NewNotification, notify, notifyMany } from './notifications.service';

export async function registerNotifications(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(notificationRoutes(services));
}
