#!/usr/bin/env node
// `npm test`: everything CI proves, in order — lint, types, unit + API tests on PGlite, the same API
// suite on a real PostgreSQL 15 started here, then the e2e journeys in Chromium. Installs Chromium
// from Debian when it is missing and we are root. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = Date.now();
const counts = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(title, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${title}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (res.status !== 0) {
    failures.push(title);
    console.log(`=== ${title}: FAILED after ${secs}s`);
  } else console.log(`=== ${title}: ok in ${secs}s`);
  return res.status === 0;
}

function addVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += r.numPassedTests ?? 0;
  counts.failed += r.numFailedTests ?? 0;
  counts.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing at /usr/bin/chromium; install it (apt-get install chromium) or run as root');
    return;
  }
  console.log('\n=== installing Chromium from Debian');
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

ensureChromium();
step('lint (biome)', bin('biome'), ['ci', '.']);
step('types (tsc)', bin('tsc'), ['-p', 'tsconfig.json']);
if (existsSync(join(root, 'apps/web/tsconfig.json'))) step('types (web)', bin('tsc'), ['-p', 'apps/web']);
step('unit + API on PGlite', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(out, 'pglite.json')}`,
]);
addVitest(join(out, 'pglite.json'));
step('API on PostgreSQL 15', bin('node'), [
  'scripts/with-postgres.mjs',
  bin('vitest'),
  'run',
  '--project',
  'api',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(out, 'postgres.json')}`,
]);
addVitest(join(out, 'postgres.json'));
if (existsSync(join(root, 'scripts/e2e.mjs'))) {
  step('e2e in Chromium', bin('node'), ['scripts/e2e.mjs'], { E2E_JSON: join(out, 'e2e.json') });
  const e2e = join(out, 'e2e.json');
  if (existsSync(e2e)) {
    const r = JSON.parse(readFileSync(e2e, 'utf8'));
    counts.passed += r.stats?.expected ?? 0;
    counts.failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0);
    counts.skipped += r.stats?.skipped ?? 0;
  }
}

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\nSteps failed: ${failures.length ? failures.join(', ') : 'none'} (${minutes} min)`);
if (failures.length > 0 && counts.failed === 0) counts.failed = failures.length;
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
