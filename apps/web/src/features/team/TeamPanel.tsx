import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconUserPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Invitation, Member, Role } from '@trellis/contracts';
import { useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useMe } from '../../api/session';
import { ConfirmButton } from '../../components/ui/ConfirmButton';
import { PageLoader } from '../../components/ui/PageLoader';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { errorText, fieldErrors, focusFirstInvalid } from '../forms/errors';
import type { Page } from '../partners/api';
import { roleKey } from '../partners/labels';

export type TeamScope = { kind: 'partner'; partnerId: string } | { kind: 'vendor' };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

async function fetchMembers(scope: TeamScope): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | null = null;
  // A team is small; vendor staff are found among all memberships (the API has no "vendor only" filter).
  for (let i = 0; i < 25; i++) {
    const page: Page<Member> = await api.get<Page<Member>>('/members', {
      partnerId: scope.kind === 'partner' ? scope.partnerId : undefined,
      limit: 200,
      cursor: cursor ?? undefined,
    });
    out.push(...page.data);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return scope.kind === 'vendor' ? out.filter((m) => m.partnerId === null) : out;
}

async function fetchInvitations(scope: TeamScope): Promise<Invitation[]> {
  const page = await api.get<Page<Invitation>>('/invitations', {
    partnerId: scope.kind === 'partner' ? scope.partnerId : undefined,
    pending: true,
    limit: 200,
  });
  return scope.kind === 'vendor' ? page.data.filter((i) => i.partnerId === null) : page.data;
}

export const teamKeys = {
  members: (scope: TeamScope) => ['members', scope] as const,
  invitations: (scope: TeamScope) => ['invitations', scope] as const,
};

/**
 * People who sign in for a partner (or the vendor's own staff): roles, deactivation, and invitations.
 * Shared by the portal's team page, the console's partner "Users" tab and the console's users page.
 */
