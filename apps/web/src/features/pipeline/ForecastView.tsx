import {
  Alert,
  Anchor,
  Badge,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { Forecast, ForecastPeriod } from '@trellis/contracts';
import { useState } from 'react';
import { PageLoader } from '../../components/ui/PageLoader';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { errorText } from '../forms/errors';
import { useForecast } from './api';

/** "2026-Q4" / "2026-11" in the reader's language. */
function usePeriodLabel() {
  const t = useT();
  const { locale } = useI18n();
  return (key: string, start: string) => {
    if (key.includes('-Q')) return t('pipeline.forecast.quarter', { quarter: key.slice(-1), year: key.slice(0, 4) });
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${start}T00:00:00Z`),
    );
  };
}

/**
 * C6 forecast by period in the workspace's base currency: totals and weighted totals per period and per
 * stage, the rate, date and source of every conversion, and — when a currency has no rate — which pairs
 * are missing (those deals are left out, never guessed).
 */
export function ForecastView({ canManageRates }: { canManageRates: boolean }) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const [period, setPeriod] = useState<ForecastPeriod>('month');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const q = useForecast({ period, from: from || undefined, to: to || undefined });
  const label = usePeriodLabel();
  const fc = q.data;
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <SegmentedControl
          aria-label={t('pipeline.forecast.period')}
          value={period}
          onChange={(v) => setPeriod(v as ForecastPeriod)}
          data={[
            { value: 'month', label: t('pipeline.forecast.byMonth') },
            { value: 'quarter', label: t('pipeline.forecast.byQuarter') },
          ]}
        />
        <TextInput
          type="date"
          label={t('pipeline.filter.closeFrom')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          type="date"
          label={t('pipeline.filter.closeTo')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={160}
        />
      </Group>
      {q.isError && <Alert color="red">{errorText(q.error, t, locale)}</Alert>}
      {!fc ? (
        q.isError ? null : (
          <PageLoader />
        )
      ) : (
        <ForecastBody
          fc={fc}
          canManageRates={canManageRates}
          label={label}
          money={(n) => f.money({ amountMinor: n, currency: fc.baseCurrency })}
        />
      )}
    </Stack>
  );
}

function ForecastBody({
  fc,
  canManageRates,
  label,
  money,
}: {
  fc: Forecast;
  canManageRates: boolean;
  label: (key: string, start: string) => string;
  money: (minor: number) => string;
}) {
  const t = useT();
  const f = useFormat();
  return (
    <Stack gap="md">
      {!fc.complete && (
        <Alert color="orange" title={t('pipeline.forecast.missingTitle')} data-testid="forecast-missing">
          <Text size="sm">{t('pipeline.forecast.missingText')}</Text>
          <ul>
            {fc.missingRates.map((m) => (
              <li key={m.from}>{t('pipeline.forecast.missingPair', { from: m.from, to: m.to, count: m.dealCount })}</li>
            ))}
          </ul>
          {canManageRates && (
            <Anchor component={Link} to="/console/settings/exchange-rates">
              {t('pipeline.forecast.addRates')}
            </Anchor>
          )}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure label={t('pipeline.forecast.total')} value={money(fc.totals.totalMinor)} testId="forecast-total" />
        <Figure
          label={t('pipeline.forecast.weighted')}
          value={money(fc.totals.weightedMinor)}
          testId="forecast-weighted"
        />
        <Figure label={t('pipeline.forecast.deals')} value={f.number(fc.totals.dealCount)} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('pipeline.forecast.explain', {
          currency: fc.baseCurrency,
          from: f.day(fc.from),
          to: f.day(fc.to),
          rateDate: f.day(fc.rateDate),
        })}
        {fc.undatedCount > 0 && ` ${t('pipeline.forecast.undated', { count: fc.undatedCount })}`}
      </Text>

      <Title order={2} size="h4">
        {t('pipeline.forecast.byPeriod')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="forecast-periods">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pipeline.forecast.period')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.forecast.deals')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.forecast.total')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.forecast.weighted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fc.periods.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Td>{label(p.key, p.start)}</Table.Td>
                <Table.Td ta="right">{f.number(p.dealCount)}</Table.Td>
                <Table.Td ta="right">{money(p.totalMinor)}</Table.Td>
                <Table.Td ta="right">{money(p.weightedMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={2} size="h4">
        {t('pipeline.forecast.byStage')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="forecast-stages">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pipeline.list.stage')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.settings.probability')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.forecast.deals')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.forecast.total')}</Table.Th>
              <Table.Th ta="right">{t('pipeline.forecast.weighted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fc.stages.map((s) => (
              <Table.Tr key={s.stageId} data-testid={`forecast-stage-${s.name}`}>
                <Table.Td>
                  {s.name}
                  {s.kind === 'lost' && (
                    <Badge ml="xs" size="xs" variant="light" color="gray">
                      {t('pipeline.forecast.notInTotals')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{f.percent(s.probability)}</Table.Td>
                <Table.Td ta="right">{f.number(s.dealCount)}</Table.Td>
                <Table.Td ta="right">{money(s.totalMinor)}</Table.Td>
                <Table.Td ta="right">{money(s.weightedMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={2} size="h4">
        {t('pipeline.forecast.conversions')}
      </Title>
      {fc.conversions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('pipeline.forecast.noConversions', { currency: fc.baseCurrency })}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pipeline.rates.pair')}</Table.Th>
                <Table.Th ta="right">{t('pipeline.rates.rate')}</Table.Th>
                <Table.Th>{t('pipeline.rates.date')}</Table.Th>
                <Table.Th>{t('pipeline.rates.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fc.conversions.map((c) => (
                <Table.Tr key={c.from}>
                  <Table.Td>
                    {c.from} → {c.to}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {c.rate}
                  </Table.Td>
                  <Table.Td>{c.rateDate ? f.day(c.rateDate) : '—'}</Table.Td>
                  <Table.Td>
                    {t(`pipeline.route.${c.route}`)}
                    {' · '}
                    {c.legs
                      .map(
                        (l) =>
                          `${l.base}/${l.quote} ${l.rate} (${t(`pipeline.source.${l.source}`)}, ${f.day(l.rateDate)})`,
                      )
                      .join('; ')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h4">
        {t('pipeline.forecast.dealLines')}
      </Title>
      {fc.deals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('pipeline.forecast.noDeals')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="forecast-deals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pipeline.list.customer')}</Table.Th>
                <Table.Th>{t('pipeline.list.partner')}</Table.Th>
                <Table.Th>{t('pipeline.list.closeDate')}</Table.Th>
                <Table.Th ta="right">{t('pipeline.list.amount')}</Table.Th>
                <Table.Th ta="right">{t('pipeline.forecast.converted', { currency: fc.baseCurrency })}</Table.Th>
                <Table.Th>{t('pipeline.forecast.rateUsed')}</Table.Th>
                <Table.Th ta="right">{t('pipeline.forecast.weighted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fc.deals.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.customer}</Table.Td>
                  <Table.Td>{d.partner.name}</Table.Td>
                  <Table.Td>{f.day(d.expectedCloseDate)}</Table.Td>
                  <Table.Td ta="right">{d.amounts.map((a) => f.money(a.original)).join(' + ') || '—'}</Table.Td>
                  <Table.Td ta="right">
                    {d.convertedMinor === null ? (
                      <Badge color="orange" variant="light">
                        {t('pipeline.forecast.noRate')}
                      </Badge>
                    ) : (
                      money(d.convertedMinor)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {d.amounts
                        .filter((a) => a.rate !== null && a.original.currency !== fc.baseCurrency)
                        .map((a) =>
                          t('pipeline.forecast.rateLine', {
                            from: a.original.currency,
                            rate: a.rate ?? '',
                            date: a.rateDate ? f.day(a.rateDate) : '—',
                            source: (a.source ?? '')
                              .split('+')
                              .map((x) => (x === 'ecb' || x === 'manual' ? t(`pipeline.source.${x}`) : x))
                              .join(' + '),
                          }),
                        )
                        .join('; ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{d.weightedMinor === null ? '—' : money(d.weightedMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        {t('pipeline.forecast.rounding')}
      </Text>
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0} p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}
