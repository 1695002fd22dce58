import type { Money } from '@trellis/contracts';

/** Digits after the decimal point for a currency (JPY 0, USD 2, BHD 3), from the platform's ISO 4217 data. */
export function currencyExponent(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Integer minor units → exact decimal string ("123456", USD → "1234.56"); no floating point on the way. */
export function minorToDecimalString(amountMinor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const negative = amountMinor < 0;
  const digits = BigInt(Math.abs(amountMinor))
    .toString()
    .padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : `.${digits.slice(-exp)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Money in the person's locale, e.g. 5 000,00 US$ in lv, US$5,000.00 in en, 5.000,00 US$ in vi. */
export function formatMoney(money: Money, locale: string): string {
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  // Intl.NumberFormat accepts exact decimal strings (ES2023), so large amounts keep every digit.
  return fmt.format(minorToDecimalString(money.amountMinor, money.currency) as unknown as number);
}

/** Decimal string typed by a person → integer minor units, or null when it is not a valid amount. */
export function decimalToMinor(input: string, currency: string): number | null {
  const exp = currencyExponent(currency);
  const m = input.trim().match(/^(-?)(\d+)(?:[.,](\d+))?$/);
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > exp) return null;
  const minor = BigInt(`${m[2]}${frac.padEnd(exp, '0')}`);
  const value = Number(m[1] === '-' ? -minor : minor);
  return Number.isSafeInteger(value) ? value : null;
}

/** Country code → its name in the person's language (CLDR via Intl; no data shipped). */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** ISO 3166-1 alpha-2 codes offered in country pickers; names come from Intl.DisplayNames. */
export const COUNTRY_CODES: readonly string[] = [
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM',
  'CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HK',
  'HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY',
  'MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR',
  'PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR',
  'TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW',
]
  .join(' ')
  .split(' ');

export function countryOptions(locale: string): { value: string; label: string }[] {
  return COUNTRY_CODES.map((code) => ({ value: code, label: `${countryName(code, locale)} (${code})` })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
}

/** Every IANA zone the browser knows, for the profile's time-zone picker. */
export function timeZones(): string[] {
  const withValues = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = withValues.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
