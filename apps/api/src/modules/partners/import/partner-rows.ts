import {
  type Address,
  CUSTOM_ATTRIBUTE_COLUMN_PREFIX,
  type ImportRowError,
  PartnerCreateSchema,
  type PartnerStatus,
  type PartnerType,
  type SizeBandValues,
} from '@trellis/contracts';
import type { z } from 'zod';
import {
  type AttributeDefinitionLike,
  type CustomAttributeValue,
  parseCustomAttributeText,
  validateCustomAttributes,
} from '../custom-attributes.policy';
import { partnerSearchName } from '../partner.policy';
import type { ParsedCsv } from './csv-file';
import { cellOf, columnOf, quote, type ResolvedMapping } from './mapping';
import {
  caselessKey,
  domainOf,
  nameKey,
  normaliseCountry,
  normaliseSizeBand,
  normaliseType,
  normaliseWebsite,
  PARTNER_TYPES_HINT,
  splitList,
} from './normalise';

/*
 * C1: CSV rows → partners, pure. Every row is checked and every problem reported with its row and
 * column; data the rows refer to (tiers, owners, parents, domains in use) comes in as lookups.
 */

export type ExistingPartnerRef = { id: string; legalName: string; displayName: string };

export type PartnerLookups = {
  tiers: { id: string; name: string }[];
  /** Active admins and channel managers: the people who may own a partner. */
  owners: { id: string; email: string; name: string }[];
  attributeDefs: AttributeDefinitionLike[];
  /** Domain → display name of the partner that already has it. */
  existingDomains: Map<string, string>;
  /** Existing partners whose legal or display name one of the rows names as its parent. */
  parentCandidates: ExistingPartnerRef[];
};

/** A valid row, ready to insert; `parentRow` points at another row of the same file. */
export type PlannedPartner = {
  row: number;
  legalName: string;
  displayName: string;
  searchName: string;
  website: string | null;
  domain: string | null;
  country: string;
  region: string | null;
  address: Address;
  phone: string | null;
  type: PartnerType;
  sizeBand: (typeof SizeBandValues)[number] | null;
  industries: string[];
  capabilities: string[];
  territories: string[];
  tierId: string | null;
  ownerUserId: string | null;
  parentPartnerId: string | null;
  parentRow: number | null;
  status: PartnerStatus;
  tags: string[];
  customAttributes: Record<string, CustomAttributeValue>;
  logoUrl: string | null;
};

export type PartnerValidation = {
  /** Valid rows, parents before their children. */
  plan: PlannedPartner[];
  errors: ImportRowError[];
  totalRows: number;
  invalidRows: number;
};

/** Referenced values the caller looks up before validating. */
export function partnerReferences(parsed: ParsedCsv, m: ResolvedMapping): { domains: string[]; parents: string[] } {
  const domains = new Set<string>();
  const parents = new Set<string>();
  for (const { cells } of parsed.rows) {
    const d = domainOf(cellOf(m, cells, 'website') || cellOf(m, cells, 'domain'));
    if (d) domains.add(d);
    const p = cellOf(m, cells, 'parent');
    if (p) parents.add(p);
  }
  return { domains: [...domains], parents: [...parents] };
}

const ADDRESS_FIELDS: Record<string, keyof Address> = {
  addressLine1: 'line1',
  addressLine2: 'line2',
  city: 'city',
  state: 'state',
  postalCode: 'postalCode',
};
const FIELD_OF_ADDRESS: Record<string, string> = Object.fromEntries(
  Object.entries(ADDRESS_FIELDS).map(([f, a]) => [a, f]),
);

/** A Zod issue → words a spreadsheet user understands, naming the value. */
export function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = typeof value === 'string' ? quote(value) : null;
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') {
        const length = typeof value === 'string' ? ` (this one has ${value.length})` : '';
        return `is too long: at most ${issue.maximum} characters${length}`;
      }
      if (issue.origin === 'array') return `has too many values: at most ${issue.maximum}`;
      return issue.message;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'is required';
      return issue.message;
    case 'invalid_format':
      if (issue.format === 'url') return `${shown ?? 'the value'} is not a web address such as https://example.com`;
      if (issue.format === 'email') return `${shown ?? 'the value'} is not a valid e-mail address`;
      if (issue.format === 'regex' && shown) return `${shown} ${issue.message}`;
      return issue.message;
    case 'invalid_value':
      return `${shown ?? 'the value'} is not one of: ${issue.values.join(', ')}`;
    default:
      return issue.message;
  }
}

