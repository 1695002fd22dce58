import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/client';
import { createMailer } from '../src/platform/mail';
import { DEMO_PASSWORD } from '../src/seed/demo';

const root = new URL('../../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'trellis-cli-'));
// The CLI always runs on its own PGlite directory here, whatever engine the API suite uses.
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

function trellis(...args: string[]) {
  const res = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'apps/api/src/cli.ts'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Signs in against the CLI's data directory with a fresh app, as a person would after `trellis start`. */
async function signInOnDataDir(email: string, password: string) {
  const config = loadConfig({ ...env, NODE_ENV: 'test', AUTH_SECRET: 'cli-test-secret-long-enough-0123456789ab' });
  const database = await openDatabase({ dataDir });
  const app = await buildApp({ config, database, mailer: createMailer(config), webDist: '/nonexistent' });
  try {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
    return { status: res.statusCode, me: res.statusCode === 200 ? res.json().me : null };
  } finally {
    await app.close();
    await database.close();
  }
}

describe('trellis CLI', () => {
  it('create-admin explains every bad option and creates nothing', () => {
    const res = trellis('create-admin', '--email', 'not-an-email', '--password', 'short');
    expect(res.code).toBe(2);
    expect(res.out).toContain('--email');
    expect(res.out).toContain('--name');
    expect(res.out).toContain('--password');
  });

  it('create-admin makes a workspace admin who can sign in', async () => {
    const res = trellis(
      'create-admin',
      '--email',
      'owner@vendor.example',
      '--name',
      'Owner',
      '--password',
      'a-strong-passphrase',
      '--workspace',
      'Vendor Program',
      '--locale',
      'lv',
    );
    expect(res.out).toContain('created');
    expect(res.code).toBe(0);
    const { status, me } = await signInOnDataDir('owner@vendor.example', 'a-strong-passphrase');
    expect(status).toBe(200);
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: 'admin', workspace: expect.objectContaining({ name: 'Vendor Program' }) }),
    ]);
  });

  it('seed --demo builds the demo program once and prints the sign-ins', async () => {
    const first = trellis('seed', '--demo');
    expect(first.code).toBe(0);
    expect(first.out).toContain('40 partners');
    expect(first.out).toContain('admin@saigondigital.vn');
    const again = trellis('seed', '--demo');
    expect(again.code).toBe(0);
    expect(again.out).toContain('already present');
    const { status, me } = await signInOnDataDir('sales@saigondigital.vn', DEMO_PASSWORD);
    expect(status).toBe(200);
    expect(me.memberships[0]).toMatchObject({ role: 'partner_user', partnerName: 'Saigon Digital Solutions' });
  });

  it('migrate applies migrations and exits', () => {
    const res = trellis('migrate');
    expect(res.code).toBe(0);
    expect(res.out).toContain('migrations applied');
  });
});
