import type { ErrorIssue } from '@trellis/contracts';

/** What validation needs from a definition (the row, the contract type and import code all fit). */
export type AttributeDefinitionLike = {
  key: string;
  type: 'text' | 'number' | 'date' | 'select';
  options: readonly string[];
  required: boolean;
};

export type CustomAttributeValue = string | number | null;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkValue(
  def: AttributeDefinitionLike,
  value: CustomAttributeValue,
): { code: string; message: string } | null {
  if (value === null || value === '') return null;
  switch (def.type) {
    case 'text':
      return typeof value === 'string' ? null : { code: 'invalid_type', message: 'must be text' };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : { code: 'invalid_type', message: 'must be a number' };
    case 'date':
      return typeof value === 'string' && isIsoDate(value)
        ? null
        : { code: 'invalid_date', message: 'must be a date written YYYY-MM-DD' };
    case 'select':
      return typeof value === 'string' && def.options.includes(value)
        ? null
        : { code: 'invalid_option', message: `must be one of: ${def.options.join(', ')}` };
  }
}

/**
 * C1: checks a partner's complete custom attributes against the workspace's definitions — type, select
 * option, required, unknown key — and lists every problem. Pass the values as they will be stored (for a
 * partial update, the merged result) so `required` is judged on the whole record.
 */
export function validateCustomAttributes(
  defs: readonly AttributeDefinitionLike[],
  values: Readonly<Record<string, CustomAttributeValue>>,
  opts: { pathPrefix?: string } = {},
): ErrorIssue[] {
  const prefix = opts.pathPrefix ?? 'body.customAttributes';
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: ErrorIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) {
      issues.push({ path: `${prefix}.${key}`, code: 'unknown_attribute', message: `no custom attribute "${key}"` });
      continue;
    }
    const problem = checkValue(def, value);
    if (problem) issues.push({ path: `${prefix}.${key}`, ...problem });
  }
  for (const def of defs) {
    const value = values[def.key];
    if (def.required && (value === undefined || value === null || value === '')) {
      issues.push({ path: `${prefix}.${def.key}`, code: 'required', message: 'is required' });
    }
  }
  return issues;
}

/**
 * Reads a custom attribute from text (CSV cells, query strings): numbers are parsed, an empty cell is
 * null, everything else stays text for validateCustomAttributes to judge.
 */
export function parseCustomAttributeText(def: AttributeDefinitionLike, text: string): CustomAttributeValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (def.type === 'number') {
    const n = Number(trimmed.replace(/[\s_]/g, ''));
    return Number.isFinite(n) ? n : trimmed;
  }
  return trimmed;
}