type Draft = {
  row: number;
  cells: string[];
  errors: ImportRowError[];
  value: PlannedPartner | null;
  /** What duplicate detection compares, kept from the first pass. */
  legalName: string;
  country: string | null;
  domain: string | null;
};

const IMPORTABLE_STATUSES = ['applicant', 'onboarding', 'active'];

/**
 * Validates every row. Checks the contract's PartnerCreateSchema after normalising countries, types,
 * sizes, tiers, owners and lists; then duplicates within the file (same legal name and country, or same
 * domain), domains already in use, and parents (an existing partner or another row of the file).
 */
export function validatePartnerRows(parsed: ParsedCsv, m: ResolvedMapping, lookups: PartnerLookups): PartnerValidation {
  const tierByName = new Map(lookups.tiers.map((t) => [caselessKey(t.name), t.id]));
  const tierNames = lookups.tiers.map((t) => t.name).join(', ');
  const ownerByEmail = new Map(lookups.owners.map((o) => [o.email.toLowerCase(), o.id]));
  const ownersByName = new Map<string, string[]>();
  for (const o of lookups.owners) {
    const key = caselessKey(o.name);
    ownersByName.set(key, [...(ownersByName.get(key) ?? []), o.id]);
  }
  const attrColumns = lookups.attributeDefs
    .filter((d) => m.index.has(`${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}${d.key}`))
    .map((d) => ({ def: d, field: `${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}${d.key}` }));

  const drafts: Draft[] = parsed.rows.map(({ row, cells }) => {
    const errors: ImportRowError[] = [];
    const fail = (field: string, message: string) => errors.push({ row, field: columnOf(m, field), message });
    const cell = (field: string) => cellOf(m, cells, field);

    const countryText = cell('country');
    const country = normaliseCountry(countryText);
    if (!countryText) fail('country', 'is required');
    else if (!country) {
      fail('country', `${quote(countryText)} is not a country; use a country name or an ISO code such as VN, TW or LV`);
    }
    const typeText = cell('type');
    const type = normaliseType(typeText);
    if (!typeText) fail('type', `is required; use one of: ${PARTNER_TYPES_HINT}`);
    else if (!type) fail('type', `${quote(typeText)} is not a partner type; use one of: ${PARTNER_TYPES_HINT}`);

    const sizeText = cell('sizeBand');
    const sizeBand = normaliseSizeBand(sizeText);
    if (sizeText && !sizeBand) {
      fail('sizeBand', `${quote(sizeText)} is neither an employee count nor a size band (1-10, 11-50, … 5001+)`);
    }
    let tierId: string | null = null;
    const tierText = cell('tier');
    if (tierText) {
      tierId = tierByName.get(caselessKey(tierText)) ?? null;
      if (!tierId) fail('tier', `no tier named ${quote(tierText)}${tierNames ? `; tiers are: ${tierNames}` : ''}`);
    }
    let ownerUserId: string | null = null;
    const ownerText = cell('owner');
    if (ownerText) {
      const byName = ownersByName.get(caselessKey(ownerText)) ?? [];
      ownerUserId = ownerByEmail.get(ownerText.toLowerCase()) ?? (byName.length === 1 ? (byName[0] ?? null) : null);
      if (!ownerUserId) {
        fail(
          'owner',
          byName.length > 1
            ? `${byName.length} people are named ${quote(ownerText)}; give the owner's e-mail`
            : `${quote(ownerText)} is not an active admin or channel manager of this workspace`,
        );
      }
    }
    const statusText = cell('status').toLowerCase();
    if (statusText && !IMPORTABLE_STATUSES.includes(statusText)) {
      fail('status', `${quote(statusText)} cannot be imported; use one of: ${IMPORTABLE_STATUSES.join(', ')}`);
    }

    const address: Address = {};
    for (const [field, key] of Object.entries(ADDRESS_FIELDS)) {
      const v = cell(field);
      if (v) address[key] = v;
    }
    const website = normaliseWebsite(cell('website')) ?? normaliseWebsite(cell('domain'));
    const legalName = cell('legalName');
    const candidate = {
      legalName,
      displayName: cell('displayName') || legalName,
      ...(website ? { website } : {}),
      country: country ?? 'ZZ',
      ...(cell('region') ? { region: cell('region') } : {}),
      address,
      ...(cell('phone') ? { phone: cell('phone') } : {}),
      type: type ?? 'reseller',
      industries: splitList(cell('industries')),
      capabilities: splitList(cell('capabilities')),
      territories: splitList(cell('territories')),
      tags: splitList(cell('tags')),
      ...(cell('logoUrl') ? { logoUrl: normaliseWebsite(cell('logoUrl')) } : {}),
    };
    const parsedRow = PartnerCreateSchema.safeParse(candidate);
    if (!parsedRow.success) {
      for (const issue of parsedRow.error.issues) {
        const [top, sub] = issue.path;
        const key = String(top ?? '');
        let field = key;
        let value: unknown = (candidate as Record<string, unknown>)[key];
        if (top === 'address') {
          field = FIELD_OF_ADDRESS[String(sub)] ?? 'addressLine1';
          value = address[sub as keyof Address];
        } else if (top === 'website' && !cell('website')) field = 'domain';
        // An empty display name takes the legal name: its problems are already reported there.
        if (top === 'displayName' && !cell('displayName')) continue;
        if (Array.isArray(value)) value = typeof sub === 'number' ? value[sub] : undefined;
        fail(field, describeIssue(issue, value));
      }
    }

    const customAttributes: Record<string, CustomAttributeValue> = {};
    for (const { def, field } of attrColumns) {
      const v = parseCustomAttributeText(def, cell(field));
      if (v !== null) customAttributes[def.key] = v;
    }
    for (const issue of validateCustomAttributes(lookups.attributeDefs, customAttributes, { pathPrefix: '' })) {
      const key = issue.path.replace(/^\./, '');
      const shown = customAttributes[key];
      fail(
        `${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}${key}`,
        shown === undefined || shown === null ? issue.message : `${quote(String(shown))} ${issue.message}`,
      );
    }

    const domain = domainOf(website);
    const keys = { legalName, country, domain };
    if (errors.length > 0 || !parsedRow.success || !country || !type)
      return { row, cells, errors, value: null, ...keys };
    const p = parsedRow.data;
    const displayName = p.displayName ?? p.legalName;
    return {
      row,
      cells,
      errors,
      ...keys,
      value: {
        row,
        legalName: p.legalName,
        displayName,
        searchName: partnerSearchName({ displayName, legalName: p.legalName, domain }),
        website: p.website ?? null,
        domain,
        country: p.country,
        region: p.region ?? null,
        address: p.address ?? {},
        phone: p.phone ?? null,
        type: p.type,
        sizeBand: sizeBand,
        industries: p.industries ?? [],
        capabilities: p.capabilities ?? [],
        territories: p.territories ?? [],
        tierId,
        ownerUserId,
        parentPartnerId: null,
        parentRow: null,
        // C2: like a partner created by hand, an imported one starts in onboarding unless the file says otherwise.
        status: (statusText || 'onboarding') as PartnerStatus,
        tags: [...new Set(p.tags ?? [])],
        customAttributes,
        logoUrl: p.logoUrl ?? null,
      },
    };
  });

  checkDuplicates(drafts, m, lookups);
  resolveParents(drafts, m, lookups);
  const plan = orderParentsFirst(drafts, m);

  const byColumn = columnOrder(m);
  const errors = drafts.flatMap((d) => byColumn(d.errors));
  const invalidRows = drafts.filter((d) => d.errors.length > 0).length;
  return { plan, errors, totalRows: drafts.length, invalidRows };
}

