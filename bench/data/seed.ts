// The read bench's data: workspaces and people through the app's own bootstrap functions (real
// password hashes, real memberships), partners, contacts, tiers and events with set-based SQL as the
// superuser (one INSERT … SELECT FROM unnest per table), so 10,000 partners take about a second.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../../apps/api/src/config';
import { openDatabase } from '../../apps/api/src/db/client';
import { searchKey } from '../../apps/api/src/lib/search-key';
import { addMembership, createWorkspace, ensureUser } from '../../apps/api/src/modules/people/bootstrap';
import { createAuth } from '../../apps/api/src/platform/auth';
import { withClient } from '../lib/pg';
import { AUTH_SECRET } from '../lib/procs';
import { generatePartner } from './names';

export const PASSWORD = 'bench-password-2026';

export type Login = { email: string; password: string };
export type Fixture = {
  workspaceId: string;
  otherWorkspaceId: string;
  importWorkspaceId: string;
  channelManager: Login;
  partnerUser: Login & { partnerId: string };
  importer: Login;
  /** Partner ids of the main workspace, in random order (the single-read bench cycles through them). */
  partnerIds: string[];
  counts: { partners: number; contacts: number; otherPartners: number; otherContacts: number };
};

type Column = [name: string, sqlType: string];

/** INSERT INTO table (cols) SELECT t.c::type … FROM unnest($1::text[], …): one statement for all rows. */
async function insertUnnest(client: pg.Client, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  const params = columns.map((_, k) => rows.map((row) => toText(row[k])));
  const names = columns.map(([n]) => n);
  const select = columns.map(([, t], k) => `t.c${k}::${t}`).join(', ');
  const from = columns.map((_, k) => `$${k + 1}::text[]`).join(', ');
  const alias = columns.map((_, k) => `c${k}`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${select} FROM unnest(${from}) AS t(${alias})`,
    params,
  );
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return `{${v.map((x) => `"${String(x).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const PARTNER_COLUMNS: Column[] = [
  ['workspace_id', 'uuid'],
  ['id', 'uuid'],
  ['legal_name', 'text'],
  ['display_name', 'text'],
  ['search_name', 'text'],
  ['website', 'text'],
  ['domain', 'text'],
  ['country', 'text'],
  ['region', 'text'],
  ['address', 'jsonb'],
  ['phone', 'text'],
  ['type', 'partner_type'],
  ['size_band', 'size_band'],
  ['industries', 'text[]'],
  ['capabilities', 'text[]'],
  ['territories', 'text[]'],
  ['tier_id', 'uuid'],
  ['owner_user_id', 'uuid'],
  ['parent_partner_id', 'uuid'],
  ['status', 'partner_status'],
  ['tags', 'text[]'],
  ['custom_attributes', 'jsonb'],
  ['metadata', 'jsonb'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

const CONTACT_COLUMNS: Column[] = [
  ['workspace_id', 'uuid'],
  ['id', 'uuid'],
  ['partner_id', 'uuid'],
  ['first_name', 'text'],
  ['last_name', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['title', 'text'],
  ['role', 'contact_role'],
];

const TIERS = [
  ['Registered', 0, { discountPercent: 0, dealProtectionDays: 60, mdfAllocation: null, commissionRatePercent: 5 }],
  ['Silver', 1, { discountPercent: 10, dealProtectionDays: 90, mdfAllocation: null, commissionRatePercent: 8 }],
  [
    'Gold',
    2,
    {
      discountPercent: 20,
      dealProtectionDays: 120,
      mdfAllocation: { amountMinor: 2_000_000, currency: 'USD' },
      commissionRatePercent: 12,
    },
  ],
  [
    'Platinum',
    3,
    {
      discountPercent: 30,
      dealProtectionDays: 180,
      mdfAllocation: { amountMinor: 5_000_000, currency: 'USD' },
      commissionRatePercent: 15,
    },
  ],
] as const;

async function insertTiers(client: pg.Client, workspaceId: string): Promise<string[]> {
  const rows = TIERS.map(([name, rank, benefits]) => [
    workspaceId,
    uuidv7(),
    name,
    rank,
    `${name} partners`,
    { ...benefits, leadPriority: rank },
  ]);
  await insertUnnest(
    client,
    'tiers',
    [
      ['workspace_id', 'uuid'],
      ['id', 'uuid'],
      ['name', 'text'],
      ['rank', 'int'],
      ['description', 'text'],
      ['benefits', 'jsonb'],
    ],
    rows,
  );
  return rows.map((r) => r[1] as string);
}

/** count partners (two contacts each, one created event each) in workspaceId; returns their ids. */
async function insertPartners(
  client: pg.Client,
  opts: { workspaceId: string; count: number; seed: number; prefix: string; tierIds: string[]; ownerIds: string[] },
): Promise<string[]> {
  const ids: string[] = [];
  const partnerRows: unknown[][] = [];
  const contactRows: unknown[][] = [];
  const now = Date.now();
  const span = 730 * 86_400_000;
  for (let n = 0; n < opts.count; n++) {
    const p = generatePartner(n, opts.seed, opts.prefix);
    const id = uuidv7();
    ids.push(id);
    const at = new Date(now - span + Math.floor((span * n) / opts.count));
    const parent = n >= 40 && n % 20 === 7 ? ids[n - 27] : null;
    partnerRows.push([
      opts.workspaceId,
      id,
      p.legalName,
      p.displayName,
      searchKey(`${p.displayName} ${p.legalName} ${p.domain}`),
      p.website,
      p.domain,
      p.country,
      p.region,
      { city: p.city },
      p.phone,
      p.type,
      p.sizeBand,
      p.industries,
      p.capabilities,
      [p.country],
      n % 5 === 4 ? null : opts.tierIds[n % opts.tierIds.length],
      n % 5 < 3 ? opts.ownerIds[n % opts.ownerIds.length] : null,
      parent,
      p.status,
      p.tags,
      {},
      n % 10 === 0 ? { crmId: `0015g00000${n.toString().padStart(6, '0')}` } : {},
      at,
      at,
    ]);
    contactRows.push(
      [
        opts.workspaceId,
        uuidv7(),
        id,
        p.contact.firstName,
        p.contact.lastName,
        p.contact.email,
        p.phone,
        p.contact.title,
        'primary',
      ],
      [opts.workspaceId, uuidv7(), id, 'Sales', 'Desk', `sales-desk@${p.domain}`, null, 'Sales', 'sales'],
    );
  }
  await insertUnnest(client, 'partners', PARTNER_COLUMNS, partnerRows);
  await insertUnnest(client, 'contacts', CONTACT_COLUMNS, contactRows);
  await client.query(
    `INSERT INTO partner_events (workspace_id, id, partner_id, type, data, occurred_at)
     SELECT workspace_id, gen_random_uuid(), id, 'partner.created', '{"source":"bench"}', created_at
     FROM partners WHERE workspace_id = $1`,
    [opts.workspaceId],
  );
  return ids;
}

/**
 * Builds the bench program in an already-migrated database: workspace A (10,000 partners, a channel
 * manager, a partner user), workspace B (other tenant's data the scoping must skip), workspace C
 * (empty, with an admin, for the import bench).
 */
export async function seedReadBench(url: string, partnerCount: number): Promise<Fixture> {
  const config = { ...loadConfig({ AUTH_SECRET, LOG_LEVEL: 'warn' }), databaseUrl: url };
  const database = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: 2, migrate: false });
  try {
    const auth = createAuth(config, database.db, async () => undefined);
    const services = { db: database.db, auth };
    const ws = (name: string) =>
      createWorkspace(services, {
        name,
        slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 6)}`,
        baseCurrency: 'USD',
        defaultLocale: 'en',
        timeZone: 'Asia/Ho_Chi_Minh',
      });
    const workspaceId = await ws('Bench Program');
    const otherWorkspaceId = await ws('Other Tenant');
    const importWorkspaceId = await ws('Import Target');
    const user = (email: string, name: string) => ensureUser(services, { email, name, password: PASSWORD });
    const cmId = await user('cm@bench.example', 'Chris Channel');
    const cm2Id = await user('cm.apac@bench.example', 'Mai Phạm');
    const puId = await user('sales@partner.bench.example', 'Phạm Thu Hà');
    const importerId = await user('admin@import.bench.example', 'Imogen Importer');
    const otherCmId = await user('cm@other.example', 'Other Manager');

    const result = await withClient(url, async (client) => {
      const tiersA = await insertTiers(client, workspaceId);
      const tiersB = await insertTiers(client, otherWorkspaceId);
      await insertTiers(client, importWorkspaceId);
      const idsA = await insertPartners(client, {
        workspaceId,
        count: partnerCount,
        seed: 11,
        prefix: 'a',
        tierIds: tiersA,
        ownerIds: [cmId, cm2Id],
      });
      const otherCount = Math.max(100, Math.floor(partnerCount / 5));
      await insertPartners(client, {
        workspaceId: otherWorkspaceId,
        count: otherCount,
        seed: 22,
        prefix: 'b',
        tierIds: tiersB,
        ownerIds: [otherCmId],
      });
      await client.query('ANALYZE');
      return { idsA, otherCount };
    });

    const ownPartnerId = result.idsA[Math.floor(partnerCount / 2)] as string;
    await addMembership(services, { workspaceId, userId: cmId, role: 'channel_manager' });
    await addMembership(services, { workspaceId, userId: cm2Id, role: 'channel_manager' });
    await addMembership(services, { workspaceId, userId: puId, role: 'partner_user', partnerId: ownPartnerId });
    await addMembership(services, { workspaceId: otherWorkspaceId, userId: otherCmId, role: 'channel_manager' });
    await addMembership(services, { workspaceId: importWorkspaceId, userId: importerId, role: 'admin' });

    const shuffled = [...result.idsA];
    for (let k = shuffled.length - 1; k > 0; k--) {
      const j = Math.floor(Math.random() * (k + 1));
      [shuffled[k], shuffled[j]] = [shuffled[j] as string, shuffled[k] as string];
    }
    return {
      workspaceId,
      otherWorkspaceId,
      importWorkspaceId,
      channelManager: { email: 'cm@bench.example', password: PASSWORD },
      partnerUser: { email: 'sales@partner.bench.example', password: PASSWORD, partnerId: ownPartnerId },
      importer: { email: 'admin@import.bench.example', password: PASSWORD },
      partnerIds: shuffled,
      counts: {
        partners: partnerCount,
        contacts: partnerCount * 2,
        otherPartners: result.otherCount,
        otherContacts: result.otherCount * 2,
      },
    };
  } finally {
    await database.close();
  }
}
