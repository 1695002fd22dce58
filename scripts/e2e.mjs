#!/usr/bin/env node
// `npm run test:e2e`: the Playwright journeys against the built app in the system Chromium.
// 1. installs Chromium from Debian when /usr/bin/chromium is missing and we are root (never downloads a browser);
// 2. builds the web app (apps/web/dist);
// 3. starts an in-process SMTP server (invitation mail arrives over a real SMTP conversation) and the API on a
//    free port with a temporary PGlite DATA_DIR and the demo seed;
// 4. runs the suite, stops everything, prints one closing line and exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = Date.now();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (line) => console.log(`[e2e] ${line}`);

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${CHROMIUM}; install it (apt-get install chromium) or run as root`);
  }
  log('installing Chromium from Debian');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  if (res.status !== 0 || !existsSync(CHROMIUM)) throw new Error('apt-get could not install chromium');
}

async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

/** Receives the API's mail over SMTP and files each message as JSON for the tests (e2e/support.ts). */
async function startSmtp(mailbox) {
  mkdirSync(mailbox, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = [mail.to]
            .flat()
            .filter(Boolean)
            .flatMap((a) => a.value.map((v) => v.address));
          const file = join(mailbox, `${Date.now()}-${String(n++).padStart(4, '0')}.json`);
          writeFileSync(
            file,
            JSON.stringify({
              to,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              receivedAt: new Date().toISOString(),
            }),
          );
          callback();
        })
        .catch(callback);
    },
  });
  const port = await freePort();
  // SMTPServer wraps a net server and reports readiness through the listen callback only.
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, close: () => new Promise((r) => server.close(r)) };
}

/** One CLI command to completion (the API is not running yet, so PGlite's data directory is free). */
function cli(args, env) {
  const res = spawnSync(bin('tsx'), ['apps/api/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`trellis ${args[0]} failed:\n${res.stdout}\n${res.stderr}`);
}

function startApi(env) {
  const child = spawn(bin('tsx'), ['apps/api/src/cli.ts', 'start'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit').then(([code]) => code);
  return {
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitReady(url, api, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let exitCode = null;
  api.exited.then((c) => {
    exitCode = c ?? -1;
  });
  while (Date.now() < deadline) {
    if (exitCode !== null) return false;
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

function summary(jsonFile) {
  if (!existsSync(jsonFile)) return null;
  const s = JSON.parse(readFileSync(jsonFile, 'utf8')).stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0), skipped: s.skipped ?? 0 };
}

async function main() {
  ensureChromium();

  log('building the web app');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web build failed');

  const work = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
  const dataDir = join(work, 'data');
  const mailbox = join(work, 'mailbox');
  const smtp = await startSmtp(mailbox);
  const port = await freePort();
  const baseEnv = {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  log('seeding the demo program, plus a second workspace for one channel manager (workspace switching)');
  cli(['seed', '--demo'], baseEnv);
  cli(
    [
      'create-admin',
      '--email',
      'cm.apac@northwind.example',
      '--name',
      'Mai Phạm',
      '--password',
      'trellis-demo-2026',
      '--workspace',
      'Baltic Reseller Program',
      '--currency',
      'EUR',
      '--locale',
      'lv',
      '--time-zone',
      'Europe/Riga',
    ],
    baseEnv,
  );
  const api = startApi({ ...baseEnv, PUBLIC_URL: baseUrl });
  const jsonFile = process.env.E2E_JSON ?? join(root, '.tmp', 'e2e-results.json');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  rmSync(jsonFile, { force: true });
  let status = 1;
  try {
    log(`starting the server on ${baseUrl} (PGlite in ${dataDir}, SMTP on ${smtp.port})`);
    if (!(await waitReady(`${baseUrl}/readyz`, api))) {
      console.error(api.output().slice(-4000));
      throw new Error('the server exited during start-up');
    }
    const html = await (await fetch(`${baseUrl}/console`)).text();
    if (!html.includes('<div id="root">')) throw new Error('the server is up but does not serve the web app');
    log(`ready: ${baseUrl}`);

    // Asynchronous on purpose: the SMTP server lives in this process and must keep answering during the run.
    const run = spawn(bin('playwright'), ['test', '-c', 'playwright.config.ts', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        E2E_BASE_URL: baseUrl,
        E2E_MAILBOX: mailbox,
        E2E_JSON: jsonFile,
        CHROMIUM_PATH: CHROMIUM,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      },
    });
    const [code] = await once(run, 'exit');
    status = code ?? 1;
  } finally {
    await api.stop();
    await smtp.close();
    if (status !== 0) {
      const tail = api.output().trim().split('\n').slice(-30).join('\n');
      if (tail) console.log(`[e2e] last server output:\n${tail}`);
    }
    rmSync(work, { recursive: true, force: true });
  }
  const s = summary(jsonFile);
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  const counts = s ? `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped` : 'no results';
  console.log(
    `e2e: ${counts} in ${secs}s against ${baseUrl}; report in playwright-report/, screenshots in test-results/`,
  );
  return status === 0 && s && s.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log(`e2e: failed before the suite finished (${err.message})`);
    process.exit(1);
  },
);
