import { Alert, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DealLostReason, DealRegistrationDetail } from '@trellis/contracts';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { type TFunction, useT } from '../../i18n/useT';
import { errorText } from '../forms/errors';
import { dealKeys } from './api';
import { ReasonModal } from './ReasonModal';

type Kind =
  | 'submit'
  | 'withdraw'
  | 'won'
  | 'lost'
  | 'closeWon'
  | 'closeLost'
  | 'extensionRequest'
  | 'approve'
  | 'reject'
  | 'requestInfo'
  | 'extend';

const KINDS: Record<
  Kind,
  {
    path: string;
    label: MessageId;
    reason: 'none' | 'optional' | 'required';
    outcome?: 'won' | 'lost';
    color?: string;
    variant?: string;
  }
> = {
  submit: { path: 'submit', label: 'deals.action.submit', reason: 'none' },
  withdraw: { path: 'withdraw', label: 'deals.action.withdraw', reason: 'optional', color: 'red', variant: 'light' },
  won: { path: 'outcome', label: 'deals.action.mark_won', reason: 'optional', outcome: 'won', color: 'teal' },
  lost: {
    path: 'outcome',
    label: 'deals.action.mark_lost',
    reason: 'optional',
    outcome: 'lost',
    color: 'gray',
    variant: 'light',
  },
  // C4: vendor staff close an approved registration (e.g. the order came through distribution).
  closeWon: { path: 'close', label: 'deals.action.closeWon', reason: 'required', outcome: 'won', color: 'teal' },
  closeLost: {
    path: 'close',
    label: 'deals.action.closeLost',
    reason: 'optional',
    outcome: 'lost',
    color: 'gray',
    variant: 'light',
  },
  extensionRequest: {
    path: 'extension-request',
    label: 'deals.action.requestExtension',
    reason: 'required',
    variant: 'light',
  },
  approve: { path: 'approve', label: 'deals.action.approve', reason: 'optional', color: 'green' },
  reject: { path: 'reject', label: 'deals.action.reject', reason: 'required', color: 'red', variant: 'light' },
  requestInfo: { path: 'request-info', label: 'deals.action.request_info', reason: 'required', variant: 'light' },
  extend: { path: 'extend', label: 'deals.action.extend', reason: 'optional', variant: 'light' },
};

/** C4 rules of engagement: a refused named account is explained in the person's language. */
function actionError(err: unknown, t: TFunction, locale: string): string {
  if (err instanceof ApiError && err.issues.some((i) => i.code === 'named_account')) {
    return t('deals.hint.reserved.body');
  }
  if (err instanceof ApiError && err.details.rule === 'first_come') return t('deals.firstCome.blocked');
  return errorText(err, t, locale);
}

/** The actions a registration's abilities allow, each asking for a reason where the API keeps one. */
export function DealActions({ deal }: { deal: DealRegistrationDetail }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const a = deal.abilities;
  const kinds: Kind[] = [
    ...(a.submit ? (['submit'] as const) : []),
    ...(a.approve ? (['approve'] as const) : []),
    ...(a.review ? (['requestInfo', 'reject'] as const) : []),
    ...(a.markOutcome ? (['won', 'lost'] as const) : []),
    ...(a.closeOutcome ? (['closeWon', 'closeLost'] as const) : []),
    ...(a.requestExtension ? (['extensionRequest'] as const) : []),
    ...(a.extend ? (['extend'] as const) : []),
    ...(a.withdraw ? (['withdraw'] as const) : []),
  ];
  const mutation = useMutation({
    mutationFn: ({ kind, reason, reasonCode }: { kind: Kind; reason: string; reasonCode?: DealLostReason | null }) => {
      const spec = KINDS[kind];
      const body: Record<string, unknown> = spec.outcome ? { outcome: spec.outcome } : {};
      if (reasonCode) body.reasonCode = reasonCode;
      if (reason) body.reason = reason;
      return api.post(`/deal-registrations/${deal.id}/${spec.path}`, body);
    },
    onSuccess: async (_r, { kind }) => {
      setOpen(null);
      setError(null);
      notifications.show({ color: 'green', message: t('deals.action.done', { action: t(KINDS[kind].label) }) });
      await queryClient.invalidateQueries({ queryKey: dealKeys.all });
    },
    onError: (err) => {
      const text = actionError(err, t, locale);
      setError(text);
      if (!open) notifications.show({ color: 'red', message: text });
    },
  });
  if (kinds.length === 0) return null;
  const spec = open ? KINDS[open] : null;
  return (
    <>
      <Group gap="sm">
        {kinds.map((kind) => (
          <Button
            key={kind}
            color={KINDS[kind].color}
            variant={KINDS[kind].variant ?? 'filled'}
            loading={mutation.isPending && mutation.variables?.kind === kind}
            onClick={() => {
              setError(null);
              if (KINDS[kind].reason === 'none') mutation.mutate({ kind, reason: '' });
              else setOpen(kind);
            }}
          >
            {t(KINDS[kind].label)}
          </Button>
        ))}
      </Group>
      {error && !open && (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      )}
      {open && spec && (
        <ReasonModal
          opened
          title={t(spec.label)}
          confirmLabel={t(spec.label)}
          required={spec.reason === 'required'}
          askLostReason={spec.outcome === 'lost'}
          color={spec.color}
          busy={mutation.isPending}
          error={error}
          onClose={() => setOpen(null)}
          onConfirm={(reason, reasonCode) => mutation.mutate({ kind: open, reason, reasonCode })}
        />
      )}
    </>
  );
}
