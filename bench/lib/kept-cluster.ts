// BENCH_KEEP_DIR=<dir>: a PostgreSQL cluster that outlives the bench, so the deal bench's 1,000,000 accounts
// (4.5–7 minutes of seeding) are seeded once and reused while one iterates. The first run creates the
// cluster in <dir>/data and seeds it; later runs start it again (or find it running), apply new
// migrations, and skip the seeding when <dir>/fixture.json describes the same sizes. Only for iterating:
// the final figures come from a throwaway cluster (`npm run bench`), as before.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DealFixture } from '../data/deals-seed';
import type { Fixture } from '../data/seed';
import { PG_BIN } from './pg';

const PORT = process.env.BENCH_KEEP_PORT ?? '54987';
const asRoot = process.getuid?.() === 0;

function pg(bin: string, args: string[], allowFail = false): number {
  const full = [join(PG_BIN, bin), ...args];
  const res = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', ...full], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawnSync(full[0] as string, full.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0 && !allowFail) throw new Error(`${bin} failed with status ${res.status}`);
  return res.status ?? 1;
}

/** Starts (creating it if needed) the kept cluster in dir; returns its superuser URL. */
export function startKeptCluster(dirArg: string): string {
  const dir = resolve(dirArg);
  const dataDir = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    spawnSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'inherit' });
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  }
  // Same settings as scripts/with-postgres.mjs, so figures compare.
  if (pg('pg_ctl', ['-D', dataDir, 'status'], true) !== 0) {
    pg('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-c listen_addresses= -k ${dir} -p ${PORT} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB`,
      'start',
    ]);
  }
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${PORT}`;
}

/** Stops the kept cluster cleanly (its data stays). */
export function stopKeptCluster(dirArg: string): void {
  pg('pg_ctl', ['-D', join(resolve(dirArg), 'data'), '-m', 'fast', 'stop'], true);
}

export type KeptSeed = {
  sizes: { partners: number; accounts: number; registrations: number; drafts: number };
  fixture: Fixture;
  deals: DealFixture;
};

const seedFile = (dir: string) => join(resolve(dir), 'fixture.json');

export function readKeptSeed(dir: string, sizes: KeptSeed['sizes']): KeptSeed | null {
  const file = seedFile(dir);
  if (!existsSync(file)) return null;
  const kept = JSON.parse(readFileSync(file, 'utf8')) as KeptSeed;
  return JSON.stringify(kept.sizes) === JSON.stringify(sizes) ? kept : null;
}

export function writeKeptSeed(dir: string, seed: KeptSeed): void {
  writeFileSync(seedFile(dir), JSON.stringify(seed));
}
