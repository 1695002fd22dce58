import {
  type ImportRowError,
  LEAD_CRM_SOURCE_KEY,
  LEAD_EXTERNAL_ID_KEY,
  LEAD_INDUSTRY_KEY,
  LeadCreateSchema,
  type LeadStatus,
} from '@trellis/contracts';
import type { ParsedCsv } from './csv-file';
import { cellOf, columnOf, quote, type ResolvedMapping } from './mapping';
import { caselessKey, lookupKey, normaliseCountry, splitList } from './normalise';
import { columnOrder, describeIssue } from './partner-rows';

/*
 * C5: CSV rows → new leads (source `import`), pure. Every row is checked against LeadCreateSchema after
 * normalising countries (names in four languages or ISO codes), languages (tags or names), company sizes
 * and product-interest lists. A row is a duplicate — skipped, and listed with the errors — when an earlier
 * row of the file has the same company and e-mail (or, without e-mail, the same phone) or the same CRM
 * record id, or when a stored lead already has its e-mail and company.
 */

/** A stored lead a row may duplicate. */
export type ExistingLead = { id: string; company: string; contactEmail: string | null; status: LeadStatus };

export type PlannedLead = {
  row: number;
  company: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  country: string | null;
  region: string | null;
  territory: string | null;
  language: string | null;
  productInterests: string[];
  companySize: number | null;
  notes: string;
  metadata: Record<string, string>;
};

export type LeadValidation = {
  plan: PlannedLead[];
  errors: ImportRowError[];
  totalRows: number;
  invalidRows: number;
  /** Rows skipped because they duplicate an earlier row or a stored lead (counted in invalidRows too). */
  duplicateRows: number;
};

/** E-mail addresses (lower-case) the caller looks up among stored leads before validating. */
export function leadReferences(parsed: ParsedCsv, m: ResolvedMapping): { emails: string[] } {
  const emails = new Set<string>();
  for (const { cells } of parsed.rows) {
    const email = cellOf(m, cells, 'contactEmail').toLowerCase();
    if (email) emails.add(email);
  }
  return { emails: [...emails] };
}

const LANGUAGE_CODES = [
  'ar',
  'bg',
  'bn',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fa',
  'fi',
  'fil',
  'fr',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'km',
  'ko',
  'lo',
  'lt',
  'lv',
  'ms',
  'my',
  'nb',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sr',
  'sv',
  'th',
  'tl',
  'tr',
  'uk',
  'ur',
  'vi',
  'yue',
  'zh',
  'zh-Hans',
  'zh-Hant',
];

let languageNames: Map<string, string> | null = null;
/** Language names in the product's four languages (and each language's own name) → the tag. */
function languageByName(): Map<string, string> {
  if (languageNames) return languageNames;
  const map = new Map<string, string>();
  for (const locale of ['en', 'vi', 'zh-Hant', 'lv']) {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    for (const code of LANGUAGE_CODES) {
      const name = names.of(code);
      if (name && name !== code && !map.has(lookupKey(name))) map.set(lookupKey(name), code);
    }
  }
  for (const code of LANGUAGE_CODES) {
    const own = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    if (own && !map.has(lookupKey(own))) map.set(lookupKey(own), code);
  }
  languageNames = map;
  return map;
}

/** "vi", "en-GB", "zh_Hant", "Vietnamese", "Tiếng Việt", "Latviešu" → a language tag; null when unknown. */
export function normaliseLanguage(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const tag = t.replace(/_/g, '-');
  if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) {
    try {
      const canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
      const primary = canonical.split('-')[0] ?? '';
      // Three letters may be a name ("Lao"): only known three-letter codes are taken as tags.
      if (primary.length === 2 || LANGUAGE_CODES.includes(primary)) return canonical;
    } catch {
      // not a well-formed tag: try it as a name
    }
  }
  return languageByName().get(lookupKey(t)) ?? null;
}

