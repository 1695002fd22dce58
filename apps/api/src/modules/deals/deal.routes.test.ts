import { ConflictHintSchema, DealRegistrationDetailSchema } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, createTier, issuePaths } from '../../../test/partner-fixtures';
import { inScope } from '../../db/scope';
import { enqueue } from '../../jobs/queue';
import { DEAL_TIMERS_JOB } from './index';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let p1: Client;
let p2: Client;
let p1Id: string;
let p2Id: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const future = (days: number) => new Date(t.clock.now.getTime() + days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Deal Program');
  const gold = await createTier(ws.people.admin, 'Gold', 30, { dealProtectionDays: 120 });
  const me = await ws.people.channel_manager.get('/api/v1/me');
  const owner = me.json().me.user.id as string;
  const a = await createPartner(ws.people.admin, { status: 'active', tierId: gold.id, ownerUserId: owner });
  const b = await createPartner(ws.people.admin, { status: 'active' });
  p2Id = b.id;
  p1Id = a.id;
  p1 = await addPartnerPerson(t, ws.workspaceId, a.id, 'partner_user', 'p1');
  p2 = await addPartnerPerson(t, ws.workspaceId, b.id, 'partner_user', 'p2');
});
afterAll(async () => t?.close());

const draft = (name: string, extra: Record<string, unknown> = {}) => ({
  contact: { firstName: 'Lan', lastName: 'Nguyễn', email: `lan@${name.toLowerCase().replace(/[^a-z]/g, '')}.vn` },
  products: [{ product: 'Firewall', quantity: 2, amount: { amountMinor: 500_000, currency: 'USD' } }],
  expectedCloseDate: future(30),
  ...extra,
  customer: { name, country: 'VN', ...((extra.customer as object) ?? {}) },
});

async function register(client: Client, body: unknown, submit = true) {
  const res = await client.post('/api/v1/deal-registrations', { ...(body as object), submit });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().registration;
}

