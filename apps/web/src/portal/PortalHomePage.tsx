import { Alert, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBell,
  IconChecklist,
  IconCircleCheck,
  IconMailForward,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { PartnerDetail, PartnerStatus } from '@trellis/contracts';
import type { ReactNode } from 'react';
import { api } from '../api/client';
import { useCan, useMe } from '../api/session';
import { AnchorLink } from '../components/ui/links';
import { PageLoader } from '../components/ui/PageLoader';
import { usePageTitle } from '../components/ui/usePageTitle';
import { fetchNotifications, notificationKeys } from '../features/notifications/api';
import { listTiers, type Page, tierKeys } from '../features/partners/api';
import { StatusBadge, TierBadge, typeKey } from '../features/partners/labels';
import { TierBenefits } from '../features/partners/TierBenefits';
import type { MessageId } from '../i18n/locales';
import { useFormat } from '../i18n/useFormat';
import { useT } from '../i18n/useT';
import { usePortalPartner } from './usePortalPartner';

const STATUS_TEXT: Record<PartnerStatus, MessageId> = {
  applicant: 'portal.status.applicant',
  onboarding: 'portal.status.onboarding',
  active: 'portal.status.active',
  suspended: 'portal.status.suspended',
  terminated: 'portal.status.terminated',
};

type OpenItem = {
  key: string;
  icon: ReactNode;
  text: string;
  to: '/portal/company' | '/portal/team' | '/portal/notifications';
  action: string;
};

function emptyProfileFields(p: PartnerDetail): string[] {
  const empty: string[] = [];
  for (const f of p.abilities.updateProfileFields) {
    const v = f === 'address' ? Object.values(p.address).filter(Boolean) : p[f];
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) empty.push(f);
  }
  return empty;
}

/** Portal home: the company's standing in the program and what is waiting for this person. */
export function PortalHomePage() {
  const t = useT();
  const fmt = useFormat();
  const me = useMe();
  const can = useCan();
  const { data: partner, isPending, isError } = usePortalPartner();
  usePageTitle(t('portal.home.title'));
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, enabled: Boolean(partner?.tier) });
  const unread = useQuery({
    queryKey: [...notificationKeys.all, 'recent'],
    queryFn: () => fetchNotifications({ limit: 8 }),
  });
  const invitations = useQuery({
    queryKey: ['invitations', 'portal-home', partner?.id],
    queryFn: () => api.get<Page<{ id: string }>>('/invitations', { partnerId: partner?.id, pending: true, limit: 200 }),
    enabled: Boolean(partner) && can('member.invite'),
  });
  const team = useQuery({
    queryKey: ['members', 'portal-home', partner?.id],
    queryFn: () => api.get<Page<{ id: string; status: string }>>('/members', { partnerId: partner?.id, limit: 200 }),
    enabled: Boolean(partner) && can('member.read'),
  });

  if (isPending) return <PageLoader />;
  if (isError || !partner) {
    return (
      <Alert color="red" role="alert">
        {t('portal.home.noCompany')}
      </Alert>
    );
  }
  const tier = tiers.data?.find((x) => x.id === partner.tier?.id) ?? null;
  const items: OpenItem[] = [];
  if (partner.status === 'suspended') {
    items.push({
      key: 'suspended',
      icon: <IconAlertTriangle size={20} aria-hidden />,
      text: partner.owner
        ? t('portal.items.suspendedOwner', { owner: partner.owner.name })
        : t('portal.items.suspended'),
      to: '/portal/company',
      action: t('portal.items.viewCompany'),
    });
  }
  const missing = emptyProfileFields(partner);
  if (missing.length > 0) {
    items.push({
      key: 'profile',
      icon: <IconChecklist size={20} aria-hidden />,
      text: t('portal.items.profile', { count: missing.length }),
      to: '/portal/company',
      action: t('portal.items.completeProfile'),
    });
  }
  const pendingCount = invitations.data?.data.length ?? 0;
  if (pendingCount > 0) {
    items.push({
      key: 'invitations',
      icon: <IconMailForward size={20} aria-hidden />,
      text: t('portal.items.invitations', { count: pendingCount }),
      to: '/portal/team',
      action: t('portal.items.manageTeam'),
    });
  }
  const activeMembers = team.data?.data.filter((m) => m.status === 'active').length ?? 0;
  if (can('member.invite') && team.data && activeMembers <= 1 && pendingCount === 0) {
    items.push({
      key: 'team',
      icon: <IconUserPlus size={20} aria-hidden />,
      text: t('portal.items.inviteTeam'),
      to: '/portal/team',
      action: t('team.invite'),
    });
  }
  const unreadCount = unread.data?.unreadCount ?? 0;
  if (unreadCount > 0) {
    items.push({
      key: 'notifications',
      icon: <IconBell size={20} aria-hidden />,
      text: t('portal.items.notifications', { count: unreadCount }),
      to: '/portal/notifications',
      action: t('notifications.seeAll'),
    });
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('portal.home.welcome', { name: me.user.name })}
        </Title>
        <Text c="dimmed">{t('portal.home.subtitle', { company: partner.displayName })}</Text>
      </div>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="company-status">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Title order={2} size="h4" id="company-status">
                {partner.displayName}
              </Title>
              <Text size="sm" c="dimmed">
                {t(typeKey(partner.type))} · {fmt.country(partner.country)}
              </Text>
            </div>
            <StatusBadge status={partner.status} size="lg" />
          </Group>
          <Text size="sm">{t(STATUS_TEXT[partner.status])}</Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                {t('partner.tier')}:
              </Text>
              <TierBadge name={partner.tier?.name} />
            </Group>
            <Text size="sm">
              <Text span c="dimmed">
                {t('portal.home.channelManager')}:
              </Text>{' '}
              {partner.owner?.name ?? t('portal.home.noChannelManager')}
            </Text>
          </SimpleGrid>
        </Stack>
      </Paper>

      <section aria-labelledby="open-items">
        <Title order={2} size="h4" id="open-items" mb="sm">
          {t('portal.home.openItems')}
        </Title>
        {items.length === 0 ? (
          <Card withBorder padding="md">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon color="green" variant="light" size="lg" aria-hidden>
                <IconCircleCheck size={20} />
              </ThemeIcon>
              <Text>{t('portal.items.none')}</Text>
            </Group>
          </Card>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((item) => (
              <Card component="li" key={item.key} withBorder padding="md">
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <ThemeIcon variant="light" size="lg" aria-hidden>
                    {item.icon}
                  </ThemeIcon>
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <Text>{item.text}</Text>
                    <AnchorLink to={item.to} fw={600} size="sm">
                      {item.action}
                    </AnchorLink>
                  </Stack>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </section>

      {tier && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tier-benefits">
          <Title order={2} size="h4" id="tier-benefits" mb="sm">
            {t('portal.home.benefits', { tier: tier.name })}
          </Title>
          <TierBenefits tier={tier} />
        </Paper>
      )}
    </Stack>
  );
}
