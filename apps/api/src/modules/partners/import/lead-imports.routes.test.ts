import type { Import, ImportDryRunResult, Lead, LeadDetail } from '@trellis/contracts';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../../test/harness';
import { routeVietnamInTurn } from '../../../../test/lead-fixtures';
import { createPartner, issuePaths } from '../../../../test/partner-fixtures';
import { imports } from '../../../db/schema/index';
import { inScope } from '../../../db/scope';
import { enqueue } from '../../../jobs/queue';

/*
 * C5 + C19: leads imported through the CSV import wizard — a Salesforce Lead export mapped by itself, broken
 * rows reported by row and column, duplicates skipped, the imported leads routed in bulk with every decision
 * explained — and who may do it.
 */

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let cm: Client;
let A: string;
let B: string;
let partnerAdmin: Client;
let ruleVN: string;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Lead Import Co');
  cm = ws.people.channel_manager;
  A = (await createPartner(ws.people.admin, { status: 'active', country: 'VN', capabilities: ['Firewall'] })).id;
  B = (await createPartner(ws.people.admin, { status: 'active', country: 'VN', capabilities: ['Firewall'] })).id;
  partnerAdmin = await addPartnerPerson(t, ws.workspaceId, A, 'partner_admin', 'leadimp');
  ruleVN = await routeVietnamInTurn(ws.people.admin);
});
afterAll(async () => t?.close());

// --- helpers ---

