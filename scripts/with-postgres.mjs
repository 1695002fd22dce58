#!/usr/bin/env node
// Starts a throwaway PostgreSQL 15 cluster (UTF-8 locale, Unix socket only), runs the given command
// with TEST_DATABASE_URL pointing at it, then stops and removes the cluster. Used by `npm run test:pg`
// and `npm run bench`. Set PG_BIN to use other binaries.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const port = String(55_000 + Math.floor(Math.random() * 5_000));
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: with-postgres.mjs <command> [args...]');
  process.exit(2);
}
if (!existsSync(join(PG_BIN, 'initdb'))) {
  console.error(`PostgreSQL binaries not found in ${PG_BIN} (install postgresql-15 or set PG_BIN)`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'trellis-pg-'));
chmodSync(dir, 0o777);
const dataDir = join(dir, 'data');
const asRoot = process.getuid?.() === 0;
if (asRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
  spawnSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'inherit' });
}

/** initdb and postgres refuse to run as root: run them as the postgres user then. */
function pg(bin, args) {
  const full = [join(PG_BIN, bin), ...args];
  const res = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', ...full], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawnSync(full[0], full.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) throw new Error(`${bin} failed with status ${res.status}`);
}

let stopped = false;
function stop() {
  if (stopped) return;
  stopped = true;
  try {
    pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
  } catch {
    // already down
  }
  rmSync(dir, { recursive: true, force: true });
}

try {
  pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  pg('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-c listen_addresses= -k ${dir} -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB`,
    'start',
  ]);
} catch (err) {
  console.error(String(err));
  stop();
  process.exit(1);
}

const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`;
console.log(`with-postgres: PostgreSQL 15 running on ${dir} port ${port}`);
const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
  shell: false,
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
