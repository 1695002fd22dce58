import { type Conversion, type ConversionLeg, minorUnitExponent } from '@trellis/contracts';

/**
 * C6/C7 money rules, pure: rates are exact decimals held as fractions of BigInts, conversions multiply
 * minor units by the exact rate and round once, half to even, into the target currency's minor units
 * (each currency's ISO 4217 exponent). Nothing here touches a float.
 */
export type Ratio = { n: bigint; d: bigint };

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

export function parseDecimal(text: string): Ratio {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`not a decimal rate: ${text}`);
  const frac = m[2] ?? '';
  const r = { n: BigInt(`${m[1]}${frac}`), d: 10n ** BigInt(frac.length) };
  if (r.n === 0n) throw new Error('a rate must be greater than zero');
  return r;
}

/** The canonical text of a decimal rate: no leading zeros in the integer part, no trailing zeros. */
export function normalizeDecimal(text: string): string {
  return formatRatio(parseDecimal(text), 12);
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
};
const reduce = (r: Ratio): Ratio => {
  const g = gcd(r.n, r.d);
  return { n: r.n / g, d: r.d / g };
};
export const mul = (a: Ratio, b: Ratio): Ratio => reduce({ n: a.n * b.n, d: a.d * b.d });
export const invert = (a: Ratio): Ratio => ({ n: a.d, d: a.n });

/** n / d rounded half to even (banker's rounding): 2.5 → 2, 3.5 → 4, -2.5 → -2. */
export function roundHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('denominator must be positive');
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  const twice = (a % d) * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** A ratio as a decimal string with at most `places` decimals (half-even), trailing zeros dropped. */
export function formatRatio(r: Ratio, places = 10): string {
  const scaled = roundHalfEven(r.n * 10n ** BigInt(places), r.d);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** Converts minor units of `from` into minor units of `to` at `rate` (1 from = rate to), half-even. */
export function convertMinor(amountMinor: number, from: string, to: string, rate: Ratio): number {
  const scaleFrom = 10n ** BigInt(minorUnitExponent(from));
  const scaleTo = 10n ** BigInt(minorUnitExponent(to));
  const value = roundHalfEven(BigInt(amountMinor) * rate.n * scaleTo, rate.d * scaleFrom);
  return Number(value);
}

/** amountMinor × percent / 100, half-even: the weighted figure of a forecast. */
export function weightMinor(amountMinor: number, percent: number): number {
  return Number(roundHalfEven(BigInt(amountMinor) * BigInt(percent), 100n));
}

export type StoredRate = ConversionLeg;

/** The latest rate of each ordered pair on or before the forecast's rate date, keyed "BASE/QUOTE". */
export type RateBook = ReadonlyMap<string, StoredRate>;

export function rateBook(rates: readonly StoredRate[]): RateBook {
  const book = new Map<string, StoredRate>();
  for (const r of rates) {
    const key = `${r.base}/${r.quote}`;
    const have = book.get(key);
    if (!have || have.rateDate < r.rateDate) book.set(key, r);
  }
  return book;
}

export type Resolved = Conversion & { ratio: Ratio };

type Step = { ratio: Ratio; leg: StoredRate };

/** One leg from → to from a stored rate, read directly or inverted. */
function step(book: RateBook, from: string, to: string): { step: Step; inverse: boolean } | null {
  const direct = book.get(`${from}/${to}`);
  const inverse = book.get(`${to}/${from}`);
  // The fresher of the two; on the same date the pair as written wins.
  if (direct && (!inverse || direct.rateDate >= inverse.rateDate))
    return { step: { ratio: parseDecimal(direct.rate), leg: direct }, inverse: false };
  if (inverse) return { step: { ratio: invert(parseDecimal(inverse.rate)), leg: inverse }, inverse: true };
  return null;
}

/**
 * How to turn `from` into `to`: the same currency (rate 1), a stored pair (as written or inverted) or,
 * when only EUR-based rates exist (the ECB's shape), a cross rate through EUR. Among a direct and a
 * cross route the one whose oldest rate is newer wins; null when no route exists (a missing rate).
 */
export function resolveConversion(book: RateBook, from: string, to: string): Resolved | null {
  if (from === to) return { from, to, rate: '1', rateDate: null, route: 'same', legs: [], ratio: { n: 1n, d: 1n } };
  const one = step(book, from, to);
  let best: Resolved | null = one
    ? {
        from,
        to,
        rate: formatRatio(one.step.ratio),
        rateDate: one.step.leg.rateDate,
        route: one.inverse ? 'inverse' : 'direct',
        legs: [one.step.leg],
        ratio: one.step.ratio,
      }
    : null;
  if (from !== 'EUR' && to !== 'EUR') {
    const a = step(book, from, 'EUR');
    const b = step(book, 'EUR', to);
    if (a && b) {
      const ratio = mul(a.step.ratio, b.step.ratio);
      // The older of the two legs dates the cross rate.
      const [rateDate = ''] = [a.step.leg.rateDate, b.step.leg.rateDate].sort();
      if (!best || (best.rateDate ?? '') < rateDate)
        best = {
          from,
          to,
          rate: formatRatio(ratio),
          rateDate,
          route: 'cross_eur',
          legs: [a.step.leg, b.step.leg],
          ratio,
        };
    }
  }
  return best;
}
