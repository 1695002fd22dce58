import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { DealRegistration } from '@trellis/contracts';
import { useRef, useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { dealKeys, useBaseCurrency } from '../../features/deals/api';
import { ConflictHintAlert } from '../../features/deals/ConflictHintAlert';
import { DealForm, useConflictHint } from '../../features/deals/DealForm';
import { dealFormBody, emptyDealForm, toFormErrors } from '../../features/deals/dealForm';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

/** Register a deal: the customer, a contact, product lines, the close date; the live hint while typing. */
export function PortalDealNewPage() {
  const t = useT();
  const can = useCan();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const baseCurrency = useBaseCurrency();
  usePageTitle(t('deals.new.title'));
  const [values, setValues] = useState(emptyDealForm);
  const hint = useConflictHint(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  /** Form line of each product sent, so the API's products.<i> errors land on the right line. */
  const positions = useRef<number[]>([]);

  const mutation = useMutation({
    mutationFn: (submit: boolean) => {
      const { body, positions: at, badAmounts } = dealFormBody(values, baseCurrency);
      positions.current = at;
      if (badAmounts.length > 0) {
        setErrors(Object.fromEntries(badAmounts.map((path) => [path, t('deals.new.badAmount')])));
        return Promise.reject(new Error('lines'));
      }
      const { contact, ...rest } = body;
      return api
        .post<{ registration: DealRegistration }>(
          '/deal-registrations',
          { ...rest, ...(contact ? { contact } : {}), submit },
          { idempotencyKey: `${idempotencyKey}-${submit ? 's' : 'd'}` },
        )
        .then((r) => r.registration);
    },
    onSuccess: async (registration, submit) => {
      await queryClient.invalidateQueries({ queryKey: dealKeys.all });
      // A draft opens at its attachments: proposal, quote and screenshots go there before submitting.
      await navigate({
        to: '/portal/deals/$dealId',
        params: { dealId: registration.id },
        ...(submit ? {} : { hash: 'attachments' }),
      });
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        setErrors(toFormErrors(fieldErrors(err, t, locale), positions.current));
        setFormError(errorText(err, t, locale));
      } else if (err.message !== 'lines') setFormError(errorText(err, t, locale));
    },
  });

  if (!can('deal.register')) return <NotAllowed />;

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('deals.new.title')}
      </Title>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          setErrors({});
          setFormError(null);
          mutation.mutate(true);
        }}
        noValidate
      >
        <Stack gap="md">
          <DealForm
            values={values}
            onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
            errors={errors}
            baseCurrency={baseCurrency}
            hint={<ConflictHintAlert hint={hint} />}
          />
          {formError && <Alert color="red">{formError}</Alert>}
          <Group grow>
            <Button
              variant="default"
              loading={mutation.isPending && mutation.variables === false}
              onClick={() => {
                setErrors({});
                setFormError(null);
                mutation.mutate(false);
              }}
            >
              {t('deals.new.saveDraft')}
            </Button>
            <Button type="submit" loading={mutation.isPending && mutation.variables === true}>
              {t('deals.new.submit')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('deals.new.draftHint')}
          </Text>
        </Stack>
      </form>
    </Stack>
  );
}
