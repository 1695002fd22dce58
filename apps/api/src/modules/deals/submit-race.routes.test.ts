import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, type Client, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createPartner } from '../../../test/partner-fixtures';
import { inScope, type Scope } from '../../db/scope';

// C4: two partners submitting the same customer at the same moment. On PostgreSQL the two requests really
// run side by side (the write takes a lock per identity key and re-checks, deal_submit_guard); on PGlite
// (one connection) they run one after the other — the outcome must be the same.
let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let p1: Client;
let p2: Client;
let p1Id: string;
let p2Id: string;

const DAY = 24 * 3_600_000;
const CUSTOMERS = [
  'Bình Minh Steel',
  'Hoàng Gia Pharma',
  'Tân Cảng Shipping',
  'Vĩnh Phúc Ceramics',
  'Đông Á Textiles',
  'Kestrel Optics',
  'Marlowe Bakeries',
  'Quillon Robotics',
  'Ravensworth Mining',
  'Sunderby Dairy',
  'Taipei Lotus Foods',
  'Ozolkalns Timber',
  'Gauja Brewing',
  'Priedaine Glass',
  'Harbin Aerials',
  'Zephyrine Cosmetics',
  'Underhill Saddlery',
  'Yarrowdale Seeds',
  'Wexcombe Pumps',
  'Iverdale Ferries',
];

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Race Program');
  const a = await createPartner(ws.people.admin, { status: 'active' });
  const b = await createPartner(ws.people.admin, { status: 'active' });
  p1Id = a.id;
  p2Id = b.id;
  p1 = await addPartnerPerson(t, ws.workspaceId, a.id, 'partner_user', 'race1');
  p2 = await addPartnerPerson(t, ws.workspaceId, b.id, 'partner_user', 'race2');
  const set = await ws.people.admin.patch('/api/v1/deal-settings', {
    protection: 'first_come',
    autoApprove: { enabled: true, minTierRank: null, maxAmountMinor: null },
  });
  expect(set.statusCode, set.body).toBe(200);
});
afterAll(async () => t?.close());

async function draftOf(client: Client, name: string) {
  const domain = `${name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()}.example`;
  const res = await client.post('/api/v1/deal-registrations', {
    customer: { name, country: 'VN', domain },
    contact: { firstName: 'Lan', lastName: 'Nguyễn', email: `lan@${domain}` },
    products: [{ product: 'Firewall', quantity: 1, amount: { amountMinor: 250_000, currency: 'USD' } }],
    expectedCloseDate: new Date(t.clock.now.getTime() + 30 * DAY).toISOString().slice(0, 10),
    submit: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().registration.id as string;
}

describe('simultaneous submits of one customer', () => {
  it('approves at most one; the other waits for review carrying the conflict with the first (20 rounds)', async () => {
    for (const name of CUSTOMERS) {
      const ids = [await draftOf(p1, name), await draftOf(p2, name)];
      const answers = await Promise.all([
        p1.post(`/api/v1/deal-registrations/${ids[0]}/submit`),
        p2.post(`/api/v1/deal-registrations/${ids[1]}/submit`),
      ]);
      for (const res of answers) expect(res.statusCode, res.body).toBe(200);
      const regs = answers.map((res) => res.json().registration as { id: string; status: string });
      const approved = regs.filter((r) => r.status === 'approved');
      expect(approved, name).toHaveLength(1);
      const winner = approved[0]?.id;
      const loser = regs.find((r) => r.id !== winner);
      expect(loser, name).toMatchObject({ status: 'submitted', conflictFlag: 'conflict', autoApproved: false });
      // The reviewer sees the conflict recorded on the later one, naming the approved registration.
      const review = (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${loser?.id}`)).json()
        .registration;
      expect(review.conflicts, name).toEqual([expect.objectContaining({ sourceId: winner, band: 'conflict' })]);
      const first = (await ws.people.channel_manager.get(`/api/v1/deal-registrations/${winner}`)).json().registration;
      expect(first).toMatchObject({ status: 'approved', conflicts: [] });
    }
  });
});

describe('the write guard (deal_submit_guard, a SECURITY DEFINER function)', () => {
  const guard = (scope: Scope, keys: string[], registrationId: string) =>
    inScope(t.services.db, scope, async (tx) => {
      const res = await tx.execute(
        sql`SELECT deal_submit_guard(${`{${keys.map((k) => JSON.stringify(k)).join(',')}}`}::text[], ${registrationId}::uuid, '{}'::uuid[], '{submitted,needs_info,approved,won}'::deal_status[]) AS n`,
      );
      return Number((res.rows[0] as { n: number }).n);
    });
  const partnerScope = (partnerId: string, userId: string): Scope => ({
    workspaceId: ws.workspaceId,
    userId,
    partnerId,
    kind: 'partner',
  });

  it('answers only for the caller’s own registration, with a count and nothing else; refuses any other scope', async () => {
    const name = 'Silvercrest Tannery';
    const keys = ['d:silvercresttannery.example', 'n:silvercresttannery'];
    const mine = await draftOf(p1, name);
    const theirs = await draftOf(p2, name);
    expect((await p2.post(`/api/v1/deal-registrations/${theirs}/submit`)).statusCode).toBe(200);
    // The own registration: P2's active registration shares the identity keys and was not seen — one.
    expect(await guard(partnerScope(p1Id, p1.userId), keys, mine)).toBe(1);
    // Someone else's registration id tells nothing (0), whatever the keys.
    expect(await guard(partnerScope(p1Id, p1.userId), keys, theirs)).toBe(0);
    expect(await guard(partnerScope(p2Id, p2.userId), keys, mine)).toBe(0);
    // Vendor scope (or none) is refused: the function is for a partner's own submit only.
    await expect(
      guard({ workspaceId: ws.workspaceId, userId: null, partnerId: null, kind: 'vendor' }, keys, mine),
    ).rejects.toThrow();
  });
});
