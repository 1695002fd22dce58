import { AppShell, Box, Group, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconBriefcase, IconBuilding, IconHome, IconInbox, IconLayoutKanban, IconUsers } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useCan, useMembership } from '../api/session';
import { BrandMark } from '../components/ui/BrandMark';
import { SkipLink, useFocusMainOnNavigate } from '../components/ui/shell';
import { UserMenu } from '../features/account/UserMenu';
import { NotificationBell } from '../features/notifications/NotificationBell';
import type { MessageId } from '../i18n/locales';
import { useT } from '../i18n/useT';

type Item = {
  to: '/portal' | '/portal/deals' | '/portal/pipeline' | '/portal/leads' | '/portal/company' | '/portal/team';
  label: MessageId;
  icon: typeof IconHome;
};

/** The partner portal: phone first, with a bottom tab bar on small screens and a side bar on large ones. */
export function PortalShell() {
  const t = useT();
  const can = useCan();
  const membership = useMembership();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useFocusMainOnNavigate();
  const wide = useMediaQuery('(min-width: 48em)', false) ?? false;
  const items: Item[] = [
    { to: '/portal', label: 'portal.nav.home', icon: IconHome },
    ...(can('lead.work')
      ? [{ to: '/portal/leads' as const, label: 'leads.nav.portal' as const, icon: IconInbox }]
      : []),
    ...(can('deal.read')
      ? [{ to: '/portal/deals' as const, label: 'deals.nav.portal' as const, icon: IconBriefcase }]
      : []),
    ...(can('pipeline.read')
      ? [{ to: '/portal/pipeline' as const, label: 'pipeline.nav.portal' as const, icon: IconLayoutKanban }]
      : []),
    { to: '/portal/company', label: 'portal.nav.company', icon: IconBuilding },
    ...(can('member.read')
      ? [{ to: '/portal/team' as const, label: 'portal.nav.team' as const, icon: IconUsers }]
      : []),
  ];
  const isActive = (to: string) =>
    to === '/portal' ? pathname === '/portal' || pathname === '/portal/' : pathname.startsWith(to);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: true } }}
        footer={{ height: 64, collapsed: wide }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
            <Link
              to="/portal"
              aria-label={t('shell.home')}
              style={{ color: 'inherit', textDecoration: 'none', minWidth: 0 }}
            >
              <BrandMark subtitle={membership.partnerName ?? t('shell.portal')} />
            </Link>
            <Group gap={4} wrap="nowrap">
              <NotificationBell side="portal" />
              <UserMenu profilePath="/portal/profile" />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label={t('shell.navigation')}>
          <Stack gap={2}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                leftSection={<item.icon size={18} aria-hidden />}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <Box id="main" maw={960} mx="auto" pb="md">
            <Outlet />
          </Box>
        </AppShell.Main>
        <AppShell.Footer p={0}>
          <nav aria-label={t('portal.tabBar')} style={{ height: '100%' }}>
            <Group grow gap={0} h="100%" wrap="nowrap">
              {items.map((item) => {
                const active = isActive(item.to);
                return (
                  <UnstyledButton
                    key={item.to}
                    component={Link}
                    to={item.to}
                    aria-current={active ? 'page' : undefined}
                    h="100%"
                    style={{
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'center',
                      justifyContent: 'center',
                      gap: 2,
                      color: active ? 'var(--mantine-color-indigo-8)' : 'var(--mantine-color-gray-8)',
                      borderTop: active ? '3px solid var(--mantine-color-indigo-8)' : '3px solid transparent',
                    }}
                  >
                    <item.icon size={22} aria-hidden />
                    <Text size="xs" fw={active ? 700 : 500} c="inherit">
                      {t(item.label)}
                    </Text>
                  </UnstyledButton>
                );
              })}
            </Group>
          </nav>
        </AppShell.Footer>
      </AppShell>
    </>
  );
}
