import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { LeadDetail } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../../api/client';
import { AnchorLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { leadKeys, leadPaths, useLead, useLeadDecision } from '../../features/leads/api';
import { EditLeadModal } from '../../features/leads/EditLeadModal';
import {
  LEAD_SOURCE_LABEL,
  LeadField,
  LeadHistory,
  LeadRoutingFacts,
  LeadStatusBadge,
  LOST_REASON_LABEL,
  SlaCountdown,
} from '../../features/leads/labels';
import { PartnerPicker } from '../../features/leads/PartnerPicker';
import { RoutingExplanation } from '../../features/leads/RoutingExplanation';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/console/leads/$leadId');

/** One lead for vendor staff: its fields, who holds it, why it went there, every hop, and the actions. */
export function LeadDetailPage() {
  const t = useT();
  const { locale } = useI18n();
  const { leadId } = route.useParams();
  const lead = useLead(leadId);
  const [explaining, setExplaining] = useState<string | null>(null);
  usePageTitle(lead.data?.company);
  if (lead.isError) return <Alert color="red">{errorText(lead.error, t, locale)}</Alert>;
  if (!lead.data) return <PageLoader />;
  const l = lead.data;
  return (
    <Stack gap="md">
      <DecisionModal leadId={l.id} decisionId={explaining} onClose={() => setExplaining(null)} />
      <AnchorLink to="/console/leads" size="sm">
        ← {t('leads.board.title')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{l.company}</Title>
          <Text c="dimmed">{t(LEAD_SOURCE_LABEL[l.source])}</Text>
        </div>
        <Group gap="xs">
          <LeadStatusBadge status={l.status} />
          {l.status === 'offered' && l.slaDueAt && <SlaCountdown dueAt={l.slaDueAt} withDeadline />}
        </Group>
      </Group>
      <LeadActions lead={l} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Holder lead={l} />
            <LeadFields lead={l} />
            <Paper withBorder p="sm">
              <Title order={2} size="h4" mb="sm">
                {t('leads.history.title')}
              </Title>
              <LeadHistory events={l.events} onExplain={setExplaining} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {l.decision ? (
            <RoutingExplanation decision={l.decision} />
          ) : (
            <Alert color="gray">
              <Text size="sm" fw={700}>
                {t('leads.explain.title')}
              </Text>
              {t('leads.explain.never')}
            </Alert>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The explanation of an earlier hop, from the history. */
function DecisionModal({
  leadId,
  decisionId,
  onClose,
}: {
  leadId: string;
  decisionId: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const decision = useLeadDecision(leadId, decisionId);
  return (
    <Modal opened={decisionId !== null} onClose={onClose} title={t('leads.history.decisionTitle')} size="xl">
      {decision.isError ? (
        <Alert color="red">{errorText(decision.error, t, locale)}</Alert>
      ) : decision.data ? (
        <RoutingExplanation decision={decision.data} />
      ) : (
        <PageLoader />
      )}
    </Modal>
  );
}

function Holder({ lead: l }: { lead: LeadDetail }) {
  const t = useT();
  const f = useFormat();
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb={4}>
        {t('leads.detail.holder')}
      </Title>
      {l.partner ? (
        <Stack gap={2}>
          <AnchorLink to="/console/partners/$partnerId" params={{ partnerId: l.partner.id }} fw={600}>
            {l.partner.name}
          </AnchorLink>
          {l.assignedAt && <Text size="sm">{t('leads.detail.assignedAt', { date: f.dateTime(l.assignedAt) })}</Text>}
          {l.acceptedAt && <Text size="sm">{t('leads.detail.acceptedAt', { date: f.dateTime(l.acceptedAt) })}</Text>}
        </Stack>
      ) : l.fallbackQueue ? (
        <Text>{t('leads.detail.inQueue', { queue: l.fallbackQueue.name })}</Text>
      ) : (
        <Text c="dimmed">{t('leads.detail.notRouted')}</Text>
      )}
      {l.dealRegistrationId && (
        <AnchorLink to="/console/deals/$dealId" params={{ dealId: l.dealRegistrationId }} size="sm">
          {t('leads.detail.openDeal')}
        </AnchorLink>
      )}
      {l.status === 'lost' && l.lostReason && (
        <Text size="sm" mt={4}>
          {t('leads.detail.lost', {
            reason: [t(LOST_REASON_LABEL[l.lostReason]), l.lostNote].filter(Boolean).join(' — '),
          })}
        </Text>
      )}
      {(l.declinedPartners.length > 0 || l.recalledPartners.length > 0) && (
        <Group gap={4} mt="xs">
          {l.declinedPartners.map((p) => (
            <Badge key={`d${p.id}`} variant="outline" color="red" c="red.9" style={{ textTransform: 'none' }}>
              {t('leads.detail.declinedBy', { partner: p.name })}
            </Badge>
          ))}
          {l.recalledPartners.map((p) => (
            <Badge key={`r${p.id}`} variant="outline" color="orange" c="orange.9" style={{ textTransform: 'none' }}>
              {t('leads.detail.recalledFrom', { partner: p.name })}
            </Badge>
          ))}
        </Group>
      )}
    </Paper>
  );
}

function LeadFields({ lead: l }: { lead: LeadDetail }) {
  const t = useT();
  const f = useFormat();
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb="xs">
        {t('leads.detail.fields')}
      </Title>
      <SimpleGrid cols={2} spacing="xs">
        <LeadField label={t('leads.field.contactName')}>{l.contact.name}</LeadField>
        <LeadField label={t('leads.field.contactEmail')}>{l.contact.email ?? '—'}</LeadField>
        <LeadField label={t('leads.field.contactPhone')}>{l.contact.phone ?? '—'}</LeadField>
        <LeadRoutingFacts lead={l} />
        <LeadField label={t('leads.field.createdAt')}>{f.dateTime(l.createdAt)}</LeadField>
        <LeadField label={t('leads.detail.recalls')}>{f.number(l.recallCount)}</LeadField>
        <LeadField label={t('leads.detail.declines')}>{f.number(l.declinedCount)}</LeadField>
      </SimpleGrid>
      {l.notes && (
        <LeadField label={t('leads.field.notes')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{l.notes}</span>
        </LeadField>
      )}
    </Paper>
  );
}

type Dialog = null | 'assign' | 'recall';

/** Route now, manual assign / reassign (with a partner picker) and recall, as the lead's abilities allow. */
function LeadActions({ lead: l }: { lead: LeadDetail }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [editing, setEditing] = useState(false);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reroute, setReroute] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [partnerError, setPartnerError] = useState<string | null>(null);
  const done = async (updated: LeadDetail, message: string) => {
    queryClient.setQueryData(leadKeys.detail(l.id), updated);
    await queryClient.invalidateQueries({ queryKey: leadKeys.all });
    setDialog(null);
    setReason('');
    setPartnerId(null);
    setError(null);
    setPartnerError(null);
    notifications.show({ color: 'green', message });
  };
  const fail = (err: unknown) => {
    const fe = fieldErrors(err, t, locale);
    setPartnerError(fe.partnerId ?? null);
    setError(fe.partnerId ? null : errorText(err, t, locale));
  };
  const routeNow = useMutation({
    mutationFn: () => api.post<{ lead: LeadDetail }>(leadPaths.route(l.id)).then((r) => r.lead),
    onSuccess: (u) => done(u, t('leads.action.routed')),
    onError: (err) => notifications.show({ color: 'red', message: errorText(err, t, locale) }),
  });
  const assign = useMutation({
    mutationFn: () =>
      api
        .post<{ lead: LeadDetail }>(leadPaths.assign(l.id), {
          partnerId: partnerId ?? '',
          reason: reason.trim() || undefined,
        })
        .then((r) => r.lead),
    onSuccess: (u) => done(u, t('leads.action.assigned', { partner: u.partner?.name ?? '' })),
    onError: fail,
  });
  const recall = useMutation({
    mutationFn: () =>
      api
        .post<{ lead: LeadDetail }>(leadPaths.recall(l.id), { reason: reason.trim() || undefined, reroute })
        .then((r) => r.lead),
    onSuccess: (u) => done(u, t('leads.action.recalledDone')),
    onError: fail,
  });
  const held = l.partner !== null;
  if (!l.abilities.route && !l.abilities.assign && !l.abilities.recall && !l.abilities.edit) return null;
  return (
    <>
      {editing && <EditLeadModal lead={l} opened onClose={() => setEditing(false)} />}
      <Group gap="xs">
        {l.abilities.route && (
          <Button loading={routeNow.isPending} onClick={() => routeNow.mutate()}>
            {t('leads.action.route')}
          </Button>
        )}
        {l.abilities.assign && (
          <Button variant="default" onClick={() => setDialog('assign')}>
            {t(held ? 'leads.action.reassign' : 'leads.action.assign')}
          </Button>
        )}
        {l.abilities.recall && (
          <Button variant="default" color="orange" onClick={() => setDialog('recall')}>
            {t('leads.action.recall')}
          </Button>
        )}
        {l.abilities.edit && (
          <Button variant="subtle" onClick={() => setEditing(true)}>
            {t('leads.edit.button')}
          </Button>
        )}
      </Group>
      <Modal
        opened={dialog === 'assign'}
        onClose={() => setDialog(null)}
        title={t(held ? 'leads.action.reassign' : 'leads.action.assign')}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!partnerId) {
              setPartnerError(t('fieldError.required'));
              return;
            }
            assign.mutate();
          }}
        >
          <Stack>
            {held && <Text size="sm">{t('leads.action.reassignHint', { partner: l.partner?.name ?? '' })}</Text>}
            <PartnerPicker
              label={t('leads.partner')}
              required
              value={partnerId}
              onChange={(id) => {
                setPartnerId(id);
                setPartnerError(null);
              }}
              error={partnerError}
            />
            <Textarea
              label={t('leads.action.reason')}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={assign.isPending}>
                {t(held ? 'leads.action.reassign' : 'leads.action.assign')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={dialog === 'recall'} onClose={() => setDialog(null)} title={t('leads.action.recall')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            recall.mutate();
          }}
        >
          <Stack>
            <Text size="sm">{t('leads.action.recallHint', { partner: l.partner?.name ?? '' })}</Text>
            <Textarea
              label={t('leads.action.reason')}
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
            <Checkbox
              label={t('leads.action.reroute')}
              description={t('leads.action.rerouteHint')}
              checked={reroute}
              onChange={(e) => setReroute(e.currentTarget.checked)}
            />
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="orange" loading={recall.isPending}>
                {t('leads.action.recall')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
