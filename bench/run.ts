// `npm run bench`: every benchmark of issue 2, each against a floor measured in the same run, on the
// throwaway PostgreSQL cluster scripts/with-postgres.mjs started. Prints figure / floor / ratio / goal
// and writes bench/results/latest.json. Bounded to 20 minutes; every child process dies with it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { dealsBench } from './benches/deals';
import { importBench } from './benches/import';
import { readsBench } from './benches/reads';
import { startupBench } from './benches/startup';
import { seedDealBench } from './data/deals-seed';
import { type Fixture, seedReadBench } from './data/seed';
import { createDatabase, PG_BIN, withClient } from './lib/pg';
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
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  log(`results written to bench/results/latest.json (${elapsed()})`);
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
  if (ONLY.has('reads') || ONLY.has('import') || ONLY.has('deals')) {
    await stage('setup', async () => {
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
      const t = performance.now();
      const deals = await seedDealBench(dbUrl, f, {
        accounts: ACCOUNTS,
        registrations: REGISTRATIONS,
        drafts: DRAFTS,
        log,
      });
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
