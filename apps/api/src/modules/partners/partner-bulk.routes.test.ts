import type { Partner, PartnerEvent } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, createTier, issuePaths, UNKNOWN_ID } from '../../../test/partner-fixtures';

let t: TestApp;
let other: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  other = await seedWorkspace(t, 'Other Vendor');
});
afterAll(async () => t?.close());

describe('POST /partners/bulk', () => {
  let bulk: Awaited<ReturnType<typeof seedWorkspace>>;
  let ids: string[];
  beforeAll(async () => {
    bulk = await seedWorkspace(t, 'Bulk Co');
    ids = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        (await createPartner(bulk.people.admin, { legalName: `Bulk ${i}`, tags: i === 0 ? ['keep', 'x'] : ['keep'] }))
          .id,
      );
    }
  });
  const bulkEvents = async (id: string) =>
    ((await bulk.people.admin.get(`/api/v1/partners/${id}/events`)).json().data as PartnerEvent[]).map((e) => e.type);

  it('assigns an owner to every partner, one audit row and one event each', async () => {
    const { channel_manager } = bulk.people;
    const res = await channel_manager.post('/api/v1/partners/bulk', {
      action: 'assign_owner',
      ownerUserId: channel_manager.userId,
      partnerIds: ids,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ action: 'assign_owner', matched: 4, changedIds: ids });
    for (const id of ids) {
      expect((await bulkEvents(id))[0]).toBe('owner.changed');
      const audit = await bulk.people.admin.get(`/api/v1/audit-log?targetId=${id}&action=partner.updated`);
      expect(audit.json().data).toEqual([
        expect.objectContaining({ before: { ownerUserId: null }, after: { ownerUserId: channel_manager.userId } }),
      ]);
    }
    const again = await channel_manager.post('/api/v1/partners/bulk', {
      action: 'assign_owner',
      ownerUserId: channel_manager.userId,
      partnerIds: ids,
    });
    expect(again.json().changedIds).toEqual([]);
  });

  it('changes tier, adds and removes tags', async () => {
    const { admin } = bulk.people;
    const tier = await createTier(admin, 'Platinum', 40);
    const tiered = await admin.post('/api/v1/partners/bulk', {
      action: 'change_tier',
      tierId: tier.id,
      partnerIds: ids.slice(0, 2),
    });
    expect(tiered.json().changedIds).toEqual(ids.slice(0, 2));
    const listed = await admin.get(`/api/v1/partners?tierId=${tier.id}`);
    expect(
      listed
        .json()
        .data.map((p: Partner) => p.id)
        .sort(),
    ).toEqual(ids.slice(0, 2).sort());

    const added = await admin.post('/api/v1/partners/bulk', {
      action: 'add_tags',
      tags: ['x', 'new', 'new'],
      partnerIds: ids,
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().changedIds).toEqual(ids);
    const first = (await admin.get(`/api/v1/partners/${ids[0]}`)).json().partner;
    expect(first.tags).toEqual(['keep', 'x', 'new']);
    const second = (await admin.get(`/api/v1/partners/${ids[1]}`)).json().partner;
    expect(second.tags).toEqual(['keep', 'x', 'new']);
    const tagEvents = (await admin.get(`/api/v1/partners/${ids[0]}/events`)).json().data as PartnerEvent[];
    expect(tagEvents[0]).toMatchObject({ type: 'tags.changed', data: { added: ['new'], removed: [] } });

    const removed = await admin.post('/api/v1/partners/bulk', {
      action: 'remove_tags',
      tags: ['keep'],
      partnerIds: ids,
    });
    expect(removed.json().changedIds).toEqual(ids);
    expect((await admin.get(`/api/v1/partners/${ids[0]}`)).json().partner.tags).toEqual(['x', 'new']);
  });

  it('changes status all or nothing: one partner that cannot move stops every change', async () => {
    const { admin } = bulk.people;
    const applicant = await createPartner(admin, { legalName: 'Bulk Applicant', status: 'applicant' });
    const mixed = await admin.post('/api/v1/partners/bulk', {
      action: 'change_status',
      status: 'active',
      reason: 'program launch',
      partnerIds: [...ids, applicant.id],
    });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error).toMatchObject({
      code: 'invalid_state',
      details: {
        to: 'active',
        problems: [{ id: applicant.id, from: 'applicant', to: 'active', allowed: ['onboarding', 'terminated'] }],
      },
    });
    expect((await admin.get(`/api/v1/partners/${ids[0]}`)).json().partner.status).toBe('onboarding');

    const ok = await admin.post('/api/v1/partners/bulk', {
      action: 'change_status',
      status: 'active',
      reason: 'program launch',
      partnerIds: ids,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    for (const id of ids) {
      const timeline = (await admin.get(`/api/v1/partners/${id}/events`)).json().data as PartnerEvent[];
      expect(timeline[0]).toMatchObject({
        type: 'status.changed',
        data: { from: 'onboarding', to: 'active', reason: 'program launch' },
      });
    }
  });

  it('answers 404 listing ids it cannot see, changing nothing', async () => {
    const foreign = await createPartner(other.people.admin);
    const res = await bulk.people.admin.post('/api/v1/partners/bulk', {
      action: 'add_tags',
      tags: ['ghost'],
      partnerIds: [ids[0], foreign.id, UNKNOWN_ID],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details.ids).toEqual([foreign.id, UNKNOWN_ID]);
    expect((await bulk.people.admin.get(`/api/v1/partners/${ids[0]}`)).json().partner.tags).not.toContain('ghost');
  });

  it('validates the action: owner eligibility, tier existence, more than 500 ids, unknown actions', async () => {
    const { admin, viewer } = bulk.people;
    const owner = await admin.post('/api/v1/partners/bulk', {
      action: 'assign_owner',
      ownerUserId: viewer.userId,
      partnerIds: ids,
    });
    expect(issuePaths(owner)).toEqual(['body.ownerUserId']);
    const tier = await admin.post('/api/v1/partners/bulk', {
      action: 'change_tier',
      tierId: UNKNOWN_ID,
      partnerIds: ids,
    });
    expect(issuePaths(tier)).toEqual(['body.tierId']);
    const many = Array.from({ length: 501 }, () => UNKNOWN_ID);
    const tooMany = await admin.post('/api/v1/partners/bulk', { action: 'add_tags', tags: ['a'], partnerIds: many });
    expect(tooMany.statusCode).toBe(422);
    const unknown = await admin.post('/api/v1/partners/bulk', { action: 'delete', partnerIds: ids });
    expect(unknown.statusCode).toBe(422);
    expect(
      (await viewer.post('/api/v1/partners/bulk', { action: 'add_tags', tags: ['a'], partnerIds: ids })).statusCode,
    ).toBe(403);
  });
});
