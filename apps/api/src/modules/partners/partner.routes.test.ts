import {
  type Partner,
  type PartnerDetail,
  PartnerDetailSchema,
  type PartnerEvent,
  PartnerSchema,
  pageOf,
} from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addPartnerPerson, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { allPages, createPartner, createTier, issuePaths, UNKNOWN_ID } from '../../../test/partner-fixtures';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let other: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Acme Networks');
  other = await seedWorkspace(t, 'Other Vendor');
});
afterAll(async () => t?.close());

const events = async (partnerId: string) => {
  const res = await ws.people.admin.get(`/api/v1/partners/${partnerId}/events?limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as PartnerEvent[];
};
const auditFor = async (targetId: string) => {
  const res = await ws.people.admin.get(`/api/v1/audit-log?targetType=partner&targetId=${targetId}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { action: string; before: unknown; after: unknown; actor: { id: string } | null }[];
};

describe('POST /partners', () => {
  it('creates a partner with every field, derives the domain and answers the detail with abilities', async () => {
    const { admin, channel_manager } = ws.people;
    const gold = await createTier(admin, 'Gold', 30);
    const parent = await createPartner(admin, { legalName: 'Mekong Distribution JSC', type: 'distributor' });
    const body = {
      legalName: 'Công ty TNHH Giải pháp Số Sài Gòn',
      displayName: 'Giải pháp Số',
      website: 'https://www.GiaiPhapSo.vn/gioi-thieu',
      country: 'VN',
      region: 'APAC',
      address: { line1: '12 Lê Lợi', line2: 'Tầng 5', city: 'Hồ Chí Minh', state: 'Quận 1', postalCode: '700000' },
      phone: '+84 28 3822 1234',
      type: 'var',
      sizeBand: '51-200',
      industries: ['Retail', 'Manufacturing'],
      capabilities: ['Cloud migration'],
      territories: ['VN', 'LA'],
      tierId: gold.id,
      ownerUserId: channel_manager.userId,
      parentPartnerId: parent.id,
      tags: ['strategic', 'apac'],
      customAttributes: {},
      logoUrl: 'https://cdn.example.com/giaiphapso.png',
      metadata: { erpId: 'VN-0042' },
      status: 'active',
    };
    const res = await admin.post('/api/v1/partners', body);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().partner as PartnerDetail;
    const { tierId: _t, ownerUserId: _o, parentPartnerId: _p, ...plain } = body;
    expect(p).toMatchObject({
      ...plain,
      website: 'https://www.GiaiPhapSo.vn/gioi-thieu',
      domain: 'giaiphapso.vn',
      tier: { id: gold.id, name: 'Gold' },
      owner: { id: channel_manager.userId, name: 'channel_manager of Acme Networks' },
      parent: { id: parent.id, name: 'Mekong Distribution JSC' },
      abilities: {
        update: true,
        changeStatusTo: ['suspended', 'terminated'],
        manageContacts: true,
        manageTeam: true,
      },
    });
    expect(p.abilities.updateProfileFields).toContain('logoUrl');
    expect(p.createdAt).toBe(t.clock.now.toISOString());

    const got = await admin.get(`/api/v1/partners/${p.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().partner).toEqual(p);

    const audit = await auditFor(p.id);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'partner.created',
        actor: expect.objectContaining({ id: admin.userId }),
        after: expect.objectContaining({ legalName: body.legalName, tierId: gold.id, status: 'active' }),
      }),
    ]);
    expect(await events(p.id)).toEqual([
      expect.objectContaining({
        type: 'partner.created',
        actor: { id: admin.userId, name: 'admin of Acme Networks' },
        data: { status: 'active', displayName: 'Giải pháp Số' },
      }),
    ]);
  });

  it('defaults the display name to the legal name and the status to onboarding', async () => {
    const res = await ws.people.channel_manager.post('/api/v1/partners', {
      legalName: 'Baltic Data Rīga SIA',
      country: 'LV',
      type: 'msp',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().partner).toMatchObject({
      displayName: 'Baltic Data Rīga SIA',
      status: 'onboarding',
      website: null,
      domain: null,
      tier: null,
      owner: null,
      parent: null,
      tags: [],
      address: {},
    });
  });

  it('lists every field-level problem at once: wrong types, unknown fields, too long, unknown enum values', async () => {
    const res = await ws.people.admin.post('/api/v1/partners', {
      legalName: '',
      displayName: 'x'.repeat(201),
      website: 'ftp://files.example.com',
      country: 'Vietnam',
      type: 'shop',
      sizeBand: 'huge',
      phone: 'call me maybe',
      industries: ['x'.repeat(61)],
      tags: 'strategic',
      tierId: 'gold',
      customAttributes: { flag: true },
      status: 'terminated',
      favouriteColour: 'teal',
    });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    const paths = issuePaths(res);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.legalName',
        'body.displayName',
        'body.website',
        'body.country',
        'body.type',
        'body.sizeBand',
        'body.phone',
        'body.industries.0',
        'body.tags',
        'body.tierId',
        'body.customAttributes.flag',
        'body.status',
      ]),
    );
    expect(JSON.stringify(error.details.issues)).toContain('favouriteColour');
    const count = await ws.people.admin.get('/api/v1/partners?q=call%20me');
    expect(count.json().data).toEqual([]);
  });

  it('checks references against the data and lists every problem with its path', async () => {
    const { admin, viewer } = ws.people;
    const foreignTier = await createTier(other.people.admin, 'Foreign', 1);
    const foreignPartner = await createPartner(other.people.admin, { legalName: 'Elsewhere Ltd' });
    const res = await admin.post('/api/v1/partners', {
      legalName: 'Broken References Ltd',
      country: 'TW',
      type: 'reseller',
      tierId: foreignTier.id,
      ownerUserId: viewer.userId,
      parentPartnerId: foreignPartner.id,
      customAttributes: { nothing_defined: 'x' },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(issuePaths(res)).toEqual([
      'body.customAttributes.nothing_defined',
      'body.ownerUserId',
      'body.parentPartnerId',
      'body.tierId',
    ]);
    const ownerOtherWorkspace = await admin.post('/api/v1/partners', {
      legalName: 'Owner Elsewhere Ltd',
      country: 'TW',
      type: 'reseller',
      ownerUserId: other.people.channel_manager.userId,
    });
    expect(issuePaths(ownerOtherWorkspace)).toEqual(['body.ownerUserId']);
  });

  it('refuses a partner person as owner', async () => {
    const p = await createPartner(ws.people.admin);
    const person = await addPartnerPerson(t, ws.workspaceId, p.id, 'partner_admin', 'owner-check');
    const res = await ws.people.admin.patch(`/api/v1/partners/${p.id}`, { ownerUserId: person.userId });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual(['body.ownerUserId']);
  });

  it('replays an idempotent create and refuses the same key with another body', async () => {
    const { admin } = ws.people;
    const body = { legalName: 'Idempotent Trading Co', country: 'SG', type: 'referral' };
    const headers = { 'idempotency-key': 'create-partner-0001' };
    const first = await admin.post('/api/v1/partners', body, headers);
    expect(first.statusCode).toBe(201);
    const again = await admin.post('/api/v1/partners', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const list = await admin.get('/api/v1/partners?q=idempotent%20trading');
    expect(list.json().data).toHaveLength(1);
    const reused = await admin.post('/api/v1/partners', { ...body, country: 'MY' }, headers);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('is refused to roles without partner.create', async () => {
    for (const role of ['viewer', 'finance', 'marketing'] as const) {
      const res = await ws.people[role].post('/api/v1/partners', { legalName: 'X', country: 'VN', type: 'si' });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('PATCH /partners/{id}', () => {
  it('changes fields, derives domain and search key, and records audit and timeline', async () => {
    const { admin, channel_manager } = ws.people;
    const bronze = await createTier(admin, 'Bronze', 5);
    const p = await createPartner(admin, { legalName: 'Hanoi Networks', country: 'VN', tags: ['a'] });
    const res = await channel_manager.patch(`/api/v1/partners/${p.id}`, {
      displayName: 'Mạng Hà Nội',
      website: 'https://www.mang-hanoi.vn',
      tierId: bronze.id,
      ownerUserId: channel_manager.userId,
      tags: ['a', 'b'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().partner).toMatchObject({
      displayName: 'Mạng Hà Nội',
      domain: 'mang-hanoi.vn',
      tier: { id: bronze.id, name: 'Bronze' },
      owner: { id: channel_manager.userId },
      tags: ['a', 'b'],
    });
    const found = await admin.get('/api/v1/partners?q=mang%20ha%20noi');
    expect(found.json().data.map((x: Partner) => x.id)).toEqual([p.id]);

    const timeline = await events(p.id);
    expect(timeline.map((e) => e.type)).toEqual([
      'tags.changed',
      'owner.changed',
      'tier.changed',
      'profile.updated',
      'partner.created',
    ]);
    expect(timeline[0]?.data).toEqual({ added: ['b'], removed: [] });
    expect(timeline[1]?.data).toEqual({
      from: null,
      to: { id: channel_manager.userId, name: 'channel_manager of Acme Networks' },
    });
    expect(timeline[2]?.data).toEqual({ from: null, to: { id: bronze.id, name: 'Bronze' } });
    expect(timeline[3]?.data).toEqual({ fields: ['displayName', 'website', 'domain'] });

    const audit = await auditFor(p.id);
    expect(audit[0]).toMatchObject({
      action: 'partner.updated',
      before: { displayName: 'Hanoi Networks', website: null, domain: null, tierId: null, tags: ['a'] },
      after: { displayName: 'Mạng Hà Nội', domain: 'mang-hanoi.vn', tierId: bronze.id, tags: ['a', 'b'] },
    });
  });

  it('writes nothing when nothing changes', async () => {
    const p = await createPartner(ws.people.admin, { legalName: 'Steady State Ltd' });
    const res = await ws.people.admin.patch(`/api/v1/partners/${p.id}`, { legalName: 'Steady State Ltd' });
    expect(res.statusCode).toBe(200);
    expect((await auditFor(p.id)).map((a) => a.action)).toEqual(['partner.created']);
    expect((await events(p.id)).map((e) => e.type)).toEqual(['partner.created']);
  });

  it('refuses a parent that is the partner itself or below it', async () => {
    const { admin } = ws.people;
    const top = await createPartner(admin, { legalName: 'Top Distributor' });
    const mid = await createPartner(admin, { legalName: 'Mid Reseller', parentPartnerId: top.id });
    const leaf = await createPartner(admin, { legalName: 'Leaf Branch', parentPartnerId: mid.id });
    const self = await admin.patch(`/api/v1/partners/${top.id}`, { parentPartnerId: top.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.parentPartnerId', code: 'self_parent' }),
    ]);
    const cycle = await admin.patch(`/api/v1/partners/${top.id}`, { parentPartnerId: leaf.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.parentPartnerId', code: 'parent_cycle' }),
    ]);
    const fine = await admin.patch(`/api/v1/partners/${leaf.id}`, { parentPartnerId: top.id });
    expect(fine.statusCode).toBe(200);
    const cleared = await admin.patch(`/api/v1/partners/${leaf.id}`, { parentPartnerId: null });
    expect(cleared.json().partner.parent).toBeNull();
  });

  it('refuses an empty patch, unknown fields and status (which has its own action)', async () => {
    const p = await createPartner(ws.people.admin);
    const empty = await ws.people.admin.patch(`/api/v1/partners/${p.id}`, {});
    expect(empty.statusCode).toBe(422);
    const status = await ws.people.admin.patch(`/api/v1/partners/${p.id}`, { status: 'active' });
    expect(status.statusCode).toBe(422);
    expect(JSON.stringify(status.json().error.details.issues)).toContain('status');
  });

  it('answers 404 for unknown ids and ids of another workspace', async () => {
    const foreign = await createPartner(other.people.admin);
    for (const id of [UNKNOWN_ID, foreign.id]) {
      expect((await ws.people.admin.get(`/api/v1/partners/${id}`)).statusCode).toBe(404);
      expect((await ws.people.admin.patch(`/api/v1/partners/${id}`, { region: 'x' })).statusCode).toBe(404);
    }
  });
});

describe('POST /partners/{id}/status', () => {
  it('walks the machine applicant → onboarding → active ⇄ suspended → terminated, with reasons in the timeline', async () => {
    const { channel_manager } = ws.people;
    const p = await createPartner(ws.people.admin, { legalName: 'Lifecycle Co', status: 'applicant' });
    const steps: [string, string][] = [
      ['onboarding', 'application approved'],
      ['active', 'agreement signed'],
      ['suspended', 'unpaid invoices'],
      ['active', 'invoices paid'],
      ['terminated', 'contract ended'],
    ];
    for (const [status, reason] of steps) {
      const res = await channel_manager.post(`/api/v1/partners/${p.id}/status`, { status, reason });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().partner.status).toBe(status);
    }
    const timeline = (await events(p.id)).filter((e) => e.type === 'status.changed');
    expect(timeline.map((e) => e.data)).toEqual([
      { from: 'active', to: 'terminated', reason: 'contract ended' },
      { from: 'suspended', to: 'active', reason: 'invoices paid' },
      { from: 'active', to: 'suspended', reason: 'unpaid invoices' },
      { from: 'onboarding', to: 'active', reason: 'agreement signed' },
      { from: 'applicant', to: 'onboarding', reason: 'application approved' },
    ]);
    expect(timeline[0]?.actor?.id).toBe(channel_manager.userId);
    const audit = await auditFor(p.id);
    expect(audit.filter((a) => a.action === 'partner.status_changed')).toHaveLength(5);
    expect(audit[0]).toMatchObject({
      before: { status: 'active' },
      after: { status: 'terminated', reason: 'contract ended' },
    });
    const detail = await channel_manager.get(`/api/v1/partners/${p.id}`);
    expect(detail.json().partner.abilities.changeStatusTo).toEqual([]);
  });

  it('refuses a wrong transition with 409 naming from, to and the allowed targets', async () => {
    const p = await createPartner(ws.people.admin, { legalName: 'Skipper Ltd', status: 'applicant' });
    const res = await ws.people.admin.post(`/api/v1/partners/${p.id}/status`, { status: 'active', reason: 'skip' });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('invalid_state');
    expect(error.message).toContain('applicant');
    expect(error.message).toContain('active');
    expect(error.details).toEqual({ from: 'applicant', to: 'active', allowed: ['onboarding', 'terminated'] });
    expect((await events(p.id)).map((e) => e.type)).toEqual(['partner.created']);
    const same = await ws.people.admin.post(`/api/v1/partners/${p.id}/status`, { status: 'applicant', reason: 'x' });
    expect(same.statusCode).toBe(409);
  });

  it('needs a reason, and is refused to roles without partner.change_status', async () => {
    const p = await createPartner(ws.people.admin);
    const noReason = await ws.people.admin.post(`/api/v1/partners/${p.id}/status`, { status: 'active' });
    expect(noReason.statusCode).toBe(422);
    expect(issuePaths(noReason)).toEqual(['body.reason']);
    const viewer = await ws.people.viewer.post(`/api/v1/partners/${p.id}/status`, { status: 'active', reason: 'x' });
    expect(viewer.statusCode).toBe(403);
  });
});

describe('GET /partners/{id}/events', () => {
  it('pages the timeline newest first', async () => {
    const p = await createPartner(ws.people.admin, { legalName: 'Busy Timeline Ltd' });
    for (let i = 0; i < 5; i++) {
      await ws.people.admin.patch(`/api/v1/partners/${p.id}`, { region: `Region ${i}` });
      t.clock.advance(10);
    }
    const whole = await events(p.id);
    expect(whole).toHaveLength(6);
    expect(whole.at(-1)?.type).toBe('partner.created');
    const { items } = await allPages<PartnerEvent>(ws.people.viewer, `/api/v1/partners/${p.id}/events`, 4);
    expect(items.map((e) => e.id)).toEqual(whole.map((e) => e.id));
  });
});

describe('the hot reads answer exactly their contract (they skip the Zod encode pass)', () => {
  it('GET /partners/{id} and GET /partners, as vendor staff and as a partner person, with every field filled', async () => {
    const { admin } = ws.people;
    const tier = await createTier(admin, 'Contract Tier', 77);
    const parent = await createPartner(admin, { legalName: 'Contract Parent Ltd', type: 'distributor' });
    const full = await createPartner(admin, {
      legalName: 'SIA Līgums Datu Risinājumi',
      website: 'https://ligums.example.lv',
      region: 'EMEA',
      address: { line1: 'Brīvības iela 1', city: 'Rīga', postalCode: 'LV-1010' },
      phone: '+371 2000 0000',
      sizeBand: '11-50',
      industries: ['Finance'],
      capabilities: ['Security'],
      territories: ['LV'],
      tierId: tier.id,
      ownerUserId: ws.people.channel_manager.userId,
      parentPartnerId: parent.id,
      tags: ['contract'],
      logoUrl: 'https://cdn.example.com/ligums.png',
      metadata: { erpId: 'LV-7' },
    });
    const partnerPerson = await addPartnerPerson(t, ws.workspaceId, full.id, 'partner_admin', 'contract');
    for (const client of [admin, ws.people.viewer, partnerPerson]) {
      const one = await client.get(`/api/v1/partners/${full.id}`);
      expect(one.statusCode, one.body).toBe(200);
      const body = one.json();
      expect(body.partner.tier).toEqual({ id: tier.id, name: 'Contract Tier' });
      expect(z.object({ partner: PartnerDetailSchema }).strict().parse(body)).toEqual(body);
      const page = await client.get('/api/v1/partners?limit=50');
      expect(page.statusCode, page.body).toBe(200);
      const list = page.json();
      expect(list.data.length).toBeGreaterThan(0);
      expect(pageOf(PartnerSchema).strict().parse(list)).toEqual(list);
    }
  });
});
