import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ROLE_PERMISSIONS, VendorRoleValues } from '@trellis/contracts';
import { useCan, useMembership } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { roleKey } from '../../features/partners/labels';
import { TeamPanel } from '../../features/team/TeamPanel';
import { useT } from '../../i18n/useT';

const SUMMARY_PERMISSIONS = [
  'partner.create',
  'partner.update',
  'partner.change_status',
  'partner.import',
  'partner.export',
  'member.invite',
  'member.manage',
  'tier.manage',
  'attribute.manage',
  'workspace.manage',
  'audit.read',
] as const;

/** The vendor's own team and what each role may do; partner people are managed on each partner. */
export function UsersPage() {
  const t = useT();
  const can = useCan();
  const membership = useMembership();
  usePageTitle(t('users.title'));
  if (!can('member.read')) return <NotAllowed />;
  const admin = membership.role === 'admin';
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('users.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('users.subtitle')}
        </Text>
      </div>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <TeamPanel
          scope={{ kind: 'vendor' }}
          inviteRoles={VendorRoleValues}
          canInvite={admin && can('member.invite')}
          canManage={can('member.manage')}
        />
      </Paper>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="roles-heading">
        <Title order={2} size="h4" id="roles-heading" mb="sm">
          {t('users.rolesTitle')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table withColumnBorders fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.permission')}</Table.Th>
                {VendorRoleValues.map((r) => (
                  <Table.Th scope="col" key={r}>
                    {t(roleKey(r))}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('role.partner_admin')}</Table.Th>
                <Table.Th scope="col">{t('role.partner_user')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SUMMARY_PERMISSIONS.map((p) => (
                <Table.Tr key={p}>
                  <Table.Th scope="row" fw={500}>
                    {t(`permission.${p}`)}
                  </Table.Th>
                  {[...VendorRoleValues, 'partner_admin' as const, 'partner_user' as const].map((r) => {
                    const yes = ROLE_PERMISSIONS[r].includes(p);
                    return (
                      <Table.Td key={r} ta="center">
                        <span aria-hidden>{yes ? '✓' : '–'}</span>
                        <span className="visually-hidden">{yes ? t('common.yes') : t('common.no')}</span>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('users.partnerNote')}
        </Text>
      </Paper>
    </Stack>
  );
}
