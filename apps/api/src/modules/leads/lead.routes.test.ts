import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, createTier, issuePaths } from '../../../test/partner-fixtures';
import { inScope } from '../../db/scope';
import { enqueue } from '../../jobs/queue';
import { LEAD_SLA_JOB } from './index';
import { alertMany, formatInstant } from './lead.alerts';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let admin: Client;
let cm: Client;
/** Two Vietnamese resellers (A weight 3, B weight 1) and a Taiwanese one (C). */
let A: string;
let B: string;
let C: string;
let pa: Client;
let pb: Client;
let pc: Client;
let gold: { id: string };
const ruleVN = randomUUID();
const ruleTW = randomUUID();

const HOUR = 3_600_000;
const put = (client: Client, url: string, body: unknown) =>
  client.request({ method: 'PUT', url, payload: body as object });

const vendorScope = () => ({ workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const });

async function runSla() {
  await inScope(t.services.db, vendorScope(), (tx) =>
    enqueue(tx, { type: LEAD_SLA_JOB, workspaceId: ws.workspaceId, payload: { workspaceId: ws.workspaceId } }),
  );
  await t.services.jobs.drain();
}

const lead = (company: string, extra: Record<string, unknown> = {}) => ({
  company,
  contactName: 'Trần Thị Mai',
  contactEmail: `mai@${company
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')}.vn`,
  contactPhone: '+84 28 3822 1234',
  country: 'VN',
  productInterests: ['Firewall'],
  companySize: 250,
  ...extra,
});