function multipart(fields: Record<string, string>, file: { name: string; bytes: string }) {
  const boundary = `----trellis${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(file.bytes, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(client: Client, csvText: string, kind = 'leads', name = 'leads.csv') {
  const body = multipart({ kind }, { name, bytes: csvText });
  return client.request({ method: 'POST', url: '/api/v1/imports', payload: body.payload, headers: body.headers });
}

async function uploaded(client: Client, csvText: string, kind = 'leads') {
  const res = await upload(client, csvText, kind);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().import as Import;
}

async function dryRun(client: Client, imp: Import, mode = 'valid_rows') {
  const res = await client.post(`/api/v1/imports/${imp.id}/dry-run`, { mapping: imp.mapping, mode });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportDryRunResult;
}

async function start(client: Client, imp: Import, body: Record<string, unknown> = {}) {
  const started = await client.post(`/api/v1/imports/${imp.id}/start`, body);
  expect(started.statusCode, started.body).toBe(202);
  expect(started.json().import.route).toBe(body.route ?? true);
  await t.services.jobs.drain();
  const res = await client.get(`/api/v1/imports/${imp.id}`);
  expect(res.statusCode).toBe(200);
  return res.json().import as Import;
}

const csv = (rows: (string | number)[][]) =>
  `${rows.map((r) => r.map((c) => (/[",\n;]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

async function leadsMatching(q: string): Promise<Lead[]> {
  const res = await cm.get(`/api/v1/leads?q=${encodeURIComponent(q)}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Lead[];
}

async function detail(id: string): Promise<LeadDetail> {
  const res = await cm.get(`/api/v1/leads/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().lead as LeadDetail;
}

const SALESFORCE = [
  'Lead ID',
  'First Name',
  'Last Name',
  'Company',
  'Email',
  'Phone',
  'Country',
  'State',
  'Lead Source',
  'Industry',
  'No. of Employees',
  'Description',
];

// --- tests ---

describe('a Salesforce Lead export', () => {
  it('maps itself, reports the broken rows exactly, imports the rest and routes them with explanations', async () => {
    const file = csv([
      SALESFORCE,
      [
        '00Q01',
        'Mai',
        'Trần',
        'Sao Việt Foods',
        'mai@saoviet.vn',
        '+84 28 3822 1234',
        'Vietnam',
        'HCM',
        'Web',
        'Food',
        '51-200',
        'Wants a firewall',
      ],
      ['00Q02', 'Huy', 'Lê', 'Hanoi Steel', 'huy@hanoisteel.vn', '', 'VN', 'HN', 'Trade Show', 'Steel', '1,200', ''],
      [
        '00Q03',
        'Anna',
        'Bērziņa',
        'Rīgas Tīkli',
        'anna@rigas.lv',
        '+371 2000 0000',
        'Latvia',
        '',
        'Partner',
        '',
        '',
        '',
      ],
      ['00Q04', 'Bad', 'Country', 'Nowhere Ltd', 'bad@nowhere.example', '', 'Atlantis', '', '', '', '', ''],
      ['00Q05', 'Bad', 'Mail', 'Mail Co', 'bad@', '12', 'VN', '', '', '', '', ''],
    ]);
    const imp = await uploaded(cm, file);
    expect(imp).toMatchObject({ kind: 'leads', preset: 'salesforce', route: true, routing: null });
    expect(imp.mapping).toMatchObject({ Email: 'contactEmail', Company: 'company', 'No. of Employees': 'companySize' });

    const dry = await dryRun(cm, imp);
    expect(dry).toMatchObject({ validRows: 3, invalidRows: 2, duplicateRows: 0 });
    expect(dry.import.errors).toEqual([
      { row: 5, field: 'Country', message: expect.stringContaining('"Atlantis" is not a country') },
      { row: 6, field: 'Email', message: '"bad@" is not a valid e-mail address' },
      { row: 6, field: 'Phone', message: expect.stringContaining('"12" must be a phone number') },
    ]);
    expect(await leadsMatching('Sao Việt Foods')).toEqual([]);

    const done = await start(cm, imp);
    expect(done).toMatchObject({
      status: 'completed',
      importedRows: 3,
      errorCount: 3,
      routing: { routed: 3, assigned: 2, fallback: 1, skipped: 0 },
    });

    const [saoViet] = await leadsMatching('Sao Việt Foods');
    const [hanoi] = await leadsMatching('Hanoi Steel');
    const [riga] = await leadsMatching('Rīgas Tīkli');
    expect(saoViet).toMatchObject({
      source: 'import',
      status: 'offered',
      country: 'VN',
      region: 'HCM',
      companySize: 200,
      notes: 'Wants a firewall',
      contact: { name: 'Mai Trần', email: 'mai@saoviet.vn', phone: '+84 28 3822 1234' },
      metadata: { externalId: '00Q01', crmLeadSource: 'Web', industry: 'Food' },
    });
    // Round robin across the two Vietnamese partners: one lead each.
    expect(new Set([saoViet?.partner?.id, hanoi?.partner?.id])).toEqual(new Set([A, B]));
    expect(riga).toMatchObject({ status: 'unassigned', fallbackQueue: { id: 'inside-sales' } });

    const d = await detail(saoViet?.id ?? '');
    expect(d.decision).toMatchObject({ outcome: 'assigned', trigger: 'bulk', ruleId: ruleVN, strategy: 'round_robin' });
    expect(d.decision?.candidates.map((c) => c.partnerId).sort()).toEqual([A, B].sort());
    expect(d.events.map((e) => e.type)).toEqual(['created', 'routed']);
    expect(d.events[0]).toMatchObject({ reasonCode: 'import' });
    const r = await detail(riga?.id ?? '');
    expect(r.decision).toMatchObject({ outcome: 'fallback', fallbackReason: 'no_rule_matched' });
  });
});

describe('duplicates', () => {
  it('skips rows repeating a stored lead or an earlier row, and lists them in the error file', async () => {
    const file = csv([
      ['company', 'contactName', 'contactEmail', 'country'],
      ['Sao Việt Foods', 'Mai Trần', 'MAI@saoviet.vn', 'VN'],
      ['Đà Nẵng Ports', 'Phúc', 'phuc@dnports.vn', 'VN'],
      ['Da Nang Ports ', 'Phúc Nguyễn', 'phuc@dnports.vn', 'VN'],
      ['đà nẵng ports', 'Phúc N.', 'Phuc@DNPorts.vn', 'VN'],
    ]);
    const imp = await uploaded(cm, file);
    expect(imp.preset).toBe('trellis');
    const dry = await dryRun(cm, imp);
    expect(dry).toMatchObject({ validRows: 2, invalidRows: 2, duplicateRows: 2 });
    const done = await start(cm, imp, { route: false });
    expect(done).toMatchObject({ status: 'completed', importedRows: 2, errorCount: 2, route: false, routing: null });
    // Not routed: they wait for the board's bulk routing.
    const ports = await leadsMatching('ports');
    expect(ports.map((l) => [l.company, l.status]).sort()).toEqual([
      ['Da Nang Ports', 'new'],
      ['Đà Nẵng Ports', 'new'],
    ]);
    expect(await leadsMatching('Sao Việt Foods')).toHaveLength(1);

    const errors = await cm.get(`/api/v1/imports/${done.id}/errors.csv`);
    expect(errors.statusCode).toBe(200);
    const rows = parse(errors.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.row, r.field, r.message])).toEqual([
      [
        '2',
        'contactEmail',
        'duplicate of a stored lead ("Sao Việt Foods", offered) with this e-mail and company: skipped',
      ],
      ['5', 'contactEmail', 'duplicate of row 3: same company and e-mail: skipped'],
    ]);
    expect(rows[1]).toMatchObject({ company: 'đà nẵng ports', contactEmail: 'Phuc@DNPorts.vn' });
  });
});

describe('all or nothing', () => {
  it('writes and routes nothing when one row is broken', async () => {
    const file = csv([
      ['company', 'contactName', 'contactEmail', 'country'],
      ['Strict One JSC', 'An', 'an@strictone.vn', 'VN'],
      ['Strict Two JSC', 'Bình', 'binh@stricttwo.vn', 'Mars'],
    ]);
    const imp = await uploaded(cm, file);
    await dryRun(cm, imp, 'all_or_nothing');
    const done = await start(cm, imp);
    expect(done).toMatchObject({ status: 'failed', importedRows: 0, errorCount: 1, routing: null });
    expect(await leadsMatching('Strict')).toEqual([]);
  });
});

describe('chunks', () => {
  it('imports and routes a file of several chunks', async () => {
    const rows: (string | number)[][] = [['company', 'contactName', 'contactEmail', 'country', 'productInterests']];
    for (let i = 0; i < 2300; i++)
      rows.push([`Bulk Lead ${i}`, `Person ${i}`, `p${i}@bulk${i}.vn`, 'VN', 'Firewall;VPN']);
    const imp = await uploaded(cm, csv(rows));
    await dryRun(cm, imp);
    const started = Date.now();
    const done = await start(cm, imp);
    const ms = Date.now() - started;
    expect(done).toMatchObject({ status: 'completed', importedRows: 2300, processedRows: 2300, errorCount: 0 });
    expect(done.routing).toEqual({ routed: 2300, assigned: 2300, fallback: 0, skipped: 0 });
    const [one] = await leadsMatching('Bulk Lead 2299');
    expect(one).toMatchObject({ status: 'offered', productInterests: ['Firewall', 'VPN'] });
    console.info(`lead import: 2,300 rows imported and routed in ${ms} ms`);
  });
});

describe('a job that runs again', () => {
  it('after a crash writes no lead twice and routes each once', async () => {
    const file = csv([
      ['company', 'contactName', 'contactEmail', 'country'],
      ['Crash One JSC', 'An', 'an@crashone.vn', 'VN'],
      ['Crash Two JSC', 'Bảo', 'bao@crashtwo.vn', 'VN'],
    ]);
    const imp = await uploaded(cm, file);
    await dryRun(cm, imp);
    const done = await start(cm, imp);
    expect(done).toMatchObject({ importedRows: 2, routing: { routed: 2, assigned: 2 } });
    // As if the process died after the routing committed: the lease ran out and the job is claimed again.
    const scope = { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const };
    await inScope(t.services.db, scope, async (tx) => {
      await tx
        .update(imports)
        .set({ status: 'running', finishedAt: null })
        .where(and(eq(imports.workspaceId, ws.workspaceId), eq(imports.id, imp.id)));
      await enqueue(tx, { type: 'import.run', workspaceId: ws.workspaceId, payload: { importId: imp.id } });
    });
    await t.services.jobs.drain();
    const again = (await cm.get(`/api/v1/imports/${imp.id}`)).json().import as Import;
    expect(again).toMatchObject({ status: 'completed', importedRows: 2, errorCount: 0, routing: done.routing });
    const crashed = await leadsMatching('Crash');
    expect(crashed).toHaveLength(2);
    for (const l of crashed) expect((await detail(l.id)).events.map((e) => e.type)).toEqual(['created', 'routed']);
  });
});

describe('who may import leads', () => {
  it('refuses partner people, and the route option on other kinds', async () => {
    const file = csv([
      ['company', 'contactName', 'contactEmail'],
      ['Partner Try', 'X', 'x@partnertry.vn'],
    ]);
    expect((await upload(partnerAdmin, file)).statusCode).toBe(403);
    expect((await upload(ws.people.viewer, file)).statusCode).toBe(403);

    const partners = await uploaded(
      cm,
      csv([
        ['legalName', 'country', 'type'],
        ['Route Me Not', 'VN', 'reseller'],
      ]),
      'partners',
    );
    await dryRun(cm, partners);
    const res = await cm.post(`/api/v1/imports/${partners.id}/start`, { route: true });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual(['body.route']);
  });

  it('asks for the contact and a way to reach them before a dry run', async () => {
    const imp = await uploaded(cm, csv([['Company'], ['Only A Company']]));
    const res = await cm.post(`/api/v1/imports/${imp.id}/dry-run`, { mapping: imp.mapping });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual(['body.mapping', 'body.mapping']);
  });
});
