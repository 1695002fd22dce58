import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import {
  type DealStatus,
  type LeadDeclineReason,
  LeadDeclineReasonValues,
  type LeadInboxDetail,
  type LeadLostReason,
  LeadLostReasonValues,
} from '@trellis/contracts';
import { useMemo, useRef, useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { AnchorLink, ButtonLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { useBaseCurrency } from '../../features/deals/api';
import { emptyLine } from '../../features/deals/dealForm';
import { DEAL_STATUS_LABEL } from '../../features/deals/labels';
import { errorText, fieldErrors, focusFirstInvalid } from '../../features/forms/errors';
import { leadKeys, leadPaths, useInboxLead } from '../../features/leads/api';
import {
  type ConvertFormValues,
  convertBody,
  convertFormErrors,
  convertFormFromLead,
} from '../../features/leads/convertForm';
import {
  DECLINE_REASON_LABEL,
  LeadField,
  LeadHistory,
  LeadRoutingFacts,
  LeadStatusBadge,
  LOST_REASON_LABEL,
  SlaCountdown,
} from '../../features/leads/labels';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import type { TFunction } from '../../i18n/useT';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/portal/leads/$leadId');

/** A 409 on a lead that is no longer the partner's says what happened and when; anything else as usual. */
function leadErrorText(err: unknown, t: TFunction, locale: string, f: ReturnType<typeof useFormat>): string {
  if (err instanceof ApiError && err.status === 409) {
    const state = err.details.state;
    const at = typeof err.details.at === 'string' ? err.details.at : null;
    if (state === 'recalled' || state === 'declined' || state === 'reassigned') {
      return t(`leads.inbox.gone.${state}` as MessageId, { date: at ? f.dateTime(at) : '—' });
    }
  }
  return errorText(err, t, locale);
}

/** One lead in the partner's inbox: accept or decline an offer, then work it to a deal registration. */
export function PortalLeadDetailPage() {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const { leadId } = route.useParams();
  const lead = useInboxLead(leadId);
  usePageTitle(lead.data?.company);
  if (lead.isError) return <Alert color="red">{errorText(lead.error, t, locale)}</Alert>;
  if (!lead.data) return <PageLoader />;
  const l = lead.data;
  return (
    <Stack gap="md">
      <AnchorLink to="/portal/leads" size="sm">
        ← {t('leads.inbox.title')}
      </AnchorLink>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {l.company}
        </Title>
        <LeadStatusBadge status={l.status} />
      </Group>
      {l.status === 'offered' && l.acceptBy && (
        <Paper withBorder p="sm" bg="blue.0">
          <Text fw={600}>{t('leads.inbox.acceptWithin')}</Text>
          <SlaCountdown dueAt={l.acceptBy} withDeadline />
        </Paper>
      )}
      {l.dealRegistrationId && (
        // No coloured title: body text keeps full contrast (WCAG 1.4.3).
        <Alert color="teal">
          <Text size="sm" fw={700}>
            {t('leads.inbox.converted')}
          </Text>
          <AnchorLink to="/portal/deals/$dealId" params={{ dealId: l.dealRegistrationId }} fw={600}>
            {t('leads.inbox.openDeal')}
          </AnchorLink>
        </Alert>
      )}
      {l.status === 'lost' && l.lostReason && (
        <Alert color="gray">{t('leads.detail.lost', { reason: t(LOST_REASON_LABEL[l.lostReason]) })}</Alert>
      )}
      <InboxActions lead={l} />
      <Contact lead={l} />
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('leads.detail.fields')}
        </Title>
        <SimpleGrid cols={2} spacing="xs">
          <LeadRoutingFacts lead={l} />
          {l.offeredAt && <LeadField label={t('leads.inbox.offeredAt')}>{f.dateTime(l.offeredAt)}</LeadField>}
          {l.acceptedAt && <LeadField label={t('leads.inbox.acceptedAt')}>{f.dateTime(l.acceptedAt)}</LeadField>}
        </SimpleGrid>
        {l.notes && (
          <LeadField label={t('leads.field.notes')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{l.notes}</span>
          </LeadField>
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="sm">
          {t('leads.history.title')}
        </Title>
        <LeadHistory events={l.events} />
      </Paper>
    </Stack>
  );
}

/** Who to call: hidden (and said so) until the offer is accepted when the workspace wants it that way. */
function Contact({ lead: l }: { lead: LeadInboxDetail }) {
  const t = useT();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="contact-title">
      <Title order={2} size="h4" mb="xs" id="contact-title">
        {t('leads.inbox.contact')}
      </Title>
      {l.contactHidden || !l.contact ? (
        <Group gap="xs" wrap="nowrap" data-testid="contact-hidden">
          <IconLock size={18} aria-hidden />
          <Text size="sm">{t('leads.inbox.contactHiddenLong')}</Text>
        </Group>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <LeadField label={t('leads.field.contactName')}>{l.contact.name}</LeadField>
          <LeadField label={t('leads.field.contactEmail')}>
            {l.contact.email ? <a href={`mailto:${l.contact.email}`}>{l.contact.email}</a> : '—'}
          </LeadField>
          <LeadField label={t('leads.field.contactPhone')}>
            {l.contact.phone ? <a href={`tel:${l.contact.phone.replace(/[^\d+]/g, '')}`}>{l.contact.phone}</a> : '—'}
          </LeadField>
        </SimpleGrid>
      )}
    </Paper>
  );
}

type Dialog = null | 'decline' | 'lost' | 'convert';

function InboxActions({ lead: l }: { lead: LeadInboxDetail }) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [converted, setConverted] = useState<{ dealId: string; status: string } | null>(null);
  const updated = async (lead: LeadInboxDetail, message: string) => {
    queryClient.setQueryData(leadKeys.inboxDetail(l.id), lead);
    await queryClient.invalidateQueries({ queryKey: leadKeys.inboxAll });
    setDialog(null);
    setError(null);
    notifications.show({ color: 'green', message });
  };
  const onError = async (err: unknown) => {
    setError(leadErrorText(err, t, locale, f));
    if (err instanceof ApiError && err.status === 409) {
      await queryClient.invalidateQueries({ queryKey: leadKeys.inboxAll });
    }
  };
  const accept = useMutation({
    mutationFn: () => api.post<{ lead: LeadInboxDetail }>(leadPaths.accept(l.id)).then((r) => r.lead),
    onSuccess: (lead) => updated(lead, t('leads.inbox.acceptedDone')),
    onError,
  });
  const setStatus = useMutation({
    mutationFn: (
      body: { status: 'contacted' | 'qualified' } | { status: 'lost'; reasonCode: LeadLostReason; note?: string },
    ) => api.post<{ lead: LeadInboxDetail }>(leadPaths.status(l.id), body).then((r) => r.lead),
    onSuccess: (lead) => updated(lead, t('leads.inbox.statusDone')),
    onError,
  });
  const a = l.abilities;
  const any = a.accept || a.decline || a.convert || a.setStatus.length > 0;
  return (
    <>
      {converted && (
        <Alert color="teal" data-testid="converted">
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {t('leads.inbox.converted')}
            </Text>
            <Text size="sm">
              {t('leads.inbox.dealStatus', {
                status:
                  converted.status in DEAL_STATUS_LABEL
                    ? t(DEAL_STATUS_LABEL[converted.status as DealStatus])
                    : converted.status,
              })}
            </Text>
            <ButtonLink to="/portal/deals/$dealId" params={{ dealId: converted.dealId }} w="fit-content">
              {t('leads.inbox.openDeal')}
            </ButtonLink>
          </Stack>
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {any && (
        <Group gap="xs" grow={false}>
          {a.accept && (
            <Button color="green" loading={accept.isPending} onClick={() => accept.mutate()}>
              {t('leads.inbox.accept')}
            </Button>
          )}
          {a.decline && (
            <Button variant="default" color="red" onClick={() => setDialog('decline')}>
              {t('leads.inbox.decline')}
            </Button>
          )}
          {a.convert && <Button onClick={() => setDialog('convert')}>{t('leads.inbox.convert')}</Button>}
          {a.setStatus.includes('contacted') && (
            <Button
              variant="default"
              loading={setStatus.isPending && setStatus.variables?.status === 'contacted'}
              onClick={() => setStatus.mutate({ status: 'contacted' })}
            >
              {t('leads.inbox.markContacted')}
            </Button>
          )}
          {a.setStatus.includes('qualified') && (
            <Button
              variant="default"
              loading={setStatus.isPending && setStatus.variables?.status === 'qualified'}
              onClick={() => setStatus.mutate({ status: 'qualified' })}
            >
              {t('leads.inbox.markQualified')}
            </Button>
          )}
          {a.setStatus.includes('lost') && (
            <Button variant="default" color="gray" onClick={() => setDialog('lost')}>
              {t('leads.inbox.markLost')}
            </Button>
          )}
        </Group>
      )}
      <ReasonDialog
        opened={dialog === 'decline'}
        title={t('leads.inbox.decline')}
        confirmLabel={t('leads.inbox.decline')}
        reasonLabel={t('leads.inbox.declineReason')}
        options={LeadDeclineReasonValues.map((v) => ({ value: v, label: t(DECLINE_REASON_LABEL[v]) }))}
        textRequiredFor="other"
        onClose={() => setDialog(null)}
        onConfirm={async (reasonCode, text) => {
          try {
            await api.post<{ declined: true; leadId: string }>(leadPaths.decline(l.id), {
              reasonCode: reasonCode as LeadDeclineReason,
              reason: text || undefined,
            });
            // A declined lead leaves this partner's inbox: back to the list.
            setDialog(null);
            notifications.show({ color: 'green', message: t('leads.inbox.declinedDone') });
            queryClient.removeQueries({ queryKey: leadKeys.inboxDetail(l.id) });
            await queryClient.invalidateQueries({ queryKey: leadKeys.inboxAll });
            await navigate({ to: '/portal/leads' });
            return null;
          } catch (err) {
            const fe = fieldErrors(err, t, locale);
            return fe.reason ?? leadErrorText(err, t, locale, f);
          }
        }}
      />
      <ReasonDialog
        opened={dialog === 'lost'}
        title={t('leads.inbox.markLost')}
        confirmLabel={t('leads.inbox.markLost')}
        reasonLabel={t('leads.inbox.lostReason')}
        options={LeadLostReasonValues.map((v) => ({ value: v, label: t(LOST_REASON_LABEL[v]) }))}
        onClose={() => setDialog(null)}
        onConfirm={async (reasonCode, text) => {
          try {
            await setStatus.mutateAsync({
              status: 'lost',
              reasonCode: reasonCode as LeadLostReason,
              note: text || undefined,
            });
            return null;
          } catch (err) {
            return leadErrorText(err, t, locale, f);
          }
        }}
      />
      {dialog === 'convert' && (
        <ConvertDialog
          lead={l}
          onClose={() => setDialog(null)}
          onConverted={async (r) => {
            setConverted({ dealId: r.dealRegistrationId, status: r.dealStatus });
            await updated(r.lead, t('leads.inbox.convertedDone'));
            await queryClient.invalidateQueries({ queryKey: ['deals'] });
          }}
        />
      )}
    </>
  );
}

/** A reason code (select) and free text; the text is required for `textRequiredFor`. */
function ReasonDialog({
  opened,
  title,
  confirmLabel,
  reasonLabel,
  options,
  textRequiredFor,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  reasonLabel: string;
  options: { value: string; label: string }[];
  textRequiredFor?: string;
  onClose: () => void;
  /** Resolves to an error message, or null when done. */
  onConfirm: (reasonCode: string, text: string) => Promise<string | null>;
}) {
  const t = useT();
  const [code, setCode] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textRequired = code !== null && code === textRequiredFor;
  const missing = !code || (textRequired && !text.trim());
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (missing || !code) return;
          setBusy(true);
          const err = await onConfirm(code, text.trim());
          setBusy(false);
          setError(err);
          if (!err) {
            setCode(null);
            setText('');
          }
        }}
      >
        <Stack>
          <Select
            label={reasonLabel}
            required
            data={options}
            value={code}
            onChange={setCode}
            allowDeselect={false}
            data-autofocus
          />
          <Textarea
            label={t('leads.inbox.reasonDetails')}
            required={textRequired}
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy} disabled={missing}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type ConvertResult = { lead: LeadInboxDetail; dealRegistrationId: string; dealStatus: string };

/** Convert to a deal registration, pre-filled from the lead; customer and contact come from the lead itself. */
function ConvertDialog({
  lead: l,
  onClose,
  onConverted,
}: {
  lead: LeadInboxDetail;
  onClose: () => void;
  onConverted: (r: ConvertResult) => Promise<void>;
}) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const currency = useBaseCurrency();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const [v, setV] = useState<ConvertFormValues>(() => convertFormFromLead(l));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const key = useRef(newIdempotencyKey());
  const convert = useMutation({
    mutationFn: async () => {
      const { body, positions, badAmounts } = convertBody(v, currency);
      if (badAmounts.length > 0) {
        setErrors(Object.fromEntries(badAmounts.map((p) => [p, t('leads.convert.badAmount')])));
        throw new Error('amount');
      }
      try {
        return await api.post<ConvertResult>(leadPaths.convert(l.id), body, { idempotencyKey: key.current });
      } catch (err) {
        const fe = convertFormErrors(fieldErrors(err, t, locale), positions);
        setErrors(fe);
        if (Object.keys(fe).length > 0) throw new Error('fields');
        throw err;
      }
    },
    onSuccess: async (r) => {
      onClose();
      await onConverted(r);
    },
    onError: (err) => {
      if (err.message === 'fields') setFormError(t('apiError.validation_failed'));
      else if (err.message !== 'amount') setFormError(leadErrorText(err, t, locale, f));
      focusFirstInvalid(formRef.current);
    },
  });
  const setLine = (i: number, patch: Partial<ConvertFormValues['lines'][number]>) =>
    setV({ ...v, lines: v.lines.map((line, j) => (j === i ? { ...line, ...patch } : line)) });
  return (
    <Modal opened onClose={onClose} title={t('leads.convert.title')} fullScreen={phone} size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setErrors({});
          setFormError(null);
          convert.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{t('leads.convert.intro', { company: l.company, contact: l.contact?.name ?? '—' })}</Text>
          {!l.country && (
            <Select
              label={t('leads.field.country')}
              description={t('leads.convert.countryHint')}
              required
              searchable
              data={countries}
              value={v.country}
              error={errors.country}
              onChange={(country) => setV({ ...v, country })}
            />
          )}
          <TextInput
            label={t('leads.convert.domain')}
            description={t('leads.convert.domainHint')}
            value={v.domain}
            error={errors.domain}
            onChange={(e) => setV({ ...v, domain: e.currentTarget.value })}
          />
          <Text fw={600} size="sm">
            {t('leads.convert.products')}
          </Text>
          {v.lines.map((line, i) => (
            <Paper key={line.key} withBorder p="xs">
              <Stack gap="xs">
                <TextInput
                  label={t('leads.convert.product')}
                  value={line.product}
                  error={errors[`lines.${i}.product`]}
                  onChange={(e) => setLine(i, { product: e.currentTarget.value })}
                />
                <Group gap="xs" grow align="flex-start">
                  <NumberInput
                    label={t('leads.convert.quantity')}
                    min={1}
                    allowDecimal={false}
                    value={line.quantity}
                    error={errors[`lines.${i}.quantity`]}
                    onChange={(q) => setLine(i, { quantity: q })}
                  />
                  <TextInput
                    label={t('leads.convert.amount', { currency: line.currency ?? currency })}
                    inputMode="decimal"
                    value={line.amount}
                    error={errors[`lines.${i}.amount`]}
                    onChange={(e) => setLine(i, { amount: e.currentTarget.value })}
                  />
                </Group>
                {v.lines.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('leads.convert.removeLine', { n: i + 1 })}
                    onClick={() => setV({ ...v, lines: v.lines.filter((_, j) => j !== i) })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Stack>
            </Paper>
          ))}
          <Button
            variant="default"
            w="fit-content"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setV({ ...v, lines: [...v.lines, emptyLine()] })}
          >
            {t('leads.convert.addLine')}
          </Button>
          <TextInput
            type="date"
            label={t('leads.convert.closeDate')}
            value={v.closeDate}
            error={errors.closeDate}
            onChange={(e) => setV({ ...v, closeDate: e.currentTarget.value })}
          />
          <Textarea
            label={t('leads.field.notes')}
            autosize
            minRows={2}
            value={v.notes}
            error={errors.notes}
            onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
          />
          <Checkbox
            label={t('leads.convert.submit')}
            description={t('leads.convert.submitHint')}
            checked={v.submit}
            onChange={(e) => setV({ ...v, submit: e.currentTarget.checked })}
          />
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={convert.isPending}>
              {t('leads.convert.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
