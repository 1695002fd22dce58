import { describe, expect, it } from 'vitest';
import { accountChunk } from './account-chunk';
import { type AccountLookups, type ExistingAccount, parseDomains, validateAccountRows } from './account-rows';
import { parseCsv } from './csv-file';
import { resolveMapping } from './mapping';
import { normaliseYesNo } from './normalise';
import { detectPreset, suggestMapping } from './presets';

const OWNER = { id: '0190a000-0000-7000-8000-000000000001', email: 'lan@vendor.example', name: 'Lan Pham' };
const lookups = (existing: ExistingAccount[] = []): AccountLookups => ({ owners: [OWNER], existing });

function validate(text: string, existing: ExistingAccount[] = [], mapping?: Record<string, string>) {
  const parsed = parseCsv(text);
  const m = resolveMapping(
    'accounts',
    parsed.headers,
    mapping ?? suggestMapping('accounts', parsed.headers).mapping,
    [],
  );
  return validateAccountRows(parsed, m, lookups(existing));
}

const account = (over: Partial<ExistingAccount> = {}): ExistingAccount => ({
  id: '0190a000-0000-7000-8000-0000000000aa',
  name: 'Saigon Dairy JSC',
  country: 'VN',
  domains: ['saigondairy.vn'],
  address: { city: 'Hồ Chí Minh', line2: 'Floor 3' },
  ownerUserId: null,
  namedAccount: false,
  version: '1234',
  metadata: { region: 'south' },
  ...over,
});

describe('account import presets', () => {
  it('recognises a Salesforce Account export and maps its headers', () => {
    const headers = [
      'Account ID',
      'Account Name',
      'Website',
      'Billing Street',
      'Billing City',
      'Billing State/Province',
      'Billing Zip/Postal Code',
      'Billing Country',
      'Account Owner',
      'Industry',
    ];
    const { preset, mapping } = suggestMapping('accounts', headers);
    expect(preset).toBe('salesforce');
    expect(mapping).toEqual({
      'Account ID': 'externalId',
      'Account Name': 'name',
      Website: 'website',
      'Billing Street': 'addressLine1',
      'Billing City': 'city',
      'Billing State/Province': 'state',
      'Billing Zip/Postal Code': 'postalCode',
      'Billing Country': 'country',
      'Account Owner': 'owner',
    });
  });

  it('recognises a HubSpot company export, domain and website both feeding domains', () => {
    const headers = [
      'Record ID',
      'Company name',
      'Company Domain Name',
      'Website URL',
      'Country/Region',
      'City',
      'State/Region',
      'Postal Code',
      'Street Address',
      'Company owner',
      'Target Account',
      'Lifecycle Stage',
    ];
    const { preset, mapping } = suggestMapping('accounts', headers);
    expect(preset).toBe('hubspot');
    expect(mapping).toMatchObject({
      'Record ID': 'externalId',
      'Company name': 'name',
      'Company Domain Name': 'domains',
      'Website URL': 'website',
      'Country/Region': 'country',
      'Street Address': 'addressLine1',
      'Company owner': 'owner',
      'Target Account': 'namedAccount',
    });
    expect(mapping['Lifecycle Stage']).toBeUndefined();
  });

  it("recognises Trellis' own account export, leaving its Trellis id column unmapped", () => {
    const headers = ['id', 'externalId', 'name', 'domains', 'country', 'owner', 'namedAccount'];
    expect(detectPreset('accounts', headers)).toBe('trellis');
    const { mapping } = suggestMapping('accounts', headers);
    expect(mapping.id).toBeUndefined();
    expect(mapping.externalId).toBe('externalId');
  });

  it('refuses a mapping without name and country, naming both', () => {
    expect(() => resolveMapping('accounts', ['Account Name'], { 'Account Name': 'name' }, [])).toThrow(
      expect.objectContaining({
        details: { issues: [expect.objectContaining({ message: 'map a column to country' })] },
      }),
    );
  });
});

describe('normaliseYesNo', () => {
  it.each([
    ['yes', true],
    ['TRUE', true],
    ['1', true],
    ['Có', true],
    ['是', true],
    ['jā', true],
    ['no', false],
    ['False', false],
    ['0', false],
    ['không', false],
    ['否', false],
    ['nē', false],
    ['', null],
    ['maybe', null],
  ])('%s → %s', (text, want) => expect(normaliseYesNo(text)).toBe(want));
});

