import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, seedWorkspace, signIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t);
});
afterAll(async () => t?.close());

describe('sign-in', () => {
  it('signs in with the right password and shows the person their workspace and role', async () => {
    const res = await ws.people.admin.get('/api/v1/me');
    expect(res.statusCode).toBe(200);
    const me = res.json().me;
    expect(me.activeWorkspaceId).toBe(ws.workspaceId);
    expect(me.memberships).toEqual([expect.objectContaining({ role: 'admin', partnerId: null })]);
    expect(me.permissions).toContain('partner.create');
  });

  it('sets an http-only session cookie and a readable CSRF cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ws.people.viewer.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name.includes('session_token'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(res.cookies.find((c) => c.name === 'trellis_csrf')?.httpOnly).toBeFalsy();
  });

  it('refuses a wrong password without saying whether the e-mail exists', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: ws.people.viewer.email, password: 'nope-nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'nobody@example.com', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks the e-mail after five failures, even for the right password', async () => {
    const email = ws.people.marketing.email;
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email, password: `wrong-${i}-password` },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');
    t.clock.advance(16 * 60 * 1000);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password: PASSWORD },
    });
    expect(again.statusCode).toBe(200);
  });

  it('answers 401 without a session and 403 on writes without the CSRF header', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const res = await ws.people.admin.request({
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { name: 'X' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/CSRF/);
  });

  it('signs out: the old cookies no longer work', async () => {
    const c = await signIn(t.app, ws.people.finance.email);
    expect((await c.post('/api/v1/auth/sign-out')).statusCode).toBe(204);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('e-mails a link over SMTP; the token sets a new password once', async () => {
    const email = ws.people.channel_manager.email;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email } });
    expect(res.statusCode).toBe(202);
    await t.services.jobs.drain();
    const mail = t.inbox.find((m) => m.to === email && /reset/i.test(m.subject));
    expect(mail).toBeDefined();
    const token = /token=([^\s&]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const newPassword = 'a-brand-new-passphrase';
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: decodeURIComponent(token ?? ''), password: newPassword },
    });
    expect(ok.statusCode).toBe(204);
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: decodeURIComponent(token ?? ''), password: newPassword },
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('invalid_token');
    await expect(signIn(t.app, email, newPassword)).resolves.toBeDefined();
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const before = t.inbox.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: 'ghost@example.com' },
    });
    expect(res.statusCode).toBe(202);
    await t.services.jobs.drain();
    expect(t.inbox.length).toBe(before);
  });
});

describe('profile', () => {
  it('keeps language, time zone and notification preferences', async () => {
    const res = await ws.people.viewer.patch('/api/v1/me', {
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      notificationPrefs: { email: false, inApp: true, digest: 'weekly' },
    });
    expect(res.statusCode).toBe(200);
    const me = (await ws.people.viewer.get('/api/v1/me')).json().me;
    expect(me.user).toMatchObject({
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      notificationPrefs: { email: false, digest: 'weekly' },
    });
  });

  it('rejects an unknown time zone and an unknown language, naming both fields', async () => {
    const res = await ws.people.viewer.patch('/api/v1/me', { locale: 'fr', timeZone: 'Mars/Olympus' });
    expect(res.statusCode).toBe(422);
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.locale', 'body.timeZone']));
  });
});
