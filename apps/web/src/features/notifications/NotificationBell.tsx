import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AnchorLink } from '../../components/ui/links';
import { useT } from '../../i18n/useT';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead, notificationKeys } from './api';
import { NotificationList } from './NotificationList';

/** C15: the in-app notification centre; polls for new ones every minute. */
export function NotificationBell({ side }: { side: 'console' | 'portal' }) {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const recent = useQuery({
    queryKey: [...notificationKeys.all, 'recent'],
    queryFn: () => fetchNotifications({ limit: 8 }),
    refetchInterval: 60_000,
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: invalidate });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: invalidate });
  const unread = recent.data?.unreadCount ?? 0;
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.title');
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal trapFocus>
      <Indicator disabled={unread === 0} label={unread > 99 ? '99+' : unread} size={18} color="red" offset={4}>
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)}>
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} aria-label={t('notifications.title')}>
        <Group justify="space-between" p="sm" pb={4}>
          <Text fw={600}>{t('notifications.title')}</Text>
          <Button variant="subtle" size="compact-sm" disabled={unread === 0} onClick={() => readAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={380}>
          <NotificationList
            items={recent.data?.data ?? []}
            side={side}
            onOpen={(n) => {
              if (!n.readAt) readOne.mutate(n.id);
              setOpened(false);
            }}
          />
        </ScrollArea.Autosize>
        <Group justify="center" p="xs">
          <AnchorLink
            to={side === 'console' ? '/console/notifications' : '/portal/notifications'}
            size="sm"
            onClick={() => setOpened(false)}
          >
            {t('notifications.seeAll')}
          </AnchorLink>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
