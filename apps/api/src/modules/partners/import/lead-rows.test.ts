import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-file';
import { type ExistingLead, normaliseLanguage, parseCompanySize, validateLeadRows } from './lead-rows';
import { resolveMapping } from './mapping';
import { detectPreset, suggestMapping } from './presets';

function validate(text: string, existing: ExistingLead[] = [], mapping?: Record<string, string>) {
  const parsed = parseCsv(text);
  const m = resolveMapping('leads', parsed.headers, mapping ?? suggestMapping('leads', parsed.headers).mapping, []);
  return validateLeadRows(parsed, m, existing);
}

const SALESFORCE_HEADERS =
  'Lead ID,First Name,Last Name,Company,Email,Phone,Country,State,Lead Source,Industry,No. of Employees,Description';

describe('lead import presets', () => {
  it('recognises a Salesforce Lead export and maps every column', () => {
    const headers = SALESFORCE_HEADERS.split(',');
    const { preset, mapping } = suggestMapping('leads', headers);
    expect(preset).toBe('salesforce');
    expect(mapping).toEqual({
      'Lead ID': 'externalId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Company: 'company',
      Email: 'contactEmail',
      Phone: 'contactPhone',
      Country: 'country',
      State: 'region',
      'Lead Source': 'leadSource',
      Industry: 'industry',
      'No. of Employees': 'companySize',
      Description: 'notes',
    });
  });

  it('recognises a HubSpot export and maps its headers', () => {
    const headers = [
      'Record ID',
      'First Name',
      'Last Name',
      'Company Name',
      'Email',
      'Phone Number',
      'Country/Region',
      'State/Region',
      'Number of Employees',
      'Create Date',
    ];
    const { preset, mapping } = suggestMapping('leads', headers);
    expect(preset).toBe('hubspot');
    expect(mapping).toEqual({
      'Record ID': 'externalId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Company Name': 'company',
      Email: 'contactEmail',
      'Phone Number': 'contactPhone',
      'Country/Region': 'country',
      'State/Region': 'region',
      'Number of Employees': 'companySize',
    });
  });

  it("recognises Trellis' own field names, every lead field mappable", () => {
    const headers = ['company', 'contactName', 'contactEmail', 'productInterests', 'territory', 'language'];
    expect(detectPreset('leads', headers)).toBe('trellis');
    expect(suggestMapping('leads', headers).mapping).toEqual(Object.fromEntries(headers.map((h) => [h, h])));
  });

  it('refuses a mapping without company, contact name or a way to reach the contact, naming each', () => {
    expect(() => resolveMapping('leads', ['Notes'], { Notes: 'notes' }, [])).toThrowError(
      expect.objectContaining({
        details: {
          issues: [
            { path: 'body.mapping', code: 'required', message: 'map a column to company' },
            expect.objectContaining({ message: expect.stringContaining('contactName') }),
            expect.objectContaining({ message: expect.stringContaining('contactEmail or contactPhone') }),
          ],
        },
      }),
    );
  });
});

describe('normalisers', () => {
  it('takes language tags and names in the four languages', () => {
    expect(normaliseLanguage('vi')).toBe('vi');
    expect(normaliseLanguage('en_GB')).toBe('en-GB');
    expect(normaliseLanguage('Vietnamese')).toBe('vi');
    expect(normaliseLanguage('Tiếng Việt')).toBe('vi');
    expect(normaliseLanguage('latviešu')).toBe('lv');
    expect(normaliseLanguage('Klingonese')).toBeNull();
  });

  it('reads employee counts, ranges and open-ended sizes', () => {
    expect(parseCompanySize('')).toBeNull();
    expect(parseCompanySize('250')).toBe(250);
    expect(parseCompanySize('1,200')).toBe(1200);
    expect(parseCompanySize('51-200')).toBe(200);
    expect(parseCompanySize('10000+')).toBe(10000);
    expect(parseCompanySize('lots')).toBeUndefined();
    expect(parseCompanySize('200-51')).toBeUndefined();
  });
});

