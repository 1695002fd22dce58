import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ConflictHint } from '@trellis/contracts';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { countryOptions, currencyExponent } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { currencyCodes, fetchConflictHint } from './api';
import { type DealFormLine, type DealFormValues, emptyLine } from './dealForm';

/**
 * C4 live hint while the partner types, debounced; `registrationId` (editing) keeps the registration from
 * matching itself.
 */
export function useConflictHint(
  v: Pick<DealFormValues, 'name' | 'domain' | 'country'>,
  registrationId?: string,
): ConflictHint | null {
  const [hint, setHint] = useState<ConflictHint | null>(null);
  const { name, domain, country } = v;
  useEffect(() => {
    if (name.trim().length < 2) {
      setHint(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchConflictHint(
        {
          name: name.trim(),
          domain: domain.trim() || undefined,
          country: country ?? undefined,
          ...(registrationId ? { registrationId } : {}),
        },
        controller.signal,
      )
        .then(setHint)
        .catch(() => undefined);
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [name, domain, country, registrationId]);
  return hint;
}

/**
 * The fields of a registration — customer, contact, product lines, close date and notes — shared by the
 * register and edit screens. `errors` are keyed by form path (`customer.name`, `products.0.amount`); `hint`
 * is shown under the customer.
 */
export function DealForm({
  values,
  onChange,
  errors,
  baseCurrency,
  hint,
}: {
  values: DealFormValues;
  onChange: (patch: Partial<DealFormValues>) => void;
  errors: Record<string, string>;
  baseCurrency: string;
  hint?: ReactNode;
}) {
  const t = useT();
  const { locale } = useI18n();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const currencies = useMemo(() => currencyCodes(), []);
  const e = (path: string) => errors[path];
  const v = values;
  const setLine = (key: string, patch: Partial<DealFormLine>) =>
    onChange({ lines: v.lines.map((l) => (l.key === key ? { ...l, ...patch } : l)) });

  return (
    <Stack gap="md">
      <Fieldset legend={t('deals.customer')}>
        <Stack gap="sm">
          <TextInput
            label={t('deals.customer.name')}
            required
            value={v.name}
            onChange={(ev) => onChange({ name: ev.currentTarget.value })}
            error={e('customer.name')}
            autoComplete="organization"
          />
          <TextInput
            label={t('deals.customer.domain')}
            description={t('deals.customer.domainHint')}
            value={v.domain}
            onChange={(ev) => onChange({ domain: ev.currentTarget.value })}
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
              value={v.country}
              onChange={(country) => onChange({ country })}
              error={e('customer.country')}
              autoComplete="off"
            />
            <TextInput
              label={t('deals.customer.city')}
              value={v.city}
              onChange={(ev) => onChange({ city: ev.currentTarget.value })}
              error={e('customer.address.city')}
            />
          </SimpleGrid>
          {hint}
        </Stack>
      </Fieldset>

      <Fieldset legend={t('deals.contact')}>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label={t('deals.contact.firstName')}
            value={v.firstName}
            onChange={(ev) => onChange({ firstName: ev.currentTarget.value })}
            error={e('contact.firstName')}
          />
          <TextInput
            label={t('deals.contact.lastName')}
            value={v.lastName}
            onChange={(ev) => onChange({ lastName: ev.currentTarget.value })}
            error={e('contact.lastName')}
          />
          <TextInput
            label={t('deals.contact.email')}
            type="email"
            value={v.email}
            onChange={(ev) => onChange({ email: ev.currentTarget.value })}
            error={e('contact.email')}
          />
          <TextInput
            label={t('deals.contact.phone')}
            type="tel"
            value={v.phone}
            onChange={(ev) => onChange({ phone: ev.currentTarget.value })}
            error={e('contact.phone')}
          />
        </SimpleGrid>
        {e('contact') && (
          <Text c="red" size="sm" mt="xs" role="alert">
            {e('contact')}
          </Text>
        )}
      </Fieldset>

      <Fieldset legend={t('deals.products')}>
        <Stack gap="sm">
          {v.lines.map((line, i) => (
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
                    onClick={() => onChange({ lines: v.lines.filter((l) => l.key !== line.key) })}
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
                    onChange={(quantity) => setLine(line.key, { quantity })}
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
                    onChange={(c) => setLine(line.key, { currency: c ?? baseCurrency })}
                    error={e(`products.${i}.amount.currency`)}
                    allowDeselect={false}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          ))}
          {e('products') && (
            <Text c="red" size="sm" role="alert">
              {e('products')}
            </Text>
          )}
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => onChange({ lines: [...v.lines, emptyLine()] })}
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
            value={v.closeDate}
            onChange={(ev) => onChange({ closeDate: ev.currentTarget.value })}
            error={e('expectedCloseDate')}
          />
          <Textarea
            label={t('deals.notes')}
            autosize
            minRows={2}
            value={v.notes}
            onChange={(ev) => onChange({ notes: ev.currentTarget.value })}
            error={e('notes')}
          />
        </Stack>
      </Fieldset>
    </Stack>
  );
}
