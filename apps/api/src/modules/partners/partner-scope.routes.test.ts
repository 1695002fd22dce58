/*
 * C18 for the partner directory: a partner person sees only their own company. Every partners and
 * contacts route is probed with another partner's ids and another workspace's ids: a route the role may
 * use answers 404 (never 403, which would confirm the record exists); a route the role may not use at
 * all answers 403 for every id alike, the person's own company included, so it reveals nothing.
 */
import type { Contact, Partner, PartnerDetail } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner } from '../../../test/partner-fixtures';
import { partners } from '../../db/schema/index';
import { inScope } from '../../db/scope';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let other: Awaited<ReturnType<typeof seedWorkspace>>;
let own: PartnerDetail;
let sibling: PartnerDetail;
let foreign: PartnerDetail;
const contactOf: Record<string, string> = {};
let pa: Client;
let pu: Client;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Scoped Vendor');
  other = await seedWorkspace(t, 'Foreign Vendor');
  sibling = await createPartner(ws.people.admin, { legalName: 'Sibling Distribution', type: 'distributor' });
  own = await createPartner(ws.people.admin, {
    legalName: 'Own Reseller',
    parentPartnerId: sibling.id,
    status: 'active',
  });
  foreign = await createPartner(other.people.admin, { legalName: 'Foreign Partner' });
  for (const [client, p] of [
    [ws.people.admin, own],
    [ws.people.admin, sibling],
    [other.people.admin, foreign],
  ] as const) {
    const res = await client.post(`/api/v1/partners/${p.id}/contacts`, { firstName: `Contact of ${p.legalName}` });
    expect(res.statusCode).toBe(201);
    contactOf[p.id] = (res.json().contact as Contact).id;
  }
  pa = await addPartnerPerson(t, ws.workspaceId, own.id, 'partner_admin', 'scope');
  pu = await addPartnerPerson(t, ws.workspaceId, own.id, 'partner_user', 'scope');
});
afterAll(async () => t?.close());

type Probe = {
  name: string;
  call: (c: Client, partnerId: string, contactId: string) => ReturnType<Client['get']>;
  /** permission-level refusal for these roles whatever the id */
  forbiddenFor: ('pa' | 'pu' | 'vendor')[];
};

const PROBES: Probe[] = [
  { name: 'GET /partners/{id}', call: (c, id) => c.get(`/api/v1/partners/${id}`), forbiddenFor: [] },
  { name: 'GET /partners/{id}/events', call: (c, id) => c.get(`/api/v1/partners/${id}/events`), forbiddenFor: [] },
  { name: 'GET /partners/{id}/contacts', call: (c, id) => c.get(`/api/v1/partners/${id}/contacts`), forbiddenFor: [] },
  {
    name: 'PATCH /partners/{id}/profile',
    call: (c, id) => c.patch(`/api/v1/partners/${id}/profile`, { region: 'EU' }),
    forbiddenFor: ['pu', 'vendor'],
  },
  {
    name: 'POST /partners/{id}/contacts',
    call: (c, id) => c.post(`/api/v1/partners/${id}/contacts`, { firstName: 'Probe' }),
    forbiddenFor: ['pu'],
  },
  {
    name: 'PATCH /contacts/{id}',
    call: (c, _p, contactId) => c.patch(`/api/v1/contacts/${contactId}`, { title: 'Probe' }),
    forbiddenFor: ['pu'],
  },
  {
    name: 'PATCH /partners/{id}',
    call: (c, id) => c.patch(`/api/v1/partners/${id}`, { region: 'EU' }),
    forbiddenFor: ['pa', 'pu'],
  },
  {
    name: 'POST /partners/{id}/status',
    call: (c, id) => c.post(`/api/v1/partners/${id}/status`, { status: 'suspended', reason: 'probe' }),
    forbiddenFor: ['pa', 'pu'],
  },
  {
    name: 'POST /partners/bulk',
    call: (c, id) => c.post('/api/v1/partners/bulk', { action: 'add_tags', tags: ['probe'], partnerIds: [id] }),
    forbiddenFor: ['pa', 'pu'],
  },
  {
    name: 'DELETE /contacts/{id}',
    call: (c, _p, contactId) => c.delete(`/api/v1/contacts/${contactId}`),
    forbiddenFor: ['pu'],
  },
];

describe('partner people see only their own company', () => {
  it('lists only their company, whatever the filters say', async () => {
    for (const client of [pa, pu]) {
      const all = await client.get('/api/v1/partners?limit=200');
      expect(all.statusCode).toBe(200);
      expect((all.json().data as Partner[]).map((p) => p.id)).toEqual([own.id]);
      for (const query of ['q=sibling', `parentPartnerId=${own.id}`, 'status=onboarding', 'q=foreign']) {
        expect((await client.get(`/api/v1/partners?${query}`)).json().data).toEqual([]);
      }
    }
  });

  it('shows their own company without the names of companies they cannot see', async () => {
    const res = await pu.get(`/api/v1/partners/${own.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().partner).toMatchObject({
      id: own.id,
      parent: null,
      abilities: {
        update: false,
        updateProfileFields: [],
        changeStatusTo: [],
        manageContacts: false,
        manageTeam: false,
      },
    });
    const admin = await pa.get(`/api/v1/partners/${own.id}`);
    expect(admin.json().partner.abilities).toMatchObject({ manageContacts: true, manageTeam: true });
    expect((await pu.get(`/api/v1/partners/${own.id}/events`)).statusCode).toBe(200);
  });

  it('answers 404 on every route for another partner’s and another workspace’s ids, 403 where the role has no say', async () => {
    const people = { pa, pu };
    for (const probe of PROBES) {
      for (const who of ['pa', 'pu'] as const) {
        for (const target of [sibling, foreign]) {
          const res = await probe.call(people[who], target.id, contactOf[target.id] as string);
          const expected = probe.forbiddenFor.includes(who) ? 403 : 404;
          expect(res.statusCode, `${who} ${probe.name} on ${target.legalName}: ${res.body}`).toBe(expected);
        }
        if (probe.forbiddenFor.includes(who)) {
          const res = await probe.call(people[who], own.id, contactOf[own.id] as string);
          expect(res.statusCode, `${who} ${probe.name} on own company`).toBe(403);
        }
      }
    }
    const untouched = await ws.people.admin.get(`/api/v1/partners/${sibling.id}`);
    expect(untouched.json().partner).toMatchObject({ region: null, tags: [] });
    expect((await ws.people.admin.get(`/api/v1/partners/${sibling.id}/contacts`)).json().data).toHaveLength(1);
  });

  it('answers 404 to another workspace’s vendor staff on every route', async () => {
    const admin = other.people.admin;
    for (const probe of PROBES) {
      const res = await probe.call(admin, own.id, contactOf[own.id] as string);
      // Vendor roles never edit through the partner-admin profile route, whatever the id.
      expect(res.statusCode, `${probe.name}: ${res.body}`).toBe(probe.forbiddenFor.includes('vendor') ? 403 : 404);
    }
    expect((await admin.get(`/api/v1/partners?q=own%20reseller`)).json().data).toEqual([]);
  });

  it('is held by row-level security too: a partner-scoped transaction reads only its company', async () => {
    const rows = await inScope(
      t.services.db,
      { workspaceId: ws.workspaceId, userId: pu.userId, partnerId: own.id, kind: 'partner' },
      (tx) => tx.select({ id: partners.id }).from(partners),
    );
    expect(rows.map((r) => r.id)).toEqual([own.id]);
  });
});
