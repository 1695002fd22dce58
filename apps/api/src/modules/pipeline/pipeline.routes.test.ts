import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../../test/authz-fixtures';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner, issuePaths } from '../../../test/partner-fixtures';
import { inScope } from '../../db/scope';
import { createWorkspace } from '../people/bootstrap';
import { ensureStages } from './pipeline.service';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let p1: Client;
let p2: Client;
let p1Id: string;
let p2Id: string;
type Stage = { id: string; name: string; kind: string; probability: number; position: number; dealCount: number };
let stages: Stage[];

const DAY = 86_400_000;
const future = (days: number) => new Date(t.clock.now.getTime() + days * DAY).toISOString().slice(0, 10);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const stageNamed = (name: string) => {
  const s = stages.find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
};

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Pipeline Program');
  const a = await createPartner(ws.people.admin, { status: 'active', displayName: 'Saigon Net' });
  const b = await createPartner(ws.people.admin, { status: 'active', displayName: 'Riga Cloud' });
  p1Id = a.id;
  p2Id = b.id;
  p1 = await addPartnerPerson(t, ws.workspaceId, a.id, 'partner_user', 'p1');
  p2 = await addPartnerPerson(t, ws.workspaceId, b.id, 'partner_user', 'p2');
});
afterAll(async () => t?.close());

