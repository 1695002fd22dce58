import { Stack, Text, Title } from '@mantine/core';
import { useCan, useMembership } from '../api/session';
import { NotAllowed } from '../components/ui/NotAllowed';
import { usePageTitle } from '../components/ui/usePageTitle';
import { TeamPanel } from '../features/team/TeamPanel';
import { useT } from '../i18n/useT';

/** partner_admin manages their company's people: invite, change role, deactivate. */
export function PortalTeamPage() {
  const t = useT();
  const can = useCan();
  const membership = useMembership();
  usePageTitle(t('portal.team.title'));
  if (!can('member.read') || !membership.partnerId) return <NotAllowed />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('portal.team.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('portal.team.subtitle', { company: membership.partnerName ?? '' })}
        </Text>
      </div>
      <TeamPanel
        scope={{ kind: 'partner', partnerId: membership.partnerId }}
        inviteRoles={['partner_user', 'partner_admin']}
        canInvite={can('member.invite')}
        canManage={can('member.manage')}
      />
    </Stack>
  );
}
