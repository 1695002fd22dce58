import { Breadcrumbs, Button, Group, Menu, Paper, Select, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconChevronDown, IconPencil } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { PartnerDetail, PartnerStatus } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { PARTNER_TABS, type PartnerTab } from '../../app/router';
import { AnchorLink, ButtonLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { AuditTable } from '../../features/audit/AuditTable';
import { errorText } from '../../features/forms/errors';
import {
  attributeKeys,
  getPartner,
  listAttributes,
  listTiers,
  partnerKeys,
  tierKeys,
} from '../../features/partners/api';
import { ContactsPanel } from '../../features/partners/ContactsPanel';
import { StatusBadge, statusKey, TierBadge, typeKey } from '../../features/partners/labels';
import { PartnerProfileView } from '../../features/partners/PartnerProfileView';
import { PartnerTimeline } from '../../features/partners/PartnerTimeline';
import { StatusChangeModal } from '../../features/partners/StatusChangeModal';
import { TierBenefits } from '../../features/partners/TierBenefits';
import { TeamPanel } from '../../features/team/TeamPanel';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { PartnerMissing } from './PartnerMissing';

const route = getRouteApi('/console/partners/$partnerId');

export function PartnerDetailPage() {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const { partnerId } = route.useParams();
  const { tab = 'profile' } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [statusTarget, setStatusTarget] = useState<PartnerStatus | null>(null);
  const partner = useQuery({ queryKey: partnerKeys.detail(partnerId), queryFn: () => getPartner(partnerId) });
  const attributes = useQuery({ queryKey: attributeKeys.all, queryFn: listAttributes });
  usePageTitle(partner.data?.displayName);
  if (partner.isError) return <PartnerMissing error={partner.error} />;
  if (!partner.data) return <PageLoader />;
  const p = partner.data;
  const tabs = PARTNER_TABS.filter((x) => x !== 'audit' || can('audit.read'));

  const changeStatus = async (status: PartnerStatus, reason: string) => {
    const { partner: saved } = await api.post<{ partner: PartnerDetail }>(`/partners/${partnerId}/status`, {
      status,
      reason,
    });
    queryClient.setQueryData(partnerKeys.detail(partnerId), saved);
    await queryClient.invalidateQueries({ queryKey: partnerKeys.events(partnerId) });
    await queryClient.invalidateQueries({ queryKey: ['partners', 'list'] });
    setStatusTarget(null);
    notifications.show({
      color: 'teal',
      message: t('status.changed', { name: saved.displayName, status: t(statusKey(saved.status)) }),
    });
  };

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <AnchorLink to="/console/partners">{t('nav.partners')}</AnchorLink>
        <span>{p.displayName}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1}>{p.displayName}</Title>
            <StatusBadge status={p.status} size="lg" />
            <TierBadge name={p.tier?.name} size="lg" />
          </Group>
          <Text c="dimmed" size="sm">
            {[p.legalName !== p.displayName ? p.legalName : null, t(typeKey(p.type)), fmt.country(p.country), p.domain]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        <Group gap="xs">
          {p.abilities.changeStatusTo.length > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconArrowsExchange size={16} aria-hidden />}
                  rightSection={<IconChevronDown size={14} aria-hidden />}
                >
                  {t('status.change')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {p.abilities.changeStatusTo.map((s) => (
                  <Menu.Item key={s} onClick={() => setStatusTarget(s)}>
                    {t('status.moveTo', { status: t(statusKey(s)) })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          {p.abilities.update && (
            <ButtonLink
              to="/console/partners/$partnerId/edit"
              params={{ partnerId }}
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('common.edit')}
            </ButtonLink>
          )}
        </Group>
      </Group>

      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({
            to: '/console/partners/$partnerId',
            params: { partnerId },
            search: { tab: (v ?? 'profile') as PartnerTab },
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List aria-label={t('partnerDetail.sections')}>
          {tabs.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`partnerDetail.tab.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} mt="md">
          <Tabs.Panel value="profile">
            <PartnerProfileView partner={p} attributes={attributes.data ?? []} />
          </Tabs.Panel>
          <Tabs.Panel value="contacts">
            <ContactsPanel partnerId={partnerId} canManage={p.abilities.manageContacts} />
          </Tabs.Panel>
          <Tabs.Panel value="users">
            <TeamPanel
              scope={{ kind: 'partner', partnerId }}
              inviteRoles={['partner_admin', 'partner_user']}
              canInvite={p.abilities.manageTeam && p.status !== 'terminated'}
              canManage={can('member.manage')}
            />
          </Tabs.Panel>
          <Tabs.Panel value="tier">
            <TierTab partner={p} />
          </Tabs.Panel>
          <Tabs.Panel value="timeline">
            <PartnerTimeline partnerId={partnerId} />
          </Tabs.Panel>
          {can('audit.read') && (
            <Tabs.Panel value="audit">
              <AuditTable filter={{ targetType: 'partner', targetId: partnerId }} linkTargets={false} />
            </Tabs.Panel>
          )}
        </Paper>
      </Tabs>
      <StatusChangeModal
        opened={statusTarget !== null}
        onClose={() => setStatusTarget(null)}
        targets={p.abilities.changeStatusTo}
        initial={statusTarget ?? undefined}
        title={t('status.titleFor', { name: p.displayName })}
        onSubmit={changeStatus}
      />
    </Stack>
  );
}

function TierTab({ partner }: { partner: PartnerDetail }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers });
  const [choice, setChoice] = useState<string | null>(partner.tier?.id ?? null);
  const [saving, setSaving] = useState(false);
  if (tiers.isPending) return <PageLoader />;
  const list = [...(tiers.data ?? [])].sort((a, b) => a.rank - b.rank);
  const current = list.find((x) => x.id === partner.tier?.id) ?? null;
  const save = async () => {
    setSaving(true);
    try {
      const { partner: saved } = await api.patch<{ partner: PartnerDetail }>(`/partners/${partner.id}`, {
        tierId: choice,
      });
      queryClient.setQueryData(partnerKeys.detail(partner.id), saved);
      await queryClient.invalidateQueries({ queryKey: partnerKeys.events(partner.id) });
      await queryClient.invalidateQueries({ queryKey: tierKeys.all });
      notifications.show({ color: 'teal', message: t('tier.changedTo', { tier: saved.tier?.name ?? t('tier.none') }) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err, t, locale) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap="lg">
      <div>
        <Title order={2} size="h4" mb="sm">
          {current ? t('tier.currentIs', { tier: current.name }) : t('tier.noneAssigned')}
        </Title>
        {current?.description && (
          <Text size="sm" mb="sm">
            {current.description}
          </Text>
        )}
        {current && <TierBenefits tier={current} />}
      </div>
      {partner.abilities.update && (
        <Group align="flex-end">
          <Select
            label={t('tier.change')}
            data={list.map((x) => ({ value: x.id, label: x.name }))}
            value={choice}
            onChange={setChoice}
            clearable
            placeholder={t('tier.none')}
            w={260}
          />
          <Button onClick={save} loading={saving} disabled={choice === (partner.tier?.id ?? null)}>
            {t('tier.apply')}
          </Button>
        </Group>
      )}
      {list.length > 0 && (
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('tier.allTiers')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {list.map((x) => (
              <Paper key={x.id} withBorder p="sm" bg={x.id === current?.id ? 'indigo.0' : undefined}>
                <Group justify="space-between" mb={4}>
                  <Text fw={700}>{x.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t('tier.partners', { count: x.partnerCount })}
                  </Text>
                </Group>
                <TierBenefits tier={x} />
              </Paper>
            ))}
          </SimpleGrid>
        </div>
      )}
    </Stack>
  );
}
