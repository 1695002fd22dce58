import { type PartnerType, PartnerTypeValues, SizeBandValues } from '@trellis/contracts';
import { searchKey } from '../../../lib/search-key';
import { domainFromWebsite } from '../partner.policy';

/*
 * Pure normalisers that turn what CRM exports and spreadsheets contain into Trellis values (C1, C19).
 * Each returns the value, or null when the text means nothing to us; callers turn null into a row error.
 */

type SizeBand = (typeof SizeBandValues)[number];

/** Letters and digits only, accent-free and lower-case: "Viet Nam", "Việt Nam" and "VIETNAM" meet. */
export function lookupKey(text: string): string {
  return searchKey(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

const NAME_LOCALES = ['en', 'vi', 'zh-Hant', 'lv'] as const;
/** CLDR regions that are not countries (or are parts of one) and must not match a name. */
const NOT_COUNTRIES = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);

/** Names people and CRMs (ISO 3166 long forms, Salesforce picklists) use that CLDR does not give. */
const COUNTRY_ALIASES: Record<string, string> = {
  'Viet Nam': 'VN',
  'Socialist Republic of Vietnam': 'VN',
  USA: 'US',
  'U.S.': 'US',
  'U.S.A.': 'US',
  America: 'US',
  'United States of America': 'US',
  UK: 'GB',
  'U.K.': 'GB',
  'Great Britain': 'GB',
  Britain: 'GB',
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Northern Ireland': 'GB',
  'United Kingdom of Great Britain and Northern Ireland': 'GB',
  'Taiwan, Province of China': 'TW',
  'Taiwan (Province of China)': 'TW',
  'Republic of China': 'TW',
  'Chinese Taipei': 'TW',
  臺灣: 'TW',
  中華民國: 'TW',
  'Hong Kong': 'HK',
  'Hong Kong SAR': 'HK',
  Macau: 'MO',
  'Macao SAR': 'MO',
  "People's Republic of China": 'CN',
  PRC: 'CN',
  'Korea, Republic of': 'KR',
  'Republic of Korea': 'KR',
  Korea: 'KR',
  "Korea, Democratic People's Republic of": 'KP',
  'Russian Federation': 'RU',
  'Iran, Islamic Republic of': 'IR',
  'Syrian Arab Republic': 'SY',
  "Lao People's Democratic Republic": 'LA',
  'Moldova, Republic of': 'MD',
  'Tanzania, United Republic of': 'TZ',
  'Bolivia, Plurinational State of': 'BO',
  'Venezuela, Bolivarian Republic of': 'VE',
  'Micronesia, Federated States of': 'FM',
  'Palestine, State of': 'PS',
  'Congo, The Democratic Republic of the': 'CD',
  'Democratic Republic of the Congo': 'CD',
  'Republic of the Congo': 'CG',
  'Czech Republic': 'CZ',
  Turkey: 'TR',
  Holland: 'NL',
  'The Netherlands': 'NL',
  'Ivory Coast': 'CI',
  "Cote d'Ivoire": 'CI',
  Burma: 'MM',
  Swaziland: 'SZ',
  Macedonia: 'MK',
  'Cape Verde': 'CV',
  'East Timor': 'TL',
  UAE: 'AE',
  'Vatican City': 'VA',
  'Holy See (Vatican City State)': 'VA',
  'Brunei Darussalam': 'BN',
  Latvija: 'LV',
  'Republic of Latvia': 'LV',
};

let countryIndex: { codes: Set<string>; byKey: Map<string, string> } | undefined;

/** Built once: every region name CLDR knows in the product's four languages, plus the aliases above. */
function countries() {
  if (countryIndex) return countryIndex;
  const codes = new Set<string>();
  const byKey = new Map<string, string>();
  const probe = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Retired codes (DD, UK, VD, YU…) canonicalise to another one and would shadow it.
      const canonical = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
      if (canonical && !NOT_COUNTRIES.has(code) && probe.of(code)) codes.add(code);
    }
  }
  for (const locale of NAME_LOCALES) {
    for (const style of ['long', 'short'] as const) {
      const names = new Intl.DisplayNames([locale], { type: 'region', style, fallback: 'none' });
      for (const code of codes) {
        const name = names.of(code);
        if (!name) continue;
        const key = lookupKey(name);
        // The first language to name a country wins a clash (English first).
        if (key && !byKey.has(key)) byKey.set(key, code);
      }
    }
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) byKey.set(lookupKey(alias), code);
  countryIndex = { codes, byKey };
  return countryIndex;
}

/**
 * Files repeat the same few countries, types and sizes on every row: remember answers (up to a bound) so
 * 100,000 rows do not fold the same text 100,000 times.
 */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = fn(text);
    if (cache.size < 10_000) cache.set(text, value);
    return value;
  };
}

/** A country name in English, Vietnamese, Traditional Chinese or Latvian, or an ISO alpha-2 code → the code. */
export const normaliseCountry = memo((text: string): string | null => {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const { codes, byKey } = countries();
  if (/^[a-z]{2}$/i.test(trimmed)) {
    const code = trimmed.toUpperCase();
    if (codes.has(code)) return code;
  }
  return byKey.get(lookupKey(trimmed)) ?? null;
});

