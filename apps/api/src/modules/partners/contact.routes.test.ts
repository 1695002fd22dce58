import type { Contact, PartnerDetail, PartnerEvent } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { allPages, createPartner, issuePaths, UNKNOWN_ID } from '../../../test/partner-fixtures';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let other: Awaited<ReturnType<typeof seedWorkspace>>;
let own: PartnerDetail;
let another: PartnerDetail;
let pa: Client;
let pu: Client;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Contacts Co');
  other = await seedWorkspace(t, 'Other Vendor');
  own = await createPartner(ws.people.admin, { legalName: 'Công ty Sao Việt', country: 'VN' });
  another = await createPartner(ws.people.admin, { legalName: 'Another Partner Ltd', country: 'TW' });
  pa = await addPartnerPerson(t, ws.workspaceId, own.id, 'partner_admin', 'contacts');
  pu = await addPartnerPerson(t, ws.workspaceId, own.id, 'partner_user', 'contacts');
});
afterAll(async () => t?.close());

const addContact = async (client: Client, partnerId: string, body: Record<string, unknown>) => {
  const res = await client.post(`/api/v1/partners/${partnerId}/contacts`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().contact as Contact;
};
const timeline = async (partnerId: string) =>
  ((await ws.people.admin.get(`/api/v1/partners/${partnerId}/events`)).json().data as PartnerEvent[]).map((e) => ({
    type: e.type,
    data: e.data,
  }));

describe('contacts', () => {
  it('adds a contact with every field, recorded in the audit log and the partner timeline', async () => {
    const body = {
      firstName: 'Văn An',
      lastName: 'Nguyễn',
      email: 'An.Nguyen@SaoViet.vn',
      phone: '+84 90 123 4567',
      title: 'Giám đốc kinh doanh',
      role: 'sales',
      metadata: { crm: '0031' },
    };
    const c = await addContact(ws.people.channel_manager, own.id, body);
    expect(c).toMatchObject({ ...body, email: 'an.nguyen@saoviet.vn', partnerId: own.id, hasLogin: false });
    expect((await timeline(own.id))[0]).toEqual({
      type: 'contact.added',
      data: { contactId: c.id, name: 'Văn An Nguyễn', role: 'sales' },
    });
    const audit = await ws.people.admin.get(`/api/v1/audit-log?targetType=contact&targetId=${c.id}`);
    expect(audit.json().data).toEqual([
      expect.objectContaining({ action: 'contact.created', after: expect.objectContaining({ role: 'sales' }) }),
    ]);
  });

  it('says a contact has a login when a person of that partner signs in with the same e-mail', async () => {
    const withLogin = await addContact(ws.people.admin, own.id, { firstName: 'Admin', email: pa.email.toUpperCase() });
    expect(withLogin.hasLogin).toBe(true);
    const elsewhere = await addContact(ws.people.admin, another.id, { firstName: 'Same mail', email: pa.email });
    expect(elsewhere.hasLogin).toBe(false);
    const listed = await ws.people.admin.get(`/api/v1/partners/${own.id}/contacts`);
    expect(listed.json().data.find((x: Contact) => x.id === withLogin.id).hasLogin).toBe(true);
  });

  it('lists a partner’s contacts and searches all contacts by name or e-mail, ignoring accents', async () => {
    const { items } = await allPages<Contact>(ws.people.viewer, `/api/v1/partners/${own.id}/contacts`, 1);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
    expect(items.every((c) => c.partnerId === own.id)).toBe(true);

    const byName = await ws.people.viewer.get('/api/v1/contacts?q=nguyen%20van');
    expect(byName.json().data.map((c: Contact) => c.lastName)).toEqual(['Nguyễn']);
    const byMail = await ws.people.viewer.get('/api/v1/contacts?q=saoviet.vn');
    expect(byMail.json().data).toHaveLength(1);
    const byPartner = await ws.people.viewer.get(`/api/v1/contacts?partnerId=${another.id}`);
    expect(byPartner.json().data.map((c: Contact) => c.firstName)).toEqual(['Same mail']);
  });

  it('refuses bad contact fields, listing every problem', async () => {
    const res = await ws.people.admin.post(`/api/v1/partners/${own.id}/contacts`, {
      firstName: '',
      email: 'not-an-email',
      phone: 'ring ring',
      role: 'ceo',
      age: 40,
    });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual(
      expect.arrayContaining(['body.firstName', 'body.email', 'body.phone', 'body.role']),
    );
    expect(JSON.stringify(res.json().error.details.issues)).toContain('age');
  });

  it('updates and removes a contact, each recorded in the timeline', async () => {
    const c = await addContact(ws.people.admin, own.id, { firstName: 'Linh', lastName: 'Trần', role: 'technical' });
    const res = await ws.people.admin.patch(`/api/v1/contacts/${c.id}`, { title: 'CTO', role: 'executive' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contact).toMatchObject({ title: 'CTO', role: 'executive' });
    expect((await timeline(own.id))[0]).toEqual({
      type: 'contact.updated',
      data: { contactId: c.id, name: 'Linh Trần', fields: ['title', 'role'] },
    });
    const audit = await ws.people.admin.get(`/api/v1/audit-log?action=contact.updated&targetId=${c.id}`);
    expect(audit.json().data[0]).toMatchObject({
      before: { title: null, role: 'technical' },
      after: { title: 'CTO', role: 'executive' },
    });
    const renamed = await ws.people.admin.patch(`/api/v1/contacts/${c.id}`, { lastName: 'Trịnh' });
    expect(renamed.statusCode).toBe(200);
    expect((await ws.people.admin.get('/api/v1/contacts?q=linh%20trinh')).json().data).toHaveLength(1);

    expect((await ws.people.admin.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await timeline(own.id))[0]).toEqual({
      type: 'contact.removed',
      data: { contactId: c.id, name: 'Linh Trịnh' },
    });
    expect((await ws.people.admin.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await ws.people.admin.patch(`/api/v1/contacts/${UNKNOWN_ID}`, { title: 'x' })).statusCode).toBe(404);
  });

  it('replays an idempotent contact create', async () => {
    const headers = { 'idempotency-key': 'contact-create-1' };
    const body = { firstName: 'Once', email: 'once@saoviet.vn' };
    const first = await ws.people.admin.post(`/api/v1/partners/${own.id}/contacts`, body, headers);
    const second = await ws.people.admin.post(`/api/v1/partners/${own.id}/contacts`, body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect((await ws.people.admin.get('/api/v1/contacts?q=once')).json().data).toHaveLength(1);
  });
});

describe('contacts for partner people', () => {
  let foreignContact: Contact;
  beforeAll(async () => {
    foreignContact = await addContact(ws.people.admin, another.id, { firstName: 'Not Yours' });
  });

  it('lets a partner admin manage their own company’s contacts', async () => {
    const c = await addContact(pa, own.id, { firstName: 'Hoa', role: 'marketing' });
    expect((await pa.patch(`/api/v1/contacts/${c.id}`, { title: 'Marketing lead' })).statusCode).toBe(200);
    expect((await pa.delete(`/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
  });

  it('shows partner people only their company’s contacts', async () => {
    for (const client of [pa, pu]) {
      const all = await client.get('/api/v1/contacts?limit=200');
      expect(all.statusCode).toBe(200);
      expect((all.json().data as Contact[]).every((c) => c.partnerId === own.id)).toBe(true);
      const filtered = await client.get(`/api/v1/contacts?partnerId=${another.id}`);
      expect(filtered.json().data).toEqual([]);
      expect((await client.get('/api/v1/contacts?q=not%20yours')).json().data).toEqual([]);
    }
  });

  it('answers 404 for another partner’s contacts and 403 to partner users who try to change any', async () => {
    expect((await pa.get(`/api/v1/partners/${another.id}/contacts`)).statusCode).toBe(404);
    expect((await pa.post(`/api/v1/partners/${another.id}/contacts`, { firstName: 'X' })).statusCode).toBe(404);
    expect((await pa.patch(`/api/v1/contacts/${foreignContact.id}`, { title: 'X' })).statusCode).toBe(404);
    expect((await pa.delete(`/api/v1/contacts/${foreignContact.id}`)).statusCode).toBe(404);
    expect((await pu.post(`/api/v1/partners/${own.id}/contacts`, { firstName: 'X' })).statusCode).toBe(403);
    const ownContact = (await pu.get(`/api/v1/partners/${own.id}/contacts`)).json().data[0] as Contact;
    expect((await pu.patch(`/api/v1/contacts/${ownContact.id}`, { title: 'X' })).statusCode).toBe(403);
  });

  it('answers 404 to another workspace for every contact route', async () => {
    const admin = other.people.admin;
    expect((await admin.get(`/api/v1/partners/${own.id}/contacts`)).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/partners/${own.id}/contacts`, { firstName: 'X' })).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/contacts/${foreignContact.id}`, { title: 'X' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/contacts/${foreignContact.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/contacts?partnerId=${own.id}`)).json().data).toEqual([]);
  });
});
