import type { Forecast, ForecastPeriod, Money, PipelineStageKind } from '@trellis/contracts';
import { convertMinor, type RateBook, type Resolved, resolveConversion, weightMinor } from './fx';

/**
 * C6 forecast, pure: deals grouped by the period of their expected close date (calendar months or
 * quarters of business dates), each amount converted into the base currency at the rate book's rates
 * (half-even into minor units, per amount), weighted by its stage's probability (half-even, per deal).
 * Totals are sums of those rounded per-deal figures, so the lines always add up to the totals. Lost
 * deals appear in their stage's row but not in the totals. A currency without a route to the base
 * currency is never guessed: its deals are left out of every figure and listed as missing rates.
 */
export type ForecastStage = {
  id: string;
  name: string;
  kind: PipelineStageKind;
  probability: number;
  position: number;
};
export type ForecastDeal = {
  id: string;
  customer: string;
  partner: { id: string; name: string };
  expectedCloseDate: string;
  stageId: string;
  amounts: Money[];
};

export type ForecastInput = {
  baseCurrency: string;
  period: ForecastPeriod;
  from: string;
  to: string;
  rateDate: string;
  stages: readonly ForecastStage[];
  deals: readonly ForecastDeal[];
  book: RateBook;
  undatedCount: number;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The period a business date falls in: key, first and last day. */
export function periodOf(date: string, period: ForecastPeriod): { key: string; start: string; end: string } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const first = period === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  const last = period === 'month' ? m : first + 2;
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  return {
    key: period === 'month' ? `${y}-${pad(m)}` : `${y}-Q${(first + 2) / 3}`,
    start: `${y}-${pad(first)}-01`,
    end: `${y}-${pad(last)}-${pad(lastDay)}`,
  };
}

/** Every period from the one holding `from` to the one holding `to`. */
export function periodsBetween(from: string, to: string, period: ForecastPeriod) {
  const out: { key: string; start: string; end: string }[] = [];
  let p = periodOf(from, period);
  const lastKey = periodOf(to, period).key;
  for (let guard = 0; guard < 1000; guard++) {
    out.push(p);
    if (p.key === lastKey) break;
    const next = new Date(`${p.end}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    p = periodOf(next.toISOString().slice(0, 10), period);
  }
  return out;
}

type Figures = { totalMinor: number; weightedMinor: number; dealCount: number };
const zero = (): Figures => ({ totalMinor: 0, weightedMinor: 0, dealCount: 0 });

export function buildForecast(input: ForecastInput): Omit<Forecast, 'rounding'> & { rounding: 'half_even' } {
  const { baseCurrency, book } = input;
  const stages = [...input.stages].sort((a, b) => a.position - b.position);
  const stageById = new Map(stages.map((s) => [s.id, s]));
  const periods = periodsBetween(input.from, input.to, input.period);
  const perPeriod = new Map(periods.map((p) => [p.key, { all: zero(), byStage: new Map<string, Figures>() }]));
  const perStage = new Map(stages.map((s) => [s.id, zero()]));
  const totals = zero();
  const conversions = new Map<string, Resolved | null>();
  const missing = new Map<string, number>();
  const convert = (currency: string) => {
    if (!conversions.has(currency)) conversions.set(currency, resolveConversion(book, currency, baseCurrency));
    return conversions.get(currency) ?? null;
  };

  const deals: Forecast['deals'] = [];
  for (const deal of input.deals) {
    const stage = stageById.get(deal.stageId);
    if (!stage) continue;
    const period = periodOf(deal.expectedCloseDate, input.period);
    const bucket = perPeriod.get(period.key);
    if (!bucket) continue;
    let converted: number | null = 0;
    const amounts = deal.amounts.map((original) => {
      const c = convert(original.currency);
      if (!c) {
        converted = null;
        return { original, convertedMinor: null, rate: null, rateDate: null, source: null };
      }
      const minor = convertMinor(original.amountMinor, original.currency, baseCurrency, c.ratio);
      if (converted !== null) converted += minor;
      return {
        original,
        convertedMinor: minor,
        rate: c.rate,
        rateDate: c.rateDate,
        source: c.route === 'same' ? 'same_currency' : c.legs.map((l) => l.source).join('+'),
      };
    });
    const convertedMinor: number | null = converted;
    if (convertedMinor === null) {
      const lacking = new Set(deal.amounts.map((a) => a.currency).filter((cur) => !convert(cur)));
      for (const cur of lacking) missing.set(cur, (missing.get(cur) ?? 0) + 1);
    }
    const weightedMinor = convertedMinor === null ? null : weightMinor(convertedMinor, stage.probability);
    deals.push({
      id: deal.id,
      customer: deal.customer,
      partner: deal.partner,
      period: period.key,
      expectedCloseDate: deal.expectedCloseDate,
      stageId: stage.id,
      probability: stage.probability,
      amounts,
      convertedMinor,
      weightedMinor,
    });
    if (convertedMinor === null || weightedMinor === null) continue;
    const add = (f: Figures) => {
      f.totalMinor += convertedMinor;
      f.weightedMinor += weightedMinor;
      f.dealCount += 1;
    };
    const stageFig = bucket.byStage.get(stage.id) ?? zero();
    bucket.byStage.set(stage.id, stageFig);
    add(stageFig);
    add(perStage.get(stage.id) ?? zero());
    if (stage.kind !== 'lost') {
      add(bucket.all);
      add(totals);
    }
  }

  const stageRow = (s: ForecastStage, f: Figures | undefined) => ({
    stageId: s.id,
    name: s.name,
    kind: s.kind,
    probability: s.probability,
    ...(f ?? zero()),
  });
  const used = [...conversions.values()].filter((c): c is Resolved => c !== null && c.route !== 'same');
  return {
    baseCurrency,
    period: input.period,
    from: input.from,
    to: input.to,
    rateDate: input.rateDate,
    rounding: 'half_even',
    complete: missing.size === 0,
    missingRates: [...missing]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([from, dealCount]) => ({ from, to: baseCurrency, dealCount })),
    totals,
    periods: periods.map((p) => {
      const b = perPeriod.get(p.key);
      return {
        ...p,
        ...(b?.all ?? zero()),
        stages: stages.map((s) => stageRow(s, b?.byStage.get(s.id))),
      };
    }),
    stages: stages.map((s) => stageRow(s, perStage.get(s.id))),
    conversions: used.sort((a, b) => a.from.localeCompare(b.from)).map(({ ratio: _ratio, ...c }) => c),
    deals,
    undatedCount: input.undatedCount,
  };
}
