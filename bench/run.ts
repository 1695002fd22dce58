// `npm run bench`: every benchmark of issue 2, each against a floor measured in the same run, on the
// throwaway PostgreSQL cluster scripts/with-postgres.mjs started. Prints figure / floor / ratio / goal
// and writes bench/results/latest.json. Bounded to 20 minutes; every child process dies with it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { dealsBench } from './benches/deals';
import { importBench } from './benches/import';
import { leadsBench } from './benches/leads';
import { readsBench } from './benches/reads';
import { startupBench } from './benches/startup';
import { seedDealBench } from './data/deals-seed';
import { type Fixture, seedReadBench } from './data/seed';
import { type KeptSeed, readKeptSeed, startKeptCluster, stopKeptCluster, writeKeptSeed } from './lib/kept-cluster';
import { createDatabase, PG_BIN, withClient, withDatabase } from './lib/pg';
import { CLI, killAll, ROOT, spawnTsx } from './lib/procs';
import { makeRow, type Row, renderTable } from './lib/report';

const env = (name: string, fallback: number) => {
  const v = process.env[name];
  return v ? Number(v) : fallback;
};
const ONLY = new Set((process.env.BENCH_ONLY ?? 'startup,reads,import,deals').split(',').map((s) => s.trim()));
const plan = {
  connections: env('BENCH_CONNECTIONS', 50),
  warmupSeconds: env('BENCH_WARMUP_SECONDS', 2),
  seconds: env('BENCH_SECONDS', 10),
  slices: env('BENCH_SLICES', 5),
};
const PARTNERS = env('BENCH_PARTNERS', 10_000);
const IMPORT_ROWS = env('BENCH_IMPORT_ROWS', 100_000);
const IDLE_SECONDS = env('BENCH_IDLE_SECONDS', 10);
const POOL_SIZE = env('BENCH_POOL_SIZE', 10);
const ACCOUNTS = env('BENCH_ACCOUNTS', 1_000_000);
const REGISTRATIONS = env('BENCH_REGISTRATIONS', 200_000);
const DRAFTS = env('BENCH_DRAFTS', 15_000);
// The deals bench seeds 1M accounts and ~22M match keys (about 4 minutes here): 20 minutes in all.
const LIMIT_MS = env('BENCH_LIMIT_SECONDS', 1200) * 1000;
// BENCH_KEEP_DIR=<dir>: seed once into a cluster kept in <dir>, reuse it on later runs (bench/README.md).
const KEEP_DIR = process.env.BENCH_KEEP_DIR ?? '';
if (KEEP_DIR) process.env.TEST_DATABASE_URL = startKeptCluster(KEEP_DIR);
const KEEP_SIZES = { partners: PARTNERS, accounts: ACCOUNTS, registrations: REGISTRATIONS, drafts: DRAFTS };
let kept: KeptSeed | null = KEEP_DIR ? readKeptSeed(KEEP_DIR, KEEP_SIZES) : null;

const started = Date.now();
const rows: Row[] = [];
const log = (line: string) => console.log(line);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function machine() {
  let pgVersion = '';
  try {
    pgVersion = execFileSync(join(PG_BIN, 'postgres'), ['--version']).toString().trim();
  } catch {
    pgVersion = 'unknown';
  }
  let commit = process.env.BENCH_COMMIT ?? '';
  if (!commit) {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
      const dirty = execFileSync('git', ['status', '--porcelain', 'apps', 'packages'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
      commit = dirty ? `${head} + uncommitted changes in apps/ or packages/` : head;
    } catch {
      commit = 'unknown';
    }
  }
  return {
    commit,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: pgVersion,
  };
}

function finish(code: number, reason?: string): never {
  killAll();
  if (KEEP_DIR) stopKeptCluster(KEEP_DIR);
  if (reason) log(`\n${reason}`);
  log(`\n${renderTable(rows)}\n`);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const out = {
    finishedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    complete: !reason,
    ...(reason ? { abortedBecause: reason } : {}),
    machine: machine(),
    plan: {
      ...plan,
      partners: PARTNERS,
      importRows: IMPORT_ROWS,
      idleSeconds: IDLE_SECONDS,
      poolSize: POOL_SIZE,
      accounts: ACCOUNTS,
      registrations: REGISTRATIONS,
      drafts: DRAFTS,
    },
    rows,
  };
  // bench/results/latest.json holds complete runs only. A complete run of some benches (BENCH_ONLY) replaces
  // their rows and keeps the other benches' rows of the previous file (noted under `kept`); an aborted run,
  // one where a stage failed, or one on a kept cluster (BENCH_KEEP_DIR) goes to BENCH_OUT or /tmp instead.
  const latest = join(dir, 'latest.json');
  const scratch = !!reason || !!KEEP_DIR || rows.some((r) => r.id.endsWith('.error'));
  const file = process.env.BENCH_OUT ?? (scratch ? join(tmpdir(), `trellis-bench-${Date.now()}.json`) : latest);
  if (file === latest && ONLY.size < 4 && existsSync(latest)) {
    const before = JSON.parse(readFileSync(latest, 'utf8')) as typeof out & { rows: Row[] };
    const fresh = new Set(rows.map((r) => r.id));
    const keptRows = before.rows.filter((r) => !ONLY.has(r.bench) && !fresh.has(r.id));
    if (keptRows.length > 0) {
      Object.assign(out, {
        rows: [...keptRows, ...rows],
        kept: {
          benches: [...new Set(keptRows.map((r) => r.bench))],
          finishedAt: before.finishedAt,
          machine: before.machine,
        },
      });
    }
  }
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`results written to ${file} (${elapsed()})`);
  process.exit(code);
}