describe('validateLeadRows', () => {
  it('builds leads from a Salesforce-shaped file: names joined, countries by name, CRM facts in metadata', () => {
    const r = validate(
      `${SALESFORCE_HEADERS},Product Interest
00Q1,Minh,Tran,Saigon Dairy JSC,Minh@SaigonDairy.vn,+84 28 3822 1234,Vietnam,HCM,Web,Food,51-200,Wants a demo,Cloud; Security`,
    );
    expect(r.errors).toEqual([]);
    expect(r.plan).toEqual([
      {
        row: 2,
        company: 'Saigon Dairy JSC',
        contactName: 'Minh Tran',
        contactEmail: 'minh@saigondairy.vn',
        contactPhone: '+84 28 3822 1234',
        country: 'VN',
        region: 'HCM',
        territory: null,
        language: null,
        productInterests: ['Cloud', 'Security'],
        companySize: 200,
        notes: 'Wants a demo',
        metadata: { externalId: '00Q1', crmLeadSource: 'Web', industry: 'Food' },
      },
    ]);
  });

  it('reports exactly the broken rows, each naming its row and column', () => {
    const r = validate(`company,contactName,contactEmail,contactPhone,country,companySize,language
Acme,Ann,ann@acme.example,,Latvia,10,lv
Bad Country,Bo,bo@bad.example,,Narnia,,
,Cy,cy@x.example,,LV,,
Mail Co,Di,not-an-email,,LV,,
Phone Co,Ed,,call me,LV,,
Nothing Co,Fi,,,LV,,
Size Co,Gu,gu@size.example,,TW,many,Elvish`);
    expect(r.plan.map((p) => p.row)).toEqual([2]);
    expect(r.invalidRows).toBe(6);
    expect(r.errors).toEqual([
      { row: 3, field: 'country', message: expect.stringContaining('"Narnia" is not a country') },
      { row: 4, field: 'company', message: 'is required' },
      { row: 5, field: 'contactEmail', message: '"not-an-email" is not a valid e-mail address' },
      { row: 6, field: 'contactPhone', message: expect.stringContaining('"call me" must be a phone number') },
      { row: 7, field: 'contactEmail', message: 'an e-mail address or a phone number is required' },
      { row: 8, field: 'companySize', message: expect.stringContaining('"many" is not a number of employees') },
      { row: 8, field: 'language', message: expect.stringContaining('"Elvish" is not a language') },
    ]);
  });

  it('skips rows repeating an earlier row (company and e-mail, phone, or record id) as duplicates', () => {
    const r = validate(`externalId,company,contactName,contactEmail,contactPhone
A1,Acme,Ann,ann@acme.example,
A2,ACME ,Ann B,Ann@Acme.example,
A3,Acme,Bo,,+371 2000 0000
A4,Acme,Bo again,,+371 20000000
A1,Other,Cy,cy@other.example,
A5,Other,Cy,cy@acme.example,`);
    expect(r.plan.map((p) => p.row)).toEqual([2, 4, 7]);
    expect(r.duplicateRows).toBe(3);
    expect(r.errors).toEqual([
      { row: 3, field: 'contactEmail', message: 'duplicate of row 2: same company and e-mail: skipped' },
      { row: 5, field: 'contactPhone', message: 'duplicate of row 4: same company and phone: skipped' },
      { row: 6, field: 'externalId', message: 'duplicate of row 2: same record id ("A1"): skipped' },
    ]);
  });

  it('skips a row whose e-mail and company a stored lead already has; another company is a new lead', () => {
    const stored: ExistingLead = {
      id: '0190a000-0000-7000-8000-0000000000aa',
      company: 'Acme',
      contactEmail: 'ann@acme.example',
      status: 'offered',
    };
    const r = validate(
      `company,contactName,contactEmail
acme,Ann,ANN@acme.example
Acme Holdings,Ann,ann@acme.example`,
      [stored],
    );
    expect(r.plan.map((p) => p.row)).toEqual([3]);
    expect(r.duplicateRows).toBe(1);
    expect(r.errors).toEqual([
      {
        row: 2,
        field: 'contactEmail',
        message: 'duplicate of a stored lead ("Acme", offered) with this e-mail and company: skipped',
      },
    ]);
  });

  it('a broken row claims nothing: a later good row with the same contact is imported', () => {
    const r = validate(`company,contactName,contactEmail,country
Acme,Ann,ann@acme.example,Atlantis
Acme,Ann,ann@acme.example,LV`);
    expect(r.plan.map((p) => p.row)).toEqual([3]);
    expect(r.duplicateRows).toBe(0);
  });
});
