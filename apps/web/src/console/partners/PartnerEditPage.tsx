import { Breadcrumbs, Paper, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { PartnerDetail } from '@trellis/contracts';
import { api } from '../../api/client';
import { AnchorLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { getPartner, partnerKeys } from '../../features/partners/api';
import { PartnerForm } from '../../features/partners/PartnerForm';
import { useT } from '../../i18n/useT';
import { PartnerMissing } from './PartnerMissing';

const route = getRouteApi('/console/partners/$partnerId/edit');

export function PartnerEditPage() {
  const t = useT();
  const { partnerId } = route.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partner = useQuery({ queryKey: partnerKeys.detail(partnerId), queryFn: () => getPartner(partnerId) });
  usePageTitle(partner.data ? t('partners.edit.title', { name: partner.data.displayName }) : null);
  if (partner.isError) return <PartnerMissing error={partner.error} />;
  if (!partner.data) return <PageLoader />;
  const p = partner.data;
  if (!p.abilities.update) return <NotAllowed />;
  const back = () => navigate({ to: '/console/partners/$partnerId', params: { partnerId } });
  return (
    <Stack maw={960}>
      <Breadcrumbs>
        <AnchorLink to="/console/partners">{t('nav.partners')}</AnchorLink>
        <AnchorLink to="/console/partners/$partnerId" params={{ partnerId }}>
          {p.displayName}
        </AnchorLink>
        <span>{t('common.edit')}</span>
      </Breadcrumbs>
      <Title order={1}>{t('partners.edit.title', { name: p.displayName })}</Title>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <PartnerForm
          partner={p}
          editable="all"
          submitLabel={t('common.save')}
          onCancel={back}
          onSubmit={async (patch) => {
            const { partner: saved } = await api.patch<{ partner: PartnerDetail }>(`/partners/${partnerId}`, patch);
            queryClient.setQueryData(partnerKeys.detail(partnerId), saved);
            await queryClient.invalidateQueries({ queryKey: ['partners', 'list'] });
            await queryClient.invalidateQueries({ queryKey: partnerKeys.events(partnerId) });
            notifications.show({ color: 'teal', message: t('partners.edit.saved', { name: saved.displayName }) });
            await back();
          }}
        />
      </Paper>
    </Stack>
  );
}
