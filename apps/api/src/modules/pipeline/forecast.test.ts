import { describe, expect, it } from 'vitest';
import { buildForecast, type ForecastStage, periodOf, periodsBetween } from './forecast';
import { rateBook } from './fx';

const stages: ForecastStage[] = [
  { id: '00000000-0000-7000-8000-000000000001', name: 'Discovery', kind: 'open', probability: 25, position: 1 },
  { id: '00000000-0000-7000-8000-000000000002', name: 'Negotiation', kind: 'open', probability: 75, position: 2 },
  { id: '00000000-0000-7000-8000-000000000003', name: 'Closed won', kind: 'won', probability: 100, position: 3 },
  { id: '00000000-0000-7000-8000-000000000004', name: 'Closed lost', kind: 'lost', probability: 0, position: 4 },
];
const [discovery, negotiation, won, lost] = stages.map((s) => s.id) as [string, string, string, string];
const partner = { id: '00000000-0000-7000-8000-0000000000aa', name: 'Saigon Tech' };
let n = 0;
const deal = (stageId: string, date: string, amountMinor: number, currency = 'USD') => ({
  id: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  customer: `Customer ${n}`,
  partner,
  expectedCloseDate: date,
  stageId,
  amounts: [{ amountMinor, currency }],
});

describe('forecast periods', () => {
  it('uses calendar months and quarters of business dates', () => {
    expect(periodOf('2026-02-14', 'month')).toEqual({ key: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('2028-02-29', 'month').end).toBe('2028-02-29');
    expect(periodOf('2026-11-23', 'quarter')).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodsBetween('2026-11-15', '2027-02-01', 'month').map((p) => p.key)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(periodsBetween('2026-12-31', '2027-04-01', 'quarter').map((p) => p.key)).toEqual([
      '2026-Q4',
      '2027-Q1',
      '2027-Q2',
    ]);
  });
});

describe('forecast aggregation', () => {
  const book = rateBook([{ base: 'EUR', quote: 'USD', rate: '1.25', rateDate: '2026-11-20', source: 'ecb' }]);
  const base = {
    baseCurrency: 'USD',
    period: 'month' as const,
    from: '2026-11-01',
    to: '2026-12-31',
    rateDate: '2026-11-23',
    stages,
    book,
    undatedCount: 2,
  };

  it('totals and weights per period and per stage in the base currency, leaving lost deals out of the totals', () => {
    const f = buildForecast({
      ...base,
      deals: [
        deal(discovery, '2026-11-10', 100_000), // 1,000.00 USD × 25 %
        deal(negotiation, '2026-11-30', 80_000, 'EUR'), // 800.00 EUR = 1,000.00 USD × 75 %
        deal(won, '2026-12-05', 50_000), // 500.00 USD × 100 %
        deal(lost, '2026-12-06', 70_000), // lost: its stage row only
      ],
    });
    expect(f.complete).toBe(true);
    expect(f.periods.map((p) => [p.key, p.totalMinor, p.weightedMinor, p.dealCount])).toEqual([
      ['2026-11', 200_000, 100_000, 2],
      ['2026-12', 50_000, 50_000, 1],
    ]);
    expect(f.totals).toEqual({ totalMinor: 250_000, weightedMinor: 150_000, dealCount: 3 });
    expect(f.stages.map((s) => [s.name, s.totalMinor, s.weightedMinor, s.dealCount])).toEqual([
      ['Discovery', 100_000, 25_000, 1],
      ['Negotiation', 100_000, 75_000, 1],
      ['Closed won', 50_000, 50_000, 1],
      ['Closed lost', 70_000, 0, 1],
    ]);
    const eurDeal = f.deals.find((d) => d.amounts[0]?.original.currency === 'EUR');
    expect(eurDeal?.amounts[0]).toMatchObject({
      convertedMinor: 100_000,
      rate: '1.25',
      rateDate: '2026-11-20',
      source: 'ecb',
    });
    expect(f.conversions).toEqual([
      {
        from: 'EUR',
        to: 'USD',
        rate: '1.25',
        rateDate: '2026-11-20',
        route: 'direct',
        legs: [expect.objectContaining({ source: 'ecb' })],
      },
    ]);
    expect(f.undatedCount).toBe(2);
  });

  it('rounds each deal half to even and the totals add up the rounded lines', () => {
    const f = buildForecast({ ...base, deals: [deal(discovery, '2026-11-01', 2), deal(discovery, '2026-11-02', 6)] });
    // 0.02 × 25 % = 0.005 → 0.00; 0.06 × 25 % = 0.015 → 0.02
    expect(f.deals.map((d) => d.weightedMinor)).toEqual([0, 2]);
    expect(f.totals.weightedMinor).toBe(2);
  });

  it('says which currencies lack a rate instead of guessing, and leaves those deals out', () => {
    const f = buildForecast({
      ...base,
      deals: [
        deal(discovery, '2026-11-10', 100_000),
        deal(negotiation, '2026-11-11', 25_000_000, 'VND'),
        deal(negotiation, '2026-11-12', 300_000, 'TWD'),
        deal(discovery, '2026-12-01', 1, 'VND'),
      ],
    });
    expect(f.complete).toBe(false);
    expect(f.missingRates).toEqual([
      { from: 'TWD', to: 'USD', dealCount: 1 },
      { from: 'VND', to: 'USD', dealCount: 2 },
    ]);
    expect(f.totals).toEqual({ totalMinor: 100_000, weightedMinor: 25_000, dealCount: 1 });
    expect(f.deals.filter((d) => d.convertedMinor === null)).toHaveLength(3);
  });
});
