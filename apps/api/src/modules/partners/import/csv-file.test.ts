import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { decodeCsv, detectDelimiter, firstInvalidUtf8, parseCsv } from './csv-file';
import { detectPreset, suggestMapping } from './presets';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('decodeCsv', () => {
  it('strips a UTF-8 BOM and keeps Vietnamese, Chinese and Latvian text', () => {
    const text = decodeCsv(utf8('\uFEFFlegalName\nCông ty Đông Á\n台灣科技\nSIA Rīga\n'));
    expect(text.startsWith('legalName')).toBe(true);
    expect(text).toContain('Công ty Đông Á');
  });

  it('refuses Latin-1 bytes with the line of the first bad byte', () => {
    const latin1 = new Uint8Array(Buffer.from('legalName,country\nAcme,DE\nCaf\xe9 GmbH,DE\n', 'latin1'));
    const err = refusal(() => decodeCsv(latin1));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/not UTF-8/);
    expect(err.message).toMatch(/line 3/);
    expect(err.message).toMatch(/CSV UTF-8/);
  });

  it('refuses UTF-16 with or without a BOM', () => {
    const withBom = new Uint8Array([0xff, 0xfe, ...Buffer.from('legalName\nAcme\n', 'utf16le')]);
    const withoutBom = new Uint8Array(Buffer.from('legalName,country\nAcme,DE\n', 'utf16le'));
    for (const bytes of [withBom, withoutBom]) {
      const err = refusal(() => decodeCsv(bytes));
      expect(err.status).toBe(415);
      expect(err.message).toMatch(/UTF-16/);
    }
  });

  it('refuses an Excel workbook and an empty file', () => {
    expect(refusal(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).message).toMatch(/workbook/);
    const empty = refusal(() => decodeCsv(new Uint8Array()));
    expect(empty.status).toBe(422);
    expect(empty.message).toMatch(/empty/);
    expect(refusal(() => decodeCsv(utf8('\uFEFF  \n'))).message).toMatch(/empty/);
  });

  it('finds overlong and truncated sequences', () => {
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(utf8('€ 台 🙂'))).toBe(-1);
  });
});

describe('parseCsv', () => {
  it('numbers rows as a spreadsheet does, skipping blank lines and keeping multi-line cells', () => {
    const parsed = parseCsv('a,b\r\n1,2\r\n\r\n3,"x\ny"\r\n4\r\n');
    expect(parsed.headers).toEqual(['a', 'b']);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['1', '2'] },
      { row: 4, cells: ['3', 'x\ny'] },
      { row: 5, cells: ['4'] },
    ]);
  });

  it('reads semicolon- and tab-separated files', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(parseCsv('a;b\n"x;y";2\n').rows[0]?.cells).toEqual(['x;y', '2']);
    expect(parseCsv('a\tb\n1\t2\n').rows[0]?.cells).toEqual(['1', '2']);
  });

  it('names the line of an unclosed quote', () => {
    const err = refusal(() => parseCsv('a,b\n1,2\n3,"oops\n4,5\n'));
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toMatch(/line 3/);
  });

  it('refuses blank, duplicate and missing header names, and files without data rows', () => {
    expect(refusal(() => parseCsv('a,,c\n1,2,3\n')).message).toMatch(/column 2 .* has no name/);
    expect(refusal(() => parseCsv('Email,email\n1,2\n')).message).toMatch(/"email" appears twice/);
    expect(refusal(() => parseCsv('a,b\n1,2,3\n')).message).toMatch(/row 2 has 3 values/);
    expect(refusal(() => parseCsv('Acme Ltd,acme@example.com\nB,b@example.com\n')).message).toMatch(/looks like data/);
    expect(refusal(() => parseCsv('a,b\n\n')).message).toMatch(/no data rows/);
  });

  it('removes the apostrophe our exports put before formula-like cells', () => {
    expect(parseCsv("phone,x\n'+84 28 3822 1234,'=1+1\n").rows[0]?.cells).toEqual(['+84 28 3822 1234', '=1+1']);
  });
});

describe('presets', () => {
  it('recognises Salesforce and HubSpot company exports and maps their headers', () => {
    const sf = [
      'Account Name',
      'Website',
      'Billing Street',
      'Billing City',
      'Billing State/Province',
      'Billing Zip/Postal Code',
      'Billing Country',
      'Phone',
      'Type',
      'Industry',
      'Employees',
      'Account Owner',
      'Description',
    ];
    const sfMapping = suggestMapping('partners', sf);
    expect(sfMapping.preset).toBe('salesforce');
    expect(sfMapping.mapping).toMatchObject({
      'Account Name': 'legalName',
      'Billing Country': 'country',
      'Billing State/Province': 'state',
      Employees: 'sizeBand',
      'Account Owner': 'owner',
      Type: 'type',
    });
    expect(sfMapping.mapping.Description).toBeUndefined();

    const hs = [
      'Company name',
      'Company Domain Name',
      'Website URL',
      'Country/Region',
      'City',
      'State/Region',
      'Postal Code',
      'Street Address',
      'Phone Number',
      'Industry',
      'Number of Employees',
      'Company owner',
      'Type',
    ];
    const hsMapping = suggestMapping('partners', hs);
    expect(hsMapping.preset).toBe('hubspot');
    expect(hsMapping.mapping).toMatchObject({
      'Company name': 'legalName',
      'Company Domain Name': 'domain',
      'Website URL': 'website',
      'Country/Region': 'country',
      'Number of Employees': 'sizeBand',
    });
  });

  it('recognises contact exports and our own format', () => {
    expect(suggestMapping('contacts', ['First Name', 'Last Name', 'Email', 'Title', 'Mobile', 'Account Name'])).toEqual(
      {
        preset: 'salesforce',
        mapping: {
          'First Name': 'firstName',
          'Last Name': 'lastName',
          Email: 'email',
          Title: 'title',
          Mobile: 'mobile',
          'Account Name': 'partner',
        },
      },
    );
    const hs = suggestMapping('contacts', [
      'First Name',
      'Last Name',
      'Email',
      'Job Title',
      'Phone Number',
      'Company Name',
    ]);
    expect(hs.preset).toBe('hubspot');
    expect(hs.mapping['Company Name']).toBe('partner');
    expect(detectPreset('partners', ['id', 'legalName', 'country', 'type', 'attr:segment'])).toBe('trellis');
    expect(suggestMapping('partners', ['legalName', 'country', 'attr:segment'], ['segment']).mapping).toEqual({
      legalName: 'legalName',
      country: 'country',
      'attr:segment': 'attr:segment',
    });
  });
});
