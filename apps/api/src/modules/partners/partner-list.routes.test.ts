import type { Partner } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { allPages, createPartner, createTier, issuePaths } from '../../../test/partner-fixtures';
import { inScope } from '../../db/scope';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('GET /partners', () => {
  let list: Awaited<ReturnType<typeof seedWorkspace>>;
  const made: Record<string, Partner> = {};

  beforeAll(async () => {
    list = await seedWorkspace(t, 'Listing Co');
    const { admin, channel_manager } = list.people;
    const silver = await createTier(admin, 'Silver', 10);
    const gold = await createTier(admin, 'Gold', 20);
    made.hub = await createPartner(admin, {
      legalName: 'Taipei Cloud Distribution Co., Ltd.',
      displayName: '台北雲端',
      country: 'TW',
      type: 'distributor',
      tierId: gold.id,
      status: 'active',
      tags: ['strategic'],
    });
    made.vn = await createPartner(admin, {
      legalName: 'Công ty Cổ phần Giải pháp Số',
      displayName: 'Giải pháp Số',
      website: 'https://giaiphapso.vn',
      country: 'VN',
      type: 'reseller',
      tierId: silver.id,
      ownerUserId: channel_manager.userId,
      status: 'active',
      tags: ['apac', 'strategic'],
    });
    made.lv = await createPartner(admin, {
      legalName: 'Rīgas Datu Centrs SIA',
      country: 'LV',
      type: 'msp',
      status: 'onboarding',
      tags: ['at-risk'],
    });
    made.child = await createPartner(admin, {
      legalName: 'Kaohsiung Systems',
      country: 'TW',
      type: 'reseller',
      parentPartnerId: made.hub.id,
      ownerUserId: channel_manager.userId,
      status: 'applicant',
    });
    made.ref = await createPartner(admin, { legalName: 'Lisbon Referrals Lda', country: 'PT', type: 'referral' });
    const s = await list.people.admin.post(`/api/v1/partners/${made.ref.id}/status`, {
      status: 'terminated',
      reason: 'closed business',
    });
    expect(s.statusCode).toBe(200);
  });

  const ids = async (query: string) => {
    const res = await list.people.viewer.get(`/api/v1/partners?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().data as Partner[]).map((p) => p.id).sort();
  };
  const idsOf = (...names: string[]) => names.map((n) => made[n]?.id).sort();

  it('answers { data, nextCursor } with tier, owner and parent names', async () => {
    const res = await list.people.viewer.get('/api/v1/partners');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.data).toHaveLength(5);
    const child = body.data.find((p: Partner) => p.id === made.child?.id);
    expect(child).toMatchObject({
      parent: { id: made.hub?.id, name: '台北雲端' },
      owner: { id: list.people.channel_manager.userId },
    });
    expect(body.data.find((p: Partner) => p.id === made.vn?.id).tier).toMatchObject({ name: 'Silver' });
  });

  it('searches display name, legal name and domain, ignoring case, accents and word order', async () => {
    expect(await ids('q=giai%20phap%20so')).toEqual(idsOf('vn'));
    expect(await ids(`q=${encodeURIComponent('GIẢI PHÁP')}`)).toEqual(idsOf('vn'));
    expect(await ids('q=so%20giai')).toEqual(idsOf('vn'));
    expect(await ids('q=giaiphapso.vn')).toEqual(idsOf('vn'));
    expect(await ids('q=rigas%20datu')).toEqual(idsOf('lv'));
    expect(await ids(`q=${encodeURIComponent('台北')}`)).toEqual(idsOf('hub'));
    expect(await ids('q=taipei')).toEqual(idsOf('hub'));
    expect(await ids('q=100%25')).toEqual([]);
    expect(await ids('q=_')).toEqual([]);
  });

  it('filters by status, type, country, tier, owner, parent and tag (comma-separated lists mean any of)', async () => {
    expect(await ids('status=active')).toEqual(idsOf('hub', 'vn'));
    expect(await ids('status=onboarding,applicant')).toEqual(idsOf('lv', 'child'));
    expect(await ids('type=reseller')).toEqual(idsOf('vn', 'child'));
    expect(await ids('country=TW,LV')).toEqual(idsOf('hub', 'lv', 'child'));
    expect(await ids(`tierId=${made.hub?.tier?.id}`)).toEqual(idsOf('hub'));
    expect(await ids(`tierId=${made.hub?.tier?.id},${made.vn?.tier?.id}`)).toEqual(idsOf('hub', 'vn'));
    expect(await ids(`ownerUserId=${list.people.channel_manager.userId}`)).toEqual(idsOf('vn', 'child'));
    expect(await ids(`parentPartnerId=${made.hub?.id}`)).toEqual(idsOf('child'));
    expect(await ids('tag=strategic')).toEqual(idsOf('hub', 'vn'));
    expect(await ids('tag=apac,at-risk')).toEqual(idsOf('vn', 'lv'));
    expect(await ids('tag=strategic&country=VN&status=active')).toEqual(idsOf('vn'));
  });

  it('refuses unknown filter values with the parameter named', async () => {
    const res = await list.people.viewer.get('/api/v1/partners?status=dormant&country=vn&sort=name&limit=0');
    expect(res.statusCode).toBe(422);
    const paths = issuePaths(res);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^querystring\.status/),
        expect.stringMatching(/^querystring\.country/),
        'querystring.sort',
        'querystring.limit',
      ]),
    );
  });
});

describe('sorting and cursor pagination', () => {
  let pg: Awaited<ReturnType<typeof seedWorkspace>>;
  const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'Ánh Dương', 'echo'];

  beforeAll(async () => {
    pg = await seedWorkspace(t, 'Paging Co');
    const countries = ['VN', 'TW', 'LV', 'DE'];
    let i = 0;
    for (const name of names) {
      await createPartner(pg.people.admin, { legalName: name, country: countries[i++ % 4] });
      t.clock.advance(1000);
    }
    // Ties on every sort key: same name, same country, same created/updated time.
    for (let k = 0; k < 7; k++) await createPartner(pg.people.admin, { legalName: 'Same Name', country: 'VN' });
    t.clock.advance(1000);
  });

  const SORTS = [
    'displayName',
    '-displayName',
    'createdAt',
    '-createdAt',
    'updatedAt',
    '-updatedAt',
    'country',
    '-country',
  ];

  it('pages through every sort with no duplicates or gaps, in the same order as one big page', async () => {
    for (const sort of SORTS) {
      const whole = await pg.people.viewer.get(`/api/v1/partners?sort=${sort}&limit=200`);
      const expected = (whole.json().data as Partner[]).map((p) => p.id);
      expect(expected).toHaveLength(13);
      for (const limit of [1, 2, 5]) {
        const { items, pages } = await allPages<Partner>(pg.people.viewer, `/api/v1/partners?sort=${sort}`, limit);
        expect(
          items.map((p) => p.id),
          `${sort} limit ${limit}`,
        ).toEqual(expected);
        expect(pages).toBe(Math.ceil(13 / limit));
      }
    }
  });

  it('orders names ignoring case and accents, and by id within ties', async () => {
    const res = await pg.people.viewer.get('/api/v1/partners?sort=displayName&limit=200');
    const data = res.json().data as Partner[];
    expect(data.slice(0, 6).map((p) => p.displayName)).toEqual([
      'Alpha',
      'Ánh Dương',
      'Bravo',
      'charlie',
      'delta',
      'echo',
    ]);
    const same = data.slice(6).map((p) => p.id);
    expect(same).toEqual([...same].sort());
    const desc = await pg.people.viewer.get('/api/v1/partners?sort=-displayName&limit=200');
    expect((desc.json().data as Partner[]).map((p) => p.id)).toEqual(data.map((p) => p.id).reverse());
  });

  it('orders by creation time, newest first with -createdAt', async () => {
    const res = await pg.people.viewer.get('/api/v1/partners?sort=-createdAt&limit=200');
    const times = (res.json().data as Partner[]).map((p) => p.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('keeps microsecond timestamps (rows written outside the API) in order across pages', async () => {
    await inScope(t.services.db, { workspaceId: pg.workspaceId, userId: null, partnerId: null, kind: 'vendor' }, (tx) =>
      tx.execute(sql`UPDATE partners SET created_at = '2026-01-01T00:00:00.123456Z'::timestamptz
          + (CASE WHEN legal_name = 'Same Name' THEN interval '0' ELSE interval '1 microsecond' END)
          WHERE workspace_id = ${pg.workspaceId}`),
    );
    for (const sort of ['createdAt', '-createdAt']) {
      const whole = await pg.people.viewer.get(`/api/v1/partners?sort=${sort}&limit=200`);
      const expected = (whole.json().data as Partner[]).map((p) => p.id);
      const { items } = await allPages<Partner>(pg.people.viewer, `/api/v1/partners?sort=${sort}`, 2);
      expect(items.map((p) => p.id)).toEqual(expected);
    }
  });

  it('refuses a cursor from another sort order or one it never issued', async () => {
    const first = await pg.people.viewer.get('/api/v1/partners?sort=country&limit=2');
    const cursor = first.json().nextCursor as string;
    const wrongSort = await pg.people.viewer.get(`/api/v1/partners?sort=createdAt&cursor=${cursor}`);
    expect(wrongSort.statusCode).toBe(400);
    const junk = await pg.people.viewer.get('/api/v1/partners?cursor=not-a-cursor');
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.details.issues[0].path).toBe('querystring.cursor');
  });
});