export function TeamPanel({
  scope,
  inviteRoles,
  canInvite,
  canManage,
  headingLevel = 2,
}: {
  scope: TeamScope;
  inviteRoles: readonly Role[];
  canInvite: boolean;
  canManage: boolean;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const fmt = useFormat();
  const { locale } = useI18n();
  const me = useMe();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const members = useQuery({ queryKey: teamKeys.members(scope), queryFn: () => fetchMembers(scope) });
  const invitations = useQuery({
    queryKey: teamKeys.invitations(scope),
    queryFn: () => fetchInvitations(scope),
    enabled: canInvite,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['members'] });
    await queryClient.invalidateQueries({ queryKey: ['invitations'] });
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      notifications.show({ message: done });
      await refresh();
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err, t, locale) });
    }
  };
  const changeRole = (m: Member, role: Role) =>
    act(() => api.patch(`/members/${m.id}`, { role }), t('team.roleChanged', { name: m.name || m.email }));
  const setStatus = (m: Member, status: 'active' | 'deactivated') =>
    act(
      () => api.patch(`/members/${m.id}`, { status }),
      status === 'active'
        ? t('team.reactivated', { name: m.name || m.email })
        : t('team.deactivated', { name: m.name || m.email }),
    );

  if (members.isPending) return <PageLoader />;
  const list = members.data ?? [];
  const pending = invitations.data ?? [];

  const roleControl = (m: Member) => {
    const self = m.userId === me.user.id;
    const choices = inviteRoles.includes(m.role) ? inviteRoles : [m.role, ...inviteRoles];
    if (!canManage || self || m.status !== 'active') return <Text size="sm">{t(roleKey(m.role))}</Text>;
    return (
      <Select
        aria-label={t('team.roleFor', { name: m.name || m.email })}
        size="xs"
        w={200}
        allowDeselect={false}
        value={m.role}
        data={choices.map((r) => ({ value: r, label: t(roleKey(r)) }))}
        onChange={(v) => v && v !== m.role && changeRole(m, v as Role)}
        comboboxProps={{ withinPortal: true }}
      />
    );
  };
  const statusBadge = (m: Member) => (
    <Badge color={m.status === 'active' ? 'green' : 'gray'} size="sm">
      {t(m.status === 'active' ? 'team.statusActive' : 'team.statusDeactivated')}
    </Badge>
  );
  const memberActions = (m: Member) => {
    if (!canManage || m.userId === me.user.id) return null;
    return m.status === 'active' ? (
      <ConfirmButton
        size="xs"
        variant="outline"
        color="red"
        title={t('team.deactivateTitle')}
        body={t('team.deactivateBody', { name: m.name || m.email })}
        confirmLabel={t('team.deactivate')}
        onConfirm={() => setStatus(m, 'deactivated')}
        aria-label={t('team.deactivateNamed', { name: m.name || m.email })}
      >
        {t('team.deactivate')}
      </ConfirmButton>
    ) : (
      <Button
        size="xs"
        variant="outline"
        onClick={() => setStatus(m, 'active')}
        aria-label={t('team.reactivateNamed', { name: m.name || m.email })}
      >
        {t('team.reactivate')}
      </Button>
    );
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={headingLevel} size="h4">
          {t('team.members', { count: list.length })}
        </Title>
        {canInvite && (
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setInviting(true)}>
            {t('team.invite')}
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed">{t('team.noMembers')}</Text>
      ) : mobile ? (
        <Stack gap="sm">
          {list.map((m) => (
            <Card key={m.id} withBorder padding="sm">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <Text fw={600} truncate>
                      {m.name || m.email}
                      {m.userId === me.user.id ? ` (${t('team.you')})` : ''}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {m.email}
                    </Text>
                  </div>
                  {statusBadge(m)}
                </Group>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  {roleControl(m)}
                  {memberActions(m)}
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.name')}</Table.Th>
                <Table.Th scope="col">{t('common.email')}</Table.Th>
                <Table.Th scope="col">{t('common.role')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('team.since')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td fw={500}>
                    {m.name || t('common.empty')}
                    {m.userId === me.user.id ? ` (${t('team.you')})` : ''}
                  </Table.Td>
                  <Table.Td>{m.email}</Table.Td>
                  <Table.Td>{roleControl(m)}</Table.Td>
                  <Table.Td>{statusBadge(m)}</Table.Td>
                  <Table.Td>{fmt.date(m.createdAt)}</Table.Td>
                  <Table.Td>{memberActions(m)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {canInvite && (
        <Stack gap="sm">
          <Title order={headingLevel} size="h4">
            {t('team.pending', { count: pending.length })}
          </Title>
          {pending.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('team.noPending')}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {pending.map((i) => (
                <Card component="li" key={i.id} withBorder padding="sm">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <div style={{ minWidth: 0 }}>
                      <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {i.email}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {t(roleKey(i.role))} · {t('team.expires', { date: fmt.dateTime(i.expiresAt) })}
                      </Text>
                    </div>
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconMailForward size={14} aria-hidden />}
                        aria-label={t('team.resendTo', { email: i.email })}
                        onClick={() =>
                          act(() => api.post(`/invitations/${i.id}/resend`), t('team.resent', { email: i.email }))
                        }
                      >
                        {t('team.resend')}
                      </Button>
                      <ConfirmButton
                        size="xs"
                        variant="outline"
                        color="red"
                        title={t('team.revokeTitle')}
                        body={t('team.revokeBody', { email: i.email })}
                        confirmLabel={t('team.revoke')}
                        aria-label={t('team.revokeFor', { email: i.email })}
                        onConfirm={() =>
                          act(() => api.post(`/invitations/${i.id}/revoke`), t('team.revoked', { email: i.email }))
                        }
                      >
                        {t('team.revoke')}
                      </ConfirmButton>
                    </Group>
                  </Group>
                </Card>
              ))}
            </Stack>
          )}
        </Stack>
      )}

      <Modal opened={inviting} onClose={() => setInviting(false)} title={t('team.inviteTitle')} fullScreen={mobile}>
        {inviting && (
          <InviteForm
            scope={scope}
            roles={inviteRoles}
            onDone={async (email) => {
              setInviting(false);
              notifications.show({ color: 'teal', message: t('team.invited', { email }) });
              await refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function InviteForm({
  scope,
  roles,
  onDone,
}: {
  scope: TeamScope;
  roles: readonly Role[];
  onDone: (email: string) => Promise<void>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [key] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', name: '', role: roles[0] ?? 'partner_user' },
    validate: { email: (v) => (EMAIL.test(v.trim()) ? null : t('auth.emailInvalid')) },
  });
  const submit = form.onSubmit(
    async (v) => {
      setFormError(null);
      try {
        await api.post(
          '/invitations',
          {
            email: v.email.trim().toLowerCase(),
            role: v.role,
            ...(v.name.trim() ? { name: v.name.trim() } : {}),
            ...(scope.kind === 'partner' ? { partnerId: scope.partnerId } : {}),
          },
          { idempotencyKey: key },
        );
        await onDone(v.email.trim());
      } catch (err) {
        const byField = fieldErrors(err, t, locale);
        const conflictField = err instanceof ApiError && err.details.field === 'email';
        if (conflictField) byField.email = errorText(err, t, locale);
        form.setErrors(byField);
        if (Object.keys(byField).length === 0) setFormError(errorText(err, t, locale));
      }
    },
    () => focusFirstInvalid(),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('team.inviteIntro')}</Text>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label={t('common.email')}
          type="email"
          required
          autoComplete="off"
          {...form.getInputProps('email')}
        />
        <TextInput label={t('team.inviteName')} autoComplete="off" {...form.getInputProps('name')} />
        <Select
          label={t('common.role')}
          allowDeselect={false}
          data={roles.map((r) => ({ value: r, label: t(roleKey(r)) }))}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('team.sendInvite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
