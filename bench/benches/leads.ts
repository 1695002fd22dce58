// Bench 5 (issue 5, C5): route 100,000 leads across 2,000 partners with 50 rules on PostgreSQL, every
// decision stored with its explanation, through the leads module's bulk routing as "Route all waiting" runs it
// (routeBulk: one transaction locks the workspace's routing and reads the facts, BULK_WRITERS transactions each
// lock a share of the leads, route them on the shared engine state, write leads / decisions / hops in batches
// and tell the partners' people; all commit together).
// Goal: ≤ 10 s for the 100,000. The floor is the pure engine (routeMany, no database) on the same leads.
//
// In `npm run bench` with BENCH_ONLY=leads (or a list naming it), or alone:
//   node scripts/with-postgres.mjs npx tsx bench/benches/leads.ts
import { LEAD_BULK_ROUTE_MAX, type RoutingRule } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../../apps/api/src/config';
import { openDatabase } from '../../apps/api/src/db/client';
import { leads } from '../../apps/api/src/db/schema/index';
import { inScope } from '../../apps/api/src/db/scope';
import { routableColumns, routingPartners } from '../../apps/api/src/modules/leads/lead.repo';
import { BULK_WRITERS, routeBulk, routingLeadOf } from '../../apps/api/src/modules/leads/lead.routing';
import { routeMany } from '../../apps/api/src/modules/leads/routing/index';
import { addMembership, ensureUser } from '../../apps/api/src/modules/people/bootstrap';
import { createAuth } from '../../apps/api/src/platform/auth';
import { cpuMeter, waitQuiet } from '../lib/cpu';
import { getJson, signIn } from '../lib/http';
import { type LoadPlan, type LoadResult, loadPair } from '../lib/load';
import { copyText, createDatabase, psqlCopyLines, withClient } from '../lib/pg';
import { AUTH_SECRET, type Child, CLI, freePort, spawnTsx, stop, waitReady } from '../lib/procs';
import { makeRow, type Row } from '../lib/report';
import { apiEnv } from './reads';

export type LeadsOptions = {
  leads?: number;
  partners?: number;
  /** Leads per bulk-route call (default: the most one call takes, LEAD_BULK_ROUTE_MAX). */
  batch?: number;
  /** The lead inbox under load after routing (through the real server); skipped without a plan. */
  plan?: LoadPlan;
  poolSize?: number;
  log: (line: string) => void;
};

const GOAL_SECONDS = 10;
const COUNTRIES = [
  'VN',
  'TW',
  'LV',
  'DE',
  'FR',
  'JP',
  'KR',
  'SG',
  'TH',
  'MY',
  'ID',
  'PH',
  'AU',
  'NZ',
  'GB',
  'US',
  'CA',
  'BR',
  'MX',
  'IN',
];
const UNCOVERED = ['EE', 'LT', 'FI'];
const PRODUCTS = ['Firewall', 'Switch', 'Router', 'Wi-Fi', 'SD-WAN', 'Cloud backup', 'Endpoint', 'SIEM', 'VoIP'];
const TYPES = ['reseller', 'distributor', 'var', 'msp', 'referral', 'technology', 'si', 'affiliate', 'alliance'];
const PEOPLE_LOCALES = [
  ['vi', 'Asia/Ho_Chi_Minh'],
  ['zh-Hant', 'Asia/Taipei'],
  ['lv', 'Europe/Riga'],
  ['en', 'Europe/London'],
  ['en', 'America/New_York'],
];
const LANGS = ['en', 'vi', 'zh-Hant', 'lv', 'de', 'fr', 'ja', 'ko'];

