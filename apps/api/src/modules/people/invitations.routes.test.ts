import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, createTestApp, seedWorkspace, signIn, type TestApp } from '../../../test/harness';
import { partners } from '../../db/schema/index';
import { inScope } from '../../db/scope';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let other: Awaited<ReturnType<typeof seedWorkspace>>;
let partnerId: string;
let otherPartnerId: string;

async function insertPartner(workspaceId: string, name: string): Promise<string> {
  const id = uuidv7();
  await inScope(t.services.db, { workspaceId, userId: null, partnerId: null, kind: 'vendor' }, (tx) =>
    tx.insert(partners).values({
      id,
      workspaceId,
      legalName: name,
      displayName: name,
      searchName: name.toLowerCase(),
      country: 'VN',
      type: 'reseller',
      status: 'active',
    }),
  );
  return id;
}

function tokenFrom(text: string): string {
  const token = /accept-invitation\?token=([\w-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no invitation link in: ${text}`);
  return token;
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Northwind');
  other = await seedWorkspace(t, 'Contoso');
  partnerId = await insertPartner(ws.workspaceId, 'Saigon Digital');
  otherPartnerId = await insertPartner(ws.workspaceId, 'Riga Cloud');
});
afterAll(async () => t?.close());

describe('invitations', () => {
  it('a vendor admin invites a partner admin; the e-mail arrives over SMTP; accepting creates the account and signs in', async () => {
    const res = await ws.people.admin.post('/api/v1/invitations', {
      email: 'Tuan@SaigonDigital.vn',
      role: 'partner_admin',
      partnerId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitation).toMatchObject({
      email: 'tuan@saigondigital.vn',
      status: 'pending',
      role: 'partner_admin',
    });
    await t.services.jobs.drain();
    const mail = t.inbox.find((m) => m.to === 'tuan@saigondigital.vn');
    expect(mail?.subject).toContain('Northwind');
    const token = tokenFrom(mail?.text ?? '');

    const preview = await t.app.inject({ method: 'GET', url: `/api/v1/invitation-lookup?token=${token}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().invitation).toMatchObject({
      workspaceName: 'Northwind',
      partnerName: 'Saigon Digital',
      userExists: false,
    });

    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitation-acceptances',
      payload: { token, name: 'Lê Minh Tuấn', password: 'a-long-enough-password' },
    });
    expect(accept.statusCode).toBe(200);
    const me = accept.json().me;
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: 'partner_admin', partnerId, partnerName: 'Saigon Digital' }),
    ]);
    expect(accept.cookies.some((c) => c.name.includes('session_token'))).toBe(true);

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitation-acceptances',
      payload: { token, password: 'a-long-enough-password' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');

    const invitee = await signIn(t.app, 'tuan@saigondigital.vn', 'a-long-enough-password');
    expect((await invitee.get('/api/v1/me')).json().me.permissions).toContain('member.invite');

    const notes = (await ws.people.admin.get('/api/v1/notifications')).json();
    expect(notes.unreadCount).toBeGreaterThan(0);
    expect(notes.data[0]).toMatchObject({
      type: 'invitation.accepted',
      data: expect.objectContaining({ email: 'tuan@saigondigital.vn' }),
    });
    const read = await ws.people.admin.post(`/api/v1/notifications/${notes.data[0].id}/read`);
    expect(read.json().updated).toBe(1);
  });

  it('expired invitations cannot be accepted', async () => {
    await ws.people.admin.post('/api/v1/invitations', { email: 'late@example.com', role: 'viewer' });
    await t.services.jobs.drain();
    const token = tokenFrom(t.inbox.find((m) => m.to === 'late@example.com')?.text ?? '');
    t.clock.advance(73 * 3600 * 1000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitation-acceptances',
      payload: { token, name: 'Late', password: 'a-long-enough-password' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_token');
  });

  it('an existing person must be signed in as themselves to join another workspace', async () => {
    const res = await other.people.admin.post('/api/v1/invitations', { email: ws.people.viewer.email, role: 'viewer' });
    expect(res.statusCode).toBe(201);
    await t.services.jobs.drain();
    const token = tokenFrom(t.inbox.filter((m) => m.to === ws.people.viewer.email).at(-1)?.text ?? '');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/invitation-acceptances', payload: { token } });
    expect(anonymous.statusCode).toBe(401);
    const accepted = await ws.people.viewer.post('/api/v1/invitation-acceptances', { token });
    expect(accepted.statusCode).toBe(200);
    const names = accepted
      .json()
      .me.memberships.map((m: { workspace: { name: string } }) => m.workspace.name)
      .sort();
    expect(names).toEqual(['Contoso', 'Northwind']);
    const switched = await ws.people.viewer.post('/api/v1/me/active-workspace', { workspaceId: other.workspaceId });
    expect(switched.json().me.activeWorkspaceId).toBe(other.workspaceId);
    const byHeader = await ws.people.viewer.request({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: { 'x-workspace-id': ws.workspaceId },
    });
    expect(byHeader.json().workspace.name).toBe('Northwind');
  });

  it('keeps who may invite whom', async () => {
    const cm = await ws.people.channel_manager.post('/api/v1/invitations', {
      email: 'boss@example.com',
      role: 'admin',
    });
    expect(cm.statusCode).toBe(403);
    const viewer = await ws.people.viewer.post('/api/v1/invitations', {
      email: 'x@example.com',
      role: 'partner_user',
      partnerId,
    });
    expect(viewer.statusCode).toBe(403);
    const noPartner = await ws.people.admin.post('/api/v1/invitations', {
      email: 'y@example.com',
      role: 'partner_user',
    });
    expect(noPartner.statusCode).toBe(403);
    const foreign = await other.people.admin.post('/api/v1/invitations', {
      email: 'z@example.com',
      role: 'partner_user',
      partnerId,
    });
    expect(foreign.statusCode).toBe(404);
    const dup = await ws.people.admin.post('/api/v1/invitations', { email: ws.people.finance.email, role: 'viewer' });
    expect(dup.statusCode).toBe(409);
  });

  it('a partner admin invites teammates only into their own company', async () => {
    const pa = await addPartnerPerson(t, ws.workspaceId, partnerId, 'partner_admin', 'sgd');
    const own = await pa.post('/api/v1/invitations', { email: 'rep@saigondigital.vn', role: 'partner_user' });
    expect(own.statusCode).toBe(201);
    expect(own.json().invitation.partnerId).toBe(partnerId);
    const elsewhere = await pa.post('/api/v1/invitations', {
      email: 'rep@rigacloud.lv',
      role: 'partner_user',
      partnerId: otherPartnerId,
    });
    expect(elsewhere.statusCode).toBe(404);
    const vendorRole = await pa.post('/api/v1/invitations', { email: 'cm@saigondigital.vn', role: 'channel_manager' });
    expect(vendorRole.statusCode).toBe(403);
    const list = (await pa.get('/api/v1/invitations')).json().data;
    expect(list.every((i: { partnerId: string }) => i.partnerId === partnerId)).toBe(true);
  });

  it('replays a create with the same Idempotency-Key and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'invite-once-123' };
    const a = await ws.people.admin.post('/api/v1/invitations', { email: 'once@example.com', role: 'viewer' }, headers);
    const b = await ws.people.admin.post('/api/v1/invitations', { email: 'once@example.com', role: 'viewer' }, headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    const c = await ws.people.admin.post(
      '/api/v1/invitations',
      { email: 'twice@example.com', role: 'viewer' },
      headers,
    );
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('idempotency_key_reused');
  });
});

