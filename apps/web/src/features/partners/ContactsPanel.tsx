import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Contact, ContactCreateSchema, ContactRoleValues, ContactUpdateSchema } from '@trellis/contracts';
import { useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { ConfirmButton } from '../../components/ui/ConfirmButton';
import { PageLoader } from '../../components/ui/PageLoader';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useT } from '../../i18n/useT';
import { errorText, fieldErrors, issueText } from '../forms/errors';
import { toIssues } from '../forms/zodIssues';
import { listContacts, partnerKeys } from './api';

const roleKey = (r: Contact['role']): MessageId => `contactRole.${r}`;

/** C1: the people at a partner, with their role and whether they can sign in. */
export function ContactsPanel({ partnerId, canManage }: { partnerId: string; canManage: boolean }) {
  const t = useT();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const contacts = useQuery({ queryKey: partnerKeys.contacts(partnerId), queryFn: () => listContacts(partnerId) });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: partnerKeys.contacts(partnerId) });
  const remove = async (c: Contact) => {
    await api.delete(`/contacts/${c.id}`);
    notifications.show({ message: t('contacts.deleted', { name: `${c.firstName} ${c.lastName}`.trim() }) });
    await refresh();
  };
  if (contacts.isPending) return <PageLoader />;
  const list = contacts.data?.data ?? [];
  const name = (c: Contact) => `${c.firstName} ${c.lastName}`.trim();
  const actions = (c: Contact) =>
    canManage && (
      <Group gap={4} wrap="nowrap">
        <ActionIcon
          variant="subtle"
          aria-label={t('contacts.editNamed', { name: name(c) })}
          onClick={() => setEditing(c)}
        >
          <IconPencil size={18} aria-hidden />
        </ActionIcon>
        <ConfirmButton
          variant="subtle"
          color="red"
          px={6}
          aria-label={t('contacts.deleteNamed', { name: name(c) })}
          title={t('contacts.deleteTitle')}
          body={t('contacts.deleteBody', { name: name(c) })}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove(c)}
        >
          <IconTrash size={18} aria-hidden />
        </ConfirmButton>
      </Group>
    );
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('contacts.count', { count: list.length })}
        </Text>
        {canManage && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('contacts.add')}
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed">{t('contacts.empty')}</Text>
      ) : mobile ? (
        <Stack gap="sm">
          {list.map((c) => (
            <Card key={c.id} withBorder padding="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Text fw={600}>{name(c)}</Text>
                  <Text size="sm" c="dimmed">
                    {[c.title, t(roleKey(c.role))].filter(Boolean).join(' · ')}
                  </Text>
                  {c.email && (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                    </Text>
                  )}
                  {c.phone && (
                    <Text size="sm">
                      <a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</a>
                    </Text>
                  )}
                  {c.hasLogin && (
                    <Badge size="sm" color="teal" mt={4}>
                      {t('contacts.hasLogin')}
                    </Badge>
                  )}
                </div>
                {actions(c)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.name')}</Table.Th>
                <Table.Th scope="col">{t('contacts.title')}</Table.Th>
                <Table.Th scope="col">{t('contacts.role')}</Table.Th>
                <Table.Th scope="col">{t('common.email')}</Table.Th>
                <Table.Th scope="col">{t('partner.phone')}</Table.Th>
                <Table.Th scope="col">{t('contacts.login')}</Table.Th>
                {canManage && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={500}>{name(c)}</Table.Td>
                  <Table.Td>{c.title ?? t('common.empty')}</Table.Td>
                  <Table.Td>{t(roleKey(c.role))}</Table.Td>
                  <Table.Td>{c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : t('common.empty')}</Table.Td>
                  <Table.Td>{c.phone ?? t('common.empty')}</Table.Td>
                  <Table.Td>{c.hasLogin ? t('common.yes') : t('common.no')}</Table.Td>
                  {canManage && <Table.Td>{actions(c)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('contacts.add') : t('contacts.edit')}
        size="lg"
        fullScreen={mobile}
      >
        {editing !== null && (
          <ContactForm
            partnerId={partnerId}
            contact={editing === 'new' ? null : editing}
            onDone={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function ContactForm({
  partnerId,
  contact,
  onDone,
}: {
  partnerId: string;
  contact: Contact | null;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [key] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
      title: contact?.title ?? '',
      role: contact?.role ?? 'other',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    const body = {
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      email: v.email.trim() || (contact ? null : undefined),
      phone: v.phone.trim() || (contact ? null : undefined),
      title: v.title.trim() || (contact ? null : undefined),
      role: v.role,
    };
    const parsed = contact ? ContactUpdateSchema.safeParse(body) : ContactCreateSchema.safeParse(body);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of toIssues(parsed.error.issues)) errs[i.path] ??= issueText(i, t, locale);
      form.setErrors(errs);
      return;
    }
    try {
      if (contact) await api.patch(`/contacts/${contact.id}`, parsed.data);
      else await api.post(`/partners/${partnerId}/contacts`, parsed.data, { idempotencyKey: key });
      notifications.show({ message: t('common.saved') });
      await onDone();
    } catch (err) {
      form.setErrors(fieldErrors(err, t, locale));
      if (!(err instanceof ApiError) || err.issues.length === 0) setFormError(errorText(err, t, locale));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('contacts.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
          <TextInput label={t('contacts.lastName')} autoComplete="off" {...form.getInputProps('lastName')} />
          <TextInput label={t('common.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          <TextInput label={t('partner.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          <TextInput label={t('contacts.title')} {...form.getInputProps('title')} />
          <Select
            label={t('contacts.role')}
            data={ContactRoleValues.map((r) => ({ value: r, label: t(roleKey(r)) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
