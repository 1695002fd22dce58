import type { Partner, SavedView } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, issuePaths, UNKNOWN_ID } from '../../../test/partner-fixtures';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let other: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Segments Co');
  other = await seedWorkspace(t, 'Other Vendor');
});
afterAll(async () => t?.close());

describe('saved views', () => {
  it('saves a partner-list query with columns, and the query opens the segment it describes', async () => {
    await createPartner(ws.people.admin, { legalName: 'Hanoi Active', country: 'VN', status: 'active', tags: ['vip'] });
    await createPartner(ws.people.admin, { legalName: 'Hanoi Onboarding', country: 'VN', tags: ['vip'] });
    await createPartner(ws.people.admin, {
      legalName: 'Taipei Active',
      country: 'TW',
      status: 'active',
      tags: ['vip'],
    });
    const res = await ws.people.channel_manager.post('/api/v1/saved-views', {
      name: 'Active VIPs in Vietnam',
      query: { status: 'active', country: 'VN', tag: 'vip', sort: '-createdAt' },
      columns: ['displayName', 'tier', 'owner', 'status'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json().savedView as SavedView;
    expect(view).toMatchObject({
      name: 'Active VIPs in Vietnam',
      query: { status: 'active', country: 'VN', tag: 'vip', sort: '-createdAt' },
      columns: ['displayName', 'tier', 'owner', 'status'],
    });
    const listed = await ws.people.channel_manager.get('/api/v1/saved-views');
    expect(listed.json()).toEqual({ data: [view], nextCursor: null });

    const segment = await ws.people.channel_manager.get(`/api/v1/partners?${new URLSearchParams(view.query)}`);
    expect(segment.json().data.map((p: Partner) => p.displayName)).toEqual(['Hanoi Active']);
    const audit = await ws.people.admin.get(`/api/v1/audit-log?targetType=saved_view&targetId=${view.id}`);
    expect(audit.json().data[0].action).toBe('saved_view.created');
  });

  it('refuses a query GET /partners would refuse, unknown parameters and unknown columns', async () => {
    const res = await ws.people.viewer.post('/api/v1/saved-views', {
      name: '',
      query: { status: 'dormant', sort: 'size', colour: 'red' },
      columns: ['displayName', 'shoeSize'],
    });
    expect(res.statusCode).toBe(422);
    const paths = issuePaths(res);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.columns.1']));
    expect(paths.some((p) => p.startsWith('body.query'))).toBe(true);
    const invalidValue = await ws.people.viewer.post('/api/v1/saved-views', {
      name: 'x',
      query: { status: 'dormant' },
    });
    expect(issuePaths(invalidValue)).toEqual([expect.stringMatching(/^body\.query\.status/)]);
  });

  it('keeps views per person: others neither see nor delete them', async () => {
    const mine = await ws.people.viewer.post('/api/v1/saved-views', { name: 'Mine', query: { country: 'TW' } });
    expect(mine.statusCode).toBe(201);
    const id = mine.json().savedView.id as string;
    const theirs = await ws.people.admin.get('/api/v1/saved-views');
    expect(theirs.json().data.map((v: SavedView) => v.id)).not.toContain(id);
    expect((await ws.people.admin.delete(`/api/v1/saved-views/${id}`)).statusCode).toBe(404);
    expect((await other.people.admin.delete(`/api/v1/saved-views/${id}`)).statusCode).toBe(404);
    expect((await ws.people.viewer.delete(`/api/v1/saved-views/${id}`)).statusCode).toBe(204);
    expect((await ws.people.viewer.get('/api/v1/saved-views')).json().data.map((v: SavedView) => v.id)).not.toContain(
      id,
    );
    expect((await ws.people.viewer.delete(`/api/v1/saved-views/${UNKNOWN_ID}`)).statusCode).toBe(404);
  });

  it('lets partner people keep views too', async () => {
    const p = await createPartner(ws.people.admin);
    const pu = await addPartnerPerson(t, ws.workspaceId, p.id, 'partner_user', 'views');
    const res = await pu.post('/api/v1/saved-views', { name: 'Us', query: { q: 'partner' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await pu.get('/api/v1/saved-views')).json().data).toHaveLength(1);
  });
});
