import { describe, expect, it } from 'vitest';
import {
  type AttributeDefinitionLike,
  isIsoDate,
  parseCustomAttributeText,
  validateCustomAttributes,
} from './custom-attributes.policy';

const defs: AttributeDefinitionLike[] = [
  { key: 'crm_id', type: 'text', options: [], required: true },
  { key: 'employees', type: 'number', options: [], required: false },
  { key: 'signed_on', type: 'date', options: [], required: false },
  { key: 'segment', type: 'select', options: ['smb', 'enterprise'], required: false },
];

describe('validateCustomAttributes', () => {
  it('accepts values of the right types, nulls for optional keys and missing optional keys', () => {
    expect(
      validateCustomAttributes(defs, { crm_id: 'A-1', employees: 12, signed_on: '2024-02-29', segment: 'smb' }),
    ).toEqual([]);
    expect(validateCustomAttributes(defs, { crm_id: 'A-1', employees: null })).toEqual([]);
  });

  it('lists every problem with its path', () => {
    const issues = validateCustomAttributes(defs, {
      employees: 'many',
      signed_on: '2025-02-30',
      segment: 'giant',
      colour: 'red',
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['body.customAttributes.employees', 'invalid_type'],
      ['body.customAttributes.signed_on', 'invalid_date'],
      ['body.customAttributes.segment', 'invalid_option'],
      ['body.customAttributes.colour', 'unknown_attribute'],
      ['body.customAttributes.crm_id', 'required'],
    ]);
    expect(issues[2]?.message).toContain('smb, enterprise');
  });

  it('treats an empty string or null as missing for required attributes', () => {
    expect(validateCustomAttributes(defs, { crm_id: '' }).map((i) => i.code)).toEqual(['required']);
    expect(validateCustomAttributes(defs, { crm_id: null }).map((i) => i.code)).toEqual(['required']);
  });

  it('rejects numbers for text and non-finite numbers', () => {
    expect(validateCustomAttributes(defs, { crm_id: 5 }).map((i) => i.code)).toEqual(['invalid_type']);
    expect(validateCustomAttributes(defs, { crm_id: 'x', employees: Number.NaN }).map((i) => i.code)).toEqual([
      'invalid_type',
    ]);
  });

  it('uses another path prefix when asked (CSV rows)', () => {
    expect(validateCustomAttributes(defs, {}, { pathPrefix: 'customAttributes' })[0]?.path).toBe(
      'customAttributes.crm_id',
    );
  });
});

describe('isIsoDate and parseCustomAttributeText', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
  });

  it('parses numbers from text and leaves the rest for validation', () => {
    const num = defs[1] as AttributeDefinitionLike;
    expect(parseCustomAttributeText(num, ' 1 200 ')).toBe(1200);
    expect(parseCustomAttributeText(num, 'lots')).toBe('lots');
    expect(parseCustomAttributeText(num, '  ')).toBeNull();
    expect(parseCustomAttributeText(defs[0] as AttributeDefinitionLike, ' A-1 ')).toBe('A-1');
  });
});
