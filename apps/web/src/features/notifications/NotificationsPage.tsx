import { Button, Group, Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { useT } from '../../i18n/useT';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead, notificationKeys } from './api';
import { NotificationList } from './NotificationList';

export function NotificationsPage() {
  const t = useT();
  usePageTitle(t('notifications.title'));
  const side = useRouterState({ select: (s) => s.location.pathname }).startsWith('/portal') ? 'portal' : 'console';
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: [...notificationKeys.all, 'page', filter],
    queryFn: ({ pageParam }) =>
      fetchNotifications({ limit: 30, cursor: pageParam ?? undefined, unread: filter === 'unread' || undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: invalidate });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: invalidate });
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];
  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('notifications.title')}</Title>
        <Button variant="default" disabled={unread === 0} onClick={() => readAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <SegmentedControl
        w="fit-content"
        value={filter}
        onChange={(v) => setFilter(v === 'unread' ? 'unread' : 'all')}
        data={[
          { value: 'all', label: t('notifications.filterAll') },
          { value: 'unread', label: t('notifications.filterUnread', { count: unread }) },
        ]}
        aria-label={t('notifications.filter')}
      />
      <Paper withBorder>
        {list.isPending ? (
          <PageLoader />
        ) : (
          <NotificationList items={items} side={side} onOpen={(n) => !n.readAt && readOne.mutate(n.id)} />
        )}
      </Paper>
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