async function create(body: unknown, client = cm) {
  const res = await client.post('/api/v1/leads', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().lead;
}

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Lead Program');
  admin = ws.people.admin;
  cm = ws.people.channel_manager;
  gold = await createTier(admin, 'Gold', 30);
  A = (await createPartner(admin, { status: 'active', country: 'VN', tierId: gold.id, capabilities: ['Firewall'] })).id;
  B = (await createPartner(admin, { status: 'active', country: 'VN', capabilities: ['Firewall'] })).id;
  C = (await createPartner(admin, { status: 'active', country: 'TW', capabilities: ['Firewall'] })).id;
  pa = await addPartnerPerson(t, ws.workspaceId, A, 'partner_user', 'a');
  pb = await addPartnerPerson(t, ws.workspaceId, B, 'partner_admin', 'b');
  pc = await addPartnerPerson(t, ws.workspaceId, C, 'partner_user', 'c');
  const me = await pb.patch('/api/v1/me', { locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' });
  expect(me.statusCode, me.body).toBe(200);
});
afterAll(async () => t?.close());

describe('routing rules as data', () => {
  it('refuses rules naming unknown partners or contradicting themselves, with paths, and saves nothing', async () => {
    const res = await put(admin, '/api/v1/leads/routing-settings', {
      rules: [
        {
          id: ruleVN,
          name: 'Vietnam',
          position: 10,
          conditions: [
            { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN'] },
            { subject: 'lead', attribute: 'country', operator: 'not_in', values: ['VN'] },
          ],
          strategy: { type: 'weighted', partnerWeights: [{ partnerId: randomUUID(), weight: 2 }] },
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(issuePaths(res)).toEqual(
      expect.arrayContaining([
        'body.rules[0].strategy.partnerWeights[0].partnerId',
        expect.stringMatching(/^body\.rules\[0\]\.conditions\[1\]/),
      ]),
    );
    const now = await cm.get('/api/v1/leads/routing-settings');
    expect(now.json().settings).toMatchObject({ rules: [], hideContactUntilAccepted: true, sla: { hours: 48 } });
  });

  it('saves ordered rules (admins only) and returns warnings', async () => {
    expect((await put(cm, '/api/v1/leads/routing-settings', { rules: [] })).statusCode).toBe(403);
    const res = await put(admin, '/api/v1/leads/routing-settings', {
      rules: [
        {
          id: ruleVN,
          name: 'Vietnam resellers by weight',
          position: 10,
          conditions: [
            { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN'] },
            { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
          ],
          strategy: {
            type: 'weighted',
            partnerWeights: [
              { partnerId: A, weight: 3 },
              { partnerId: B, weight: 1 },
            ],
          },
        },
        {
          id: ruleTW,
          name: 'Taiwan round robin',
          position: 20,
          conditions: [
            { subject: 'lead', attribute: 'country', operator: 'in', values: ['TW'] },
            { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
          ],
          strategy: { type: 'round_robin' },
        },
      ],
      fallbackQueue: { id: 'inside-sales', name: 'Inside sales' },
      sla: { hours: 48, reminderHoursBefore: 12, maxRecalls: 5 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.rules).toHaveLength(2);
    expect(res.json().warnings).toEqual([]);
  });
});

describe('creating leads', () => {
  it('refuses unknown countries and malformed e-mails and phones with paths, storing nothing', async () => {
    const res = await cm.post(
      '/api/v1/leads',
      lead('Bad Input Co', { country: 'XX', contactEmail: 'mai@', contactPhone: 'call me' }),
    );
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res).sort()).toEqual(['body.contactEmail', 'body.contactPhone', 'body.country']);
    const none = await cm.post('/api/v1/leads', { company: 'No Way To Reach', contactName: 'Ghost' });
    expect(issuePaths(none)).toEqual(['body.contactEmail']);
    const list = await cm.get('/api/v1/leads?q=bad%20input');
    expect(list.json().data).toEqual([]);
  });

  it('routes a new lead at once and explains why it went where it went', async () => {
    const created = await create(lead('Công ty Sao Việt'));
    expect(created).toMatchObject({ status: 'offered', partner: { id: A }, source: 'api' });
    expect(created.slaDueAt).toBe(new Date(t.clock.now.getTime() + 48 * HOUR).toISOString());
    const d = created.decision;
    expect(d).toMatchObject({
      outcome: 'assigned',
      ruleId: ruleVN,
      ruleName: 'Vietnam resellers by weight',
      strategy: 'weighted',
      trigger: 'create',
      partner: { id: A },
    });
    // A and B are candidates (C is outside Vietnam), A ranked first by weight 3 against 1.
    expect(d.candidates.map((c: { partnerId: string }) => c.partnerId)).toEqual([A, B]);
    expect(d.candidates[0].components).toMatchObject({ strategy: 'weighted', weight: 3, weightSource: 'partner' });
    expect(d.partnerNames[A]).toBeTruthy();
    expect(created.events.map((e: { type: string }) => e.type)).toEqual(['created', 'routed']);
    expect(created.abilities).toEqual({ edit: true, route: false, assign: true, recall: true });
  });

  it('replays an Idempotency-Key instead of creating twice', async () => {
    const key = randomUUID();
    const body = lead('Idempotent Ltd', { route: false });
    const one = await cm.post('/api/v1/leads', body, { 'idempotency-key': key });
    const two = await cm.post('/api/v1/leads', body, { 'idempotency-key': key });
    expect(one.statusCode).toBe(201);
    expect(two.json().lead.id).toBe(one.json().lead.id);
    const list = await cm.get('/api/v1/leads?q=idempotent');
    expect(list.json().data).toHaveLength(1);
  });

  it('sends a lead no rule covers to the fallback queue, with the reason', async () => {
    const created = await create(lead('Rīgas Tīkli', { country: 'LV' }));
    expect(created).toMatchObject({ status: 'unassigned', partner: null, fallbackQueue: { id: 'inside-sales' } });
    expect(created.decision).toMatchObject({ outcome: 'fallback', fallbackReason: 'no_rule_matched' });
    const queue = await cm.get('/api/v1/leads/queue');
    expect(queue.json().data.map((l: { id: string }) => l.id)).toContain(created.id);
  });
});

describe('two processes routing one lead at once', () => {
  it('gives the lead to exactly one partner; the other request gets 409 with the state', async () => {
    const waiting = await create(lead('Race Condition JSC', { route: false }));
    expect(waiting.status).toBe('new');
    const [r1, r2] = await Promise.all([
      cm.post(`/api/v1/leads/${waiting.id}/route`),
      admin.post(`/api/v1/leads/${waiting.id}/route`),
    ]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = r1.statusCode === 409 ? r1 : r2;
    expect(loser.json().error).toMatchObject({ code: 'invalid_state', details: { status: 'offered' } });
    const rows = await inScope(t.services.db, vendorScope(), (tx) =>
      tx.execute(sql`SELECT count(*)::int AS n FROM lead_events WHERE lead_id = ${waiting.id} AND type = 'routed'`),
    );
    expect((rows.rows[0] as { n: number }).n).toBe(1);
  });
});

describe('the partner inbox', () => {
  let offered: { id: string };
  beforeAll(async () => {
    offered = await create(lead('Hà Nội Logistics'));
  });

  it('shows a partner only its own leads, contact details hidden until accepted', async () => {
    const detail = await cm.get(`/api/v1/leads/${offered.id}`);
    const holder = detail.json().lead.partner.id as string;
    const [mine, other] = holder === A ? [pa, pb] : [pb, pa];
    const inbox = await mine.get('/api/v1/lead-inbox');
    const item = inbox.json().data.find((l: { id: string }) => l.id === offered.id);
    expect(item).toMatchObject({ status: 'offered', contact: null, contactHidden: true, company: 'Hà Nội Logistics' });
    expect(JSON.stringify(inbox.json())).not.toContain('mai@hanoilogistics.vn');
    expect(JSON.stringify(inbox.json())).not.toContain('candidates');
    const theirs = await other.get('/api/v1/lead-inbox');
    expect(theirs.json().data.map((l: { id: string }) => l.id)).not.toContain(offered.id);
    expect((await other.get(`/api/v1/lead-inbox/${offered.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/lead-inbox/${offered.id}/accept`)).statusCode).toBe(404);
    expect((await pc.get(`/api/v1/lead-inbox/${offered.id}`)).statusCode).toBe(404);
    // Partner people never reach the vendor routes, where explanations name other partners.
    expect((await mine.get(`/api/v1/leads/${offered.id}`)).statusCode).toBe(403);
    expect((await mine.get('/api/v1/leads')).statusCode).toBe(403);
  });

  it('shows the contact at once when the workspace does not hide it, and hides it again when the vendor says so', async () => {
    const holder = (await cm.get(`/api/v1/leads/${offered.id}`)).json().lead.partner.id as string;
    const mine = holder === A ? pa : pb;
    const seen = async () => ({
      listed: (await mine.get('/api/v1/lead-inbox')).json().data.find((l: { id: string }) => l.id === offered.id),
      detail: (await mine.get(`/api/v1/lead-inbox/${offered.id}`)).json().lead,
    });
    const hidden = { status: 'offered', contactHidden: true, contact: null };
    const shown = { status: 'offered', contactHidden: false, contact: { name: 'Trần Thị Mai' } };
    expect(await seen()).toMatchObject({ listed: hidden, detail: hidden });
    expect((await put(admin, '/api/v1/leads/routing-settings', { hideContactUntilAccepted: false })).statusCode).toBe(
      200,
    );
    expect(await seen()).toMatchObject({ listed: shown, detail: shown });
    expect((await put(admin, '/api/v1/leads/routing-settings', { hideContactUntilAccepted: true })).statusCode).toBe(
      200,
    );
    const again = await seen();
    expect(again).toMatchObject({ listed: hidden, detail: hidden });
    expect(JSON.stringify(again)).not.toContain('mai@hanoilogistics.vn');
  });

  it('accepts, shows the contact, moves through contacted and qualified, and converts to a deal registration', async () => {
    const holder = (await cm.get(`/api/v1/leads/${offered.id}`)).json().lead.partner.id as string;
    const mine = holder === A ? pa : pb;
    const acc = await mine.post(`/api/v1/lead-inbox/${offered.id}/accept`);
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json().lead).toMatchObject({
      status: 'accepted',
      contactHidden: false,
      contact: { name: 'Trần Thị Mai', email: 'mai@hanoilogistics.vn' },
      acceptBy: null,
    });
    expect((await mine.post(`/api/v1/lead-inbox/${offered.id}/accept`)).json().error.code).toBe('invalid_state');
    const bad = await mine.post(`/api/v1/lead-inbox/${offered.id}/status`, { status: 'lost' });
    expect(issuePaths(bad)).toEqual(['body.reasonCode']);
    expect((await mine.post(`/api/v1/lead-inbox/${offered.id}/status`, { status: 'contacted' })).statusCode).toBe(200);
    const q = await mine.post(`/api/v1/lead-inbox/${offered.id}/status`, { status: 'qualified', note: 'budget set' });
    expect(q.json().lead.abilities).toMatchObject({ convert: true, setStatus: ['lost'] });
    const closeDate = new Date(t.clock.now.getTime() + 30 * 24 * HOUR).toISOString().slice(0, 10);
    const conv = await mine.post(`/api/v1/lead-inbox/${offered.id}/convert`, {
      products: [{ product: 'Firewall', quantity: 3, amount: { amountMinor: 900_000, currency: 'USD' } }],
      expectedCloseDate: closeDate,
      submit: true,
    });
    expect(conv.statusCode, conv.body).toBe(201);
    expect(conv.json()).toMatchObject({ dealStatus: 'submitted', lead: { status: 'converted' } });
    const deal = await mine.get(`/api/v1/deal-registrations/${conv.json().dealRegistrationId}`);
    expect(deal.json().registration).toMatchObject({
      customer: { name: 'Hà Nội Logistics', country: 'VN', domain: 'hanoilogistics.vn' },
      contact: { firstName: 'Trần', lastName: 'Thị Mai', email: 'mai@hanoilogistics.vn' },
      metadata: { leadId: offered.id },
    });
    const vendorView = await cm.get(`/api/v1/leads/${offered.id}`);
    expect(vendorView.json().lead).toMatchObject({
      status: 'converted',
      dealRegistrationId: conv.json().dealRegistrationId,
    });
    expect(vendorView.json().lead.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'routed',
      'accepted',
      'status_changed',
      'status_changed',
      'converted',
    ]);
  });

  it('pre-approves a converted deal when the workspace says so', async () => {
    expect((await put(admin, '/api/v1/leads/routing-settings', { preApproveConvertedDeals: true })).statusCode).toBe(
      200,
    );
    const l = await create(lead('Pre Approved Co', { contactEmail: 'an@preapproved.vn' }));
    const mine = l.partner.id === A ? pa : pb;
    await mine.post(`/api/v1/lead-inbox/${l.id}/accept`);
    const closeDate = new Date(t.clock.now.getTime() + 30 * 24 * HOUR).toISOString().slice(0, 10);
    const conv = await mine.post(`/api/v1/lead-inbox/${l.id}/convert`, {
      products: [{ product: 'Firewall', quantity: 1, amount: { amountMinor: 100_000, currency: 'USD' } }],
      expectedCloseDate: closeDate,
      submit: true,
    });
    expect(conv.statusCode, conv.body).toBe(201);
    expect(conv.json().dealStatus).toBe('approved');
    await put(admin, '/api/v1/leads/routing-settings', { preApproveConvertedDeals: false });
  });

  it('converts a lead with a free-mail contact without taking gmail.com for the customer’s domain', async () => {
    const l = await create(lead('Quán Cà Phê Hạt Mưa', { contactEmail: 'hatmua.cafe@gmail.com' }));
    const mine = l.partner.id === A ? pa : pb;
    await mine.post(`/api/v1/lead-inbox/${l.id}/accept`);
    const closeDate = new Date(t.clock.now.getTime() + 30 * 24 * HOUR).toISOString().slice(0, 10);
    const body = {
      products: [{ product: 'Wi-Fi', quantity: 1, amount: { amountMinor: 20_000, currency: 'USD' } }],
      expectedCloseDate: closeDate,
    };
    const wrong = await mine.post(`/api/v1/lead-inbox/${l.id}/convert`, { ...body, domain: 'not a domain' });
    expect(wrong.statusCode).toBe(422);
    expect(issuePaths(wrong)).toEqual(['body.domain']);
    const conv = await mine.post(`/api/v1/lead-inbox/${l.id}/convert`, body);
    expect(conv.statusCode, conv.body).toBe(201);
    const deal = await mine.get(`/api/v1/deal-registrations/${conv.json().dealRegistrationId}`);
    expect(deal.json().registration.customer).toMatchObject({ name: 'Quán Cà Phê Hạt Mưa', domain: null });
    expect(deal.json().registration.contact).toMatchObject({ email: 'hatmua.cafe@gmail.com' });
  });

  it('declining sends the lead to the next partner, never back; the decliner gets 409 with the state', async () => {
    const l = await create(lead('Decline Me Ltd'));
    const first = l.partner.id as string;
    const [mine, next] = first === A ? [pa, B] : [pb, A];
    const noReason = await mine.post(`/api/v1/lead-inbox/${l.id}/decline`, { reasonCode: 'other' });
    expect(issuePaths(noReason)).toEqual(['body.reason']);
    const dec = await mine.post(`/api/v1/lead-inbox/${l.id}/decline`, { reasonCode: 'no_capacity' });
    expect(dec.statusCode, dec.body).toBe(200);
    const after = (await cm.get(`/api/v1/leads/${l.id}`)).json().lead;
    expect(after).toMatchObject({ status: 'offered', partner: { id: next }, declinedCount: 1 });
    expect(after.declinedPartners.map((p: { id: string }) => p.id)).toEqual([first]);
    expect(after.decision.trigger).toBe('decline');
    const excluded = after.decision.candidates.find((c: { partnerId: string }) => c.partnerId === first);
    expect(excluded).toMatchObject({ eligible: false, exclusions: ['declined_this_lead'] });
    // The first decision is still explained, through the hop that names it.
    const firstHop = after.events.find((e: { type: string }) => e.type === 'routed');
    const earlier = await cm.get(`/api/v1/leads/${l.id}/decisions/${firstHop.decisionId}`);
    expect(earlier.json().decision).toMatchObject({ trigger: 'create', partner: { id: first } });
    const again = await mine.post(`/api/v1/lead-inbox/${l.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', details: { leadId: l.id, state: 'declined' } });
  });
});

describe('SLA: reminder, then recall and re-route with the controllable clock', () => {
  it('reminds the partner in its language before the deadline and recalls at the deadline', async () => {
    // Route to B only: A is at capacity 0 for this test.
    expect(
      (await put(admin, `/api/v1/leads/partner-profiles/${A}`, { languages: ['vi'], capacity: 0 })).statusCode,
    ).toBe(200);
    const l = await create(lead('Đà Nẵng Cloud', { contactEmail: 'lan@danangcloud.vn' }));
    expect(l.partner.id).toBe(B);
    expect(l.decision.candidates.find((c: { partnerId: string }) => c.partnerId === A).exclusions).toEqual([
      'at_capacity',
    ]);
    await t.services.jobs.drain();
    const offerMail = t.inbox.find((m) => m.to.includes(pb.email) && m.text.includes('Đà Nẵng Cloud'));
    expect(offerMail?.subject).toBe('Khách hàng tiềm năng mới cho bạn: Đà Nẵng Cloud');
    expect(offerMail?.text).not.toContain('lan@danangcloud.vn');

    t.clock.advance(35 * HOUR);
    await runSla();
    expect(t.inbox.some((m) => m.to.includes(pb.email) && m.subject.startsWith('Nhắc nhở'))).toBe(false);
    t.clock.advance(2 * HOUR);
    await runSla();
    const reminder = t.inbox.filter(
      (m) => m.to.includes(pb.email) && m.subject.startsWith('Nhắc nhở: hãy chấp nhận Đà Nẵng'),
    );
    expect(reminder).toHaveLength(1);
    await runSla();
    expect(
      t.inbox.filter((m) => m.to.includes(pb.email) && m.subject.startsWith('Nhắc nhở: hãy chấp nhận Đà Nẵng')),
    ).toHaveLength(1);

    await put(admin, `/api/v1/leads/partner-profiles/${A}`, { languages: ['vi'], capacity: null });
    t.clock.advance(11 * HOUR + 1);
    await runSla();
    const after = (await cm.get(`/api/v1/leads/${l.id}`)).json().lead;
    expect(after).toMatchObject({ status: 'offered', partner: { id: A }, recallCount: 1 });
    expect(after.recalledPartners.map((p: { id: string }) => p.id)).toEqual([B]);
    expect(after.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'routed',
      'sla_reminder',
      'recalled',
      'routed',
    ]);
    const late = await pb.post(`/api/v1/lead-inbox/${l.id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details).toMatchObject({ state: 'recalled', leadId: l.id });
    expect(
      t.inbox.some((m) => m.to.includes(pb.email) && m.subject === 'Khách hàng tiềm năng đã bị thu hồi: Đà Nẵng Cloud'),
    ).toBe(true);
    const notes = await pb.get('/api/v1/notifications');
    expect(notes.json().data.map((n: { type: string }) => n.type)).toEqual(
      expect.arrayContaining(['lead.offered', 'lead.sla_reminder', 'lead.recalled']),
    );
  });
});

describe('vendor actions', () => {
  it('assigns by hand, reassigns with the earlier partner told, recalls to the queue', async () => {
    const l = await create(lead('Manual Route JSC', { route: false }));
    const bad = await cm.post(`/api/v1/leads/${l.id}/assign`, { partnerId: randomUUID() });
    expect(issuePaths(bad)).toEqual(['body.partnerId']);
    const a = await cm.post(`/api/v1/leads/${l.id}/assign`, { partnerId: C, reason: 'knows the customer' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().lead).toMatchObject({ status: 'offered', partner: { id: C } });
    const r = await cm.post(`/api/v1/leads/${l.id}/assign`, { partnerId: B, reason: 'C is on holiday' });
    expect(r.json().lead).toMatchObject({ status: 'offered', partner: { id: B } });
    const gone = await pc.post(`/api/v1/lead-inbox/${l.id}/accept`);
    expect(gone.json().error.details).toMatchObject({ state: 'reassigned' });
    const back = await cm.post(`/api/v1/leads/${l.id}/recall`, { reroute: false, reason: 'customer asked to wait' });
    expect(back.json().lead).toMatchObject({ status: 'unassigned', partner: null });
    expect(back.json().lead.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'assigned',
      'reassigned',
      'assigned',
      'recalled',
      'fallback',
    ]);
    expect((await ws.people.viewer.post(`/api/v1/leads/${l.id}/route`)).statusCode).toBe(403);
  });

  it('bulk-routes every waiting lead and reports what it skipped', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await create(lead(`Bulk ${i} Co`, { route: false }))).id);
    const offers = async (who: Client) =>
      (await who.get('/api/v1/notifications?limit=100'))
        .json()
        .data.filter((n: { type: string }) => n.type.startsWith('lead.offered'));
    const [beforeA, beforeB, beforeC] = [
      (await offers(pa)).length,
      (await offers(pb)).length,
      (await offers(pc)).length,
    ];
    await t.services.jobs.drain();
    const mailsBefore = t.inbox.length;
    const res = await cm.post('/api/v1/leads/bulk-route', { leadIds: [...ids, randomUUID()] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({ routed: 8, assigned: 8, fallback: 0 });
    expect(res.json().result.skipped).toHaveLength(1);
    // A partner's people hear once of all the leads it got together (B and C have none of these: B is out of
    // capacity and language since the SLA test, C is Taiwanese).
    const owners = await Promise.all(
      ids.map(async (id) => (await cm.get(`/api/v1/leads/${id}`)).json().lead.partner.id),
    );
    expect(owners).toEqual(ids.map(() => A));
    const toA = await offers(pa);
    expect(toA.length - beforeA).toBe(1);
    expect(toA[0]).toMatchObject({ type: 'lead.offered_batch', data: { count: 8 } });
    expect([(await offers(pb)).length, (await offers(pc)).length]).toEqual([beforeB, beforeC]);
    await t.services.jobs.drain();
    const mails = t.inbox.slice(mailsBefore).map((m) => ({ to: m.to, subject: m.subject }));
    expect(mails).toEqual([{ to: expect.stringContaining(pa.email), subject: '8 new leads for you' }]);
    // Still waiting: one lead never routed, one recalled to the queue (both Vietnamese), the Latvian one (no rule)…
    const all = await cm.post('/api/v1/leads/bulk-route', { allUnassigned: true });
    // …and the declined lead the SLA then took back from the other Vietnamese partner: nobody is left for it.
    expect(all.json().result).toMatchObject({ routed: 4, assigned: 2, fallback: 2 });
    const queue = (await cm.get('/api/v1/leads/queue')).json().data;
    expect(queue.map((l: { company: string }) => l.company)).toEqual(['Rīgas Tīkli', 'Decline Me Ltd']);
    const stuck = (await cm.get(`/api/v1/leads/${queue[1].id}`)).json().lead.decision;
    expect(stuck).toMatchObject({ outcome: 'fallback', fallbackReason: 'no_eligible_candidate', trigger: 'bulk' });
    expect(stuck.rules[0].exclusionCounts).toEqual([
      { reason: 'declined_this_lead', count: 1 },
      { reason: 'recalled_from_this_lead', count: 1 },
    ]);
  });

  it('tells many people of many offers at once, each once per alert, in their language', async () => {
    await t.services.jobs.drain();
    const mailsBefore = t.inbox.length;
    const at = t.clock.now;
    const acceptBy = new Date(at.getTime() + 48 * HOUR);
    await inScope(t.services.db, vendorScope(), (tx) =>
      alertMany(tx, ws.workspaceId, [
        {
          userIds: [pa.userId, pb.userId, pb.userId],
          type: 'lead.offered_batch',
          data: { count: 3, acceptBy: acceptBy.toISOString() },
          template: 'lead_offered_batch',
          params: (locale, tz) => ({ count: '3', acceptBy: formatInstant(acceptBy, locale, tz) }),
          at,
        },
        {
          userIds: [pb.userId, randomUUID()],
          type: 'lead.offered_batch',
          data: { count: 2, acceptBy: acceptBy.toISOString() },
          template: 'lead_offered_batch',
          params: (locale, tz) => ({ count: '2', acceptBy: formatInstant(acceptBy, locale, tz) }),
          at,
        },
      ]),
    );
    await t.services.jobs.drain();
    const mails = t.inbox.slice(mailsBefore);
    const subjects = (email: string) =>
      mails
        .filter((m) => m.to.includes(email))
        .map((m) => m.subject)
        .sort();
    expect(subjects(pa.email)).toEqual(['3 new leads for you']);
    expect(subjects(pb.email)).toEqual(['2 khách hàng tiềm năng mới cho bạn', '3 khách hàng tiềm năng mới cho bạn']);
    expect(mails).toHaveLength(3);
    // B reads the deadline in its own zone (Ho Chi Minh City, UTC+7).
    expect(mails.find((m) => m.to.includes(pb.email))?.text).toContain('GMT+7');
  });

  it('shows the board and the fairness figures', async () => {
    const board = (await ws.people.viewer.get('/api/v1/leads/board')).json().board;
    expect(board.counts.offered).toBeGreaterThan(0);
    expect(board.fallbackQueue).toMatchObject({ id: 'inside-sales', name: 'Inside sales' });
    const stats = (await ws.people.finance.get('/api/v1/leads/stats?days=30')).json().stats;
    const a = stats.partners.find((p: { partner: { id: string } }) => p.partner.id === A);
    const b = stats.partners.find((p: { partner: { id: string } }) => p.partner.id === B);
    // A's weight is 3 against B's 1 wherever both were eligible; C is in no weighted rule.
    expect(a.weightShare).toBeGreaterThan(b.weightShare);
    const c = stats.partners.find((p: { partner: { id: string } }) => p.partner.id === C);
    expect(c.weightShare).toBeNull();
    expect(c.offered).toBeGreaterThan(0);
    expect(a.offered + b.offered).toBeGreaterThan(0);
    expect(stats.totals.offered).toBe(stats.partners.reduce((s: number, p: { offered: number }) => s + p.offered, 0));
    expect(b.medianHoursToAccept === null || b.medianHoursToAccept >= 0).toBe(true);
  });
});

describe('web-to-lead', () => {
  const form = (extra: Record<string, unknown> = {}) => ({
    company: 'Web Form Trading',
    name: 'Lê Văn Hùng',
    email: 'hung@webform.vn',
    country: 'VN',
    message: 'Need 20 firewalls',
    ...extra,
  });
  const submit = (key: string, body: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/public/workspaces/${key}/leads`, payload: body as object });

  it('stores and routes a submission once, drops repeats and honeypot posts alike', async () => {
    const first = await submit(ws.slug, form());
    expect(first.statusCode, first.body).toBe(202);
    expect((await submit(ws.slug, form({ email: 'HUNG@webform.vn' }))).statusCode).toBe(202);
    expect((await submit(ws.workspaceId, form({ company: 'Bot Farm', website_url: 'http://spam' }))).statusCode).toBe(
      202,
    );
    const list = (await cm.get('/api/v1/leads?source=web_form')).json().data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ company: 'Web Form Trading', status: 'offered', notes: 'Need 20 firewalls' });
    const badCountry = await submit(ws.slug, form({ country: 'QQ', email: 'x@webform.vn' }));
    expect(issuePaths(badCountry)).toEqual(['body.country']);
    expect((await submit('no-such-workspace', form())).statusCode).toBe(404);
  });

  it('is rate-limited per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/workspaces/${ws.slug}/leads`,
        remoteAddress: '10.99.0.7',
        payload: form({ email: `flood${i}@webform.vn`, company: `Flood ${i}` }),
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
    }
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});

describe('a lead nobody accepts in time, again and again', () => {
  it('goes to the fallback queue once it was recalled maxRecalls times, and says so', async () => {
    const saved = await put(admin, '/api/v1/leads/routing-settings', {
      sla: { hours: 24, reminderHoursBefore: 0, maxRecalls: 1 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const l = await create(lead('Never Answered Co', { contactEmail: 'x@neveranswered.vn' }));
    const first = l.partner.id as string;
    t.clock.advance(24 * HOUR);
    await runSla();
    const second = (await cm.get(`/api/v1/leads/${l.id}`)).json().lead;
    expect(second.status).toBe('offered');
    expect(second.partner.id).not.toBe(first);
    t.clock.advance(24 * HOUR);
    await runSla();
    const gone = (await cm.get(`/api/v1/leads/${l.id}`)).json().lead;
    expect(gone).toMatchObject({ status: 'unassigned', partner: null, recallCount: 2 });
    expect(gone.events.slice(-2).map((e: { type: string; reasonCode: string }) => [e.type, e.reasonCode])).toEqual([
      ['recalled', 'sla_expired'],
      ['fallback', 'recalled'],
    ]);
    expect(gone.recalledPartners.map((p: { id: string }) => p.id).sort()).toEqual([first, second.partner.id].sort());
  });
});
