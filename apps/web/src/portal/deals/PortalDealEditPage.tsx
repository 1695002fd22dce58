import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { DealRegistrationDetail } from '@trellis/contracts';
import { useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useCan } from '../../api/session';
import { AnchorLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { dealKeys, useBaseCurrency, useDeal } from '../../features/deals/api';
import { ConflictHintAlert } from '../../features/deals/ConflictHintAlert';
import { DealForm, useConflictHint } from '../../features/deals/DealForm';
import { dealFormBody, dealFormFromRegistration, toFormErrors } from '../../features/deals/dealForm';
import { errorText, fieldErrors, focusFirstInvalid } from '../../features/forms/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

const route = getRouteApi('/portal/deals/$dealId/edit');

/** Edit a draft, or a registration the vendor asked more information about (needs_info). */
export function PortalDealEditPage() {
  const t = useT();
  const can = useCan();
  const { dealId } = route.useParams();
  const deal = useDeal(dealId);
  usePageTitle(t('deals.edit.title'));
  if (!can('deal.register')) return <NotAllowed />;
  if (deal.isError) return <Alert color="red">{t('deals.notFound')}</Alert>;
  if (!deal.data) return <PageLoader />;
  const d = deal.data;
  return (
    <Stack gap="md">
      <AnchorLink to="/portal/deals/$dealId" params={{ dealId }} size="sm">
        ← {d.customer.name}
      </AnchorLink>
      <Title order={1} size="h2">
        {t('deals.edit.title')}
      </Title>
      {d.abilities.edit ? (
        // The form starts from the registration once; a refetch after a refused submit keeps what was typed.
        <EditForm key={d.id} deal={d} />
      ) : (
        <Alert color="orange">{t('deals.edit.notEditable')}</Alert>
      )}
    </Stack>
  );
}

function EditForm({ deal }: { deal: DealRegistrationDetail }) {
  const t = useT();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const baseCurrency = useBaseCurrency();
  const [values, setValues] = useState(() => dealFormFromRegistration(deal));
  const hint = useConflictHint(values, deal.id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const positions = useRef<number[]>([]);
  const formRef = useRef<HTMLFormElement>(null);

  const mutation = useMutation({
    mutationFn: async (submit: boolean) => {
      const { body, positions: at, badAmounts } = dealFormBody(values, baseCurrency, deal);
      positions.current = at;
      if (badAmounts.length > 0) {
        setErrors(Object.fromEntries(badAmounts.map((path) => [path, t('deals.new.badAmount')])));
        throw new Error('lines');
      }
      await api.patch(`/deal-registrations/${deal.id}`, body);
      if (submit) await api.post(`/deal-registrations/${deal.id}/submit`);
    },
    onSuccess: async (_r, submit) => {
      await queryClient.invalidateQueries({ queryKey: dealKeys.all });
      notifications.show({
        color: 'green',
        message: submit ? t('deals.action.done', { action: t('deals.action.submit') }) : t('deals.edit.saved'),
      });
      await navigate({ to: '/portal/deals/$dealId', params: { dealId: deal.id } });
    },
    onError: async (err) => {
      if (err instanceof ApiError) {
        setErrors(toFormErrors(fieldErrors(err, t, locale), positions.current));
        setFormError(errorText(err, t, locale));
        // A refused submit still saved the edit: the registration on screen must show it.
        await queryClient.invalidateQueries({ queryKey: dealKeys.detail(deal.id) });
      } else if (err.message !== 'lines') setFormError(errorText(err, t, locale));
      focusFirstInvalid(formRef.current);
    },
  });

  const run = (submit: boolean) => {
    setErrors({});
    setFormError(null);
    mutation.mutate(submit);
  };

  return (
    <form
      ref={formRef}
      onSubmit={(ev) => {
        ev.preventDefault();
        run(false);
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
          <Button type="submit" variant="default" loading={mutation.isPending && mutation.variables === false}>
            {t('deals.edit.save')}
          </Button>
          {deal.abilities.submit && (
            <Button loading={mutation.isPending && mutation.variables === true} onClick={() => run(true)}>
              {t('deals.edit.saveAndSubmit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