/** A seeded generator, so every run routes the same leads to the same partners. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Seeded = { workspaceId: string; partnerIds: string[]; byCountry: Map<string, string[]>; tierIds: string[] };

async function insertRows(c: pg.Client, table: string, cols: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = chunk.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
    await c.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

/** Workspace, tiers, partners with territories / capabilities / languages, their routing facts (superuser). */
async function seedPartners(url: string, partners: number): Promise<Seeded> {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const workspaceId = uuidv7();
  const tierIds = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
  const partnerIds: string[] = [];
  const byCountry = new Map<string, string[]>();
  await withClient(url, async (c) => {
    await c.query(
      `INSERT INTO workspaces (id, name, slug, base_currency, default_locale, time_zone, settings)
       VALUES ($1, 'Lead bench', $2, 'USD', 'en', 'UTC', '{"partnerEditableFields":[],"invitationTtlHours":72}')`,
      [workspaceId, `lead-bench-${workspaceId.slice(-6)}`],
    );
    await insertRows(
      c,
      'tiers',
      ['workspace_id', 'id', 'name', 'rank', 'benefits'],
      tierIds.map((id, i) => [workspaceId, id, `Tier ${i + 1}`, i + 1, JSON.stringify({ leadPriority: i })]),
    );
    const rows: unknown[][] = [];
    const profiles: unknown[][] = [];
    for (let i = 0; i < partners; i++) {
      const id = uuidv7();
      const country = COUNTRIES[i % COUNTRIES.length] as string;
      partnerIds.push(id);
      byCountry.set(country, [...(byCountry.get(country) ?? []), id]);
      const caps = PRODUCTS.filter(() => r() < 0.45);
      const territories = [
        `${country}-T${1 + Math.floor(r() * 5)}`,
        ...(r() < 0.3 ? [`${country}-T${1 + Math.floor(r() * 5)}`] : []),
      ];
      const status = r() < 0.04 ? 'suspended' : 'active';
      rows.push([
        workspaceId,
        id,
        `Partner ${i} Ltd`,
        `Partner ${i}`,
        `partner ${i}`,
        country,
        `R${Math.floor(r() * 3)}`,
        pick(TYPES),
        status,
        tierIds[Math.floor(r() * 4)],
        `{${caps.map((x) => `"${x}"`).join(',')}}`,
        `{${[...new Set(territories)].join(',')}}`,
      ]);
      profiles.push([
        workspaceId,
        id,
        `{${[...new Set([pick(LANGS), 'en'])].join(',')}}`,
        r() < 0.5 ? 200 + Math.floor(r() * 300) : null,
      ]);
    }
    await insertRows(
      c,
      'partners',
      [
        'workspace_id',
        'id',
        'legal_name',
        'display_name',
        'search_name',
        'country',
        'region',
        'type',
        'status',
        'tier_id',
        'capabilities',
        'territories',
      ],
      rows,
    );
    await insertRows(c, 'lead_partner_profiles', ['workspace_id', 'partner_id', 'languages', 'capacity'], profiles);
    // People at every partner (1–3, 2 on average), who hear of their new leads in their language and zone.
    const users: unknown[][] = [];
    const members: unknown[][] = [];
    for (const [i, partnerId] of partnerIds.entries()) {
      for (let k = 0; k <= i % 3; k++) {
        const userId = uuidv7();
        const [locale, zone] = PEOPLE_LOCALES[(i + k) % PEOPLE_LOCALES.length] as [string, string];
        users.push([userId, `Person ${k} of partner ${i}`, `p${k}.partner${i}@lead-bench.example`, locale, zone]);
        members.push([workspaceId, uuidv7(), userId, k === 0 ? 'partner_admin' : 'partner_user', partnerId]);
      }
    }
    await insertRows(c, 'users', ['id', 'name', 'email', 'locale', 'time_zone'], users);
    await insertRows(c, 'memberships', ['workspace_id', 'id', 'user_id', 'role', 'partner_id'], members);
  });
  return { workspaceId, partnerIds, byCountry, tierIds };
}

