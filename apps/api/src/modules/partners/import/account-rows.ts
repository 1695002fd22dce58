import { ACCOUNT_EXTERNAL_ID_KEY, AccountCreateSchema, type Address, type ImportRowError } from '@trellis/contracts';
import { companyDomain, DOMAIN_PROBLEM_TEXT } from '../../deals/matching/index';
import type { ParsedCsv } from './csv-file';
import { cellOf, columnOf, quote, type ResolvedMapping } from './mapping';
import { caselessKey, normaliseCountry, normaliseYesNo, YES_NO_HINT } from './normalise';
import { columnOrder, describeIssue } from './partner-rows';

/*
 * C4: CSV rows → the vendor's customer accounts, pure. A row updates an existing account when its external
 * id (the CRM's record id) is already stored, or when exactly one account has its name and country (an
 * account without an external id, when the row has one); otherwise it creates one. Mapped columns are
 * the file's truth (an empty mapped cell clears the value — except the named-account flag, which only yes
 * or no changes); unmapped ones keep what the account has.
 */

/** An account a row may update: what the file names it by, and the values an update keeps. */
export type ExistingAccount = {
  id: string;
  name: string;
  country: string;
  domains: string[];
  address: Address;
  ownerUserId: string | null;
  namedAccount: boolean;
  metadata: Record<string, string>;
  /**
   * The row version as read (PostgreSQL's `xmin`, which every update changes even within one clock tick):
   * the import writes the account only if it is still that version, so an edit made meanwhile is never
   * overwritten with what was read before.
   */
  version: string;
};

export type AccountLookups = {
  /** Active vendor members of the workspace: who may own an account. */
  owners: { id: string; email: string; name: string }[];
  /** Accounts whose external id or name (ignoring case) a row of the file gives. */
  existing: ExistingAccount[];
};

/** A valid row with the account's values after the import; `existing` is the account it updates. */
export type PlannedAccount = {
  row: number;
  existing: ExistingAccount | null;
  name: string;
  domains: string[];
  country: string;
  address: Address;
  ownerUserId: string | null;
  namedAccount: boolean;
  metadata: Record<string, string>;
};

export type AccountValidation = {
  plan: PlannedAccount[];
  errors: ImportRowError[];
  totalRows: number;
  invalidRows: number;
  /** Valid rows that update an existing account. */
  updateRows: number;
};

const ADDRESS_FIELDS: [field: string, key: keyof Address][] = [
  ['addressLine1', 'line1'],
  ['addressLine2', 'line2'],
  ['city', 'city'],
  ['state', 'state'],
  ['postalCode', 'postalCode'],
];
const FIELD_OF_ADDRESS = new Map(ADDRESS_FIELDS.map(([f, k]) => [k as string, f]));

const externalIdOf = (a: Pick<ExistingAccount, 'metadata'>): string => a.metadata[ACCOUNT_EXTERNAL_ID_KEY] ?? '';

/** External ids and names the caller looks up before validating. */
export function accountReferences(parsed: ParsedCsv, m: ResolvedMapping): { externalIds: string[]; names: string[] } {
  const externalIds = new Set<string>();
  const names = new Set<string>();
  for (const { cells } of parsed.rows) {
    const id = cellOf(m, cells, 'externalId');
    if (id) externalIds.add(id);
    const name = cellOf(m, cells, 'name');
    if (name) names.add(name);
  }
  return { externalIds: [...externalIds], names: [...names] };
}

/**
 * The domains of one cell: several separated by `;`, `,` or white space, each a bare domain, URL or
 * e-mail address, stored as its host without `www.`. Free-mail providers and pages on shared platforms
 * (facebook.com/acme) are refused: they would tie every customer with such an address together.
 */
export function parseDomains(text: string, fail: (message: string) => void, opts: { oneUrl?: boolean } = {}): string[] {
  const tokens = opts.oneUrl ? [text.trim()].filter(Boolean) : text.split(/[;,\s]+/).filter(Boolean);
  const out: string[] = [];
  for (const token of tokens) {
    const d = companyDomain(token);
    if (d.problem) fail(DOMAIN_PROBLEM_TEXT[d.problem](quote(token)));
    else if (!out.includes(d.host)) out.push(d.host);
  }
  return out;
}