describe('members', () => {
  it('a partner admin deactivates a teammate, who then loses access', async () => {
    const pa = await addPartnerPerson(t, ws.workspaceId, otherPartnerId, 'partner_admin', 'riga');
    const pu = await addPartnerPerson(t, ws.workspaceId, otherPartnerId, 'partner_user', 'riga');
    const members = (await pa.get('/api/v1/members')).json().data;
    expect(members.every((m: { partnerId: string }) => m.partnerId === otherPartnerId)).toBe(true);
    const target = members.find((m: { userId: string }) => m.userId === pu.userId);
    const res = await pa.patch(`/api/v1/members/${target.id}`, { status: 'deactivated' });
    expect(res.statusCode).toBe(200);
    expect((await pu.get('/api/v1/workspace')).statusCode).toBe(403);
    const promote = await pa.patch(`/api/v1/members/${target.id}`, { role: 'admin' });
    expect(promote.statusCode).toBe(403);
  });

  it('never leaves a workspace without an active admin', async () => {
    const members = (await ws.people.admin.get('/api/v1/members?role=admin')).json().data;
    const self = members.find((m: { userId: string }) => m.userId === ws.people.admin.userId);
    expect((await ws.people.admin.patch(`/api/v1/members/${self.id}`, { role: 'viewer' })).statusCode).toBe(403);
  });
});

describe('audit log', () => {
  it('records changes with actor, request id and before/after; admins filter it, others may not read it', async () => {
    await ws.people.admin.patch('/api/v1/workspace', { name: 'Northwind Partners' });
    const res = await ws.people.admin.get('/api/v1/audit-log?action=workspace.updated');
    expect(res.statusCode).toBe(200);
    const entry = res.json().data[0];
    expect(entry).toMatchObject({
      action: 'workspace.updated',
      targetType: 'workspace',
      actor: { id: ws.people.admin.userId },
      before: { name: 'Northwind' },
      after: { name: 'Northwind Partners' },
    });
    expect(entry.requestId).toBeTruthy();
    expect((await ws.people.viewer.get('/api/v1/audit-log')).statusCode).toBe(403);
    const page1 = (await ws.people.admin.get('/api/v1/audit-log?limit=2')).json();
    const page2 = (await ws.people.admin.get(`/api/v1/audit-log?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.data.map((e: { id: string }) => e.id)).not.toContain(page1.data[0].id);
    expect((await ws.people.admin.get('/api/v1/audit-log?cursor=garbage')).statusCode).toBe(400);
  });
});
