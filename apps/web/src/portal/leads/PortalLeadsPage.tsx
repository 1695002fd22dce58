import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import type { LeadStatus } from '@trellis/contracts';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText } from '../../features/forms/errors';
import { useLeadInbox } from '../../features/leads/api';
import { LeadStatusBadge, SlaCountdown } from '../../features/leads/labels';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/portal/leads');

export const INBOX_TABS: Record<'offered' | 'working' | 'closed', { label: MessageId; statuses: LeadStatus[] }> = {
  offered: { label: 'leads.inbox.tab.offered', statuses: ['offered'] },
  working: { label: 'leads.inbox.tab.working', statuses: ['accepted', 'contacted', 'qualified'] },
  closed: { label: 'leads.inbox.tab.closed', statuses: ['converted', 'lost'] },
};

/** The partner's lead inbox: offers waiting for an answer (with the time left), then the leads being worked. */
export function PortalLeadsPage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const tab = route.useSearch().tab ?? 'offered';
  usePageTitle(t('leads.inbox.title'));
  const list = useLeadInbox(INBOX_TABS[tab].statuses);
  if (!can('lead.work')) return <NotAllowed />;
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('leads.inbox.title')}
      </Title>
      <SegmentedControl
        fullWidth
        aria-label={t('leads.inbox.show')}
        value={tab}
        onChange={(v) => navigate({ to: '/portal/leads', search: { tab: v as keyof typeof INBOX_TABS } })}
        data={Object.entries(INBOX_TABS).map(([value, x]) => ({ value, label: t(x.label) }))}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <Alert color="red">{errorText(list.error, t, locale)}</Alert>
      ) : rows.length === 0 ? (
        <Alert color="gray">{t(`leads.inbox.empty.${tab}` as MessageId)}</Alert>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {rows.map((l) => (
            <li key={l.id}>
              <Link
                to="/portal/leads/$leadId"
                params={{ leadId: l.id }}
                style={{ color: 'inherit', textDecoration: 'none', display: 'block' }}
              >
                <Card withBorder padding="sm">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Text fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      {l.company}
                    </Text>
                    <LeadStatusBadge status={l.status} />
                  </Group>
                  <Text size="sm" c="dimmed">
                    {[l.country ? f.country(l.country) : null, l.productInterests.join(', ') || null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  <Group gap="xs" mt={6}>
                    {l.status === 'offered' && l.acceptBy && <SlaCountdown dueAt={l.acceptBy} />}
                    {l.contactHidden ? (
                      <Badge
                        variant="outline"
                        color="gray"
                        c="gray.8"
                        leftSection={<IconLock size={12} aria-hidden />}
                        style={{ textTransform: 'none' }}
                      >
                        {t('leads.inbox.contactHidden')}
                      </Badge>
                    ) : (
                      l.contact && <Text size="sm">{l.contact.name}</Text>
                    )}
                  </Group>
                </Card>
              </Link>
            </li>
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {t('leads.list.more')}
        </Button>
      )}
    </Stack>
  );
}
