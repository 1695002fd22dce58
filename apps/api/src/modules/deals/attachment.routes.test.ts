import { createHash } from 'node:crypto';
import { DEAL_ATTACHMENT_MAX_BYTES, DEAL_ATTACHMENT_MAX_FILES } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX, EXE, multipartBody, PDF, PLAIN_ZIP, PNG, XLSX } from '../../../test/attachment-files';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, issuePaths } from '../../../test/partner-fixtures';
import { inScope } from '../../db/scope';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let p1: Client;
let p2: Client;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Attachment Program');
  const a = await createPartner(ws.people.admin, { status: 'active' });
  const b = await createPartner(ws.people.admin, { status: 'active' });
  p1 = await addPartnerPerson(t, ws.workspaceId, a.id, 'partner_user', 'p1');
  p2 = await addPartnerPerson(t, ws.workspaceId, b.id, 'partner_user', 'p2');
});
afterAll(async () => t?.close());

const future = (days: number) => new Date(t.clock.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

async function draft(client: Client, name: string): Promise<string> {
  const res = await client.post('/api/v1/deal-registrations', {
    customer: { name, country: 'VN' },
    contact: { firstName: 'Lan', lastName: 'Trần', email: `lan@${name.toLowerCase().replace(/[^a-z]/g, '')}.vn` },
    products: [{ product: 'Firewall', quantity: 1, amount: { amountMinor: 120_000, currency: 'USD' } }],
    expectedCloseDate: future(30),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().registration.id;
}

type File = { field?: string; name: string; type?: string; bytes: Buffer };
const url = (id: string, rest = '') => `/api/v1/deal-registrations/${id}/attachments${rest}`;

function upload(client: Client, id: string, files: File | File[], headers: Record<string, string> = {}) {
  const body = multipartBody(Array.isArray(files) ? files : [files]);
  return client.request({
    method: 'POST',
    url: url(id),
    headers: { 'content-type': body.contentType, ...headers },
    payload: body.payload,
  });
}

async function names(client: Client, id: string): Promise<string[]> {
  const res = await client.get(url(id));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data.map((a: { fileName: string }) => a.fileName);
}

async function auditActions(registrationId: string): Promise<string[]> {
  const res = await inScope(
    t.services.db,
    { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' },
    (tx) =>
      tx.execute(
        sql`SELECT action FROM audit_log WHERE target_id = ${registrationId} AND action LIKE 'deal.attachment%' ORDER BY occurred_at, id`,
      ),
  );
  return (res.rows as { action: string }[]).map((r) => r.action);
}

describe('attaching files to a registration', () => {
  it('stores files by their content, lists them for the partner and vendor staff, and downloads them intact', async () => {
    const id = await draft(p1, 'Sông Hồng Logistics');
    const pdf = await upload(p1, id, { name: 'Báo giá Q3.pdf', type: 'application/octet-stream', bytes: PDF });
    expect(pdf.statusCode, pdf.body).toBe(201);
    const stored = pdf.json().attachment;
    expect(stored).toMatchObject({
      registrationId: id,
      fileName: 'Báo giá Q3.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: { id: p1.userId },
    });
    // The client's Content-Type says text/plain; the bytes are a Word document.
    const docx = await upload(p1, id, { name: '報價單.docx', type: 'text/plain', bytes: DOCX });
    expect(docx.statusCode, docx.body).toBe(201);
    expect(docx.json().attachment.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    // A spreadsheet named .png is stored as what it is, with the matching extension appended.
    const xlsx = await upload(p1, id, { name: 'screenshot.png', type: 'image/png', bytes: XLSX });
    expect(xlsx.json().attachment).toMatchObject({
      fileName: 'screenshot.png.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });

    const mine = (await p1.get(url(id))).json();
    expect(mine.data.map((a: { fileName: string }) => a.fileName)).toEqual([
      'Báo giá Q3.pdf',
      '報價單.docx',
      'screenshot.png.xlsx',
    ]);
    expect(mine).toMatchObject({
      canChange: true,
      nextCursor: null,
      limits: { maxFiles: DEAL_ATTACHMENT_MAX_FILES, maxBytes: DEAL_ATTACHMENT_MAX_BYTES },
    });
    const vendor = (await ws.people.viewer.get(url(id))).json();
    expect(vendor.data).toHaveLength(3);
    expect(vendor.canChange).toBe(false);

    for (const [client, a, bytes] of [
      [ws.people.viewer, stored, PDF],
      [p1, docx.json().attachment, DOCX],
    ] as const) {
      const dl = await client.get(url(id, `/${a.id}`));
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(bytes)).toBe(true);
      expect(dl.headers['content-type']).toBe(a.mediaType);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      const disposition = String(dl.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(a.fileName);
    }
    expect(await auditActions(id)).toEqual(['deal.attachment_added', 'deal.attachment_added', 'deal.attachment_added']);
  });

  it('refuses wrong, empty, oversized, missing and extra files naming `file`, and stores nothing', async () => {
    const id = await draft(p1, 'Hải Phòng Cold Chain');
    const cases: { what: string; files: File[]; status: number; code: string; message: RegExp }[] = [
      {
        what: 'an executable named .pdf',
        files: [{ name: 'quote.pdf', type: 'application/pdf', bytes: EXE }],
        status: 422,
        code: 'invalid_type',
        message: /not an accepted file type/,
      },
      {
        what: 'a plain ZIP',
        files: [{ name: 'proposal.docx', bytes: PLAIN_ZIP }],
        status: 422,
        code: 'invalid_type',
        message: /proposal\.docx/,
      },
      {
        what: 'an empty file',
        files: [{ name: 'empty.txt', bytes: Buffer.alloc(0) }],
        status: 422,
        code: 'too_small',
        message: /empty/,
      },
      {
        what: 'one byte over 10 MB',
        files: [
          { name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(DEAL_ATTACHMENT_MAX_BYTES + 1 - PDF.length)]) },
        ],
        status: 413,
        code: 'too_big',
        message: /10 MB/,
      },
      {
        what: 'a file under another field name',
        files: [{ field: 'document', name: 'a.pdf', bytes: PDF }],
        status: 422,
        code: 'required',
        message: /"file" part/,
      },
      {
        what: 'two files at once',
        files: [
          { name: 'a.pdf', bytes: PDF },
          { name: 'b.png', bytes: PNG },
        ],
        status: 422,
        code: 'too_many',
        message: /one file per request/,
      },
    ];
    for (const c of cases) {
      const res = await upload(p1, id, c.files);
      expect(res.statusCode, `${c.what}: ${res.body}`).toBe(c.status);
      const issues = res.json().error.details.issues as { path: string; code: string; message: string }[];
      expect(
        issues.map((i) => i.path),
        c.what,
      ).toEqual(['body.file']);
      expect(issues[0]?.code, c.what).toBe(c.code);
      expect(issues[0]?.message, c.what).toMatch(c.message);
    }
    const json = await p1.post(url(id), { file: 'not a file' });
    expect(json.statusCode).toBe(415);
    expect(await names(p1, id)).toEqual([]);
    expect(await auditActions(id)).toEqual([]);
  });

  it('takes a file of exactly 10 MB, and at most 20 files per registration', async () => {
    const id = await draft(p1, 'Đà Nẵng Resorts');
    const exact = Buffer.concat([PDF, Buffer.alloc(DEAL_ATTACHMENT_MAX_BYTES - PDF.length)]);
    const big = await upload(p1, id, { name: 'scan.pdf', bytes: exact });
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json().attachment.sizeBytes).toBe(DEAL_ATTACHMENT_MAX_BYTES);
    for (let i = 2; i <= DEAL_ATTACHMENT_MAX_FILES; i++) {
      const res = await upload(p1, id, { name: `note-${i}.csv`, bytes: Buffer.from(`line,${i}\n`) });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().attachment.mediaType).toBe('text/csv');
    }
    const extra = await upload(p1, id, { name: 'one-more.txt', bytes: Buffer.from('one more') });
    expect(extra.statusCode).toBe(422);
    expect(issuePaths(extra)).toEqual(['body.file']);
    expect(extra.json().error.message).toContain(`at most ${DEAL_ATTACHMENT_MAX_FILES} attachments`);
    expect(await names(p1, id)).toHaveLength(DEAL_ATTACHMENT_MAX_FILES);
    const dl = await p1.get(url(id, `/${big.json().attachment.id}`));
    expect(dl.rawPayload.length).toBe(DEAL_ATTACHMENT_MAX_BYTES);
  });

  it("another partner's registration and its files are 404, exactly like ids that do not exist", async () => {
    const id = await draft(p1, 'Cần Thơ Rice Mills');
    const a = (await upload(p1, id, { name: 'loi.pdf', bytes: PDF })).json().attachment;
    const missing = '01900000-0000-7000-8000-000000000000';
    for (const [res, what] of [
      [await p2.get(url(id)), 'list'],
      [await upload(p2, id, { name: 'x.pdf', bytes: PDF }), 'upload'],
      [await p2.get(url(id, `/${a.id}`)), 'download'],
      [await p2.delete(url(id, `/${a.id}`)), 'delete'],
    ] as const) {
      expect(res.statusCode, what).toBe(404);
      expect(res.json().error.code, what).toBe('not_found');
      expect(res.body, what).not.toContain('loi.pdf');
    }
    expect((await p1.get(url(id, `/${missing}`))).statusCode).toBe(404);
    expect((await p1.get(url(missing))).statusCode).toBe(404);
    expect(await names(p1, id)).toEqual(['loi.pdf']);
    // Vendor staff read but never add or remove.
    expect((await upload(ws.people.channel_manager, id, { name: 'x.pdf', bytes: PDF })).statusCode).toBe(403);
    expect((await ws.people.admin.delete(url(id, `/${a.id}`))).statusCode).toBe(403);
  });

  it('refuses to add or delete once submitted, naming the state; allows both again in needs_info', async () => {
    const id = await draft(p1, 'Nha Trang Seafood');
    const a = (await upload(p1, id, { name: 'quote.pdf', bytes: PDF })).json().attachment;
    expect((await p1.post(`/api/v1/deal-registrations/${id}/submit`)).statusCode).toBe(200);

    const del = await p1.delete(url(id, `/${a.id}`));
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({ code: 'invalid_state', details: { status: 'submitted' } });
    expect(del.json().error.message).toContain('state submitted');
    const add = await upload(p1, id, { name: 'more.png', bytes: PNG });
    expect(add.statusCode).toBe(409);
    expect(add.json().error.message).toContain('state submitted');
    expect(await names(p1, id)).toEqual(['quote.pdf']);
    expect((await p1.get(url(id))).json().canChange).toBe(false);

    const ask = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${id}/request-info`, {
      reason: 'Please attach the signed LOI',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    expect((await p1.get(url(id))).json().canChange).toBe(true);
    expect((await upload(p1, id, { name: 'signed LOI.pdf', bytes: PDF })).statusCode).toBe(201);
    expect((await p1.delete(url(id, `/${a.id}`))).statusCode).toBe(204);
    expect(await names(p1, id)).toEqual(['signed LOI.pdf']);
    expect((await p1.get(url(id, `/${a.id}`))).statusCode).toBe(404);
    expect(await auditActions(id)).toEqual([
      'deal.attachment_added',
      'deal.attachment_added',
      'deal.attachment_deleted',
    ]);
  });

  it('a retried upload with the same Idempotency-Key stores one file; the key with another file is 409', async () => {
    const id = await draft(p1, 'Vũng Tàu Offshore');
    const key = { 'idempotency-key': `upload-${Math.random().toString(36).slice(2)}` };
    const first = await upload(p1, id, { name: 'proposal.pdf', bytes: PDF }, key);
    expect(first.statusCode).toBe(201);
    const retry = await upload(p1, id, { name: 'proposal.pdf', bytes: PDF }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().attachment.id).toBe(first.json().attachment.id);
    const other = await upload(p1, id, { name: 'other.png', bytes: PNG }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await names(p1, id)).toEqual(['proposal.pdf']);
    // The replay holds even after the registration moved on.
    expect((await p1.post(`/api/v1/deal-registrations/${id}/submit`)).statusCode).toBe(200);
    const late = await upload(p1, id, { name: 'proposal.pdf', bytes: PDF }, key);
    expect(late.statusCode).toBe(201);
    expect(late.json().attachment.id).toBe(first.json().attachment.id);
  });

  it('documents the upload as a multipart form and the download as a binary file', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const item = doc.paths['/api/v1/deal-registrations/{id}/attachments'];
    expect(Object.keys(item.post.requestBody.content)).toEqual(['multipart/form-data']);
    const ref = String(item.post.requestBody.content['multipart/form-data'].schema.$ref).split('/').pop() ?? '';
    expect(doc.components.schemas[ref].properties.file.format).toBe('binary');
    const one = doc.paths['/api/v1/deal-registrations/{id}/attachments/{attachmentId}'];
    expect(Object.keys(one)).toEqual(expect.arrayContaining(['get', 'delete']));
    expect(one.get.operationId).toBe('downloadDealAttachment');
  });
});