/** The timers job as the runner would start it when its wake-up falls due (the test clock moved). */
async function runTimers() {
  await inScope(t.services.db, { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' }, (tx) =>
    enqueue(tx, { type: DEAL_TIMERS_JOB, workspaceId: ws.workspaceId, payload: { workspaceId: ws.workspaceId } }),
  );
  await t.services.jobs.drain();
}

describe('accounts and match keys', () => {
  it('creates accounts for vendor staff and indexes them by blocking keys', async () => {
    const res = await ws.people.channel_manager.post('/api/v1/accounts', {
      name: 'Công ty TNHH Phần mềm FPT',
      domains: ['https://www.fpt-software.com.vn/about'],
      country: 'VN',
      namedAccount: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const account = res.json().account;
    expect(account).toMatchObject({ name: 'Công ty TNHH Phần mềm FPT', namedAccount: true, country: 'VN' });
    const keys = await inScope(
      t.services.db,
      { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' },
      (tx) => tx.execute(sql`SELECT key FROM deal_match_keys WHERE source_id = ${account.id}`),
    );
    expect((keys.rows as { key: string }[]).map((r) => r.key)).toEqual(
      expect.arrayContaining(['d:fpt-software.com.vn']),
    );
    // Stored as the host the URL named, the form the CSV import stores.
    expect(account.domains).toEqual(['fpt-software.com.vn']);
    expect((await p1.get('/api/v1/accounts')).statusCode).toBe(403);
    const list = await ws.people.viewer.get('/api/v1/accounts?q=fpt');
    expect(list.json().data.map((a: { id: string }) => a.id)).toEqual([account.id]);
  });

  it('refuses domains that cannot identify a customer, naming each, and stores nothing', async () => {
    const res = await ws.people.channel_manager.post('/api/v1/accounts', {
      name: 'Hà Nội Logistics',
      domains: ['hanoilogistics.vn', 'not a domain', 'gmail.com', 'facebook.com/hanoilogistics'],
      country: 'VN',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.domains.1', code: 'invalid_domain' }),
      expect.objectContaining({ path: 'body.domains.2', code: 'invalid_domain' }),
      expect.objectContaining({ path: 'body.domains.3', code: 'invalid_domain' }),
    ]);
    const list = await ws.people.viewer.get('/api/v1/accounts?q=logistics');
    expect(list.json().data).toEqual([]);
  });
});

describe('registration lifecycle', () => {
  it('drafts, refuses incomplete or past data naming the field, submits, and refuses a second submit', async () => {
    const past = await p1.post(
      '/api/v1/deal-registrations',
      draft('Sao Mai Trading', { expectedCloseDate: '2000-01-01' }),
    );
    expect(past.statusCode).toBe(422);
    expect(issuePaths(past)).toEqual(['body.expectedCloseDate']);
    const badDomain = await p1.post(
      '/api/v1/deal-registrations',
      draft('Sao Mai Trading', { customer: { domain: 'gmail.com' } }),
    );
    expect(badDomain.statusCode).toBe(422);
    expect(badDomain.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.customer.domain', code: 'invalid_domain' }),
    ]);
    const badMoney = await p1.post('/api/v1/deal-registrations', {
      ...draft('Sao Mai Trading'),
      products: [{ product: 'X', quantity: 1, amount: { amountMinor: -5, currency: 'XYZ' } }],
    });
    expect(badMoney.statusCode).toBe(422);
    const empty = await register(p1, { customer: { name: 'Sao Mai Trading', country: 'VN' } }, false);
    expect(empty.status).toBe('draft');
    const incomplete = await p1.post(`/api/v1/deal-registrations/${empty.id}/submit`);
    expect(incomplete.statusCode).toBe(422);
    expect(issuePaths(incomplete)).toEqual(['contact', 'expectedCloseDate', 'products']);

    const reg = await register(p1, draft('Sao Mai Trading'));
    expect(reg.status).toBe('submitted');
    expect(reg.transitions.map((x: { to: string }) => x.to)).toEqual(['submitted']);
    const again = await p1.post(`/api/v1/deal-registrations/${reg.id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'invalid_state' });
    expect(again.json().error.message).toContain('submitted');
  });

  it('answers a submit with exactly what reading the registration shows afterwards, reviewed or auto-approved', async () => {
    // Submit builds its answer from the write (no re-read): it must equal the detail read back.
    const reviewed = await register(p1, draft('Phú Mỹ Hưng Development', { notes: 'review me' }));
    expect(reviewed.status).toBe('submitted');
    const readBack = (await p1.get(`/api/v1/deal-registrations/${reviewed.id}`)).json().registration;
    expect(reviewed).toEqual(readBack);
    // Submit and the hint answer with plain JSON.stringify (presented-json.ts): their bodies must be the
    // contract exactly, so parsing them with the schemas changes nothing.
    const wrapped = z.object({ registration: DealRegistrationDetailSchema }).strict();
    expect(wrapped.parse({ registration: reviewed })).toEqual({ registration: reviewed });
    for (const body of [{ name: 'Phú Mỹ Hưng Development', country: 'VN' }, { name: 'Nobody Here Ltd' }]) {
      const hint = (await p2.post('/api/v1/deal-registrations/conflict-hint', body)).json();
      expect(z.object({ hint: ConflictHintSchema.strict() }).strict().parse(hint)).toEqual(hint);
    }
    await ws.people.admin.patch('/api/v1/deal-settings', {
      autoApprove: { enabled: true, minTierRank: null, maxAmountMinor: null },
    });
    try {
      const auto = await register(p1, draft('Masan Consumer Holdings'));
      expect(auto).toMatchObject({ status: 'approved', autoApproved: true });
      expect(auto.transitions.map((x: { to: string }) => x.to)).toEqual(['submitted', 'approved']);
      expect(auto).toEqual((await p1.get(`/api/v1/deal-registrations/${auto.id}`)).json().registration);
      expect(wrapped.parse({ registration: auto })).toEqual({ registration: auto });
    } finally {
      await ws.people.admin.patch('/api/v1/deal-settings', {
        autoApprove: { enabled: false, minTierRank: null, maxAmountMinor: null },
      });
    }
    // The review request reaches the partner's owner once the outbox job ran.
    await t.services.jobs.drain();
    const notes = (await ws.people.channel_manager.get('/api/v1/notifications')).json().data as {
      type: string;
      data: { registrationId?: string };
    }[];
    expect(notes.some((n) => n.type === 'deal.review_requested' && n.data.registrationId === reviewed.id)).toBe(true);
  });

  it('asks for information, lets the partner edit and resubmit, approves with the tier protection, and the partner sees every reason', async () => {
    const reg = await register(p1, draft('Hoa Sen Logistics'));
    const ask = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/request-info`, {
      reason: 'Which warehouse is this for?',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    expect(ask.json().registration.status).toBe('needs_info');
    const edit = await p1.patch(`/api/v1/deal-registrations/${reg.id}`, { notes: 'Bình Dương warehouse' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await p1.post(`/api/v1/deal-registrations/${reg.id}/submit`)).statusCode).toBe(200);
    const approve = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/approve`, {});
    expect(approve.statusCode, approve.body).toBe(200);
    const seen = (await p1.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration;
    expect(seen.status).toBe('approved');
    expect(new Date(seen.protectedUntil).getTime() - t.clock.now.getTime()).toBe(120 * DAY);
    expect(seen.transitions.map((x: { to: string; reason: string | null }) => [x.to, x.reason])).toEqual([
      ['submitted', null],
      ['needs_info', 'Which warehouse is this for?'],
      ['submitted', null],
      ['approved', 'approved with 120 days of protection'],
    ]);
    expect(seen.conflicts).toBeNull();
    const withdraw = await p1.post(`/api/v1/deal-registrations/${reg.id}/withdraw`, {});
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().error.message).toContain('approved');
  });

  it('a partner never sees another partner’s registration (404) nor lists it', async () => {
    const reg = await register(p1, draft('Mekong Seafood'));
    expect((await p2.get(`/api/v1/deal-registrations/${reg.id}`)).statusCode).toBe(404);
    const list = (await p2.get('/api/v1/deal-registrations')).json().data as { id: string }[];
    expect(list.map((r) => r.id)).not.toContain(reg.id);
  });
});

describe('conflicts, hints and alerts', () => {
  it('the hint tells a partner a customer appears taken, never by whom or for how much; reviewers see both sides', async () => {
    const mine = await register(p1, draft('Vinamilk Dairy', { customer: { domain: 'vinamilk.com.vn' } }));
    const none = await p2.post('/api/v1/deal-registrations/conflict-hint', { name: 'Completely Different Ltd' });
    expect(none.json().hint).toEqual({ appearsTaken: false, band: 'none', reasons: [], reserved: false });
    const hint = await p2.post('/api/v1/deal-registrations/conflict-hint', {
      name: 'VINAMILK DAIRY JSC',
      domain: 'https://shop.vinamilk.com.vn',
      country: 'VN',
    });
    expect(hint.statusCode, hint.body).toBe(200);
    expect(hint.json().hint).toMatchObject({ appearsTaken: true, band: 'conflict' });
    expect(hint.json().hint.reasons).toContain('same_domain');
    expect(hint.body).not.toMatch(new RegExp(`${p1Id}|${mine.id}|500000|partner`, 'i'));
    // The partner's own registration never counts against them.
    const own = await p1.post('/api/v1/deal-registrations/conflict-hint', { name: 'Vinamilk Dairy', country: 'VN' });
    expect(own.json().hint.appearsTaken).toBe(false);

    t.inbox.length = 0;
    const theirs = await register(p2, draft('Vinamilk Dairy JSC', { customer: { domain: 'vinamilk.com.vn' } }));
    expect(theirs.status).toBe('submitted');
    expect(theirs.conflictFlag).toBe('conflict');
    expect(theirs.conflicts).toBeNull();
    const review = (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${theirs.id}`)).json().registration;
    expect(review.conflicts[0]).toMatchObject({
      kind: 'registration',
      sourceId: mine.id,
      band: 'conflict',
      candidate: { partner: { id: p1Id }, amount: { amountMinor: 500_000, currency: 'USD' } },
    });
    expect(review.conflicts[0].reasons.map((r: { code: string }) => r.code)).toContain('same_domain');
    // C4 alert: both owners told, in-app and by e-mail through the outbox.
    await t.services.jobs.drain();
    const notes = (await ws.people.channel_manager.get('/api/v1/notifications')).json().data as { type: string }[];
    expect(notes.map((n) => n.type)).toContain('deal.channel_conflict');
    expect(t.inbox.some((m) => m.subject.includes('Channel conflict: Vinamilk Dairy JSC'))).toBe(true);
  });

  it('matches direct accounts too, and a direct account in the conflict band blocks auto-approval', async () => {
    const account = await ws.people.channel_manager.post('/api/v1/accounts', {
      name: 'Viettel Business Solutions',
      domains: ['viettel-solutions.vn'],
      country: 'VN',
    });
    expect(account.statusCode, account.body).toBe(201);
    const settings = await ws.people.admin.patch('/api/v1/deal-settings', {
      autoApprove: { enabled: true, minTierRank: 20, maxAmountMinor: 5_000_000 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const taken = await register(
      p1,
      draft('Viettel Business Solutions JSC', { customer: { domain: 'viettel-solutions.vn' } }),
    );
    expect(taken).toMatchObject({ status: 'submitted', conflictFlag: 'conflict', autoApproved: false });
    const clean = await register(p1, draft('Tân Hiệp Phát Beverages'));
    expect(clean).toMatchObject({ status: 'approved', autoApproved: true });
    const notGold = await register(p2, draft('Trung Nguyên Coffee'));
    expect(notGold.status).toBe('submitted');
    await ws.people.admin.patch('/api/v1/deal-settings', {
      autoApprove: { enabled: false, minTierRank: null, maxAmountMinor: null },
    });
  });
});

describe('timers with the controllable clock', () => {
  it('reminds the owner after N hours, escalates to admins after 2N, and expires protection', async () => {
    const reg = await register(p1, draft('Bitexco Property'));
    const jobs = await inScope(
      t.services.db,
      { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' },
      (tx) => tx.execute(sql`SELECT run_at FROM jobs WHERE type = ${DEAL_TIMERS_JOB} ORDER BY run_at DESC LIMIT 2`),
    );
    expect(jobs.rows.length).toBe(2);
    await t.services.jobs.drain();
    t.inbox.length = 0;
    t.clock.advance(47 * HOUR);
    await runTimers();
    expect(t.inbox.filter((m) => m.subject.startsWith('Reminder'))).toEqual([]);
    t.clock.advance(2 * HOUR);
    await runTimers();
    const failed = await inScope(
      t.services.db,
      { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' },
      (tx) => tx.execute(sql`SELECT type, last_error FROM jobs WHERE status <> 'succeeded' AND run_at <= now()`),
    );
    expect(failed.rows).toEqual([]);
    expect(t.inbox.filter((m) => m.subject.includes('Reminder') && m.subject.includes('Bitexco')).length).toBe(1);
    t.clock.advance(48 * HOUR);
    await runTimers();
    expect(t.inbox.filter((m) => m.subject.startsWith('Escalation') && m.subject.includes('Bitexco')).length).toBe(1);
    await runTimers();
    expect(t.inbox.filter((m) => m.subject.includes('Bitexco')).length).toBe(2);

    await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/approve`, {});
    const ext = await p1.post(`/api/v1/deal-registrations/${reg.id}/extension-request`, { reason: 'tender delayed' });
    expect(ext.statusCode, ext.body).toBe(200);
    const extended = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/extend`, {});
    expect(extended.json().registration.extensionCount).toBe(1);
    const over = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/extend`, {});
    expect(over.statusCode).toBe(409);
    t.clock.advance(149 * DAY);
    await runTimers();
    expect((await p1.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration.status).toBe('approved');
    t.clock.advance(2 * DAY);
    await runTimers();
    const expired = (await p1.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration;
    expect(expired.status).toBe('expired');
    expect(expired.lastReason).toBe('protection period ended');
    const keys = await inScope(
      t.services.db,
      { workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' },
      (tx) => tx.execute(sql`SELECT count(*)::int AS n FROM deal_match_keys WHERE source_id = ${reg.id}`),
    );
    expect(keys.rows).toEqual([{ n: 0 }]);
  });
});

const vendorScope = () => ({ workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const });
const countRows = async (query: ReturnType<typeof sql>) =>
  Number(((await inScope(t.services.db, vendorScope(), (tx) => tx.execute(query))).rows[0] as { n: number }).n);

describe('rules of engagement: named accounts', () => {
  it('the hint says a named account is reserved, and submit is refused naming the rule, never the owner; nothing changes', async () => {
    const me = (await ws.people.channel_manager.get('/api/v1/me')).json().me.user;
    const res = await ws.people.channel_manager.post('/api/v1/accounts', {
      name: 'Masan Consumer Holdings',
      domains: ['masanconsumer.com'],
      country: 'VN',
      namedAccount: true,
      ownerUserId: me.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const account = res.json().account;
    const secret = new RegExp(`${account.id}|${me.id}|${me.name}|channel_manager`, 'i');

    const hint = await p2.post('/api/v1/deal-registrations/conflict-hint', {
      name: 'MASAN CONSUMER HOLDINGS JSC',
      domain: 'www.masanconsumer.com',
      country: 'VN',
    });
    expect(hint.statusCode, hint.body).toBe(200);
    expect(hint.json().hint).toMatchObject({ appearsTaken: true, band: 'conflict', reserved: true });
    expect(hint.body).not.toMatch(secret);
    const other = await p2.post('/api/v1/deal-registrations/conflict-hint', { name: 'Hoa Phat Steel', country: 'VN' });
    expect(other.json().hint.reserved).toBe(false);

    const before = (await p2.get('/api/v1/deal-registrations?limit=100')).json().data.length;
    const body = draft('Masan Consumer Holdings JSC', { customer: { domain: 'masanconsumer.com' } });
    const refused = await p2.post('/api/v1/deal-registrations', { ...body, submit: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'customer.name', code: 'named_account' }),
    ]);
    expect(refused.json().error.message).toMatch(/named account.*rules of engagement/);
    expect(refused.body).not.toMatch(secret);
    // Create-and-submit refused: not even a draft was left behind.
    expect((await p2.get('/api/v1/deal-registrations?limit=100')).json().data.length).toBe(before);

    // A draft may be kept, but submitting it is refused the same way and leaves it untouched.
    const kept = await register(p2, body, false);
    const again = await p2.post(`/api/v1/deal-registrations/${kept.id}/submit`);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.issues[0].code).toBe('named_account');
    const after = (await p2.get(`/api/v1/deal-registrations/${kept.id}`)).json().registration;
    expect(after).toMatchObject({ status: 'draft', submittedAt: null, conflictFlag: 'none', transitions: [] });
    expect(await countRows(sql`SELECT count(*)::int AS n FROM deal_match_keys WHERE source_id = ${kept.id}`)).toBe(0);
    expect(await countRows(sql`SELECT count(*)::int AS n FROM deal_conflicts WHERE registration_id = ${kept.id}`)).toBe(
      0,
    );

    // Once the vendor lifts the flag, the same customer may be registered (it still shows as a conflict).
    await ws.people.channel_manager.patch(`/api/v1/accounts/${account.id}`, { namedAccount: false });
    const lifted = await p2.post(`/api/v1/deal-registrations/${kept.id}/submit`);
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json().registration).toMatchObject({ status: 'submitted', conflictFlag: 'conflict' });
    const review = (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${kept.id}`)).json().registration;
    expect(review.conflicts[0]).toMatchObject({
      kind: 'account',
      sourceId: account.id,
      candidate: { namedAccount: false },
    });
  });
});

describe('first-come protection', () => {
  async function pair(name: string, domain: string) {
    const products = [{ product: 'Core switch', quantity: 1, amount: { amountMinor: 777_700, currency: 'USD' } }];
    const first = await register(p1, draft(name, { customer: { domain }, products }));
    t.clock.advance(HOUR);
    const second = await register(p2, draft(`${name} Co., Ltd`, { customer: { domain } }));
    expect(second).toMatchObject({ status: 'submitted', conflictFlag: 'conflict' });
    return { first, second };
  }
  const vendorView = async (id: string) =>
    (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${id}`)).json().registration;

  it('is the default rule and appears in the settings', async () => {
    const res = await ws.people.viewer.get('/api/v1/deal-settings');
    expect(res.json().settings.protection).toBe('first_come');
    const bad = await ws.people.admin.patch('/api/v1/deal-settings', { protection: 'loudest_wins' });
    expect(bad.statusCode).toBe(422);
    expect(issuePaths(bad)).toEqual(['body.protection']);
  });

  it('refuses approving the later registration, naming the earlier one to the reviewer only, until the first one stops being active', async () => {
    const { first, second } = await pair('Saigon Co.op Retail', 'saigonco-op.com.vn');
    const review = await vendorView(second.id);
    expect(review.abilities).toMatchObject({ review: true, approve: false });
    expect(review.conflicts).toEqual([
      expect.objectContaining({
        sourceId: first.id,
        firstRegistrant: true,
        candidate: expect.objectContaining({ partner: { id: p1Id, name: expect.any(String) } }),
      }),
    ]);
    // The first registrant may be approved.
    expect((await vendorView(first.id)).abilities.approve).toBe(true);

    const refused = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${second.id}/approve`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'conflict',
      details: {
        rule: 'first_come',
        earlier: [expect.objectContaining({ registrationId: first.id, status: 'submitted' })],
      },
    });
    expect(refused.json().error.message).toContain(first.id);
    const unchanged = await vendorView(second.id);
    expect(unchanged.status).toBe('submitted');
    expect(unchanged.transitions).toHaveLength(1);

    // The reviewer may still ask for information; the partner edits and resubmits, and stays second.
    const ask = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${second.id}/request-info`, {
      reason: 'Another partner registered this customer first. Which division is yours?',
    });
    expect(ask.statusCode, ask.body).toBe(200);
    t.clock.advance(HOUR);
    expect((await p2.post(`/api/v1/deal-registrations/${second.id}/submit`)).statusCode).toBe(200);
    const partnerView = await p2.get(`/api/v1/deal-registrations/${second.id}`);
    expect(partnerView.json().registration).toMatchObject({ conflicts: null, abilities: { approve: false } });
    expect(partnerView.body).not.toMatch(new RegExp(`${p1Id}|${first.id}|777700|Core switch`));
    expect(
      (await ws.people.channel_manager.post(`/api/v1/deal-registrations/${second.id}/approve`, {})).statusCode,
    ).toBe(409);

    // The first registrant withdraws: the customer is free, and the second may now be approved.
    expect((await p1.post(`/api/v1/deal-registrations/${first.id}/withdraw`, {})).statusCode).toBe(200);
    const freed = await vendorView(second.id);
    expect(freed.conflicts[0].firstRegistrant).toBe(false);
    expect(freed.abilities.approve).toBe(true);
    const approve = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${second.id}/approve`, {});
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json().registration.status).toBe('approved');
  });

  it('under reviewer_decides the reviewer may approve either, with the first registrant still marked', async () => {
    const set = await ws.people.admin.patch('/api/v1/deal-settings', { protection: 'reviewer_decides' });
    expect(set.json().settings.protection).toBe('reviewer_decides');
    try {
      const { first, second } = await pair('Phu Long Real Estate', 'phulong.com');
      const review = await vendorView(second.id);
      expect(review.conflicts[0]).toMatchObject({ sourceId: first.id, firstRegistrant: true });
      expect(review.abilities.approve).toBe(true);
      const approve = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${second.id}/approve`, {});
      expect(approve.statusCode, approve.body).toBe(200);
    } finally {
      await ws.people.admin.patch('/api/v1/deal-settings', { protection: 'first_come' });
    }
  });

  it('an equal submission instant is broken by the registration ids, so exactly one is first', async () => {
    const first = await register(p1, draft('Thaco Auto Parts', { customer: { domain: 'thaco-parts.vn' } }));
    const second = await register(p2, draft('Thaco Auto Parts JSC', { customer: { domain: 'thaco-parts.vn' } }));
    expect(second.submittedAt).toBe(first.submittedAt);
    expect((await vendorView(second.id)).abilities.approve).toBe(false);
    expect((await vendorView(first.id)).abilities.approve).toBe(true);
  });
});

describe('vendor-side outcome', () => {
  it('vendor staff close an approved registration as lost with a reason code; the partner sees who and why; audited', async () => {
    const reg = await register(p1, draft('Novaland Offices'));
    const early = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'won',
      reason: 'order came through the distributor',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'invalid_state' });
    expect(early.json().error.message).toContain('submitted');
    await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/approve`, {});
    const vendor = (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration;
    expect(vendor.abilities).toMatchObject({ closeOutcome: true, markOutcome: false });
    expect((await p1.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration.abilities).toMatchObject({
      closeOutcome: false,
      markOutcome: true,
    });

    const noCode = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'lost',
      reason: 'they chose someone else',
    });
    expect(noCode.statusCode).toBe(422);
    expect(issuePaths(noCode)).toEqual(['body.reasonCode']);
    const badCode = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'lost',
      reasonCode: 'bad_luck',
    });
    expect(issuePaths(badCode)).toEqual(['body.reasonCode']);
    const wonNoReason = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'won',
    });
    expect(wonNoReason.statusCode).toBe(422);
    expect(issuePaths(wonNoReason)).toEqual(['body.reason']);
    expect((await p1.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration.status).toBe('approved');

    t.inbox.length = 0;
    const closed = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'lost',
      reasonCode: 'competitor',
      reason: 'Customer signed with a competitor’s reseller',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const seen = (await p1.get(`/api/v1/deal-registrations/${reg.id}`)).json().registration;
    expect(seen.status).toBe('lost');
    expect(seen.outcome).toEqual({
      outcome: 'lost',
      reasonCode: 'competitor',
      reason: 'Customer signed with a competitor’s reseller',
      closedBySide: 'vendor',
      closedBy: { id: expect.any(String), name: 'channel_manager of Deal Program' },
      closedAt: t.clock.now.toISOString(),
    });
    expect(seen.transitions.at(-1)).toMatchObject({
      action: 'mark_lost',
      to: 'lost',
      actor: { name: 'channel_manager of Deal Program' },
      reason: 'Customer signed with a competitor’s reseller',
    });
    await t.services.jobs.drain();
    expect(t.inbox.some((m) => m.subject === 'Your registration for Novaland Offices: lost')).toBe(true);
    const audit = await ws.people.admin.get(`/api/v1/audit-log?targetId=${reg.id}&action=deal.lost`);
    expect(audit.json().data[0]).toMatchObject({
      action: 'deal.lost',
      after: { status: 'lost', closedBySide: 'vendor', reasonCode: 'competitor' },
    });
    const twice = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'won',
      reason: 'changed my mind',
    });
    expect(twice.statusCode).toBe(409);
    expect(await countRows(sql`SELECT count(*)::int AS n FROM deal_match_keys WHERE source_id = ${reg.id}`)).toBe(0);
  });

  it('vendor staff close as won with a reason and the customer stays held; the partner may report a lost reason code too', async () => {
    const won = await register(p1, draft('Vingroup Logistics'));
    await ws.people.channel_manager.post(`/api/v1/deal-registrations/${won.id}/approve`, {});
    const closed = await ws.people.admin.post(`/api/v1/deal-registrations/${won.id}/close`, {
      outcome: 'won',
      reason: 'order arrived through the distributor',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().registration.outcome).toMatchObject({
      outcome: 'won',
      reasonCode: null,
      reason: 'order arrived through the distributor',
      closedBySide: 'vendor',
    });
    expect(
      await countRows(sql`SELECT count(*)::int AS n FROM deal_match_keys WHERE source_id = ${won.id}`),
    ).toBeGreaterThan(0);

    const lost = await register(p1, draft('Sun Group Resorts'));
    await ws.people.channel_manager.post(`/api/v1/deal-registrations/${lost.id}/approve`, {});
    const wrong = await p1.post(`/api/v1/deal-registrations/${lost.id}/outcome`, {
      outcome: 'won',
      reasonCode: 'price',
    });
    expect(wrong.statusCode).toBe(422);
    expect(issuePaths(wrong)).toEqual(['body.reasonCode']);
    const reported = await p1.post(`/api/v1/deal-registrations/${lost.id}/outcome`, {
      outcome: 'lost',
      reasonCode: 'no_budget',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json().registration.outcome).toMatchObject({
      outcome: 'lost',
      reasonCode: 'no_budget',
      reason: null,
      closedBySide: 'partner',
      closedBy: { name: expect.stringContaining('p1') },
    });
  });
});

