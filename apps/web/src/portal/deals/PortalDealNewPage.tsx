import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { ConflictHint, DealRegistration } from '@trellis/contracts';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { currencyCodes, dealKeys, fetchConflictHint, useBaseCurrency } from '../../features/deals/api';
import { ConflictHintAlert } from '../../features/deals/ConflictHintAlert';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { countryOptions, currencyExponent, decimalToMinor } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

/** `currency` null: the workspace's base currency, which arrives after the first render. */
type Line = { key: string; product: string; quantity: number | string; amount: string; currency: string | null };

/** Register a deal: the customer, a contact, product lines, the close date; the live hint while typing. */
export function PortalDealNewPage() {
  const t = useT();
  const can = useCan();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const baseCurrency = useBaseCurrency();
  usePageTitle(t('deals.new.title'));
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const currencies = useMemo(() => currencyCodes(), []);
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [country, setCountry] = useState<string | null>(null);
  const [city, setCity] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [lines, setLines] = useState<Line[]>(() => [
    { key: newIdempotencyKey(), product: '', quantity: 1, amount: '', currency: null },
  ]);
  const [closeDate, setCloseDate] = useState('');
  const [notes, setNotes] = useState('');
  const [hint, setHint] = useState<ConflictHint | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);

  const emptyLine = (): Line => ({ key: newIdempotencyKey(), product: '', quantity: 1, amount: '', currency: null });
  // The live hint, debounced while the partner types.
  useEffect(() => {
    if (name.trim().length < 2) {
      setHint(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchConflictHint(
        { name: name.trim(), domain: domain.trim() || undefined, country: country ?? undefined },
        controller.signal,
      )
        .then(setHint)
        .catch(() => undefined);
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [name, domain, country]);

  const mutation = useMutation({
    mutationFn: (submit: boolean) => {
      const lineErrors: Record<string, string> = {};
      const products = lines
        .filter((l) => l.product.trim() || l.amount.trim())
        .map((l, i) => {
          const currency = l.currency ?? baseCurrency;
          const minor = decimalToMinor(l.amount, currency);
          if (minor === null || minor < 0) lineErrors[`products.${i}.amount.amountMinor`] = t('deals.new.badAmount');
          return {
            product: l.product.trim(),
            quantity: Number(l.quantity) || 1,
            amount: { amountMinor: minor ?? 0, currency },
          };
        });
      if (Object.keys(lineErrors).length > 0) {
        setErrors(lineErrors);
        return Promise.reject(new Error('lines'));
      }
      const contact =
        firstName.trim() || lastName.trim() || email.trim() || phone.trim()
          ? {
              firstName: firstName.trim(),
              lastName: lastName.trim(),
              ...(email.trim() ? { email: email.trim() } : {}),
              ...(phone.trim() ? { phone: phone.trim() } : {}),
            }
          : undefined;
      return api
        .post<{ registration: DealRegistration }>(
          '/deal-registrations',
          {
            customer: {
              name: name.trim(),
              ...(domain.trim() ? { domain: domain.trim() } : {}),
              country: country ?? '',
              address: city.trim() ? { city: city.trim() } : {},
            },
            ...(contact ? { contact } : {}),
            products,
            expectedCloseDate: closeDate || null,
            notes: notes.trim(),
            submit,
          },
          { idempotencyKey: `${idempotencyKey}-${submit ? 's' : 'd'}` },
        )
        .then((r) => r.registration);
    },
    onSuccess: async (registration) => {
      await queryClient.invalidateQueries({ queryKey: dealKeys.all });
      await navigate({ to: '/portal/deals/$dealId', params: { dealId: registration.id } });
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        setErrors(fieldErrors(err, t, locale));
        setFormError(errorText(err, t, locale));
      } else if (err.message !== 'lines') setFormError(errorText(err, t, locale));
    },
  });

  if (!can('deal.register')) return <NotAllowed />;
  const e = (path: string) => errors[path];
  const setLine = (key: string, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

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
          <Fieldset legend={t('deals.customer')}>
            <Stack gap="sm">
              <TextInput
                label={t('deals.customer.name')}
                required
                value={name}
                onChange={(ev) => setName(ev.currentTarget.value)}
                error={e('customer.name')}
                autoComplete="organization"
              />
              <TextInput
                label={t('deals.customer.domain')}
                description={t('deals.customer.domainHint')}
                value={domain}
                onChange={(ev) => setDomain(ev.currentTarget.value)}
                error={e('customer.domain')}
                inputMode="url"
                autoCapitalize="none"
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <Select
                  label={t('deals.customer.country')}
                  required
                  searchable
                  data={countries}
                  value={country}
                  onChange={setCountry}
                  error={e('customer.country')}
                  autoComplete="off"
                />
                <TextInput
                  label={t('deals.customer.city')}
                  value={city}
                  onChange={(ev) => setCity(ev.currentTarget.value)}
                  error={e('customer.address.city')}
                />
              </SimpleGrid>
              <ConflictHintAlert hint={hint} />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('deals.contact')}>
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t('deals.contact.firstName')}
                value={firstName}
                onChange={(ev) => setFirstName(ev.currentTarget.value)}
                error={e('contact.firstName')}
              />
              <TextInput
                label={t('deals.contact.lastName')}
                value={lastName}
                onChange={(ev) => setLastName(ev.currentTarget.value)}
                error={e('contact.lastName')}
              />
              <TextInput
                label={t('deals.contact.email')}
                type="email"
                value={email}
                onChange={(ev) => setEmail(ev.currentTarget.value)}
                error={e('contact.email')}
              />
              <TextInput
                label={t('deals.contact.phone')}
                type="tel"
                value={phone}
                onChange={(ev) => setPhone(ev.currentTarget.value)}
                error={e('contact.phone')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('deals.products')}>
            <Stack gap="sm">
              {lines.map((line, i) => (
                <Paper key={line.key} withBorder p="xs">
                  <Stack gap="xs">
                    <Group gap="xs" align="flex-end" wrap="nowrap">
                      <TextInput
                        style={{ flex: 1 }}
                        label={t('deals.products.product')}
                        value={line.product}
                        onChange={(ev) => setLine(line.key, { product: ev.currentTarget.value })}
                        error={e(`products.${i}.product`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        mb={4}
                        aria-label={t('deals.products.remove', { n: i + 1 })}
                        onClick={() => setLines((ls) => ls.filter((l) => l.key !== line.key))}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                    <SimpleGrid cols={3} spacing="xs">
                      <NumberInput
                        label={t('deals.products.quantity')}
                        min={1}
                        allowDecimal={false}
                        value={line.quantity}
                        onChange={(v) => setLine(line.key, { quantity: v })}
                        error={e(`products.${i}.quantity`)}
                      />
                      <TextInput
                        label={t('deals.products.amount')}
                        inputMode="decimal"
                        placeholder={(0).toFixed(currencyExponent(line.currency ?? baseCurrency))}
                        value={line.amount}
                        onChange={(ev) => setLine(line.key, { amount: ev.currentTarget.value })}
                        error={e(`products.${i}.amount.amountMinor`) ?? e(`products.${i}.amount`)}
                      />
                      <Select
                        label={t('deals.products.currency')}
                        searchable
                        data={currencies}
                        value={line.currency ?? baseCurrency}
                        onChange={(v) => setLine(line.key, { currency: v ?? baseCurrency })}
                        error={e(`products.${i}.amount.currency`)}
                        allowDeselect={false}
                      />
                    </SimpleGrid>
                  </Stack>
                </Paper>
              ))}
              <Button
                variant="subtle"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setLines((ls) => [...ls, emptyLine()])}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('deals.products.add')}
              </Button>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('deals.details')}>
            <Stack gap="sm">
              <TextInput
                label={t('deals.expectedCloseDate')}
                type="date"
                value={closeDate}
                onChange={(ev) => setCloseDate(ev.currentTarget.value)}
                error={e('expectedCloseDate')}
              />
              <Textarea
                label={t('deals.notes')}
                autosize
                minRows={2}
                value={notes}
                onChange={(ev) => setNotes(ev.currentTarget.value)}
                error={e('notes')}
              />
            </Stack>
          </Fieldset>

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
        </Stack>
      </form>
    </Stack>
  );
}
