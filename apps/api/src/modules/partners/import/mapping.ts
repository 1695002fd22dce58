import { CUSTOM_ATTRIBUTE_COLUMN_PREFIX, type ErrorIssue, type ImportKind } from '@trellis/contracts';
import { validationFailed } from '../../../platform/errors';
import { fieldsOf } from './presets';

/** A mapping checked against the file's headers: field → column index and header name. */
export type ResolvedMapping = {
  /** Trellis field (or `attr:<key>`) → position of its column. */
  index: Map<string, number>;
  /** Trellis field → the CSV header people see, for error messages. */
  header: Map<string, string>;
};

const REQUIRED: Record<ImportKind, string[]> = {
  partners: ['legalName', 'country', 'type'],
  contacts: ['firstName'],
  accounts: ['name', 'country'],
  leads: ['company'],
};
const NOUN: Record<ImportKind, string> = {
  partners: 'partner',
  contacts: 'contact',
  accounts: 'account',
  leads: 'lead',
};
const PARTNER_REFERENCES = ['partnerId', 'partnerDomain', 'partner'];

/**
 * Checks a CSV header → field mapping and lists every problem at once: unknown columns, unknown fields or
 * custom attributes, a field claimed by two columns, required fields left unmapped. "" ignores a column.
 */
export function resolveMapping(
  kind: ImportKind,
  headers: readonly string[],
  mapping: Readonly<Record<string, string>>,
  attributeKeys: readonly string[],
): ResolvedMapping {
  const fields = new Set(fieldsOf(kind));
  const attrs = new Set(attributeKeys);
  const issues: ErrorIssue[] = [];
  const index = new Map<string, number>();
  const header = new Map<string, string>();
  for (const [column, rawField] of Object.entries(mapping)) {
    const field = rawField.trim();
    if (field === '') continue;
    const path = `body.mapping.${column}`;
    const position = headers.indexOf(column);
    if (position < 0) {
      issues.push({ path, code: 'unknown_column', message: `the file has no column named "${column}"` });
      continue;
    }
    if (field.startsWith(CUSTOM_ATTRIBUTE_COLUMN_PREFIX) && kind === 'partners') {
      const key = field.slice(CUSTOM_ATTRIBUTE_COLUMN_PREFIX.length);
      if (!attrs.has(key)) {
        issues.push({
          path,
          code: 'unknown_attribute',
          message: `no custom attribute "${key}" in this workspace${attrs.size ? ` (there are: ${[...attrs].join(', ')})` : ''}`,
        });
        continue;
      }
    } else if (!fields.has(field)) {
      issues.push({
        path,
        code: 'unknown_field',
        message: `"${field}" is not ${kind === 'accounts' ? 'an' : 'a'} ${NOUN[kind]} field; use one of: ${[...fields].join(', ')}${kind === 'partners' ? `, or ${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}<key>` : ''}`,
      });
      continue;
    }
    const taken = header.get(field);
    if (taken !== undefined) {
      issues.push({
        path,
        code: 'duplicate_field',
        message: `columns "${taken}" and "${column}" both map to ${field}`,
      });
      continue;
    }
    index.set(field, position);
    header.set(field, column);
  }
  for (const field of REQUIRED[kind]) {
    if (!index.has(field)) {
      issues.push({ path: 'body.mapping', code: 'required', message: `map a column to ${field}` });
    }
  }
  if (kind === 'contacts' && !PARTNER_REFERENCES.some((f) => index.has(f))) {
    issues.push({
      path: 'body.mapping',
      code: 'required',
      message: 'map a column to partnerId, partnerDomain or partner so each contact finds its partner',
    });
  }
  if (kind === 'leads') {
    if (!['contactName', 'firstName', 'lastName'].some((f) => index.has(f))) {
      issues.push({
        path: 'body.mapping',
        code: 'required',
        message: "map a column to contactName (or firstName and lastName): a lead needs the contact's name",
      });
    }
    if (!index.has('contactEmail') && !index.has('contactPhone')) {
      issues.push({
        path: 'body.mapping',
        code: 'required',
        message: 'map a column to contactEmail or contactPhone: a lead needs a way to reach the contact',
      });
    }
  }
  if (issues.length > 0) throw validationFailed(issues);
  return { index, header };
}

/** The trimmed cell of a field in a row ("" when the field is not mapped). */
export function cellOf(m: ResolvedMapping, cells: readonly string[], field: string): string {
  const i = m.index.get(field);
  return i === undefined ? '' : (cells[i] ?? '').trim();
}

/** The column to name in a row error: the CSV header when mapped, else the field. */
export function columnOf(m: ResolvedMapping, field: string): string {
  return m.header.get(field) ?? field;
}

/** A cell quoted for a message, cut short so one long value does not bury the error. */
export function quote(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `"${v}"`;
}
