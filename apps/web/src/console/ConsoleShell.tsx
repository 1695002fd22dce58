import '@mantine/spotlight/styles.css';
import { AppShell, Box, Burger, Button, Group, Kbd, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useCan, useMembership } from '../api/session';
import { BrandMark } from '../components/ui/BrandMark';
import { SkipLink, useFocusMainOnNavigate } from '../components/ui/shell';
import { UserMenu } from '../features/account/UserMenu';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useT } from '../i18n/useT';
import { CommandPalette } from './CommandPalette';
import { CONSOLE_NAV } from './nav';

export function ConsoleShell() {
  const t = useT();
  const can = useCan();
  const membership = useMembership();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useFocusMainOnNavigate();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mobile menu closes after every navigation
  useEffect(() => {
    close();
  }, [pathname, close]);
  const items = CONSOLE_NAV.filter((i) => can(i.permission));
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  const section = (group: 'main' | 'settings' | 'personal', title?: string) => {
    const list = items.filter((i) => i.group === group);
    if (list.length === 0) return null;
    return (
      <Stack gap={2}>
        {title && (
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="md" pb={4}>
            {title}
          </Text>
        )}
        {list.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={<item.icon size={18} aria-hidden />}
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            aria-current={pathname === item.to || pathname.startsWith(`${item.to}/`) ? 'page' : undefined}
          />
        ))}
      </Stack>
    );
  };

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
              <Link
                to="/console/partners"
                aria-label={t('shell.home')}
                style={{ color: 'inherit', textDecoration: 'none' }}
              >
                <BrandMark subtitle={t('shell.console')} />
              </Link>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Button
                variant="default"
                leftSection={<IconSearch size={16} aria-hidden />}
                rightSection={
                  <Kbd size="xs" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
                    {isMac ? '⌘K' : 'Ctrl+K'}
                  </Kbd>
                }
                onClick={() => spotlight.open()}
                aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
                visibleFrom="sm"
                w={240}
                styles={{ inner: { justifyContent: 'space-between' } }}
              >
                <Text size="sm" c="dimmed">
                  {t('palette.open')}
                </Text>
              </Button>
              <Button
                variant="subtle"
                color="gray"
                hiddenFrom="sm"
                aria-label={t('palette.open')}
                onClick={() => spotlight.open()}
                px={8}
              >
                <IconSearch size={20} aria-hidden />
              </Button>
              <NotificationBell side="console" />
              <UserMenu profilePath="/console/profile" />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
          <AppShell.Section grow component={ScrollArea}>
            {section('main')}
            {section('settings', t('nav.settings'))}
            {section('personal', t('nav.you'))}
          </AppShell.Section>
          <AppShell.Section>
            <Text size="xs" c="dimmed" px="sm" py="xs" truncate>
              {membership.workspace.name}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main>
          <Box id="main" maw={1400} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
      <CommandPalette items={items} />
    </>
  );
}
