import type { Account, Import, ImportDryRunResult } from '@trellis/contracts';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../../test/harness';
import { createPartner } from '../../../../test/partner-fixtures';
import { inScope } from '../../../db/scope';
import { accountChunk } from './account-chunk';
import { findAccountsForImport, writeAccountChunk } from './account-import.repo';
import type { ExistingAccount } from './account-rows';

/*
 * C4 + C19: the vendor's customer accounts imported through the CSV import wizard — presets, per-row
 * errors, upsert by the CRM's record id, match keys the conflict check finds, export — and who may do it.
 */

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let partnerUser: Client;
let partnerAdmin: Client;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Account Import Co');
  const partner = await createPartner(ws.people.admin, { status: 'active' });
  partnerUser = await addPartnerPerson(t, ws.workspaceId, partner.id, 'partner_user', 'acct');
  partnerAdmin = await addPartnerPerson(t, ws.workspaceId, partner.id, 'partner_admin', 'acct');
});
afterAll(async () => t?.close());

// --- helpers ---

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer | string }) {
  const boundary = `----trellis${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    typeof file.bytes === 'string' ? Buffer.from(file.bytes, 'utf8') : file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client: Client, csvText: string | Buffer, name = 'accounts.csv', kind = 'accounts') {
  const body = multipart({ kind }, { name, bytes: csvText });
  return client.request({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: body.headers });
}

async function uploaded(client: Client, csvText: string | Buffer, name?: string) {
  const res = await upload(client, csvText, name);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().import as Import;
}

async function dryRun(client: Client, imp: Import, mode = 'valid_rows') {
  const res = await client.post(`/api/v1/imports/${imp.id}/dry-run`, { mapping: imp.mapping, mode });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportDryRunResult;
}

async function runImport(client: Client, imp: Import) {
  const started = await client.post(`/api/v1/imports/${imp.id}/start`, {});
  expect(started.statusCode, started.body).toBe(202);
  await t.services.jobs.drain();
  const res = await client.get(`/api/v1/imports/${imp.id}`);
  expect(res.statusCode).toBe(200);
  return res.json().import as Import;
}

/** Upload → dry run → start → job. */
async function importFile(client: Client, csvText: string, name?: string) {
  const imp = await uploaded(client, csvText, name);
  const dry = await dryRun(client, imp);
  const done = await runImport(client, imp);
  return { imp, dry, done };
}

const csv = (rows: (string | number)[][]) =>
  `${rows.map((r) => r.map((c) => (/[",\n;]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

async function accountsNamed(q: string): Promise<Account[]> {
  const res = await ws.people.viewer.get(`/api/v1/accounts?q=${encodeURIComponent(q)}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Account[];
}

const vendorScope = () => ({ workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const });

async function matchKeysOf(accountId: string): Promise<string[]> {
  const res = await inScope(t.services.db, vendorScope(), (tx) =>
    tx.execute<{ key: string }>(
      sql`SELECT key FROM deal_match_keys WHERE source_kind = 'account' AND source_id = ${accountId} ORDER BY key`,
    ),
  );
  return res.rows.map((r) => r.key);
}

const SALESFORCE_HEADERS = [
  'Account ID',
  'Account Name',
  'Type',
  'Website',
  'Billing Street',
  'Billing City',
  'Billing State/Province',
  'Billing Zip/Postal Code',
  'Billing Country',
  'Account Owner',
  'Industry',
];

// --- tests ---

describe('Salesforce and HubSpot exports', () => {
  it('maps a Salesforce Account export by itself and imports accounts with their match keys', async () => {
    const cm = ws.people.channel_manager;
    const file = csv([
      SALESFORCE_HEADERS,
      [
        '0015g00000XyZaBAAV',
        'Vinamilk Dairy JSC',
        'Customer - Direct',
        'https://www.vinamilk-dairy.com.vn/en',
        '10 Tân Trào\nTân Phú Ward',
        'Hồ Chí Minh',
        'District 7',
        '700000',
        'Vietnam',
        cm.email,
        'Food',
      ],
      [
        '0015g00000XyZaCAAV',
        'Formosa Steel Corp',
        'Customer',
        'formosa-steel.com.tw',
        '',
        'Taipei',
        '',
        '',
        'Taiwan',
        '',
        '',
      ],
    ]);
    const imp = await uploaded(cm, file, 'Salesforce Accounts.csv');
    expect(imp).toMatchObject({ kind: 'accounts', preset: 'salesforce', totalRows: 2, status: 'uploaded' });
    expect(imp.mapping).toEqual({
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
    const dry = await dryRun(cm, imp);
    expect(dry).toMatchObject({ validRows: 2, invalidRows: 0, updateRows: 0 });
    expect(await accountsNamed('Vinamilk')).toEqual([]);

    const done = await runImport(cm, imp);
    expect(done).toMatchObject({ status: 'completed', importedRows: 2, processedRows: 2, errorCount: 0 });
    const [vinamilk] = await accountsNamed('Vinamilk Dairy');
    expect(vinamilk).toMatchObject({
      name: 'Vinamilk Dairy JSC',
      domains: ['vinamilk-dairy.com.vn'],
      country: 'VN',
      address: {
        line1: '10 Tân Trào',
        line2: 'Tân Phú Ward',
        city: 'Hồ Chí Minh',
        state: 'District 7',
        postalCode: '700000',
      },
      owner: { id: cm.userId },
      namedAccount: false,
      metadata: { externalId: '0015g00000XyZaBAAV' },
    });
    expect(await matchKeysOf(vinamilk?.id ?? '')).toContain('d:vinamilk-dairy.com.vn');
    const [formosa] = await accountsNamed('Formosa Steel');
    expect(formosa).toMatchObject({ country: 'TW', domains: ['formosa-steel.com.tw'], owner: null });

    // Each account is audited as created by the import, like one created by hand.
    const audit = await ws.people.admin.get(`/api/v1/audit-log?targetType=account&limit=200`);
    const created = (audit.json().data as { action: string; targetId: string }[]).filter(
      (e) => e.action === 'account.created' && e.targetId === vinamilk?.id,
    );
    expect(created).toHaveLength(1);
  });

  it('maps a HubSpot company export by itself, taking domains from both domain and website columns', async () => {
    const admin = ws.people.admin;
    const file = csv([
      [
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
      ],
      [
        '7731001',
        'Baltic Timber SIA',
        'baltictimber.lv',
        'https://www.baltic-timber.eu',
        'Latvia',
        'Rīga',
        '',
        'LV-1050',
        'Brīvības iela 1',
        ws.people.marketing.email,
        'true',
        'customer',
      ],
    ]);
    const imp = await uploaded(admin, file, 'hubspot-crm-exports-all-companies.csv');
    expect(imp).toMatchObject({ preset: 'hubspot' });
    expect(imp.mapping).toMatchObject({
      'Record ID': 'externalId',
      'Company name': 'name',
      'Company Domain Name': 'domains',
      'Website URL': 'website',
      'Country/Region': 'country',
      'Company owner': 'owner',
      'Target Account': 'namedAccount',
    });
    await dryRun(admin, imp);
    const done = await runImport(admin, imp);
    expect(done).toMatchObject({ status: 'completed', importedRows: 1 });
    const [timber] = await accountsNamed('Baltic Timber');
    expect(timber).toMatchObject({
      domains: ['baltictimber.lv', 'baltic-timber.eu'],
      country: 'LV',
      address: { line1: 'Brīvības iela 1', city: 'Rīga', postalCode: 'LV-1050' },
      owner: { id: ws.people.marketing.userId },
      namedAccount: true,
      metadata: { externalId: '7731001' },
    });
  });
});

describe('row errors', () => {
  it('reports exactly the broken rows, by row and column, and imports the others', async () => {
    const admin = ws.people.admin;
    const file = csv([
      ['Account ID', 'Account Name', 'Website', 'Billing Country', 'Account Owner'],
      ['E-100', 'Mekong Logistics Ltd', 'mekong-logistics.vn', 'VN', ''],
      ['E-101', '', 'nameless.vn', 'VN', ''],
      ['E-102', 'Atlantis Trading', 'atlantis.example', 'Atlantis', ''],
      ['E-103', 'Partner Owned Ltd', 'partner-owned.vn', 'VN', partnerAdmin.email],
      ['E-104', 'Bad Domain Ltd', 'http://bad domain', 'VN', ''],
      ['E-100', 'Mekong Logistics Again', 'mekong-again.vn', 'VN', ''],
      ['E-106', 'Hanoi Foods JSC', 'hanoifoods.vn', 'Viet Nam', ''],
    ]);
    const imp = await uploaded(admin, file);
    const dry = await dryRun(admin, imp);
    expect(dry).toMatchObject({ validRows: 2, invalidRows: 5 });
    expect(dry.import.errors).toEqual([
      { row: 3, field: 'Account Name', message: 'is required' },
      {
        row: 4,
        field: 'Billing Country',
        message: '"Atlantis" is not a country; use a country name or an ISO code such as VN, TW or LV',
      },
      {
        row: 5,
        field: 'Account Owner',
        message: `"${partnerAdmin.email}" is not an active vendor user of this workspace; give the e-mail of an admin or a member of staff`,
      },
      { row: 6, field: 'Website', message: '"http://bad domain" is not a domain such as example.com' },
      { row: 7, field: 'Account ID', message: 'duplicate of row 2: same external id ("E-100")' },
    ]);
    // All or nothing refuses to write anything while a row is wrong.
    await dryRun(admin, imp, 'all_or_nothing');
    const strict = await runImport(admin, imp);
    expect(strict).toMatchObject({ status: 'failed', importedRows: 0, errorCount: 5 });
    expect(await accountsNamed('Mekong Logistics')).toEqual([]);
  });

  it('imports the valid rows and lists the others in the error CSV', async () => {
    const admin = ws.people.admin;
    const file = csv([
      ['Account Name', 'Website', 'Billing Country'],
      ['Cantho Rice Co', 'canthorice.vn', 'VN'],
      ['Gmail Person', 'gmail.com', 'VN'],
    ]);
    const { dry, done } = await importFile(admin, file, 'rice.csv');
    expect(dry).toMatchObject({ validRows: 1, invalidRows: 1 });
    expect(done).toMatchObject({ status: 'completed', importedRows: 1, errorCount: 1 });
    expect(await accountsNamed('Cantho Rice')).toHaveLength(1);
    expect(await accountsNamed('Gmail Person')).toEqual([]);
    const errors = await admin.get(`/api/v1/imports/${done.id}/errors.csv`);
    const rows = parse(errors.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        row: '3',
        field: 'Website',
        message: '"gmail.com" is a free e-mail provider, not the customer\'s own domain',
        'Account Name': 'Gmail Person',
        Website: 'gmail.com',
        'Billing Country': 'VN',
      },
    ]);
  });
});

describe('conflict detection sees imported accounts', () => {
  it('a partner typing an imported customer is told it appears taken', async () => {
    const before = await partnerUser.post('/api/v1/deal-registrations/conflict-hint', {
      name: 'Sai Gon Beverages Corporation',
      domain: 'saigonbev.com.vn',
      country: 'VN',
    });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().hint).toMatchObject({ appearsTaken: false, band: 'none' });

    const file = csv([
      ['Record ID', 'Company name', 'Company Domain Name', 'Country/Region', 'Target Account'],
      ['880001', 'Saigon Beverages Corporation', 'saigonbev.com.vn', 'Vietnam', 'Yes'],
    ]);
    const { done } = await importFile(ws.people.channel_manager, file, 'hubspot.csv');
    expect(done).toMatchObject({ status: 'completed', importedRows: 1 });

    const after = await partnerUser.post('/api/v1/deal-registrations/conflict-hint', {
      name: 'Sai Gon Beverages Corporation',
      domain: 'saigonbev.com.vn',
      country: 'VN',
    });
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().hint).toMatchObject({ appearsTaken: true });
    expect(after.json().hint.reasons.length).toBeGreaterThan(0);
  });
});

describe('an account edited while the import runs', () => {
  it('keeps the edit and reports the row instead of overwriting it with what the import read', async () => {
    // A workspace of its own: the audit log of the others stays as their tests expect it.
    const race = await seedWorkspace(t, 'Account Race Co');
    const admin = race.people.admin;
    const scope = { workspaceId: race.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const };
    const named = async () => {
      const res = await admin.get('/api/v1/accounts?q=Rice%20Mills&limit=10');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().data as Account[];
    };
    const keysOf = async (accountId: string) =>
      (
        await inScope(t.services.db, scope, (tx) =>
          tx.execute<{ key: string }>(
            sql`SELECT key FROM deal_match_keys WHERE source_kind = 'account' AND source_id = ${accountId} ORDER BY key`,
          ),
        )
      ).rows.map((r) => r.key);
    const created = await admin.post('/api/v1/accounts', {
      name: 'Cần Thơ Rice Mills',
      domains: ['canthorice.vn'],
      country: 'VN',
      metadata: { externalId: '001RACE00001' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().account.id as string;
    // The import reads the account (its CRM id), plans the row — a new city, the rest kept as read …
    const [read] = await inScope(t.services.db, scope, (tx) =>
      findAccountsForImport(tx, race.workspaceId, { externalIds: ['001RACE00001'], names: [] }),
    );
    expect(read?.id).toBe(id);
    const planned = {
      ...(read as ExistingAccount),
      row: 7,
      existing: read as ExistingAccount,
      address: { city: 'Cần Thơ' },
    };
    const { rows, audits } = accountChunk([planned]);
    // … and before its chunk is written, someone makes the account a named account in the console.
    const edited = await admin.patch(`/api/v1/accounts/${id}`, { namedAccount: true });
    expect(edited.statusCode, edited.body).toBe(200);
    const context = { workspaceId: race.workspaceId, importId: id, actorUserId: admin.userId, now: new Date() };
    const out = await inScope(t.services.db, scope, (tx) => writeAccountChunk(tx, context, rows, audits));
    expect(out.changed.map((r) => r.row)).toEqual([7]);
    const [after] = await named();
    expect(after).toMatchObject({ namedAccount: true, address: {} });
    const keys = await keysOf(id);
    expect(keys.length).toBeGreaterThan(0);

    // Read again, the same row applies, on top of the edit.
    const [fresh] = await inScope(t.services.db, scope, (tx) =>
      findAccountsForImport(tx, race.workspaceId, { externalIds: ['001RACE00001'], names: [] }),
    );
    const again = accountChunk([
      { ...(fresh as ExistingAccount), row: 7, existing: fresh as ExistingAccount, address: { city: 'Cần Thơ' } },
    ]);
    const applied = await inScope(t.services.db, scope, (tx) =>
      writeAccountChunk(tx, { ...context, now: new Date() }, again.rows, again.audits),
    );
    expect(applied.changed).toEqual([]);
    expect((await named())[0]).toMatchObject({
      namedAccount: true,
      address: { city: 'Cần Thơ' },
    });
    expect(await keysOf(id)).toEqual(keys);
  });
});

describe('re-import', () => {
  it('updates the accounts with the same CRM record id instead of duplicating them', async () => {
    const cm = ws.people.channel_manager;
    const rows = (city: string, owner: string) =>
      csv([
        ['Account ID', 'Account Name', 'Website', 'Billing City', 'Billing Country', 'Account Owner'],
        ['001RE0000001', 'Danang Ports JSC', 'danangports.vn', city, 'VN', owner],
        ['001RE0000002', 'Hue Textiles Co', 'huetextiles.vn', 'Huế', 'VN', ''],
      ]);
    const first = await importFile(cm, rows('Đà Nẵng', ''), 'sf-1.csv');
    expect(first.done).toMatchObject({ status: 'completed', importedRows: 2 });
    const [port] = await accountsNamed('Danang Ports');
    expect(port).toMatchObject({ address: { city: 'Đà Nẵng' }, owner: null });

    const second = await importFile(cm, rows('Da Nang City', ws.people.admin.email), 'sf-2.csv');
    expect(second.dry).toMatchObject({ validRows: 2, updateRows: 2 });
    expect(second.done).toMatchObject({ status: 'completed', importedRows: 2, errorCount: 0 });
    const ports = await accountsNamed('Danang Ports');
    expect(ports).toHaveLength(1);
    expect(ports[0]).toMatchObject({
      id: port?.id,
      address: { city: 'Da Nang City' },
      owner: { id: ws.people.admin.userId },
      metadata: { externalId: '001RE0000001' },
    });
    expect(await accountsNamed('Hue Textiles')).toHaveLength(1);

    // The changed account is audited as a diff; the unchanged one is not touched.
    const audit = await ws.people.admin.get(`/api/v1/audit-log?targetType=account&limit=200`);
    const updates = (audit.json().data as { action: string; targetId: string; before: object; after: object }[]).filter(
      (e) => e.action === 'account.updated',
    );
    expect(updates).toEqual([
      expect.objectContaining({
        targetId: port?.id,
        before: { address: { city: 'Đà Nẵng' }, ownerUserId: null },
        after: { address: { city: 'Da Nang City' }, ownerUserId: ws.people.admin.userId },
      }),
    ]);
    expect(await matchKeysOf(port?.id ?? '')).toContain('d:danangports.vn');
  });

  it('finds the existing account whatever Unicode form and spacing the file writes its name in', async () => {
    const cm = ws.people.channel_manager;
    const nfc = 'Công ty Cổ phần Phú Quốc';
    const first = await importFile(
      cm,
      csv([
        ['Account Name', 'Billing Country'],
        [nfc, 'VN'],
      ]),
      'nfc.csv',
    );
    expect(first.done).toMatchObject({ status: 'completed', importedRows: 1 });
    // The same name decomposed (as macOS exports write it), in other case and with doubled spaces.
    const nfd = `  ${nfc.toUpperCase().normalize('NFD').replace(/ /g, '  ')}`;
    expect(nfd).not.toBe(nfc.toUpperCase());
    const second = await importFile(
      cm,
      csv([
        ['Account Name', 'Billing Country', 'Website'],
        [nfd, 'VN', 'phuquoc.vn'],
      ]),
      'nfd.csv',
    );
    expect(second.dry).toMatchObject({ validRows: 1, updateRows: 1 });
    const found = await accountsNamed('Phú Quốc');
    expect(found).toHaveLength(1);
    // Stored composed (NFC), as the file's mapped name column says it, whatever form the file used.
    expect(found[0]).toMatchObject({ domains: ['phuquoc.vn'], name: nfc.toUpperCase().replace(/ /g, '  ') });
    expect(found[0]?.name.normalize('NFC')).toBe(found[0]?.name);
  });

  it('exports accounts as CSV that re-imports as updates, formulas neutralised', async () => {
    const admin = ws.people.admin;
    const created = await admin.post('/api/v1/accounts', {
      name: '=HYPERLINK("http://evil.example","Formula Co")',
      domains: ['formula-co.vn'],
      country: 'VN',
      namedAccount: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await ws.people.finance.get('/api/v1/accounts/export.csv?q=formula');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        id: created.json().account.id,
        externalId: '',
        name: `'=HYPERLINK("http://evil.example","Formula Co")`,
        domains: 'formula-co.vn',
        country: 'VN',
        addressLine1: '',
        addressLine2: '',
        city: '',
        state: '',
        postalCode: '',
        owner: '',
        namedAccount: 'yes',
      },
    ]);

    const again = await uploaded(admin, res.body, 'accounts-export.csv');
    expect(again.preset).toBe('trellis');
    const dry = await dryRun(admin, again);
    expect(dry).toMatchObject({ validRows: 1, invalidRows: 0, updateRows: 1 });
    await runImport(admin, again);
    expect(await accountsNamed('formula')).toHaveLength(1);
  });
});

describe('who may import accounts', () => {
  it('partners never; vendor roles without the permission to create accounts neither', async () => {
    const file = csv([
      ['Account Name', 'Billing Country'],
      ['Forbidden Co', 'VN'],
    ]);
    for (const c of [partnerUser, partnerAdmin, ws.people.viewer, ws.people.finance]) {
      const res = await upload(c, file);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await partnerUser.get('/api/v1/accounts/export.csv')).statusCode).toBe(403);
    expect(await accountsNamed('Forbidden Co')).toEqual([]);
  });
});