/** Salesforce keeps a multi-line street in one cell: its first line is line 1, the rest line 2. */
function splitStreet(line1: string, line2: string): [string, string] {
  if (!line1.includes('\n') || line2) return [line1.replace(/\s*\r?\n\s*/g, ', '), line2];
  const [first = '', ...rest] = line1.split(/\r?\n/).map((l) => l.trim());
  return [first, rest.filter(Boolean).join(', ')];
}

type Draft = {
  row: number;
  errors: ImportRowError[];
  value: PlannedAccount | null;
  externalId: string;
  /** caselessKey(name) | country, when both are valid. */
  nameKey: string | null;
};

/** Validates every row against AccountCreateSchema, finds the account each row updates, and reports duplicates. */
export function validateAccountRows(parsed: ParsedCsv, m: ResolvedMapping, lookups: AccountLookups): AccountValidation {
  const ownerByEmail = new Map(lookups.owners.map((o) => [o.email.toLowerCase(), o.id]));
  const ownersByName = new Map<string, string[]>();
  for (const o of lookups.owners) {
    const key = caselessKey(o.name);
    ownersByName.set(key, [...(ownersByName.get(key) ?? []), o.id]);
  }
  const byExternalId = new Map<string, ExistingAccount>();
  const byName = new Map<string, ExistingAccount[]>();
  for (const a of lookups.existing) {
    if (externalIdOf(a)) byExternalId.set(externalIdOf(a), a);
    const key = `${caselessKey(a.name)}|${a.country}`;
    byName.set(key, [...(byName.get(key) ?? []), a]);
  }
  const domainsMapped = m.index.has('domains') || m.index.has('website');
  const addressMapped = ADDRESS_FIELDS.some(([f]) => m.index.has(f));

  const drafts: Draft[] = parsed.rows.map(({ row, cells }) => {
    const errors: ImportRowError[] = [];
    const fail = (field: string, message: string) => errors.push({ row, field: columnOf(m, field), message });
    const cell = (field: string) => cellOf(m, cells, field);

    const name = cell('name');
    const externalId = cell('externalId');
    const countryText = cell('country');
    const country = normaliseCountry(countryText);
    if (!countryText) fail('country', 'is required');
    else if (!country) {
      fail('country', `${quote(countryText)} is not a country; use a country name or an ISO code such as VN, TW or LV`);
    }
    const nameKey = name && country ? `${caselessKey(name)}|${country}` : null;

    // The account this row updates: by external id, else the one account with this name and country.
    let existing: ExistingAccount | null = null;
    if (externalId) existing = byExternalId.get(externalId) ?? null;
    if (!existing && nameKey) {
      const named = (byName.get(nameKey) ?? []).filter((a) => !externalId || !externalIdOf(a));
      if (named.length === 1) existing = named[0] ?? null;
      else if (named.length > 1) {
        fail(
          'name',
          externalId
            ? `${named.length} accounts without an external id are named ${quote(name)} in ${country}; rename or delete the extra ones so this row knows which to update`
            : `${named.length} accounts are named ${quote(name)} in ${country}; map the external id column (the CRM's record id) to say which one`,
        );
      }
    }

    let domains = existing?.domains ?? [];
    if (domainsMapped) {
      domains = parseDomains(cell('domains'), (msg) => fail('domains', msg));
      for (const d of parseDomains(cell('website'), (msg) => fail('website', msg), { oneUrl: true })) {
        if (!domains.includes(d)) domains.push(d);
      }
    }

    const address: Address = { ...(existing?.address ?? {}) };
    if (addressMapped) {
      const [line1, line2] = splitStreet(cell('addressLine1'), cell('addressLine2'));
      const values: Record<string, string> = {
        addressLine1: line1,
        addressLine2: line2,
        city: cell('city'),
        state: cell('state'),
        postalCode: cell('postalCode'),
      };
      for (const [field, key] of ADDRESS_FIELDS) {
        if (!m.index.has(field) && !(field === 'addressLine2' && values.addressLine2)) continue;
        const v = values[field] ?? '';
        if (v) address[key] = v;
        else delete address[key];
      }
    }

    let ownerUserId = existing?.ownerUserId ?? null;
    if (m.index.has('owner')) {
      const ownerText = cell('owner');
      ownerUserId = null;
      if (ownerText) {
        const named = ownersByName.get(caselessKey(ownerText)) ?? [];
        ownerUserId = ownerByEmail.get(ownerText.toLowerCase()) ?? (named.length === 1 ? (named[0] ?? null) : null);
        if (!ownerUserId) {
          fail(
            'owner',
            named.length > 1
              ? `${named.length} people are named ${quote(ownerText)}; give the owner's e-mail`
              : `${quote(ownerText)} is not an active vendor user of this workspace; give the e-mail of an admin or a member of staff`,
          );
        }
      }
    }

    let namedAccount = existing?.namedAccount ?? false;
    if (m.index.has('namedAccount')) {
      const text = cell('namedAccount');
      const parsedFlag = normaliseYesNo(text);
      // An empty cell keeps the flag: CRM exports often leave the column blank, and silently lifting the rules
      // of engagement from a named account would be worse than a missed update. "No" lifts it.
      if (parsedFlag !== null) namedAccount = parsedFlag;
      if (text && parsedFlag === null) fail('namedAccount', `${quote(text)} is not ${YES_NO_HINT}`);
    }

    const metadata = {
      ...(existing?.metadata ?? {}),
      ...(externalId ? { [ACCOUNT_EXTERNAL_ID_KEY]: externalId } : {}),
    };
    const candidate = { name, domains, country: country ?? 'ZZ', address, namedAccount, metadata };
    const parsedRow = AccountCreateSchema.safeParse(candidate);
    if (!parsedRow.success) {
      for (const issue of parsedRow.error.issues) {
        const [top, sub] = issue.path;
        let field = String(top ?? '');
        let value: unknown = (candidate as Record<string, unknown>)[field];
        if (top === 'address') {
          field = FIELD_OF_ADDRESS.get(String(sub)) ?? 'addressLine1';
          value = address[sub as keyof Address];
        } else if (top === 'domains') {
          field = m.index.has('domains') ? 'domains' : 'website';
          value = typeof sub === 'number' ? domains[sub] : undefined;
        } else if (top === 'metadata') {
          field = 'externalId';
          value = externalId;
        }
        fail(field, describeIssue(issue, value));
      }
    }
    if (errors.length > 0 || !parsedRow.success || !country) {
      return { row, errors, value: null, externalId, nameKey };
    }
    const a = parsedRow.data;
    return {
      row,
      errors,
      externalId,
      nameKey,
      value: {
        row,
        existing,
        name: a.name,
        domains: a.domains,
        country: a.country,
        address: a.address,
        ownerUserId,
        namedAccount: a.namedAccount,
        metadata: a.metadata ?? {},
      },
    };
  });

  checkDuplicates(drafts, m);
  const byColumn = columnOrder(m);
  const plan: PlannedAccount[] = [];
  const errors: ImportRowError[] = [];
  let invalidRows = 0;
  for (const d of drafts) {
    if (d.errors.length > 0 || !d.value) {
      invalidRows++;
      errors.push(...byColumn(d.errors));
    } else plan.push(d.value);
  }
  const updateRows = plan.filter((p) => p.existing !== null).length;
  return { plan, errors, totalRows: drafts.length, invalidRows, updateRows };
}