/** Sorts a row's errors into the order of its columns, as people read the row. */
export function columnOrder(m: ResolvedMapping): (errors: ImportRowError[]) => ImportRowError[] {
  const position = new Map([...m.header].map(([field, header]) => [header, m.index.get(field) ?? 0]));
  const at = (e: ImportRowError) => (e.field === null ? -1 : (position.get(e.field) ?? Number.MAX_SAFE_INTEGER));
  return (errors) => (errors.length < 2 ? errors : [...errors].sort((a, b) => at(a) - at(b)));
}

function checkDuplicates(drafts: Draft[], m: ResolvedMapping, lookups: PartnerLookups): void {
  const byName = new Map<string, number>();
  const byDomain = new Map<string, number>();
  const domainField = m.index.has('website') ? 'website' : 'domain';
  for (const d of drafts) {
    const { legalName, country, domain } = d;
    if (legalName && country) {
      const key = `${nameKey(legalName)}|${country}`;
      const first = byName.get(key);
      if (first !== undefined) {
        d.errors.push({
          row: d.row,
          field: columnOf(m, 'legalName'),
          message: `duplicate of row ${first}: same legal name and country (${quote(legalName)}, ${country})`,
        });
      } else byName.set(key, d.row);
    }
    if (domain) {
      const first = byDomain.get(domain);
      const owner = lookups.existingDomains.get(domain);
      if (first !== undefined) {
        d.errors.push({
          row: d.row,
          field: columnOf(m, domainField),
          message: `duplicate of row ${first}: same domain (${domain})`,
        });
      } else {
        byDomain.set(domain, d.row);
        if (owner !== undefined) {
          d.errors.push({
            row: d.row,
            field: columnOf(m, domainField),
            message: `the domain ${domain} already belongs to the partner ${quote(owner)}`,
          });
        }
      }
    }
  }
}

