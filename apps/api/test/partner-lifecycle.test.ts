import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, createTestApp, seedWorkspace, type TestApp } from './harness';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t);
});
afterAll(async () => t?.close());

describe('partner lifecycle and portal access (C2)', () => {
  it('keeps access while suspended and ends it at termination, with the reason in the timeline', async () => {
    const created = await ws.people.channel_manager.post('/api/v1/partners', {
      legalName: 'SIA Kurzemes Tehnoloģijas',
      country: 'LV',
      type: 'var',
      status: 'active',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().partner.id as string;
    const rep = await addPartnerPerson(t, ws.workspaceId, id, 'partner_user', 'kurzeme');
    expect((await rep.get(`/api/v1/partners/${id}`)).statusCode).toBe(200);

    const suspend = await ws.people.channel_manager.post(`/api/v1/partners/${id}/status`, {
      status: 'suspended',
      reason: 'Overdue agreement renewal',
    });
    expect(suspend.statusCode).toBe(200);
    expect((await rep.get(`/api/v1/partners/${id}`)).statusCode).toBe(200);

    const terminate = await ws.people.channel_manager.post(`/api/v1/partners/${id}/status`, {
      status: 'terminated',
      reason: 'Agreement ended',
    });
    expect(terminate.statusCode).toBe(200);
    const after = await rep.get(`/api/v1/partners/${id}`);
    expect(after.statusCode).toBe(403);
    expect((await rep.get('/api/v1/me')).json().me.activeWorkspaceId).toBeNull();

    const events = (await ws.people.channel_manager.get(`/api/v1/partners/${id}/events`)).json().data;
    expect(events[0]).toMatchObject({
      type: 'status.changed',
      data: { from: 'suspended', to: 'terminated', reason: 'Agreement ended' },
    });
    const back = await ws.people.channel_manager.post(`/api/v1/partners/${id}/status`, {
      status: 'active',
      reason: 'oops',
    });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('invalid_state');
  });
});
