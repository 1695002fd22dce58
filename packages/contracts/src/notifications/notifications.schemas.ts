import { z } from 'zod';
import { ListQuerySchema } from '../common/pagination';

/** C15: what the notification centre shows; `type` picks the translated message, `data` fills it. */
export const NotificationTypeValues = [
  'invitation.accepted',
  'import.completed',
  'import.failed',
  'partner.status_changed',
] as const;

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
    readAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = ListQuerySchema.extend({ unread: z.stringbool().optional() });