/** A registration submitted by the partner and approved by the channel manager. */
async function approvedDeal(client: Client, customer: string, amountMinor: number, currency: string, closeInDays = 20) {
  const res = await client.post('/api/v1/deal-registrations', {
    customer: { name: customer, country: 'VN' },
    contact: { firstName: 'Lan', lastName: 'Trần', email: `lan@${customer.toLowerCase().replace(/[^a-z]/g, '')}.vn` },
    products: [{ product: 'Firewall', quantity: 1, amount: { amountMinor, currency } }],
    expectedCloseDate: future(closeInDays),
    submit: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().registration.id as string;
  const ok = await ws.people.channel_manager.post(`/api/v1/deal-registrations/${id}/approve`, {});
  expect(ok.statusCode, ok.body).toBe(200);
  return id;
}

describe('stages', () => {
  it('gives a workspace without stages the defaults, whoever reads first (a partner here)', async () => {
    const res = await p1.get('/api/v1/pipeline/stages');
    expect(res.statusCode, res.body).toBe(200);
    stages = res.json().data;
    expect(stages.map((s) => [s.name, s.kind, s.probability])).toEqual([
      ['Qualification', 'open', 10],
      ['Discovery', 'open', 25],
      ['Proposal', 'open', 50],
      ['Negotiation', 'open', 75],
      ['Closed won', 'won', 100],
      ['Closed lost', 'lost', 0],
    ]);
    // A second read (vendor) finds the same stages, not a second set.
    expect((await ws.people.viewer.get('/api/v1/pipeline/stages')).json().data).toHaveLength(6);
  });

  it('names the default stages in the workspace’s language', async () => {
    const viWorkspace = await createWorkspace(t.services, {
      name: 'Chương trình đối tác',
      slug: `vi-${Math.random().toString(36).slice(2, 8)}`,
      baseCurrency: 'VND',
      defaultLocale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    await ensureStages(t.services, viWorkspace, t.clock.now);
    const names = await inScope(
      t.services.db,
      { workspaceId: viWorkspace, userId: null, partnerId: null, kind: 'vendor' },
      async (tx) =>
        (await tx.execute(sql`SELECT name FROM pipeline_stages WHERE workspace_id = ${viWorkspace} ORDER BY position`))
          .rows as { name: string }[],
    );
    expect(names.map((r) => r.name)).toEqual([
      'Xác định nhu cầu',
      'Tìm hiểu',
      'Đề xuất',
      'Đàm phán',
      'Đã thắng',
      'Đã thua',
    ]);
  });

  it('lets the admin add, rename, re-weight and reorder stages, naming the field of every mistake', async () => {
    const admin = ws.people.admin;
    const add = await admin.post('/api/v1/pipeline/stages', { name: 'Technical validation', probability: 60 });
    expect(add.statusCode, add.body).toBe(201);
    const added = add.json().stage as Stage;
    // An open stage goes before the closed ones.
    const after = (await admin.get('/api/v1/pipeline/stages')).json().data as Stage[];
    expect(after.map((s) => s.name).slice(-3)).toEqual(['Technical validation', 'Closed won', 'Closed lost']);

    const dup = await admin.post('/api/v1/pipeline/stages', { name: 'proposal', probability: 40 });
    expect(dup.statusCode).toBe(422);
    expect(issuePaths(dup)).toEqual(['body.name']);
    const badWon = await admin.post('/api/v1/pipeline/stages', { name: 'Won again', kind: 'won', probability: 90 });
    expect(issuePaths(badWon)).toEqual(['body.probability']);
    const badPct = await admin.post('/api/v1/pipeline/stages', { name: 'Half', probability: 50.5 });
    expect(issuePaths(badPct)).toEqual(['body.probability']);
    const wonPct = await admin.patch(`/api/v1/pipeline/stages/${stageNamed('Closed won').id}`, { probability: 80 });
    expect(wonPct.statusCode).toBe(422);
    expect(issuePaths(wonPct)).toEqual(['body.probability']);

    const renamed = await admin.patch(`/api/v1/pipeline/stages/${added.id}`, {
      name: 'Proof of concept',
      probability: 65,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().stage).toMatchObject({ name: 'Proof of concept', probability: 65 });

    const ids = after.map((s) => s.id);
    const reordered = [ids[1], ids[0], ...ids.slice(2)];
    const order = await admin.request({
      method: 'PUT',
      url: '/api/v1/pipeline/stages/order',
      payload: { stageIds: reordered },
    });
    expect(order.statusCode, order.body).toBe(200);
    expect(
      order
        .json()
        .data.map((s: Stage) => s.name)
        .slice(0, 2),
    ).toEqual(['Discovery', 'Qualification']);
    const partial = await admin.request({
      method: 'PUT',
      url: '/api/v1/pipeline/stages/order',
      payload: { stageIds: reordered.slice(1) },
    });
    expect(partial.statusCode).toBe(422);
    expect(issuePaths(partial)).toEqual(['body.stageIds']);
    // Back to the default order for the tests below.
    await admin.request({ method: 'PUT', url: '/api/v1/pipeline/stages/order', payload: { stageIds: ids } });
    stages = (await admin.get('/api/v1/pipeline/stages')).json().data;

    // Stage settings are the admin's: partners and other vendor roles are refused.
    expect((await p1.post('/api/v1/pipeline/stages', { name: 'Mine', probability: 5 })).statusCode).toBe(403);
    expect(
      (await ws.people.channel_manager.patch(`/api/v1/pipeline/stages/${added.id}`, { name: 'X' })).statusCode,
    ).toBe(403);
  });
});

describe('moving deals', () => {
  let mine: string;
  let theirs: string;

  it('puts approved registrations in the first open stage and shows each partner only its own', async () => {
    mine = await approvedDeal(p1, 'Hoa Binh Logistics', 1_000_000, 'USD');
    theirs = await approvedDeal(p2, 'Daugava Shipping', 500_000, 'EUR');
    const own = await p1.get('/api/v1/pipeline/deals');
    expect(own.statusCode, own.body).toBe(200);
    const ownIds = own.json().data.map((d: { id: string }) => d.id);
    expect(ownIds).toContain(mine);
    expect(ownIds).not.toContain(theirs);
    expect(own.json().data.find((d: { id: string }) => d.id === mine)).toMatchObject({
      stage: { name: 'Qualification', probability: 10 },
      amounts: [{ amountMinor: 1_000_000, currency: 'USD' }],
      abilities: { move: true, close: true },
    });
    // Asking for another partner's deals by filter returns nothing of theirs.
    const sneaky = await p1.get(`/api/v1/pipeline/deals?partnerId=${p2Id}`);
    expect(sneaky.json().data).toEqual([]);
    expect((await p1.get(`/api/v1/pipeline/deals/${theirs}`)).statusCode).toBe(404);

    const all = await ws.people.viewer.get('/api/v1/pipeline/deals');
    expect(all.json().data.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(all.json().data.find((d: { id: string }) => d.id === mine).abilities.move).toBe(false);
  });

  it('records every move with who, when, from and to; the vendor sees it', async () => {
    const proposal = stageNamed('Proposal');
    const res = await p1.post(`/api/v1/pipeline/deals/${mine}/move`, { stageId: proposal.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deal).toMatchObject({ stage: { id: proposal.id, probability: 50 }, movedBy: { id: p1.userId } });
    const cm = await ws.people.channel_manager.post(`/api/v1/pipeline/deals/${mine}/move`, {
      stageId: stageNamed('Negotiation').id,
    });
    expect(cm.statusCode, cm.body).toBe(200);
    const moves = (await p1.get(`/api/v1/pipeline/deals/${mine}/moves`)).json().data;
    expect(moves.map((m: { from: { name: string }; to: { name: string } }) => [m.from?.name, m.to.name])).toEqual([
      ['Proposal', 'Negotiation'],
      ['Qualification', 'Proposal'],
    ]);
    expect(moves[1].movedBy.id).toBe(p1.userId);
    expect(moves[0].movedBy.id).toBe(ws.people.channel_manager.userId);
    // Moving to the stage it is in changes nothing and records nothing.
    await p1.post(`/api/v1/pipeline/deals/${mine}/move`, { stageId: stageNamed('Negotiation').id });
    expect((await p1.get(`/api/v1/pipeline/deals/${mine}/moves`)).json().data).toHaveLength(2);
    const filtered = await ws.people.viewer.get(`/api/v1/pipeline/deals?stageId=${stageNamed('Negotiation').id}`);
    expect(filtered.json().data.map((d: { id: string }) => d.id)).toEqual([mine]);
  });

  it('refuses another partner’s deal as not found and changes nothing', async () => {
    const res = await p1.post(`/api/v1/pipeline/deals/${theirs}/move`, { stageId: stageNamed('Proposal').id });
    expect(res.statusCode).toBe(404);
    expect((await p1.get(`/api/v1/pipeline/deals/${theirs}/moves`)).statusCode).toBe(404);
    const seen = (await p2.get(`/api/v1/pipeline/deals/${theirs}`)).json().deal;
    expect(seen.stage.name).toBe('Qualification');
    // RLS holds too: a partner-scoped query finds none of P2's positions or moves.
    const rows = await inScope(
      t.services.db,
      { workspaceId: ws.workspaceId, userId: p1.userId, partnerId: p1Id, kind: 'partner' },
      async (tx) => (await tx.execute(sql`SELECT partner_id::text AS p FROM pipeline_moves`)).rows as { p: string }[],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.p === p1Id)).toBe(true);
    expect(
      (await ws.people.viewer.post(`/api/v1/pipeline/deals/${theirs}/move`, { stageId: stageNamed('Proposal').id }))
        .statusCode,
    ).toBe(403);
  });

  it('a partner’s move into won records the outcome on the registration in the same request; closed deals stay put', async () => {
    const wonStage = stageNamed('Closed won');
    const unknown = await p1.post(`/api/v1/pipeline/deals/${mine}/move`, {
      stageId: '01900000-0000-7000-8000-000000000000',
    });
    expect(issuePaths(unknown)).toEqual(['body.stageId']);
    const codeOnWon = await p1.post(`/api/v1/pipeline/deals/${mine}/move`, {
      stageId: wonStage.id,
      reasonCode: 'price',
    });
    expect(codeOnWon.statusCode).toBe(422);
    expect(issuePaths(codeOnWon)).toEqual(['body.reasonCode']);

    const toWon = await p1.post(`/api/v1/pipeline/deals/${mine}/move`, { stageId: wonStage.id });
    expect(toWon.statusCode, toWon.body).toBe(200);
    expect(toWon.json().deal).toMatchObject({
      status: 'won',
      stage: { id: wonStage.id, name: 'Closed won', probability: 100 },
      movedBy: { id: p1.userId },
      abilities: { move: false, close: false },
    });
    const registration = (await p1.get(`/api/v1/deal-registrations/${mine}`)).json().registration;
    expect(registration).toMatchObject({
      status: 'won',
      outcome: { outcome: 'won', closedBySide: 'partner', closedBy: { id: p1.userId } },
    });
    const moves = (await p1.get(`/api/v1/pipeline/deals/${mine}/moves`)).json().data;
    expect([moves[0].from?.name, moves[0].to.name]).toEqual(['Negotiation', 'Closed won']);
    // Reported on the registration or moved on the board: the same thing, so a second outcome is refused.
    expect((await p1.post(`/api/v1/deal-registrations/${mine}/outcome`, { outcome: 'lost' })).statusCode).toBe(409);
    const back = await p1.post(`/api/v1/pipeline/deals/${mine}/move`, { stageId: stageNamed('Proposal').id });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('invalid_state');
  });

  it('a move into lost needs a lost reason code (nothing changes without one) and records it', async () => {
    const deal = await approvedDeal(p1, 'Ben Thanh Foods', 300_000, 'USD');
    const lost = stageNamed('Closed lost');
    const missing = await p1.post(`/api/v1/pipeline/deals/${deal}/move`, { stageId: lost.id, reason: 'Too dear' });
    expect(missing.statusCode).toBe(422);
    expect(issuePaths(missing)).toEqual(['body.reasonCode']);
    const onOpen = await p1.post(`/api/v1/pipeline/deals/${deal}/move`, {
      stageId: stageNamed('Proposal').id,
      reasonCode: 'price',
      reason: 'x',
    });
    expect(onOpen.statusCode).toBe(422);
    expect(issuePaths(onOpen).sort()).toEqual(['body.reason', 'body.reasonCode']);
    const unchanged = (await p1.get(`/api/v1/pipeline/deals/${deal}`)).json().deal;
    expect(unchanged).toMatchObject({ status: 'approved', stage: { name: 'Qualification' } });
    expect((await p1.get(`/api/v1/pipeline/deals/${deal}/moves`)).json().data).toHaveLength(0);

    const ok = await p1.post(`/api/v1/pipeline/deals/${deal}/move`, {
      stageId: lost.id,
      reasonCode: 'competitor',
      reason: 'Chose a local integrator',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().deal).toMatchObject({ status: 'lost', stage: { id: lost.id }, abilities: { move: false } });
    const vendorView = (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${deal}`)).json().registration;
    expect(vendorView).toMatchObject({
      status: 'lost',
      outcome: {
        outcome: 'lost',
        reasonCode: 'competitor',
        reason: 'Chose a local integrator',
        closedBySide: 'partner',
      },
    });
  });

  it('vendor staff moving into won close the registration with a reason, into the won stage they chose', async () => {
    const admin = ws.people.admin;
    const renewal = await admin.post('/api/v1/pipeline/stages', {
      name: 'Won – renewal',
      kind: 'won',
      probability: 100,
    });
    expect(renewal.statusCode, renewal.body).toBe(201);
    const renewalId = renewal.json().stage.id as string;
    const deal = await approvedDeal(p2, 'Daugava Logistics', 410_000, 'EUR');
    const cm = ws.people.channel_manager;
    const noReason = await cm.post(`/api/v1/pipeline/deals/${deal}/move`, { stageId: renewalId });
    expect(noReason.statusCode).toBe(422);
    expect(issuePaths(noReason)).toEqual(['body.reason']);
    expect(
      (await ws.people.viewer.post(`/api/v1/pipeline/deals/${deal}/move`, { stageId: renewalId })).statusCode,
    ).toBe(403);
    const ok = await cm.post(`/api/v1/pipeline/deals/${deal}/move`, { stageId: renewalId, reason: 'PO received' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().deal).toMatchObject({ status: 'won', stage: { id: renewalId, name: 'Won – renewal' } });
    const partnerView = (await p2.get(`/api/v1/deal-registrations/${deal}`)).json().registration;
    expect(partnerView).toMatchObject({
      status: 'won',
      outcome: { outcome: 'won', reason: 'PO received', closedBySide: 'vendor', closedBy: { id: cm.userId } },
    });
    // Deleting that won stage takes its deals to the won stage named, not back to the first one.
    const stagesNow = (await admin.get('/api/v1/pipeline/stages')).json().data as Stage[];
    expect(stagesNow.find((x) => x.id === renewalId)?.dealCount).toBe(1);
    const del = await admin.delete(`/api/v1/pipeline/stages/${renewalId}?moveTo=${stageNamed('Closed won').id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await p2.get(`/api/v1/pipeline/deals/${deal}`)).json().deal.stage.name).toBe('Closed won');
  });

  it('deletes a stage only when empty or by moving its deals to a stage of the same kind', async () => {
    const admin = ws.people.admin;
    const deal = await approvedDeal(p2, 'Jurmala Retail', 250_000, 'EUR');
    await p2.post(`/api/v1/pipeline/deals/${deal}/move`, { stageId: stageNamed('Discovery').id });
    const discovery = stageNamed('Discovery');
    const refused = await admin.delete(`/api/v1/pipeline/stages/${discovery.id}`);
    expect(refused.statusCode).toBe(422);
    expect(issuePaths(refused)).toEqual(['querystring.moveTo']);
    const wrongKind = await admin.delete(
      `/api/v1/pipeline/stages/${discovery.id}?moveTo=${stageNamed('Closed lost').id}`,
    );
    expect(issuePaths(wrongKind)).toEqual(['querystring.moveTo']);
    const ok = await admin.delete(`/api/v1/pipeline/stages/${discovery.id}?moveTo=${stageNamed('Proposal').id}`);
    expect(ok.statusCode, ok.body).toBe(204);
    const moved = (await p2.get(`/api/v1/pipeline/deals/${deal}`)).json().deal;
    expect(moved.stage.name).toBe('Proposal');
    const moves = (await p2.get(`/api/v1/pipeline/deals/${deal}/moves`)).json().data;
    expect(moves[0]).toMatchObject({
      from: { name: 'Discovery' },
      to: { name: 'Proposal' },
      movedBy: { id: admin.userId },
    });
    // Negotiation now holds only the deal that was won there: it counts in Closed won, and the stage can go.
    const negotiation = (await admin.get('/api/v1/pipeline/stages'))
      .json()
      .data.find((s: Stage) => s.name === 'Negotiation');
    expect(negotiation.dealCount).toBe(0);
    expect((await admin.delete(`/api/v1/pipeline/stages/${negotiation.id}`)).statusCode).toBe(204);
    expect(
      (await p1.get(`/api/v1/pipeline/deals`)).json().data.find((d: { status: string }) => d.status === 'won').stage
        .name,
    ).toBe('Closed won');
    const lastLost = await admin.delete(`/api/v1/pipeline/stages/${stageNamed('Closed lost').id}`);
    expect(lastLost.statusCode).toBe(409);
    stages = (await admin.get('/api/v1/pipeline/stages')).json().data;
    expect(stages.find((s) => s.name === 'Proposal')?.dealCount).toBeGreaterThanOrEqual(1);
  });
});

describe('exchange rates and the forecast', () => {
  it('imports the ECB file all or nothing, refusing bad XML with the line of the problem', async () => {
    const finance = ws.people.finance;
    const broken = fixture('eurofxref-hist-sample.xml').replace(
      '</Cube>\n\t\t<Cube time="2026-11-19">',
      '<Cube time="2026-11-19">',
    );
    const upload = multipart({}, { name: 'eurofxref.xml', content: broken });
    const bad = await finance.request({
      method: 'POST',
      url: '/api/v1/exchange-rates/ecb-import',
      headers: { 'content-type': upload.contentType },
      payload: upload.payload,
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json().error.details.issues[0]).toMatchObject({ path: 'body.file', code: 'ecb_format' });
    expect(bad.json().error.details.issues[0].message).toMatch(/line \d+/);
    expect((await finance.get('/api/v1/exchange-rates')).json().data).toEqual([]);

    // A manual GBP rate on a date the file also has: the manual one is kept.
    const manual = await finance.post('/api/v1/exchange-rates', {
      base: 'EUR',
      quote: 'GBP',
      rate: '0.86000',
      rateDate: '2026-11-20',
    });
    expect(manual.statusCode, manual.body).toBe(201);
    expect(manual.json().rate).toMatchObject({ rate: '0.86', source: 'manual' });
    const m = multipart({}, { name: 'eurofxref-hist.xml', content: fixture('eurofxref-hist-sample.xml') });
    const ok = await finance.request({
      method: 'POST',
      url: '/api/v1/exchange-rates/ecb-import',
      headers: { 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().result).toEqual({
      imported: 7,
      keptManual: 1,
      unchanged: 0,
      days: 2,
      firstDate: '2026-11-19',
      lastDate: '2026-11-20',
      currencies: ['GBP', 'JPY', 'KRW', 'USD'],
    });
    // Uploading the same file again writes nothing: every rate is unchanged or manual.
    const again = await finance.request({
      method: 'POST',
      url: '/api/v1/exchange-rates/ecb-import',
      headers: { 'content-type': m.contentType },
      payload: m.payload,
    });
    expect(again.json().result).toMatchObject({ imported: 0, unchanged: 7, keptManual: 1 });
    const gbp = (await finance.get('/api/v1/exchange-rates?currency=GBP')).json().data;
    expect(gbp.map((r: { rate: string; source: string }) => [r.rate, r.source])).toEqual([
      ['0.86', 'manual'],
      ['0.8597', 'ecb'],
    ]);
    expect(
      (
        await ws.people.channel_manager.post('/api/v1/exchange-rates', {
          base: 'USD',
          quote: 'VND',
          rate: '25000',
          rateDate: '2026-11-20',
        })
      ).statusCode,
    ).toBe(403);
    const float = await finance.post('/api/v1/exchange-rates', {
      base: 'USD',
      quote: 'VND',
      rate: 2.5e4,
      rateDate: '2026-11-20',
    });
    expect(issuePaths(float)).toEqual(['body.rate']);
    const same = await finance.post('/api/v1/exchange-rates', {
      base: 'USD',
      quote: 'USD',
      rate: '1',
      rateDate: '2026-11-20',
    });
    expect(issuePaths(same)).toEqual(['body.quote']);
    expect((await p1.get('/api/v1/exchange-rates')).statusCode).toBe(403);
  });

  it('forecasts in the base currency, lists the missing pairs instead of guessing, and records each rate', async () => {
    const vnd = await approvedDeal(p1, 'Mekong Foods', 2_500_000_000, 'VND', 25);
    const from = future(0);
    const to = future(90);
    const url = `/api/v1/pipeline/forecast?period=quarter&from=${from}&to=${to}&rateDate=2026-11-21`;
    const first = await ws.people.viewer.get(url);
    expect(first.statusCode, first.body).toBe(200);
    const f = first.json().forecast;
    expect(f).toMatchObject({ baseCurrency: 'USD', rounding: 'half_even', complete: false });
    expect(f.missingRates).toEqual([{ from: 'VND', to: 'USD', dealCount: 1 }]);
    expect(f.deals.find((d: { id: string }) => d.id === vnd)).toMatchObject({ convertedMinor: null });
    // EUR → USD at the ECB rate of 2026-11-20, direct: 2,500.00 EUR × 1.0823 = 2,705.75 USD, in Proposal (50 %).
    const eur = f.deals.find((d: { customer: string }) => d.customer === 'Jurmala Retail');
    expect(eur.amounts[0]).toMatchObject({
      convertedMinor: 270_575,
      rate: '1.0823',
      rateDate: '2026-11-20',
      source: 'ecb',
    });
    expect(eur.weightedMinor).toBe(135_288); // 135,287.5 → half-even 135,288
    expect(f.conversions).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'EUR', to: 'USD', route: 'direct', rate: '1.0823' })]),
    );

    const rate = await ws.people.finance.post('/api/v1/exchange-rates', {
      base: 'USD',
      quote: 'VND',
      rate: '25000',
      rateDate: '2026-11-21',
    });
    expect(rate.statusCode, rate.body).toBe(201);
    const second = (await ws.people.viewer.get(url)).json().forecast;
    expect(second.complete).toBe(true);
    expect(second.missingRates).toEqual([]);
    const line = second.deals.find((d: { id: string }) => d.id === vnd);
    expect(line).toMatchObject({ convertedMinor: 10_000_000, weightedMinor: 1_000_000 });
    expect(line.amounts[0]).toMatchObject({ rate: '0.00004', rateDate: '2026-11-21', source: 'manual' });
    const sumLines = second.deals
      .filter((d: { stageId: string }) => stages.find((s) => s.id === d.stageId)?.kind !== 'lost')
      .reduce((a: number, d: { convertedMinor: number }) => a + d.convertedMinor, 0);
    expect(second.totals.totalMinor).toBe(sumLines);

    expect((await p1.get(url)).statusCode).toBe(403);
    const badRange = await ws.people.viewer.get('/api/v1/pipeline/forecast?from=2027-02-01&to=2027-01-01');
    expect(issuePaths(badRange)).toEqual(['querystring.to']);
  });
});