describe('parseDomains', () => {
  it('splits on ; , and spaces, takes URLs and e-mail addresses, and drops www.', () => {
    const problems: string[] = [];
    expect(
      parseDomains('acme.com; https://www.acme.vn/about, sales@acme.com.tw  shop.acme.com', (m) => problems.push(m)),
    ).toEqual(['acme.com', 'acme.vn', 'acme.com.tw', 'shop.acme.com']);
    expect(problems).toEqual([]);
  });

  it('refuses malformed domains, free mail and shared platforms', () => {
    const problems: string[] = [];
    expect(parseDomains('not_a_domain gmail.com facebook.com/acme', (m) => problems.push(m))).toEqual([]);
    expect(problems).toEqual([
      '"not_a_domain" is not a domain such as example.com',
      '"gmail.com" is a free e-mail provider, not the customer\'s own domain',
      '"facebook.com/acme" is a page on a shared platform, not the customer\'s own domain',
    ]);
  });
});

describe('validateAccountRows', () => {
  it('builds accounts from a HubSpot-shaped file: countries by name, domains from both columns, owner by e-mail', () => {
    const r = validate(
      [
        'Record ID,Company name,Company Domain Name,Website URL,Country/Region,City,Street Address,Company owner,Target Account',
        '901,Saigon Dairy JSC,saigondairy.vn;sgdairy.com,https://www.saigondairy.vn,Vietnam,Hồ Chí Minh,12 Lê Lợi,LAN@vendor.example,Yes',
        '902,Riga Freight SIA,rigafreight.lv,,Latvia,Rīga,,,',
      ].join('\n'),
    );
    expect(r).toMatchObject({ totalRows: 2, invalidRows: 0, updateRows: 0, errors: [] });
    expect(r.plan[0]).toMatchObject({
      row: 2,
      existing: null,
      name: 'Saigon Dairy JSC',
      domains: ['saigondairy.vn', 'sgdairy.com'],
      country: 'VN',
      address: { line1: '12 Lê Lợi', city: 'Hồ Chí Minh' },
      ownerUserId: OWNER.id,
      namedAccount: true,
      metadata: { externalId: '901' },
    });
    expect(r.plan[1]).toMatchObject({ country: 'LV', ownerUserId: null, namedAccount: false });
  });

  it('reports exactly the broken rows, each naming its row and column', () => {
    const r = validate(
      [
        'Account ID,Account Name,Website,Billing Country,Account Owner,Named Account',
        'A1,Good One Ltd,goodone.vn,VN,,no',
        'A2,,nameless.vn,VN,,',
        'A3,Nowhere Ltd,nowhere.vn,Atlantis,,',
        'A4,Stranger Ltd,stranger.vn,TW,someone@else.example,',
        'A5,Broken Domain Ltd,http://exa mple,LV,,',
        'A1,Twice Ltd,twice.vn,VN,,',
        'A7,Maybe Ltd,maybe.vn,VN,,perhaps',
        'A8,Good Two Ltd,goodtwo.vn,VN,Lan Pham,1',
      ].join('\n'),
    );
    expect(r.errors).toEqual([
      { row: 3, field: 'Account Name', message: 'is required' },
      {
        row: 4,
        field: 'Billing Country',
        message: '"Atlantis" is not a country; use a country name or an ISO code such as VN, TW or LV',
      },
      {
        row: 5,
        field: 'Account Owner',
        message:
          '"someone@else.example" is not an active vendor user of this workspace; give the e-mail of an admin or a member of staff',
      },
      { row: 6, field: 'Website', message: '"http://exa mple" is not a domain such as example.com' },
      { row: 7, field: 'Account ID', message: 'duplicate of row 2: same external id ("A1")' },
      { row: 8, field: 'Named Account', message: '"perhaps" is not yes or no (also true/false or 1/0)' },
    ]);
    expect(r.plan.map((p) => p.row)).toEqual([2, 9]);
    expect(r.plan[1]).toMatchObject({ ownerUserId: OWNER.id, namedAccount: true });
    expect(r.invalidRows).toBe(6);
  });

  it('flags two new rows with one name and country unless each has its own external id', () => {
    const r = validate(
      [
        'Account ID,Account Name,Billing Country',
        'X1,Twin Co,VN',
        'X2,Twin Co,Vietnam',
        ',TWIN CO,VN',
        ',Twin Co,TW',
      ].join('\n'),
    );
    expect(r.errors).toEqual([{ row: 4, field: 'Account Name', message: 'duplicate of row 2: same name and country' }]);
    expect(r.plan.map((p) => p.row)).toEqual([2, 3, 5]);
  });

  it('updates the account with the same external id, keeping what unmapped columns do not say', () => {
    const existing = account({ metadata: { region: 'south', externalId: '001A' } });
    const r = validate(
      [
        'Account ID,Account Name,Billing Country,Billing Street',
        '001A,Saigon Dairy Corp,VN,"7 Hai Bà Trưng\nBlock B"',
      ].join('\n'),
      [existing],
    );
    expect(r.errors).toEqual([]);
    expect(r.updateRows).toBe(1);
    expect(r.plan[0]).toMatchObject({
      existing: { id: existing.id },
      name: 'Saigon Dairy Corp',
      domains: ['saigondairy.vn'],
      // Salesforce's multi-line street: first line, then the rest as line 2; the city is not mapped and stays.
      address: { line1: '7 Hai Bà Trưng', line2: 'Block B', city: 'Hồ Chí Minh' },
      metadata: { region: 'south', externalId: '001A' },
    });
  });

  it('keeps the named-account flag when its cell is empty; only yes or no changes it', () => {
    const named = account({ namedAccount: true, metadata: { externalId: 'N1' } });
    const file = (flag: string) =>
      validate(['Account ID,Account Name,Billing Country,Named Account', `N1,Saigon Dairy JSC,VN,${flag}`].join('\n'), [
        named,
      ]);
    expect(file('').plan[0]).toMatchObject({ existing: { id: named.id }, namedAccount: true });
    expect(file('no').plan[0]).toMatchObject({ namedAccount: false });
    expect(file('yes').plan[0]).toMatchObject({ namedAccount: true });
    // A new account with an empty cell is simply not named.
    expect(validate(['Account Name,Billing Country,Named Account', 'Fresh Co,VN,'].join('\n')).plan[0]).toMatchObject({
      existing: null,
      namedAccount: false,
    });
  });

  it('without an external id, updates the one account with its name and country; with a new one, adopts it', () => {
    const existing = account();
    const byName = validate(['name,country,domains', 'saigon dairy jsc,VN,'].join('\n'), [existing]);
    expect(byName.plan[0]).toMatchObject({ existing: { id: existing.id }, name: 'saigon dairy jsc', domains: [] });
    const adopted = validate(['externalId,name,country', 'HS-1,Saigon Dairy JSC,VN'].join('\n'), [existing]);
    expect(adopted.plan[0]).toMatchObject({
      existing: { id: existing.id },
      metadata: { region: 'south', externalId: 'HS-1' },
    });
    // An account that already carries another CRM id is a different record: the row creates its own.
    const other = validate(['externalId,name,country', 'HS-2,Saigon Dairy JSC,VN'].join('\n'), [
      account({ metadata: { externalId: 'HS-1' } }),
    ]);
    expect(other.plan[0]?.existing).toBeNull();
  });

  it('asks for the external id when several accounts share the name and country', () => {
    const r = validate(['name,country', 'Saigon Dairy JSC,VN'].join('\n'), [
      account(),
      account({ id: '0190a000-0000-7000-8000-0000000000bb' }),
    ]);
    expect(r.errors).toEqual([
      {
        row: 2,
        field: 'name',
        message:
          '2 accounts are named "Saigon Dairy JSC" in VN; map the external id column (the CRM\'s record id) to say which one',
      },
    ]);
  });

  it('refuses two rows that update the same account', () => {
    const existing = account({ metadata: { externalId: 'E1' } });
    const r = validate(['externalId,name,country', 'E1,Saigon Dairy JSC,VN', ',Saigon Dairy JSC,VN'].join('\n'), [
      existing,
    ]);
    expect(r.errors).toEqual([
      { row: 3, field: 'name', message: 'duplicate of row 2: both rows update the same account' },
    ]);
  });
});