/** 50 rules: per country an enterprise rule and a territory rule, 9 product rules by partner type, a catch-all. */
function rulesFor(seed: Seeded): RoutingRule[] {
  const rules: RoutingRule[] = [];
  const next = () => (rules.length + 1) * 10;
  const strategies = [
    { type: 'round_robin' as const },
    { type: 'capacity' as const, maxOpenLeads: 400 },
    {
      type: 'performance' as const,
      windowDays: 90,
      acceptanceWeight: 0.5,
      conversionWeight: 0.5,
      combine: 'arithmetic' as const,
      priorLeads: 10,
    },
  ];
  for (const [i, country] of COUNTRIES.entries()) {
    rules.push({
      id: uuidv7(),
      name: `${country} enterprise`,
      position: next(),
      enabled: true,
      conditions: [
        { subject: 'lead', attribute: 'country', operator: 'in', values: [country] },
        { subject: 'lead', attribute: 'companySize', operator: 'between', min: 500, max: null },
        { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
        { subject: 'partner', attribute: 'tierRank', operator: 'between', min: 3, max: null },
        { subject: 'partner', attribute: 'capability', operator: 'matches_lead' },
      ],
      strategy: {
        type: 'weighted',
        partnerWeights: [],
        tierWeights: seed.tierIds.map((tierId, k) => ({ tierId, weight: k + 1 })),
        defaultWeight: 1,
      },
      whenNoEligible: 'next_rule',
    });
    rules.push({
      id: uuidv7(),
      name: `${country} territory`,
      position: next(),
      enabled: true,
      conditions: [
        { subject: 'lead', attribute: 'country', operator: 'in', values: [country] },
        { subject: 'partner', attribute: 'territory', operator: 'matches_lead' },
        { subject: 'partner', attribute: 'language', operator: 'matches_lead' },
      ],
      strategy: strategies[i % strategies.length] as RoutingRule['strategy'],
      whenNoEligible: 'next_rule',
    });
  }
  for (const [i, product] of PRODUCTS.entries()) {
    rules.push({
      id: uuidv7(),
      name: `${product} specialists`,
      position: next(),
      enabled: true,
      conditions: [
        { subject: 'lead', attribute: 'productInterest', operator: 'in', values: [product] },
        { subject: 'partner', attribute: 'partnerType', operator: 'in', values: [TYPES[i] as 'reseller'] },
        { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
      ],
      strategy: { type: 'weighted', partnerWeights: [], tierWeights: [], defaultWeight: 1 },
      whenNoEligible: 'next_rule',
    });
  }
  rules.push({
    id: uuidv7(),
    name: 'Anyone in the country',
    position: next(),
    enabled: true,
    conditions: [{ subject: 'partner', attribute: 'country', operator: 'matches_lead' }],
    strategy: { type: 'round_robin' },
    whenNoEligible: 'fallback',
  });
  return rules;
}

/** 100,000 new leads by COPY: 3 % in uncovered countries, 10 % with a decliner, mixed sizes and needs. */
async function seedLeads(url: string, seed: Seeded, n: number): Promise<void> {
  const r = rng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const cols = [
    'workspace_id',
    'id',
    'status',
    'company',
    'contact_name',
    'contact_email',
    'country',
    'territory',
    'language',
    'product_interests',
    'company_size',
    'source',
    'search_text',
    'declined_partner_ids',
  ];
  function* lines() {
    for (let i = 0; i < n; i++) {
      const country = r() < 0.03 ? pick(UNCOVERED) : pick(COUNTRIES);
      const interests = PRODUCTS.filter(() => r() < 0.12).slice(0, 2);
      const decliner = r() < 0.1 ? seed.byCountry.get(country)?.[Math.floor(r() * 100)] : undefined;
      const row = [
        seed.workspaceId,
        uuidv7(),
        'new',
        `Lead company ${i}`,
        `Contact ${i}`,
        `contact${i}@lead${i % 997}.example`,
        country,
        `${country}-T${1 + Math.floor(r() * 5)}`,
        pick(LANGS),
        `{${interests.map((x) => `"${x}"`).join(',')}}`,
        Math.floor(10 + r() * 2000),
        'import',
        `lead company ${i}`,
        `{${decliner ?? ''}}`,
      ];
      yield `${row.map((v) => copyText(v as string)).join('\t')}\n`;
    }
  }
  await psqlCopyLines(url, `COPY leads (${cols.join(', ')}) FROM STDIN`, lines());
  await withClient(url, (c) => c.query('VACUUM ANALYZE leads'));
}

export async function leadsBench(opts: LeadsOptions): Promise<Row[]> {
  const total = opts.leads ?? 100_000;
  const partners = opts.partners ?? 2_000;
  const batch = opts.batch ?? LEAD_BULK_ROUTE_MAX;
  const { log } = opts;
  const url = await createDatabase('trellis_leads_bench');
  const database = await openDatabase({
    databaseUrl: url,
    dataDir: '/tmp/trellis-leads-bench-unused',
    poolSize: BULK_WRITERS + 2,
  });
  try {
    let t = performance.now();
    const seed = await seedPartners(url, partners);
    const rules = rulesFor(seed);
    await withClient(url, (c) =>
      c.query(`INSERT INTO lead_routing_settings (workspace_id, rules, fallback_queue, sla) VALUES ($1, $2, $3, $4)`, [
        seed.workspaceId,
        JSON.stringify(rules),
        JSON.stringify({ id: 'inside-sales', name: 'Inside sales', ownerUserId: null }),
        JSON.stringify({ hours: 48, reminderHoursBefore: 12, maxRecalls: 5 }),
      ]),
    );
    await seedLeads(url, seed, total);
    log(
      `  seeded ${partners.toLocaleString('en-US')} partners, ${rules.length} rules, ${total.toLocaleString('en-US')} leads in ` +
        `${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const scope = { workspaceId: seed.workspaceId, userId: null, partnerId: null, kind: 'vendor' as const };

    // Floor: the engine alone on the same leads and partners (no reads or writes).
    const allLeads = await inScope(database.db, scope, (tx) =>
      tx.select().from(leads).where(sql`${leads.workspaceId} = ${seed.workspaceId}`).orderBy(leads.id),
    );
    const facts = await inScope(database.db, scope, (tx) => routingPartners(tx, seed.workspaceId));
    t = performance.now();
    routeMany(
      allLeads.map(routingLeadOf),
      rules,
      facts,
      { cursors: {}, recentAssignments: {} },
      {
        fallbackQueue: { id: 'inside-sales', name: 'Inside sales' },
        keepDecisions: false,
        onDecision: () => {},
      },
    );
    const floorSeconds = (performance.now() - t) / 1000;
    log(`  engine alone (routeMany, explanations built, nothing stored): ${floorSeconds.toFixed(2)} s`);

    // The figure: the module's routing transactions, `batch` leads each, until none is new.
    let routed = 0;
    let assigned = 0;
    await waitQuiet(log);
    const meter = cpuMeter();
    const cpu0 = process.cpuUsage();
    t = performance.now();
    for (;;) {
      // As bulkRoute does for "Route all waiting": `batch` leads per call, BULK_WRITERS transactions writing them.
      const out = await routeBulk(
        (fn) => inScope(database.db, scope, fn),
        { workspaceId: seed.workspaceId, userId: null, now: new Date() },
        (tx, _share, shares) =>
          tx
            .select(routableColumns)
            .from(leads)
            .where(sql`${leads.workspaceId} = ${seed.workspaceId} AND ${leads.status} = 'new'`)
            .orderBy(leads.id)
            .limit(Math.ceil(batch / shares))
            .for('update', { skipLocked: true }),
        async (_tx, routed) => routed,
        { writers: BULK_WRITERS },
      );
      if (out.length === 0) break;
      routed += out.length;
      assigned += out.filter((x) => x.applied && x.outcome === 'assigned').length;
    }
    const seconds = (performance.now() - t) / 1000;
    const load = meter();
    const cpu1 = process.cpuUsage(cpu0);
    // CPU of this process (engine, explanations, JSON) and of the rest of the bench's tree: the PostgreSQL backends.
    const nodeCpu = (cpu1.user + cpu1.system) / 1e6;
    const pgCpu = Math.max(0, load.ownCores * load.seconds - nodeCpu);
    const stats = await withClient(url, async (c) => {
      const res = await c.query<{ n: string; avg: string; total: string; events: string; told: string; mails: string }>(
        `SELECT count(*) AS n, avg(pg_column_size(explanation))::int AS avg,
           pg_size_pretty(pg_total_relation_size('lead_routing_decisions')) AS total,
           (SELECT count(*) FROM lead_events WHERE type IN ('routed', 'fallback')) AS events,
           (SELECT count(*) FROM notifications WHERE type LIKE 'lead.offered%') AS told,
           (SELECT count(*) FROM jobs WHERE type = 'mail.send') AS mails
         FROM lead_routing_decisions`,
      );
      return res.rows[0];
    });
    log(
      `  routed ${routed.toLocaleString('en-US')} (${assigned.toLocaleString('en-US')} assigned) in ${seconds.toFixed(2)} s; ` +
        `${stats?.n} decisions stored, ${stats?.avg} bytes each on disk (compressed), table ${stats?.total}; ${stats?.events} hops; ` +
        `partners' people told: ${stats?.told} in-app, ${stats?.mails} e-mails queued`,
    );
    log(
      `  CPU while routing: this process ${nodeCpu.toFixed(2)} s, PostgreSQL ${pgCpu.toFixed(2)} s; ` +
        `other processes ${load.backgroundCores.toFixed(2)} cores`,
    );
    const stored = Number(stats?.n ?? 0);
    const inbox = opts.plan
      ? await inboxBench(url, database.db, seed.workspaceId, opts.plan, opts.poolSize ?? 10, log)
      : [];
    return [
      makeRow({
        id: 'leads.route100k',
        bench: 'leads',
        label: `route ${total.toLocaleString('en-US')} leads × ${partners.toLocaleString('en-US')} partners × ${rules.length} rules, explanations stored`,
        unit: 's',
        figure: seconds,
        floor: floorSeconds,
        figureNote: `${assigned.toLocaleString('en-US')} assigned, ${(routed - assigned).toLocaleString('en-US')} to the fallback queue; ${batch.toLocaleString('en-US')} per call, ${BULK_WRITERS} transactions writing`,
        floorNote: 'the engine alone, nothing stored',
        goal: { kind: 'max', value: GOAL_SECONDS },
        backgroundCores: load.backgroundCores,
        details: {
          decisionBytesAvg: Number(stats?.avg ?? 0),
          decisionsTable: stats?.total,
          cpuSeconds: { api: nodeCpu, postgres: pgCpu },
        },
        extraFail:
          stored !== total || routed !== total
            ? `stored ${stored} decisions for ${routed} of ${total} leads`
            : Number(stats?.told ?? 0) === 0 || stats?.told !== stats?.mails
              ? `partners' people told ${stats?.told} times in-app and ${stats?.mails} by e-mail`
              : undefined,
      }),
      ...inbox,
    ];
  } finally {
    await database.close();
  }
}

const INBOX_PASSWORD = 'bench-password-Lead-Inbox-1';

const loadNote = (r: LoadResult) =>
  `p50 ${r.p50} p99 ${r.p99} ms, ${r.non2xx} non-2xx${r.errors ? `, ${r.errors} errors` : ''}`;

/**
 * `GET /api/v1/lead-inbox?limit=50` as a partner user whose company holds 50–200 of the routed leads, through the
 * real server (trellis_app, RLS), 50 connections, interleaved with a floor (Fastify + one prepared SELECT of the
 * same partner's newest 50 leads) in the same run.
 */
async function inboxBench(
  url: string,
  db: Awaited<ReturnType<typeof openDatabase>>['db'],
  workspaceId: string,
  plan: LoadPlan,
  poolSize: number,
  log: (line: string) => void,
): Promise<Row[]> {
  const label = 'GET /lead-inbox?limit=50 as partner_user';
  // The partner holding the most offered leads within 50–200 (a realistic inbox), else the fullest one.
  const held = await withClient(url, async (c) => {
    const res = await c.query<{ partner_id: string; n: number }>(
      `SELECT partner_id, count(*)::int AS n FROM leads WHERE workspace_id = $1 AND partner_id IS NOT NULL
       GROUP BY partner_id ORDER BY (count(*) BETWEEN 50 AND 200) DESC, count(*) DESC LIMIT 1`,
      [workspaceId],
    );
    return res.rows[0];
  });
  if (!held) throw new Error('no partner holds a lead after routing');
  const config = { ...loadConfig({ AUTH_SECRET, LOG_LEVEL: 'warn' }), databaseUrl: url };
  const services = { db, auth: createAuth(config, db, async () => undefined) };
  const email = 'sales@lead-inbox.bench.example';
  const userId = await ensureUser(services, { email, name: 'Trần Minh Khoa', password: INBOX_PASSWORD });
  await addMembership(services, { workspaceId, userId, role: 'partner_user', partnerId: held.partner_id });
  log(`  lead inbox: a partner user of a partner holding ${held.n} of the leads`);

  const apiPort = await freePort();
  const floorPort = await freePort();
  const children: Child[] = [
    spawnTsx(
      'api (postgres, JOBS=off)',
      CLI,
      ['start'],
      apiEnv(url, apiPort, { JOBS: 'off', DATABASE_POOL_SIZE: String(poolSize) }),
    ),
    spawnTsx('floor server', 'bench/servers/floor.ts', [], {
      DATABASE_URL: url,
      PORT: String(floorPort),
      WORKSPACE_ID: workspaceId,
      LEAD_PARTNER_ID: held.partner_id,
      DATABASE_POOL_SIZE: String(poolSize),
    }),
  ];
  const apiBase = `http://127.0.0.1:${apiPort}`;
  const floorBase = `http://127.0.0.1:${floorPort}`;
  const path = '/api/v1/lead-inbox?limit=50';
  try {
    await Promise.all([
      waitReady(children[0] as Child, `${apiBase}/readyz`),
      waitReady(children[1] as Child, `${floorBase}/readyz`),
    ]);
    const session = await signIn(apiBase, email, INBOX_PASSWORD);
    // Probe: 50 leads, every one the partner's own (a wrong answer fails the row whatever the speed).
    const probe = await getJson(apiBase, path, { cookie: session.cookie });
    const data = (probe.body as { data?: { partner?: { id?: string } | null; partnerId?: string }[] } | undefined)
      ?.data;
    const expected = Math.min(50, held.n);
    const wrong =
      probe.status !== 200
        ? `inbox answered ${probe.status}: ${probe.text.slice(0, 160)}`
        : !Array.isArray(data) || data.length !== expected
          ? `inbox returned ${Array.isArray(data) ? data.length : 'no'} leads, expected ${expected}`
          : undefined;
    if (wrong) log(`  check failed: ${wrong}`);
    log(`  ${label} (interleaved with its floor)`);
    const { floor: f, figure: r } = await loadPair(
      { base: floorBase, paths: [path], headers: {} },
      { base: apiBase, paths: [path], headers: { cookie: session.cookie } },
      plan,
      log,
    );
    log(`    API   ${Math.round(r.reqPerSec)} req/s  ${loadNote(r)}`);
    log(`    floor ${Math.round(f.reqPerSec)} req/s  ${loadNote(f)}`);
    const bad =
      [r.non2xx > 0 || r.errors > 0 ? `${r.non2xx} non-2xx, ${r.errors} errors` : '', wrong ?? '']
        .filter(Boolean)
        .join('; ') || undefined;
    return [
      makeRow({
        id: 'leads.inbox.partner_user',
        bench: 'leads',
        label,
        unit: 'req/s',
        figure: r.reqPerSec,
        floor: f.reqPerSec,
        figureNote: loadNote(r),
        floorNote: `${loadNote(f)}; one prepared SELECT`,
        goal: { kind: 'none' },
        latencyMs: r.p99,
        extraFail: bad,
        backgroundCores: r.backgroundCores,
        details: { result: r, floor: f, leadsHeld: held.n },
      }),
    ];
  } finally {
    for (const c of children) await stop(c);
  }
}

// Alone: node scripts/with-postgres.mjs npx tsx bench/benches/leads.ts
if (process.argv[1]?.endsWith('benches/leads.ts')) {
  leadsBench({
    log: (l) => console.log(l),
    leads: Number(process.env.BENCH_LEADS ?? 100_000),
    batch: Number(process.env.BENCH_LEAD_BATCH ?? LEAD_BULK_ROUTE_MAX),
    plan: {
      connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
      warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 2),
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
      slices: Number(process.env.BENCH_SLICES ?? 5),
    },
  })
    .then((rows) => {
      for (const r of rows) console.log(JSON.stringify(r));
      process.exit(rows.every((r) => r.pass !== false) ? 0 : 1);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