// Whatever happens, no server outlives the bench.
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => finish(130, `interrupted by ${sig}`));
process.on('uncaughtException', (err) => finish(1, `uncaught: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => finish(1, `unhandled rejection: ${String(err)}`));
setTimeout(() => finish(1, `bench exceeded its ${LIMIT_MS / 1000} s limit`), LIMIT_MS).unref();

async function stage(name: string, fn: () => Promise<Row[]>): Promise<void> {
  log(`\n▶ ${name} (${elapsed()})`);
  try {
    rows.push(...(await fn()));
  } catch (err) {
    log(`  ${name} failed: ${err instanceof Error ? err.stack : String(err)}`);
    rows.push(
      makeRow({
        id: `${name}.error`,
        bench: name,
        label: `${name}: failed`,
        unit: 's',
        figure: null,
        floor: null,
        goal: { kind: 'max', value: 0 },
        extraFail: (err instanceof Error ? err.message : String(err)).split('\n')[0],
      }),
    );
  }
}

async function migrate(dbUrl: string): Promise<void> {
  const child = spawnTsx('trellis migrate', CLI, ['migrate'], { DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' });
  const code = await child.exited;
  if (code !== 0) throw new Error(`trellis migrate exited ${code}: ${child.output()}`);
}

/**
 * A kept cluster's drafts back to what the seed wrote: the last run submitted some of them (status,
 * conflicts, events, keys, and the notifications, jobs and timeline rows written since; the audit log is
 * append-only (a trigger refuses deletes), so its rows stay).
 */
async function resetDrafts(url: string, seed: KeptSeed): Promise<void> {
  const ids = seed.deals.draftIds;
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    await c.query('DELETE FROM deal_conflicts WHERE registration_id = ANY($1::uuid[])', [ids]);
    await c.query('DELETE FROM deal_registration_events WHERE registration_id = ANY($1::uuid[])', [ids]);
    await c.query('DELETE FROM deal_match_keys WHERE workspace_id = $1 AND source_id = ANY($2::uuid[])', [
      seed.fixture.workspaceId,
      ids,
    ]);
    await c.query(
      `UPDATE deal_registrations SET status = 'draft', submitted_at = NULL, first_submitted_at = NULL,
         decided_at = NULL, decided_by = NULL, protected_until = NULL, auto_approved = false, conflict_flag = 'none',
         conflict_check_id = NULL, last_reason = NULL, review_reminded_at = NULL, review_escalated_at = NULL
       WHERE id = ANY($1::uuid[]) AND status <> 'draft'`,
      [ids],
    );
    await c.query(`DELETE FROM notifications WHERE workspace_id = $1`, [seed.fixture.workspaceId]);
    await c.query(`DELETE FROM jobs WHERE workspace_id = $1`, [seed.fixture.workspaceId]);
    await c.query(`DELETE FROM partner_events WHERE type LIKE 'deal.%'`);
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE deal_registrations, deal_match_keys, deal_conflicts, deal_registration_events');
  });
}

async function main() {
  log(
    `Trellis bench: ${plan.connections} connections, ${plan.warmupSeconds} s warm-up + ${plan.seconds} s per target ` +
      `(${plan.slices} slices interleaved with the floor); ` +
      `${PARTNERS.toLocaleString('en-US')} partners; import ${IMPORT_ROWS.toLocaleString('en-US')} rows; code ${machine().commit}`,
  );
  let bareRssMiB: number | null = null;
  if (ONLY.has('startup')) {
    await stage('startup', async () => {
      const r = await startupBench({ runs: env('BENCH_START_RUNS', 5), idleSeconds: IDLE_SECONDS, log });
      const mem = r.find((x) => x.id === 'memory.pglite');
      bareRssMiB = mem?.floor ?? null;
      return r;
    });
  }

  let dbUrl = '';
  let fixture: Fixture | undefined;
  // C5 (opt-in, BENCH_ONLY=…,leads): 100,000 leads routed with explanations stored, in its own database.
  // Before the deal stage: routing runs in this process, and after the deal seed its heap holds the
  // million-account fixture, which doubled the routing's garbage-collection cost (13.5 s instead of ~9 s);
  // the server that routes in production holds no such thing.
  if (ONLY.has('leads')) {
    await stage('leads', () =>
      leadsBench({ leads: env('BENCH_LEADS', 100_000), partners: 2_000, plan, poolSize: POOL_SIZE, log }),
    );
  }
  if (ONLY.has('reads') || ONLY.has('import') || ONLY.has('deals')) {
    await stage('setup', async () => {
      if (kept) {
        // Kept cluster already seeded: new migrations only, and the drafts the last run submitted back.
        dbUrl = withDatabase(process.env.TEST_DATABASE_URL as string, 'trellis_bench');
        await migrate(dbUrl);
        fixture = kept.fixture;
        const t = performance.now();
        await resetDrafts(dbUrl, kept);
        log(
          `  reusing the cluster kept in ${KEEP_DIR}; drafts reset in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );
        return [];
      }
      dbUrl = await createDatabase('trellis_bench');
      let t = performance.now();
      await migrate(dbUrl);
      log(`  trellis migrate: ${((performance.now() - t) / 1000).toFixed(2)} s`);
      t = performance.now();
      fixture = await seedReadBench(dbUrl, PARTNERS);
      const c = fixture.counts;
      log(
        `  seeded ${c.partners} partners + ${c.contacts} contacts (workspace A), ${c.otherPartners} partners + ` +
          `${c.otherContacts} contacts (workspace B), tiers, 5 people: ${((performance.now() - t) / 1000).toFixed(2)} s`,
      );
      const size = await withClient(dbUrl, (cl) =>
        cl.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s'),
      );
      log(`  database size ${size.rows[0]?.s}`);
      return [];
    });
  }
  if (ONLY.has('reads') && fixture) {
    const f = fixture;
    await stage('reads', () =>
      readsBench({
        dbUrl,
        fixture: f,
        plan,
        poolSize: POOL_SIZE,
        log,
        coldSessionRow: process.env.BENCH_COLD_SESSION === '1',
      }),
    );
  }
  if (ONLY.has('import') && fixture) {
    const f = fixture;
    await stage('import', () =>
      importBench({
        dbUrl,
        fixture: f,
        rows: IMPORT_ROWS,
        poolSize: POOL_SIZE,
        idleSeconds: IDLE_SECONDS,
        bareRssMiB,
        // Whatever is left of the time limit, less a margin for the report.
        timeoutSeconds: Math.max(30, Math.min(240, (LIMIT_MS - (Date.now() - started)) / 1000 - 30)),
        log,
      }),
    );
  }
  if (ONLY.has('deals') && fixture) {
    const f = fixture;
    await stage('deals', async () => {
      log(
        `  seeding ${ACCOUNTS.toLocaleString('en-US')} accounts, ${REGISTRATIONS.toLocaleString('en-US')} active registrations, ` +
          `${DRAFTS.toLocaleString('en-US')} drafts with their match keys`,
      );
      if (kept) return dealsBench({ dbUrl, fixture: f, deals: kept.deals, plan, poolSize: POOL_SIZE, log });
      const t = performance.now();
      const deals = await seedDealBench(dbUrl, f, {
        accounts: ACCOUNTS,
        registrations: REGISTRATIONS,
        drafts: DRAFTS,
        log,
      });
      if (KEEP_DIR) {
        kept = { sizes: KEEP_SIZES, fixture: f, deals };
        writeKeptSeed(KEEP_DIR, kept);
      }
      const s = deals.seconds;
      log(
        `  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (accounts ${s.accounts.toFixed(1)} s, registrations ` +
          `${s.registrations.toFixed(1)} s, indexes ${s.indexes.toFixed(1)} s, vacuum ${s.vacuum.toFixed(1)} s); ` +
          `${deals.keyRows.toLocaleString('en-US')} match keys`,
      );
      const size = await withClient(dbUrl, (cl) =>
        cl.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s'),
      );
      log(`  database size ${size.rows[0]?.s}`);
      return dealsBench({ dbUrl, fixture: f, deals, plan, poolSize: POOL_SIZE, log });
    });
  }
  finish(rows.some((r) => r.pass === false) ? 1 : 0);
}

void main();
