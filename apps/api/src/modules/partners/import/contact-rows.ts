import { ContactCreateSchema, ContactRoleValues, type ImportRowError } from '@trellis/contracts';
import type { ParsedCsv } from './csv-file';
import { cellOf, columnOf, quote, type ResolvedMapping } from './mapping';
import { caselessKey, domainOf } from './normalise';
import { columnOrder, describeIssue } from './partner-rows';

/*
 * C1: CSV rows → contacts, pure. Each contact finds its partner by id, domain or exact (case-insensitive)
 * legal or display name; the candidates come in as lookups.
 */

export type ContactPartnerRef = { id: string; legalName: string; displayName: string; domain: string | null };
type ContactRole = (typeof ContactRoleValues)[number];

export type PlannedContact = {
  row: number;
  partnerId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  role: ContactRole;
};

export type ContactValidation = {
  plan: PlannedContact[];
  errors: ImportRowError[];
  totalRows: number;
  invalidRows: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Referenced partners the caller looks up before validating. */
export function contactReferences(
  parsed: ParsedCsv,
  m: ResolvedMapping,
): { ids: string[]; domains: string[]; names: string[] } {
  const ids = new Set<string>();
  const domains = new Set<string>();
  const names = new Set<string>();
  for (const { cells } of parsed.rows) {
    const id = cellOf(m, cells, 'partnerId');
    if (UUID.test(id)) ids.add(id.toLowerCase());
    const d = domainOf(cellOf(m, cells, 'partnerDomain'));
    if (d) domains.add(d);
    const n = cellOf(m, cells, 'partner');
    if (n) names.add(n);
  }
  return { ids: [...ids], domains: [...domains], names: [...names] };
}

/** Validates every row against ContactCreateSchema and finds each row's partner. */
export function validateContactRows(
  parsed: ParsedCsv,
  m: ResolvedMapping,
  partners: readonly ContactPartnerRef[],
): ContactValidation {
  const byId = new Map(partners.map((p) => [p.id, p]));
  const byDomain = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(id);
    map.set(key, set);
  };
  for (const p of partners) {
    if (p.domain) add(byDomain, p.domain, p.id);
    add(byName, caselessKey(p.legalName), p.id);
    add(byName, caselessKey(p.displayName), p.id);
  }

  const byColumn = columnOrder(m);
  const seen = new Map<string, number>();
  const plan: PlannedContact[] = [];
  const errors: ImportRowError[] = [];
  let invalidRows = 0;
  for (const { row, cells } of parsed.rows) {
    const rowErrors: ImportRowError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ row, field: columnOf(m, field), message });
    const cell = (field: string) => cellOf(m, cells, field);

    const partnerId = resolvePartner(cell, byId, byDomain, byName, fail);
    const roleText = cell('role').toLowerCase();
    const role = (ContactRoleValues as readonly string[]).includes(roleText) ? (roleText as ContactRole) : null;
    if (roleText && !role)
      fail('role', `${quote(roleText)} is not a contact role; use one of: ${ContactRoleValues.join(', ')}`);
    const candidate = {
      firstName: cell('firstName'),
      lastName: cell('lastName'),
      ...(cell('email') ? { email: cell('email') } : {}),
      ...(cell('phone') || cell('mobile') ? { phone: cell('phone') || cell('mobile') } : {}),
      ...(cell('title') ? { title: cell('title') } : {}),
      role: role ?? 'other',
    };
    const parsedRow = ContactCreateSchema.safeParse(candidate);
    if (!parsedRow.success) {
      for (const issue of parsedRow.error.issues) {
        let field = String(issue.path[0] ?? '');
        if (field === 'phone' && !cell('phone')) field = 'mobile';
        fail(field, describeIssue(issue, (candidate as Record<string, unknown>)[String(issue.path[0])]));
      }
    }
    if (parsedRow.success && partnerId && parsedRow.data.email) {
      const key = `${partnerId}|${parsedRow.data.email}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail(
          'email',
          `duplicate of row ${first}: the same partner already gets a contact with ${quote(parsedRow.data.email)}`,
        );
      } else seen.set(key, row);
    }
    if (rowErrors.length > 0 || !parsedRow.success || !partnerId) {
      invalidRows++;
      errors.push(...byColumn(rowErrors));
      continue;
    }
    const c = parsedRow.data;
    plan.push({
      row,
      partnerId,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email ?? null,
      phone: c.phone ?? null,
      title: c.title ?? null,
      role: c.role,
    });
  }
  return { plan, errors, totalRows: parsed.rows.length, invalidRows };
}

/** partnerId first; when it is empty or unknown, the domain, then the name. */
function resolvePartner(
  cell: (field: string) => string,
  byId: Map<string, ContactPartnerRef>,
  byDomain: Map<string, Set<string>>,
  byName: Map<string, Set<string>>,
  fail: (field: string, message: string) => void,
): string | null {
  const idText = cell('partnerId');
  const domainText = cell('partnerDomain');
  const nameText = cell('partner');
  if (!idText && !domainText && !nameText) {
    fail('partner', 'no partner given: fill in the partner id, domain or name');
    return null;
  }
  const problems: [string, string][] = [];
  if (idText) {
    const hit = UUID.test(idText) ? byId.get(idText.toLowerCase()) : undefined;
    if (hit) return hit.id;
    problems.push(['partnerId', `no partner with the id ${quote(idText)}`]);
  }
  if (domainText) {
    const domain = domainOf(domainText);
    const hits = [...(domain ? (byDomain.get(domain) ?? []) : [])];
    if (hits.length === 1) return hits[0] ?? null;
    problems.push([
      'partnerDomain',
      hits.length > 1
        ? `${hits.length} partners have the domain ${domain}; give the partner id`
        : `no partner has the domain ${quote(domainText)}`,
    ]);
  }
  if (nameText) {
    const hits = [...(byName.get(caselessKey(nameText)) ?? [])];
    if (hits.length === 1) return hits[0] ?? null;
    problems.push([
      'partner',
      hits.length > 1
        ? `${hits.length} partners are named ${quote(nameText)}; give the partner id or domain`
        : `no partner named ${quote(nameText)}`,
    ]);
  }
  for (const [field, message] of problems) fail(field, message);
  return null;
}
