import { Anchor, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { Notification } from '@trellis/contracts';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { notificationHref, notificationText } from './NotificationText';

export function NotificationList({
  items,
  side,
  onOpen,
}: {
  items: Notification[];
  side: 'console' | 'portal';
  onOpen: (n: Notification) => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const navigate = useNavigate();
  if (items.length === 0) return <Text c="dimmed">{t('notifications.empty')}</Text>;
  return (
    <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((n) => {
        const href = notificationHref(n, side);
        const unread = !n.readAt;
        return (
          <li key={n.id} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <UnstyledButton
              w="100%"
              p="sm"
              onClick={() => {
                onOpen(n);
                if (href) navigate({ to: href });
              }}
              aria-label={`${unread ? `${t('notifications.unread')}: ` : ''}${notificationText(n, t)}`}
            >
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <span
                  aria-hidden
                  style={{
                    marginTop: 6,
                    width: 8,
                    height: 8,
                    borderRadius: 4,
                    flex: 'none',
                    background: unread ? 'var(--mantine-color-indigo-7)' : 'transparent',
                  }}
                />
                <div>
                  <Text size="sm" fw={unread ? 600 : 400}>
                    {notificationText(n, t)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <time dateTime={n.createdAt} title={fmt.dateTime(n.createdAt)}>
                      {fmt.relative(n.createdAt)}
                    </time>
                    {href && (
                      <Anchor component="span" size="xs" ml={6}>
                        {t('notifications.open')}
                      </Anchor>
                    )}
                  </Text>
                </div>
              </Group>
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