describe('accountChunk', () => {
  it('keys every new account, audits it, and leaves unchanged updates out', () => {
    const existing = account({ metadata: { externalId: 'E1' } });
    const r = validate(
      [
        'externalId,name,country,domains',
        'E1,Saigon Dairy JSC,VN,saigondairy.vn',
        'E2,Hanoi Steel JSC,VN,hanoisteel.vn',
      ].join('\n'),
      [existing],
    );
    const { rows, audits } = accountChunk(r.plan);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      create: true,
      name: 'Hanoi Steel JSC',
      searchName: 'hanoi steel jsc hanoisteel.vn',
    });
    expect(rows[0]?.keys).toContain('d:hanoisteel.vn');
    expect(audits).toEqual([expect.objectContaining({ action: 'account.created', targetId: rows[0]?.id })]);
  });

  it('audits an update as a diff', () => {
    const existing = account({ metadata: { externalId: 'E1' } });
    const r = validate(['externalId,name,country', 'E1,Saigon Dairy Corp,VN'].join('\n'), [existing]);
    const { rows, audits } = accountChunk(r.plan);
    expect(rows[0]).toMatchObject({ id: existing.id, create: false });
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'account.updated',
        targetId: existing.id,
        before: { name: 'Saigon Dairy JSC' },
        after: { name: 'Saigon Dairy Corp' },
      }),
    ]);
  });
});
