import { Breadcrumbs, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { PartnerDetail } from '@trellis/contracts';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { AnchorLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { partnerKeys } from '../../features/partners/api';
import { PartnerForm } from '../../features/partners/PartnerForm';
import { useT } from '../../i18n/useT';

export function PartnerCreatePage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // One key per visit: a double click or a retry after a dropped answer creates one partner, not two.
  const [key] = useState(newIdempotencyKey);
  usePageTitle(t('partners.new.title'));
  if (!can('partner.create')) return <NotAllowed />;
  return (
    <Stack maw={960}>
      <Breadcrumbs>
        <AnchorLink to="/console/partners">{t('nav.partners')}</AnchorLink>
        <span>{t('partners.new.title')}</span>
      </Breadcrumbs>
      <Title order={1}>{t('partners.new.title')}</Title>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <PartnerForm
          partner={null}
          editable="all"
          submitLabel={t('partners.new.submit')}
          onCancel={() => navigate({ to: '/console/partners' })}
          onSubmit={async (body) => {
            const { partner } = await api.post<{ partner: PartnerDetail }>('/partners', body, { idempotencyKey: key });
            queryClient.setQueryData(partnerKeys.detail(partner.id), partner);
            await queryClient.invalidateQueries({ queryKey: ['partners', 'list'] });
            notifications.show({ color: 'teal', message: t('partners.new.created', { name: partner.displayName }) });
            await navigate({
              to: '/console/partners/$partnerId',
              params: { partnerId: partner.id },
              search: { tab: 'users' },
            });
          }}
        />
      </Paper>
    </Stack>
  );
}