describe('found in review', () => {
  const vendorScope = () => ({ workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const });

  it('a customer held by more than a hundred records under one name is still found: identity keys are never stop-listed', async () => {
    // 101 direct accounts named alike (one per branch), one of them a named account: every word key and the
    // name keys are shared by 101 records, above the word-key stop count.
    const created: { id: string }[] = [];
    for (let batch = 0; batch < 101; batch += 25) {
      const size = Math.min(25, 101 - batch);
      const replies = await Promise.all(
        Array.from({ length: size }, (_, i) =>
          ws.people.admin.post('/api/v1/accounts', {
            name: 'Highlands Coffee',
            country: 'VN',
            namedAccount: batch + i === 100,
          }),
        ),
      );
      for (const r of replies) {
        expect(r.statusCode, r.body).toBe(201);
        created.push(r.json().account);
      }
    }
    expect(created).toHaveLength(101);
    const hint = (
      await p1.post('/api/v1/deal-registrations/conflict-hint', { name: 'Highlands Coffee JSC', country: 'VN' })
    ).json().hint;
    expect(hint).toMatchObject({ appearsTaken: true, reserved: true });
    const refused = await p1.post('/api/v1/deal-registrations', { ...draft('Highlands Coffee JSC'), submit: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.issues[0]).toMatchObject({ path: 'customer.name', code: 'named_account' });
  });

  it('create-and-submit refuses an incomplete registration before the draft exists: nothing is written', async () => {
    const before = (await p1.get('/api/v1/deal-registrations?limit=200')).json().data.length;
    const res = await p1.post('/api/v1/deal-registrations', {
      customer: { name: 'Bến Thành Retail', country: 'VN' },
      submit: true,
    });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual(['body.contact', 'body.expectedCloseDate', 'body.products']);
    expect((await p1.get('/api/v1/deal-registrations?limit=200')).json().data.length).toBe(before);
  });

  it('naming another partner’s registration in the hint does not uncover whether it is the one holding the customer', async () => {
    const held = await register(p2, draft('Đà Lạt Milk Farms'));
    for (const extra of [{}, { registrationId: held.id }]) {
      const hint = (
        await p1.post('/api/v1/deal-registrations/conflict-hint', {
          name: 'Đà Lạt Milk Farms',
          country: 'VN',
          ...extra,
        })
      ).json().hint;
      expect(hint.appearsTaken).toBe(true);
    }
  });

  it('someone who moved to another partner hears nothing more of the old company’s registrations', async () => {
    const mover = await addPartnerPerson(t, ws.workspaceId, p1Id, 'partner_user', 'mover');
    const reg = await register(mover, draft('Hội An Heritage Hotels'));
    await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/approve`, {});
    await t.services.jobs.drain();
    await inScope(t.services.db, vendorScope(), (tx) =>
      tx.execute(sql`UPDATE memberships SET partner_id = ${p2Id}
        WHERE workspace_id = ${ws.workspaceId} AND user_id = ${mover.userId}`),
    );
    t.inbox.length = 0;
    const closed = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${reg.id}/close`, {
      outcome: 'lost',
      reasonCode: 'price',
      reason: 'Our price was higher than the other offer',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    await t.services.jobs.drain();
    const notes = (await mover.get('/api/v1/notifications?limit=100')).json().data as { type: string }[];
    expect(notes.map((n) => n.type)).not.toContain('deal.lost');
    expect(t.inbox.filter((m) => m.to === mover.email)).toEqual([]);
    // Control: the approval, while they were still at the company, did reach them.
    expect(notes.map((n) => n.type)).toContain('deal.approved');
  });
});
