import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useCan } from '../../api/session';
import { ButtonLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { useDealList } from '../../features/deals/api';
import { DealStatusBadge } from '../../features/deals/labels';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

/** My registrations: one card each with the status and the last reason. */
export function PortalDealsPage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  usePageTitle(t('deals.mine.title'));
  const list = useDealList({});
  if (!can('deal.read')) return <NotAllowed />;
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <Title order={1} size="h2">
          {t('deals.mine.title')}
        </Title>
        {can('deal.register') && (
          <ButtonLink to="/portal/deals/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t('deals.new.short')}
          </ButtonLink>
        )}
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.data?.data.length === 0 ? (
        <Alert color="gray">{t('deals.mine.empty')}</Alert>
      ) : (
        <Stack gap="sm">
          {list.data?.data.map((d) => (
            <Link
              key={d.id}
              to="/portal/deals/$dealId"
              params={{ dealId: d.id }}
              style={{ color: 'inherit', textDecoration: 'none' }}
            >
              <Card withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {d.customer.name}
                  </Text>
                  <DealStatusBadge status={d.status} />
                </Group>
                <Text size="sm" c="dimmed">
                  {[d.totals.map((m) => f.money(m)).join(' + '), f.date(d.updatedAt)].filter(Boolean).join(' · ')}
                </Text>
                {d.lastReason && (
                  <Text size="sm" mt={4} lineClamp={2}>
                    {t('deals.history.reason', { reason: d.lastReason })}
                  </Text>
                )}
              </Card>
            </Link>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
