/**
 * C6/C7: ISO 4217 minor-unit exponents — how many decimal places an amount's minor units carry. Most
 * currencies use 2; the exceptions below are from the ISO 4217 list (VND and JPY have none, the dinars
 * of Bahrain, Iraq, Jordan, Kuwait, Libya, Oman and Tunisia have 3). Money is stored in minor units, so a
 * conversion between currencies must scale by the difference of their exponents.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/**
 * The exponent the amounts were entered with: the web converts typed decimals with the platform's CLDR
 * digits (Intl), so conversions use the same source and agree with it; the ISO table above is the
 * fallback where Intl lacks currency data.
 */
export function minorUnitExponent(currency: string): number {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    if (typeof digits === 'number') return digits;
  } catch {
    // an unknown code: fall through to the table
  }
  return EXPONENTS[currency] ?? 2;
}