/** Parent by legal or display name (ignoring case): another row of this file first, then an existing partner. */
function resolveParents(drafts: Draft[], m: ResolvedMapping, lookups: PartnerLookups): void {
  if (!m.index.has('parent')) return;
  const rowsByName = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, name: string, row: number) => {
    if (!name) return;
    const key = caselessKey(name);
    const set = map.get(key) ?? new Set<number>();
    set.add(row);
    map.set(key, set);
  };
  for (const d of drafts) {
    add(rowsByName, cellOf(m, d.cells, 'legalName'), d.row);
    add(rowsByName, cellOf(m, d.cells, 'displayName'), d.row);
  }
  const existingByName = new Map<string, Map<string, ExistingPartnerRef>>();
  for (const p of lookups.parentCandidates) {
    for (const name of [p.legalName, p.displayName]) {
      const key = caselessKey(name);
      const map = existingByName.get(key) ?? new Map<string, ExistingPartnerRef>();
      map.set(p.id, p);
      existingByName.set(key, map);
    }
  }
  for (const d of drafts) {
    const text = cellOf(m, d.cells, 'parent');
    if (!text) continue;
    const fail = (message: string) => d.errors.push({ row: d.row, field: columnOf(m, 'parent'), message });
    const key = caselessKey(text);
    const inFile = [...(rowsByName.get(key) ?? [])];
    if (inFile.length > 1) {
      fail(`${quote(text)} names rows ${inFile.join(', ')} of this file; parent names must be unique`);
      continue;
    }
    if (inFile[0] === d.row) {
      fail('a partner cannot be its own parent');
      continue;
    }
    if (inFile.length === 1) {
      if (d.value) d.value.parentRow = inFile[0] ?? null;
      continue;
    }
    const existing = [...(existingByName.get(key)?.values() ?? [])];
    if (existing.length === 0) fail(`no partner named ${quote(text)} exists or appears in this file`);
    else if (existing.length > 1) fail(`${existing.length} partners are named ${quote(text)}; rename one first`);
    else if (d.value) d.value.parentPartnerId = existing[0]?.id ?? null;
  }
}

/** Valid rows ordered so each parent is written before its children; rows whose parent fails fail too. */
function orderParentsFirst(drafts: Draft[], m: ResolvedMapping): PlannedPartner[] {
  const byRow = new Map(drafts.map((d) => [d.row, d]));
  const children = new Map<number, Draft[]>();
  const roots: Draft[] = [];
  for (const d of drafts) {
    if (d.errors.length > 0 || !d.value) continue;
    const parentRow = d.value.parentRow;
    if (parentRow === null) roots.push(d);
    else children.set(parentRow, [...(children.get(parentRow) ?? []), d]);
  }
  const plan: PlannedPartner[] = [];
  let level = roots;
  while (level.length > 0) {
    const next: Draft[] = [];
    for (const d of level) {
      if (d.value) plan.push(d.value);
      next.push(...(children.get(d.row) ?? []));
    }
    level = next.sort((a, b) => a.row - b.row);
  }
  const placed = new Set(plan.map((p) => p.row));
  for (const d of drafts) {
    if (d.errors.length > 0 || !d.value || placed.has(d.row)) continue;
    const parentRow = d.value.parentRow as number;
    let cursor: number | null = parentRow;
    let loops = false;
    for (let steps = 0; cursor !== null && steps < 10_000; steps++) {
      if (cursor === d.row) {
        loops = true;
        break;
      }
      cursor = byRow.get(cursor)?.value?.parentRow ?? null;
    }
    d.errors.push({
      row: d.row,
      field: columnOf(m, 'parent'),
      message: loops
        ? 'the parent chain loops back to this row'
        : `its parent (row ${parentRow}) cannot be imported; fix that row first`,
    });
  }
  return plan;
}