/** CRM picklist values and everyday words for each partner type (Salesforce "Type", HubSpot "Type"). */
const TYPE_SYNONYMS: Record<string, PartnerType> = {
  reseller: 'reseller',
  resellers: 'reseller',
  'channel partner': 'reseller',
  'channel partner / reseller': 'reseller',
  'channel partner/reseller': 'reseller',
  'solution provider': 'reseller',
  dealer: 'reseller',
  distributor: 'distributor',
  distribution: 'distributor',
  'distribution partner': 'distributor',
  wholesaler: 'distributor',
  var: 'var',
  'value added reseller': 'var',
  'value-added reseller': 'var',
  msp: 'msp',
  'managed service provider': 'msp',
  'managed services provider': 'msp',
  'managed services': 'msp',
  mssp: 'msp',
  referral: 'referral',
  'referral partner': 'referral',
  referrer: 'referral',
  agent: 'referral',
  technology: 'technology',
  'technology partner': 'technology',
  'tech partner': 'technology',
  isv: 'technology',
  'integration partner': 'technology',
  si: 'si',
  integrator: 'si',
  'system integrator': 'si',
  'systems integrator': 'si',
  'installation partner': 'si',
  'implementation partner': 'si',
  'consulting partner': 'si',
  affiliate: 'affiliate',
  'affiliate partner': 'affiliate',
  alliance: 'alliance',
  'alliance partner': 'alliance',
  'strategic alliance': 'alliance',
};
const TYPE_BY_KEY = new Map(Object.entries(TYPE_SYNONYMS).map(([k, v]) => [lookupKey(k), v]));

export const normaliseType = memo((text: string): PartnerType | null => {
  const key = lookupKey(text);
  if (!key) return null;
  return TYPE_BY_KEY.get(key) ?? PartnerTypeValues.find((t) => t === key) ?? null;
});

export const PARTNER_TYPES_HINT = PartnerTypeValues.join(', ');

const BAND_FLOORS: [number, SizeBand][] = [
  [5001, '5001+'],
  [1001, '1001-5000'],
  [201, '201-1000'],
  [51, '51-200'],
  [11, '11-50'],
  [1, '1-10'],
];

function bandOf(count: number): SizeBand | null {
  if (!Number.isFinite(count) || count < 0) return null;
  for (const [floor, band] of BAND_FLOORS) if (count >= floor) return band;
  return '1-10';
}

function parseCount(text: string): number | null {
  const digits = text.replace(/[\s,.'’_]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  return Number(digits);
}

/**
 * A size band ("51-200", "5001+") or an employee count ("250", "1,200", "1 200") → the band. A range
 * such as "1,001-5,000" or "10K+" is placed by its lower bound.
 */
export const normaliseSizeBand = memo((text: string): SizeBand | null => {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if ((SizeBandValues as readonly string[]).includes(trimmed)) return trimmed as SizeBand;
  const k = /^(\d+(?:[.,]\d+)?)\s*k\+?$/i.exec(trimmed);
  if (k?.[1]) return bandOf(Number(k[1].replace(',', '.')) * 1000);
  const range = /^([\d\s,.'’]+?)\s*(?:-|–|to|\+|$)/.exec(trimmed);
  if (range?.[1]) {
    const n = parseCount(range[1]);
    if (n !== null) return bandOf(n);
  }
  return null;
});

/** "www.acme.com", "acme.com/path" or "https://acme.com" → an absolute http(s) URL; null when empty. */
export function normaliseWebsite(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^:/]+:\d/.test(trimmed)) return trimmed;
  return `https://${trimmed.replace(/^\/\//, '')}`;
}

/** The partner domain a website or bare domain gives, as the partners module derives it on every write. */
export function domainOf(text: string | null | undefined): string | null {
  return domainFromWebsite(normaliseWebsite(text ?? ''));
}

/** "a; b; c" or "a, b" → ["a", "b", "c"]: semicolons win when present so labels may contain commas. */
export function splitList(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const separator = trimmed.includes(';') ? ';' : ',';
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of trimmed.split(separator)) {
    const value = part.trim();
    if (value && !seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  }
  return out;
}

/** Case, accents, punctuation and company-form spacing ignored: "ACME, Inc." and "Acme Inc" are one name. */
export function nameKey(text: string): string {
  return searchKey(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Exact match ignoring case (and Unicode normalisation form): how people expect "find by name" to work. */
export function caselessKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Our exports prefix risky cells with an apostrophe (formula injection); reading them back removes it. */
export function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Checkbox exports and everyday answers, in the product's four languages (folded: "có" → "co", "jā" → "ja"). */
const YES_NO = new Map<string, boolean>([
  ...['yes', 'y', 'true', 't', '1', 'x', 'on', 'co', '是', '對', 'ja'].map((w) => [w, true] as const),
  ...['no', 'n', 'false', 'f', '0', 'off', 'khong', '否', '不是', 'ne'].map((w) => [w, false] as const),
]);

/** yes/no, true/false, 1/0 (and có/không, 是/否, jā/nē) → the boolean; null when empty or anything else. */
export function normaliseYesNo(text: string): boolean | null {
  return YES_NO.get(lookupKey(text)) ?? null;
}

export const YES_NO_HINT = 'yes or no (also true/false or 1/0)';
