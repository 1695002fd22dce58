import { describe, expect, it } from 'vitest';
import {
  convertMinor,
  formatRatio,
  normalizeDecimal,
  parseDecimal,
  rateBook,
  resolveConversion,
  roundHalfEven,
  weightMinor,
} from './fx';

const ecb = (quote: string, rate: string, rateDate = '2026-11-20') =>
  ({ base: 'EUR', quote, rate, rateDate, source: 'ecb' }) as const;

describe('exact conversion', () => {
  it('rounds half to even', () => {
    expect([5n, 15n, 25n, 35n, -25n, 24n, 26n].map((n) => roundHalfEven(n, 10n))).toEqual([
      0n,
      2n,
      2n,
      4n,
      -2n,
      2n,
      3n,
    ]);
  });

  it('reads rates as exact decimals, never floats', () => {
    expect(parseDecimal('1.0823')).toEqual({ n: 10823n, d: 10000n });
    expect(normalizeDecimal('0001.08230')).toBe('1.0823');
    expect(() => parseDecimal('1e3')).toThrow();
    expect(() => parseDecimal('0.000')).toThrow(/greater than zero/);
    // 0.1 + 0.2 in floats is 0.30000000000000004; here 0.1 × 3 is exactly 0.3.
    expect(formatRatio({ n: 3n * 1n, d: 10n })).toBe('0.3');
  });

  it('scales by each currency’s minor-unit exponent', () => {
    // 1,000.00 EUR at 26,500.5 VND (exponent 0) = 26,500,500 VND
    expect(convertMinor(100_000, 'EUR', 'VND', parseDecimal('26500.5'))).toBe(26_500_500);
    // 1,000 JPY (exponent 0) at 0.0066 USD = 6.60 USD
    expect(convertMinor(1000, 'JPY', 'USD', parseDecimal('0.0066'))).toBe(660);
    // 1.000 KWD (exponent 3) at 3.25 USD = 3.25 USD
    expect(convertMinor(1000, 'KWD', 'USD', parseDecimal('3.25'))).toBe(325);
  });

  it('rounds a converted amount half to even in the target minor units', () => {
    // 0.05 EUR × 1.5 = 0.075 USD → 0.08 (7.5 cents, 7 is odd → 8)
    expect(convertMinor(5, 'EUR', 'USD', parseDecimal('1.5'))).toBe(8);
    // 0.05 EUR × 1.3 = 0.065 USD → 0.06 (6.5 cents, 6 is even → 6)
    expect(convertMinor(5, 'EUR', 'USD', parseDecimal('1.3'))).toBe(6);
    expect(weightMinor(1001, 50)).toBe(500);
    expect(weightMinor(1003, 50)).toBe(502);
  });
});

describe('choosing a rate', () => {
  it('uses a stored pair, inverts the opposite pair exactly, and is 1 for the same currency', () => {
    const book = rateBook([ecb('USD', '1.25')]);
    const direct = resolveConversion(book, 'EUR', 'USD');
    expect(direct).toMatchObject({ route: 'direct', rate: '1.25', rateDate: '2026-11-20' });
    const inverse = resolveConversion(book, 'USD', 'EUR');
    expect(inverse).toMatchObject({ route: 'inverse', rate: '0.8' });
    // 1,000.00 USD → EUR through the inverted rate is exactly 800.00, no 1/1.25 float drift.
    expect(convertMinor(100_000, 'USD', 'EUR', inverse?.ratio ?? { n: 0n, d: 1n })).toBe(80_000);
    expect(resolveConversion(book, 'USD', 'USD')).toMatchObject({ route: 'same', rate: '1', legs: [] });
  });

  it('crosses through EUR when only EUR-based rates exist, and says so', () => {
    const book = rateBook([ecb('USD', '1.0823'), ecb('GBP', '0.8612')]);
    const c = resolveConversion(book, 'GBP', 'USD');
    expect(c?.route).toBe('cross_eur');
    expect(c?.legs.map((l) => `${l.base}/${l.quote}`)).toEqual(['EUR/GBP', 'EUR/USD']);
    // 1,000.00 GBP = 1000 / 0.8612 × 1.0823 USD = 1256.7348… USD
    expect(convertMinor(100_000, 'GBP', 'USD', c?.ratio ?? { n: 0n, d: 1n })).toBe(125_673);
    expect(c?.rate).toBe('1.2567347887');
  });

  it('takes the latest rate of a pair and prefers the fresher route', () => {
    const book = rateBook([
      ecb('USD', '1.05', '2026-11-01'),
      ecb('USD', '1.08', '2026-11-20'),
      ecb('VND', '27000', '2026-11-20'),
      { base: 'USD', quote: 'VND', rate: '25000', rateDate: '2026-10-01', source: 'manual' },
    ]);
    expect(resolveConversion(book, 'EUR', 'USD')?.rate).toBe('1.08');
    expect(resolveConversion(book, 'VND', 'USD')?.route).toBe('cross_eur');
  });

  it('finds no route for a currency without rates (VND and TWD are not in the ECB file)', () => {
    const book = rateBook([ecb('USD', '1.08')]);
    expect(resolveConversion(book, 'TWD', 'USD')).toBeNull();
    expect(resolveConversion(book, 'VND', 'EUR')).toBeNull();
  });
});