/** The same external id twice, two rows updating one account, or two new accounts with one name and country. */
function checkDuplicates(drafts: Draft[], m: ResolvedMapping): void {
  const byExternalId = new Map<string, number>();
  const byAccount = new Map<string, number>();
  const byName = new Map<string, { row: number; externalId: string }>();
  for (const d of drafts) {
    const fail = (field: string, message: string) => d.errors.push({ row: d.row, field: columnOf(m, field), message });
    if (d.externalId) {
      const first = byExternalId.get(d.externalId);
      if (first !== undefined) {
        fail('externalId', `duplicate of row ${first}: same external id (${quote(d.externalId)})`);
        continue;
      }
      byExternalId.set(d.externalId, d.row);
    }
    const target = d.value?.existing?.id;
    if (target) {
      const first = byAccount.get(target);
      if (first !== undefined) fail('name', `duplicate of row ${first}: both rows update the same account`);
      else byAccount.set(target, d.row);
      continue;
    }
    if (!d.nameKey) continue;
    const first = byName.get(d.nameKey);
    // Two CRM records may share a name and country; only rows that cannot tell themselves apart clash.
    if (first && !(first.externalId && d.externalId)) {
      fail('name', `duplicate of row ${first.row}: same name and country`);
    } else if (!first) byName.set(d.nameKey, { row: d.row, externalId: d.externalId });
  }
}
