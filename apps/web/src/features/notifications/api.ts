import type { Notification } from '@trellis/contracts';
import { api } from '../../api/client';

export type NotificationPage = { data: Notification[]; nextCursor: string | null; unreadCount: number };

export const notificationKeys = { all: ['notifications'] as const };

export function fetchNotifications(query: { limit?: number; cursor?: string; unread?: boolean }) {
  return api.get<NotificationPage>('/notifications', query);
}

export const markNotificationRead = (id: string) => api.post<{ updated: number }>(`/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<{ updated: number }>('/notifications/read-all');
