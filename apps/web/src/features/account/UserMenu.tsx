import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLogout, IconUser } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { activeMembership, useMe } from '../../api/session';
import type { MessageId } from '../../i18n/locales';
import { useT } from '../../i18n/useT';
import { useSwitchWorkspace } from '../workspaces/useSwitchWorkspace';
import { useSignOut } from './useSignOut';

/** Name, role and workspace; profile, workspace switch (for people in several) and sign-out. */
export function UserMenu({ profilePath }: { profilePath: '/console/profile' | '/portal/profile' }) {
  const t = useT();
  const me = useMe();
  const membership = activeMembership(me);
  const signOut = useSignOut();
  const switchTo = useSwitchWorkspace();
  const initials = me.user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
  return (
    <Menu position="bottom-end" withinPortal width={260}>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu', { name: me.user.name })} p={4}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={32} radius="xl" color="indigo" variant="filled">
              {initials || '?'}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {me.user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {me.user.name}
          </Text>
          <Text size="xs">{me.user.email}</Text>
          {membership && (
            <Text size="xs">
              {t(`role.${membership.role}` as MessageId)}
              {membership.partnerName ? ` · ${membership.partnerName}` : ''}
            </Text>
          )}
        </Menu.Label>
        <Menu.Item component={Link} to={profilePath} leftSection={<IconUser size={16} aria-hidden />}>
          {t('shell.profile')}
        </Menu.Item>
        {me.memberships.length > 1 && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('shell.switchWorkspace')}</Menu.Label>
            {me.memberships.map((m) => {
              const active = m.workspace.id === me.activeWorkspaceId;
              return (
                <Menu.Item
                  key={m.workspace.id}
                  onClick={() => !active && switchTo(m.workspace.id)}
                  leftSection={active ? <IconCheck size={16} aria-hidden /> : <span style={{ width: 16 }} />}
                  aria-current={active ? 'true' : undefined}
                >
                  {m.workspace.name}
                  {m.partnerName ? ` · ${m.partnerName}` : ''}
                </Menu.Item>
              );
            })}
          </>
        )}
        <Menu.Divider />
        <Menu.Item onClick={signOut} leftSection={<IconLogout size={16} aria-hidden />}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
