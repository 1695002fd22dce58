import type { Tier } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, createTier, issuePaths, UNKNOWN_ID } from '../../../test/partner-fixtures';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let other: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Tiered Program');
  other = await seedWorkspace(t, 'Other Program');
});
afterAll(async () => t?.close());

const tiers = async () => {
  const res = await ws.people.viewer.get('/api/v1/tiers');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { data: Tier[]; nextCursor: null };
};

describe('tiers', () => {
  it('creates tiers whose benefits are data, filling unset benefits with defaults', async () => {
    const res = await ws.people.admin.post('/api/v1/tiers', {
      name: 'Gold',
      rank: 30,
      description: 'Top resellers',
      benefits: {
        discountPercent: 22.5,
        dealProtectionDays: 120,
        mdfAllocation: { amountMinor: 2_500_000, currency: 'EUR' },
        commissionRatePercent: 7.25,
        leadPriority: 90,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().tier).toMatchObject({
      name: 'Gold',
      rank: 30,
      description: 'Top resellers',
      partnerCount: 0,
      benefits: { discountPercent: 22.5, mdfAllocation: { amountMinor: 2_500_000, currency: 'EUR' } },
    });
    const silver = await createTier(ws.people.admin, 'Silver', 20, { discountPercent: 10 });
    expect(silver.benefits).toEqual({
      discountPercent: 10,
      dealProtectionDays: 90,
      mdfAllocation: null,
      commissionRatePercent: 0,
      leadPriority: 0,
    });
    const audit = await ws.people.admin.get(`/api/v1/audit-log?targetType=tier&targetId=${silver.id}`);
    expect(audit.json().data).toEqual([
      expect.objectContaining({ action: 'tier.created', after: expect.objectContaining({ name: 'Silver' }) }),
    ]);
  });

  it('lists tiers by rank with how many partners hold each', async () => {
    const registered = await createTier(ws.people.admin, 'Registered', 10);
    await createPartner(ws.people.admin, { tierId: registered.id });
    await createPartner(ws.people.admin, { tierId: registered.id });
    const { data, nextCursor } = await tiers();
    expect(nextCursor).toBeNull();
    expect(data.map((x) => [x.name, x.partnerCount])).toEqual([
      ['Registered', 2],
      ['Silver', 0],
      ['Gold', 0],
    ]);
  });

  it('refuses bad benefits and duplicate names, listing every problem', async () => {
    const bad = await ws.people.admin.post('/api/v1/tiers', {
      name: '',
      rank: -1,
      benefits: {
        discountPercent: 120,
        dealProtectionDays: 1.5,
        mdfAllocation: { amountMinor: 10, currency: 'euro' },
        perks: 1,
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(issuePaths(bad)).toEqual(
      expect.arrayContaining([
        'body.name',
        'body.rank',
        'body.benefits.discountPercent',
        'body.benefits.dealProtectionDays',
        'body.benefits.mdfAllocation.currency',
      ]),
    );
    const dup = await ws.people.admin.post('/api/v1/tiers', { name: 'gold', rank: 1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('conflict');
  });

  it('updates a tier and audits the change', async () => {
    const tier = await createTier(ws.people.admin, 'Platinum', 40);
    const res = await ws.people.admin.patch(`/api/v1/tiers/${tier.id}`, {
      rank: 50,
      benefits: {
        discountPercent: 30,
        dealProtectionDays: 180,
        mdfAllocation: null,
        commissionRatePercent: 9,
        leadPriority: 100,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tier).toMatchObject({ rank: 50, benefits: { discountPercent: 30, dealProtectionDays: 180 } });
    const audit = await ws.people.admin.get(`/api/v1/audit-log?action=tier.updated&targetId=${tier.id}`);
    expect(audit.json().data[0]).toMatchObject({ before: { rank: 40 }, after: { rank: 50 } });
    const dup = await ws.people.admin.patch(`/api/v1/tiers/${tier.id}`, { name: 'Gold' });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses deleting a tier in use with the count, and deletes an unused one', async () => {
    const used = await createTier(ws.people.admin, 'In Use', 5);
    for (let i = 0; i < 3; i++) await createPartner(ws.people.admin, { tierId: used.id });
    const refused = await ws.people.admin.delete(`/api/v1/tiers/${used.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'invalid_state', details: { partnerCount: 3 } });
    expect(refused.json().error.message).toContain('3 partners');
    const unused = await createTier(ws.people.admin, 'Unused', 6);
    expect((await ws.people.admin.delete(`/api/v1/tiers/${unused.id}`)).statusCode).toBe(204);
    expect((await tiers()).data.map((x) => x.id)).not.toContain(unused.id);
    expect((await ws.people.admin.delete(`/api/v1/tiers/${unused.id}`)).statusCode).toBe(404);
  });

  it('keeps workspaces apart and lets only tier managers change tiers', async () => {
    const foreign = await createTier(other.people.admin, 'Foreign', 1);
    expect((await ws.people.admin.patch(`/api/v1/tiers/${foreign.id}`, { rank: 2 })).statusCode).toBe(404);
    expect((await ws.people.admin.delete(`/api/v1/tiers/${foreign.id}`)).statusCode).toBe(404);
    expect((await ws.people.admin.patch(`/api/v1/tiers/${UNKNOWN_ID}`, { rank: 2 })).statusCode).toBe(404);
    expect((await tiers()).data.map((x) => x.name)).not.toContain('Foreign');
    for (const role of ['channel_manager', 'viewer', 'finance'] as const) {
      expect((await ws.people[role].post('/api/v1/tiers', { name: `By ${role}`, rank: 1 })).statusCode).toBe(403);
    }
  });

  it('shows partner people the tiers, counting only their own company', async () => {
    const gold = (await tiers()).data.find((x) => x.name === 'Gold') as Tier;
    const own = await createPartner(ws.people.admin, { tierId: gold.id });
    await createPartner(ws.people.admin, { tierId: gold.id });
    const pu = await addPartnerPerson(t, ws.workspaceId, own.id, 'partner_user', 'tiers');
    const res = await pu.get('/api/v1/tiers');
    expect(res.statusCode).toBe(200);
    expect(res.json().data.find((x: Tier) => x.id === gold.id).partnerCount).toBe(1);
    expect((await pu.patch(`/api/v1/tiers/${gold.id}`, { rank: 1 })).statusCode).toBe(403);
  });
});
