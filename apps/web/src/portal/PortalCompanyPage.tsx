import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartnerDetail } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import { useCan } from '../api/session';
import { PageLoader } from '../components/ui/PageLoader';
import { usePageTitle } from '../components/ui/usePageTitle';
import { attributeKeys, listAttributes, partnerKeys } from '../features/partners/api';
import { ContactsPanel } from '../features/partners/ContactsPanel';
import { StatusBadge } from '../features/partners/labels';
import { PartnerForm } from '../features/partners/PartnerForm';
import { PartnerProfileView } from '../features/partners/PartnerProfileView';
import { useT } from '../i18n/useT';
import { usePortalPartner } from './usePortalPartner';

/** C1: the partner's own company profile; only the fields the vendor opens to partners are editable. */
export function PortalCompanyPage() {
  const t = useT();
  const can = useCan();
  usePageTitle(t('portal.company.title'));
  const queryClient = useQueryClient();
  const { data: partner, isPending } = usePortalPartner();
  const attributes = useQuery({ queryKey: attributeKeys.all, queryFn: listAttributes });
  const [editing, setEditing] = useState(false);
  if (isPending || !partner) return <PageLoader />;
  const editableAttrs = (attributes.data ?? []).filter((d) => d.partnerEditable);
  const canEdit =
    can('partner.update_own_profile') && (partner.abilities.updateProfileFields.length > 0 || editableAttrs.length > 0);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2">
            {partner.displayName}
          </Title>
          <Text c="dimmed" size="sm">
            {partner.legalName}
          </Text>
        </div>
        <StatusBadge status={partner.status} size="lg" />
      </Group>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="profile-heading">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h4" id="profile-heading">
            {editing ? t('portal.company.editTitle') : t('portal.company.profile')}
          </Title>
          {canEdit && !editing && (
            <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('portal.company.edit')}
            </Button>
          )}
        </Group>
        {editing ? (
          <Stack>
            <Text size="sm" c="dimmed">
              {t('portal.company.editHint')}
            </Text>
            <PartnerForm
              partner={partner}
              editable={partner.abilities.updateProfileFields}
              attributeFilter={(d) => d.partnerEditable}
              submitLabel={t('common.save')}
              onCancel={() => setEditing(false)}
              onSubmit={async (patch) => {
                const { partner: saved } = await api.patch<{ partner: PartnerDetail }>(
                  `/partners/${partner.id}/profile`,
                  patch,
                );
                queryClient.setQueryData(partnerKeys.detail(partner.id), saved);
                setEditing(false);
                notifications.show({ color: 'teal', message: t('portal.company.saved') });
              }}
            />
          </Stack>
        ) : (
          <>
            {!canEdit && (
              <Alert color="gray" mb="md">
                {t('portal.company.readOnly')}
              </Alert>
            )}
            <PartnerProfileView partner={partner} attributes={attributes.data ?? []} audience="partner" />
          </>
        )}
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="contacts-heading">
        <Title order={2} size="h4" id="contacts-heading" mb="md">
          {t('portal.company.contacts')}
        </Title>
        <ContactsPanel partnerId={partner.id} canManage={partner.abilities.manageContacts} />
      </Paper>
    </Stack>
  );
}
