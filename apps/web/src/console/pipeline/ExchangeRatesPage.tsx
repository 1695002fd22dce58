import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EcbImportResult } from '@trellis/contracts';
import { useMemo, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { currencyCodes, useBaseCurrency } from '../../features/deals/api';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { importEcbFile, useExchangeRates } from '../../features/pipeline/api';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

/**
 * C6/C7 settings: exchange rates. The ECB reference-rate file (daily or history XML) is uploaded here —
 * the server never goes online for it — and the currencies the ECB does not publish (VND, TWD…) are
 * entered by hand, as exact decimals.
 */
export function ExchangeRatesPage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  usePageTitle(t('pipeline.rates.title'));
  const [currency, setCurrency] = useState<string | null>(null);
  const rates = useExchangeRates(currency, can('fx.read'));
  const currencies = useMemo(() => currencyCodes(), []);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['exchange-rates'] }),
      queryClient.invalidateQueries({ queryKey: ['pipeline'] }),
    ]);
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/exchange-rates/${id}`),
    onSuccess: refresh,
    onError: (err) =>
      notifications.show({
        closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
        color: 'red',
        message: errorText(err, t, locale),
      }),
  });
  if (!can('fx.read')) return <NotAllowed />;
  const manage = can('fx.manage');
  return (
    <Stack>
      <div>
        <Title order={1}>{t('pipeline.rates.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('pipeline.rates.subtitle')}
        </Text>
      </div>
      {manage && (
        <Group align="stretch" wrap="wrap">
          <EcbUpload onDone={refresh} />
          <ManualRate currencies={currencies} onDone={refresh} />
        </Group>
      )}
      <Select
        label={t('pipeline.filter.currency')}
        data={currencies}
        value={currency}
        onChange={setCurrency}
        searchable
        clearable
        maw={200}
      />
      {!rates.data ? (
        <PageLoader />
      ) : rates.data.length === 0 ? (
        <Alert color="gray">{t('pipeline.rates.empty')}</Alert>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pipeline.rates.pair')}</Table.Th>
                  <Table.Th ta="right">{t('pipeline.rates.rate')}</Table.Th>
                  <Table.Th>{t('pipeline.rates.date')}</Table.Th>
                  <Table.Th>{t('pipeline.rates.source')}</Table.Th>
                  <Table.Th>{t('pipeline.rates.enteredBy')}</Table.Th>
                  {manage && (
                    <Table.Th>
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rates.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{t('pipeline.rates.pairText', { base: r.base, quote: r.quote })}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {r.rate}
                    </Table.Td>
                    <Table.Td>{f.day(r.rateDate)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={r.source === 'ecb' ? 'blue' : 'grape'}>
                        {t(`pipeline.source.${r.source}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.createdBy?.name ?? '—'}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => remove.mutate(r.id)}
                          aria-label={t('pipeline.rates.delete', {
                            base: r.base,
                            quote: r.quote,
                            date: f.day(r.rateDate),
                          })}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

function EcbUpload({ onDone }: { onDone: () => void }) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<EcbImportResult | null>(null);
  const upload = useMutation({
    mutationFn: (picked: File) => importEcbFile(picked),
    onSuccess: (r) => {
      setResult(r);
      setFile(null);
      onDone();
    },
  });
  const fileError = upload.isError
    ? (fieldErrors(upload.error, t, locale).file ?? errorText(upload.error, t, locale))
    : null;
  return (
    <Paper withBorder p="md" style={{ flex: '1 1 320px' }}>
      <Title order={2} size="h4" mb="xs">
        {t('pipeline.rates.ecbTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('pipeline.rates.ecbHelp')}
      </Text>
      <Group align="flex-end">
        <FileInput
          label={t('pipeline.rates.ecbFile')}
          accept=".xml,application/xml,text/xml"
          value={file}
          onChange={setFile}
          clearable
          error={fileError}
          style={{ flex: 1 }}
        />
        <Button
          leftSection={<IconUpload size={16} aria-hidden />}
          disabled={!file}
          loading={upload.isPending}
          onClick={() => file && upload.mutate(file)}
        >
          {t('pipeline.rates.ecbImport')}
        </Button>
      </Group>
      {result && (
        <Alert color="green" mt="sm" data-testid="ecb-result">
          {t('pipeline.rates.ecbDone', {
            imported: result.imported,
            days: result.days,
            first: f.day(result.firstDate),
            last: f.day(result.lastDate),
            kept: result.keptManual,
            unchanged: result.unchanged,
          })}
        </Alert>
      )}
    </Paper>
  );
}

function ManualRate({ currencies, onDone }: { currencies: string[]; onDone: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const baseCurrency = useBaseCurrency();
  const [base, setBase] = useState<string | null>(null);
  const [quote, setQuote] = useState<string | null>(null);
  const [rate, setRate] = useState('');
  const [rateDate, setRateDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const save = useMutation({
    mutationFn: () =>
      api.post(
        '/exchange-rates',
        { base: base ?? '', quote: quote ?? baseCurrency, rate: rate.trim(), rateDate },
        { idempotencyKey: key },
      ),
    onSuccess: () => {
      setErrors({});
      setRate('');
      setKey(newIdempotencyKey());
      notifications.show({
        closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
        color: 'green',
        message: t('common.saved'),
      });
      onDone();
    },
    onError: (err) => {
      const fields = fieldErrors(err, t, locale);
      setErrors(Object.keys(fields).length ? fields : { form: errorText(err, t, locale) });
    },
  });
  return (
    <Paper withBorder p="md" style={{ flex: '1 1 320px' }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Title order={2} size="h4" mb="xs">
          {t('pipeline.rates.manualTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('pipeline.rates.manualHelp')}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('pipeline.rates.base')}
            data={currencies}
            value={base}
            onChange={setBase}
            searchable
            required
            error={errors.base}
            w={110}
          />
          <Select
            label={t('pipeline.rates.quote')}
            data={currencies}
            value={quote ?? baseCurrency}
            onChange={setQuote}
            searchable
            required
            error={errors.quote}
            w={110}
          />
          <TextInput
            label={t('pipeline.rates.rate')}
            value={rate}
            onChange={(e) => setRate(e.currentTarget.value)}
            inputMode="decimal"
            placeholder="25400.5"
            required
            error={errors.rate}
            w={150}
          />
          <TextInput
            type="date"
            label={t('pipeline.rates.date')}
            value={rateDate}
            onChange={(e) => setRateDate(e.currentTarget.value)}
            required
            error={errors.rateDate}
            w={160}
          />
          <Button type="submit" mt={24} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
        {errors.form && (
          <Alert color="red" mt="sm">
            {errors.form}
          </Alert>
        )}
        {base && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('pipeline.rates.meaning', { base, quote: quote ?? baseCurrency, rate: rate || '…' })}
          </Text>
        )}
      </form>
    </Paper>
  );
}