/**
 * Employees: "250", "1,200", "1 200" or "1.200" → that number; a range ("51-200", "51 to 200") or "10000+"
 * → its upper (or only) end, as routing compares company sizes with "at most" and "at least" bounds.
 * undefined when the text is not a number of employees.
 */
export function parseCompanySize(text: string): number | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const number = (s: string) => {
    const digits = s.trim().replace(/(?<=\d)[\s,.'’](?=\d{3}\b)/g, '');
    return /^\d+$/.test(digits) ? Number(digits) : undefined;
  };
  const range = /^(.+?)\s*(?:-|–|to|until|đến|līdz|至)\s*(.+)$/i.exec(t);
  if (range?.[1] && range[2]) {
    const lo = number(range[1]);
    const hi = number(range[2]);
    return lo !== undefined && hi !== undefined && lo <= hi ? hi : undefined;
  }
  const plus = /^(.+?)\s*\+$/.exec(t);
  return number(plus?.[1] ?? t);
}

type Draft = {
  row: number;
  errors: ImportRowError[];
  value: PlannedLead | null;
  externalId: string;
  /** company | e-mail (or | phone digits when there is no e-mail), when both are present. */
  dupKey: string | null;
  duplicate: boolean;
};

/** Validates every row against LeadCreateSchema and reports duplicates within the file and with stored leads. */
export function validateLeadRows(
  parsed: ParsedCsv,
  m: ResolvedMapping,
  existing: readonly ExistingLead[],
): LeadValidation {
  const stored = new Map<string, ExistingLead>();
  for (const l of existing) {
    if (l.contactEmail) stored.set(`${caselessKey(l.company)}|${l.contactEmail.toLowerCase()}`, l);
  }
  const nameField = m.index.has('contactName') ? 'contactName' : m.index.has('firstName') ? 'firstName' : 'lastName';

  const drafts: Draft[] = parsed.rows.map(({ row, cells }) => {
    const errors: ImportRowError[] = [];
    const fail = (field: string, message: string) => errors.push({ row, field: columnOf(m, field), message });
    const cell = (field: string) => cellOf(m, cells, field);

    const externalId = cell('externalId');
    const company = cell('company');
    const contactName = cell('contactName') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
    const email = cell('contactEmail').toLowerCase();
    const phone = cell('contactPhone');

    const countryText = cell('country');
    const country = normaliseCountry(countryText);
    if (countryText && !country) {
      fail('country', `${quote(countryText)} is not a country; use a country name or an ISO code such as VN, TW or LV`);
    }
    const languageText = cell('language');
    const language = normaliseLanguage(languageText);
    if (languageText && !language) {
      fail('language', `${quote(languageText)} is not a language; use a tag such as vi, en-GB or zh-Hant, or its name`);
    }
    const sizeText = cell('companySize');
    const companySize = parseCompanySize(sizeText);
    if (companySize === undefined) {
      fail('companySize', `${quote(sizeText)} is not a number of employees such as 250 or a range such as 51-200`);
    }

    const metadata: Record<string, string> = {};
    if (externalId) metadata[LEAD_EXTERNAL_ID_KEY] = externalId;
    if (cell('leadSource')) metadata[LEAD_CRM_SOURCE_KEY] = cell('leadSource');
    if (cell('industry')) metadata[LEAD_INDUSTRY_KEY] = cell('industry');
    const metadataField: Record<string, string> = {
      [LEAD_EXTERNAL_ID_KEY]: 'externalId',
      [LEAD_CRM_SOURCE_KEY]: 'leadSource',
      [LEAD_INDUSTRY_KEY]: 'industry',
    };

    const candidate = {
      company,
      contactName,
      contactEmail: email || null,
      contactPhone: phone || null,
      country: country ?? null,
      region: cell('region') || null,
      territory: cell('territory') || null,
      language,
      productInterests: splitList(cell('productInterests')),
      companySize: companySize ?? null,
      notes: cell('notes'),
      metadata,
      source: 'api' as const,
      route: false,
    };
    const parsedRow = LeadCreateSchema.safeParse(candidate);
    if (!parsedRow.success) {
      for (const issue of parsedRow.error.issues) {
        const [top, sub] = issue.path;
        let field = String(top ?? '');
        let value: unknown = (candidate as Record<string, unknown>)[field];
        if (top === 'contactName') field = nameField;
        else if (top === 'contactEmail' && issue.code === 'custom') {
          // Neither e-mail nor phone: name the e-mail column (or the phone one when only it is mapped).
          field = m.index.has('contactEmail') || !m.index.has('contactPhone') ? 'contactEmail' : 'contactPhone';
        } else if (top === 'productInterests' && typeof sub === 'number') value = candidate.productInterests[sub];
        else if (top === 'metadata') {
          const key = typeof sub === 'string' ? sub : '';
          field = metadataField[key] ?? 'externalId';
          value = metadata[key];
        }
        fail(field, describeIssue(issue, value));
      }
    }
    const companyKey = company ? caselessKey(company) : '';
    const reach = email || phone.replace(/\D+/g, '');
    const dupKey = companyKey && reach ? `${companyKey}|${email ? reach : `tel:${reach}`}` : null;
    if (errors.length > 0 || !parsedRow.success) {
      return { row, errors, value: null, externalId, dupKey, duplicate: false };
    }
    const l = parsedRow.data;
    const twin = email ? stored.get(`${companyKey}|${email}`) : undefined;
    if (twin) {
      fail(
        'contactEmail',
        `duplicate of a stored lead (${quote(twin.company)}, ${twin.status}) with this e-mail and company: skipped`,
      );
      return { row, errors, value: null, externalId, dupKey: null, duplicate: true };
    }
    return {
      row,
      errors,
      externalId,
      dupKey,
      duplicate: false,
      value: {
        row,
        company: l.company,
        contactName: l.contactName,
        contactEmail: l.contactEmail ?? null,
        contactPhone: l.contactPhone ?? null,
        country: l.country ?? null,
        region: l.region ?? null,
        territory: l.territory ?? null,
        language: l.language ?? null,
        productInterests: l.productInterests,
        companySize: l.companySize ?? null,
        notes: l.notes,
        metadata: l.metadata,
      },
    };
  });

  checkDuplicates(drafts, m);
  const byColumn = columnOrder(m);
  const plan: PlannedLead[] = [];
  const errors: ImportRowError[] = [];
  let invalidRows = 0;
  let duplicateRows = 0;
  for (const d of drafts) {
    if (d.duplicate) duplicateRows++;
    if (d.errors.length > 0 || !d.value) {
      invalidRows++;
      errors.push(...byColumn(d.errors));
    } else plan.push(d.value);
  }
  return { plan, errors, totalRows: drafts.length, invalidRows, duplicateRows };
}

/** The same CRM record id twice, or the same company and e-mail (phone without e-mail) as an earlier row. */
function checkDuplicates(drafts: Draft[], m: ResolvedMapping): void {
  const byExternalId = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const d of drafts) {
    // Rows already skipped (broken, or a stored lead's twin) claim nothing: a later good row is imported.
    if (d.duplicate || d.errors.length > 0) continue;
    const mark = (field: string, message: string) => {
      d.errors.push({ row: d.row, field: columnOf(m, field), message });
      d.duplicate = true;
      d.value = null;
    };
    if (d.externalId) {
      const first = byExternalId.get(d.externalId);
      if (first !== undefined) {
        mark('externalId', `duplicate of row ${first}: same record id (${quote(d.externalId)}): skipped`);
        continue;
      }
      byExternalId.set(d.externalId, d.row);
    }
    if (!d.dupKey) continue;
    const first = byKey.get(d.dupKey);
    if (first !== undefined) {
      const email = d.dupKey.split('|')[1]?.startsWith('tel:') === false;
      mark(
        email ? 'contactEmail' : 'contactPhone',
        `duplicate of row ${first}: same company and ${email ? 'e-mail' : 'phone'}: skipped`,
      );
    } else byKey.set(d.dupKey, d.row);
  }
}
