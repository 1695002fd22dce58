import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { decimalToMinor, formatMoney, minorToDecimalString } from './format';
import lv from './messages/lv.json';

describe('money', () => {
  it('turns minor units into an exact decimal string for the currency', () => {
    expect(minorToDecimalString(500_000, 'USD')).toBe('5000.00');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(-1234, 'EUR')).toBe('-12.34');
    expect(minorToDecimalString(1500, 'JPY')).toBe('1500');
    expect(minorToDecimalString(9_007_199_254_740_991, 'USD')).toBe('90071992547409.91');
  });

  it('parses what a person types back into minor units, refusing too many decimals', () => {
    expect(decimalToMinor('5000', 'USD')).toBe(500_000);
    expect(decimalToMinor('5000,5', 'EUR')).toBe(500_050);
    expect(decimalToMinor('12.345', 'USD')).toBeNull();
    expect(decimalToMinor('1500', 'JPY')).toBe(1500);
    expect(decimalToMinor('1.5', 'JPY')).toBeNull();
    expect(decimalToMinor('abc', 'USD')).toBeNull();
  });

  it('formats in the reader’s locale', () => {
    const m = { amountMinor: 2_000_000, currency: 'USD' };
    expect(formatMoney(m, 'en')).toBe('$20,000.00');
    expect(formatMoney(m, 'vi').replace(/\s/g, ' ')).toBe('20.000,00 US$');
    expect(formatMoney(m, 'lv').replace(/\s/g, ' ')).toMatch(/^20 000,00 (\$|US\$)$/);
  });
});

describe('Latvian plurals (ICU, not i18next: zero is a CLDR category, =0 an exact match)', () => {
  const days = new IntlMessageFormat(lv['tier.days'], 'lv');
  it.each([
    [1, '1 diena'],
    [2, '2 dienas'],
    [10, '10 dienu'],
    [11, '11 dienu'],
    [21, '21 diena'],
    [22, '22 dienas'],
    [90, '90 dienu'],
  ])('%i → %s', (count, text) => {
    expect(days.format({ count })).toBe(text);
  });

  it('keeps “no partners” for exactly zero, apart from the zero category', () => {
    const partners = new IntlMessageFormat(lv['tier.partners'], 'lv');
    expect(partners.format({ count: 0 })).toBe('nav partneru');
    expect(partners.format({ count: 10 })).toBe('10 partneru');
    expect(partners.format({ count: 1 })).toBe('1 partneris');
  });
});
