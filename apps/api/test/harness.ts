import { PGlite } from '@electric-sql/pglite';
import type { Role } from '@trellis/contracts';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { buildApp, type Services } from '../src/app';
import { loadConfig } from '../src/config';
import { type Database, MIGRATIONS_DIR, openDatabase } from '../src/db/client';
import { addMembership, createWorkspace, ensureUser } from '../src/modules/people/bootstrap';
import { createMailer } from '../src/platform/mail';

export const engine: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
export const PASSWORD = 'correct-horse-battery-staple';

let template: Promise<Blob> | undefined;
/** A migrated PGlite data directory, made once per worker and cloned per test app (~10× faster). */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const client = new PGlite();
    await migratePglite(drizzlePglite({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_DIR });
    const dump = await client.dumpDataDir('none');
    await client.close();
    return dump;
  })();
  return template;
}

async function openTestDatabase(sessionReads = true): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const client = new PGlite({ loadDataDir: await pgliteTemplate() });
    const database = await openDatabase({ dataDir: '', pglite: client, migrate: false });
    return {
      database,
      dispose: async () => {
        await database.close();
        await client.close();
      },
    };
  }
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const appUrl = new URL(url);
  appUrl.username = 'trellis_app';
  const database = await openDatabase({
    databaseUrl: url.toString(),
    appDatabaseUrl: appUrl.toString(),
    dataDir: '',
    poolSize: 5,
    sessionReads,
  });
  return {
    database,
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export type SentMail = { to: string; subject: string; text: string };

/** A real SMTP server in-process: the app talks SMTP to it exactly as to a production relay. */
async function startSmtp(): Promise<{ url: string; inbox: SentMail[]; close: () => Promise<void> }> {
  const inbox: SentMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? '');
          inbox.push({ to, subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, inbox, close: () => new Promise((r) => server.close(() => r())) };
}

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  inbox: SentMail[];
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
};

export async function createTestApp(options: { webDist?: string; sessionReads?: boolean } = {}): Promise<TestApp> {
  const { database, dispose } = await openTestDatabase(options.sessionReads);
  const smtp = await startSmtp();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_SECRET: 'test-secret-that-is-long-enough-0123456789',
    PUBLIC_URL: 'http://localhost:3000',
    SMTP_URL: smtp.url,
    DATA_DIR: '/tmp/trellis-test-unused',
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const clock = {
    now: new Date(),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const mailer = createMailer(config);
  const app = await buildApp({
    config,
    database,
    mailer,
    clock: () => clock.now,
    webDist: options.webDist ?? '/nonexistent',
  });
  await app.ready();
  return {
    app,
    services: app.services,
    inbox: smtp.inbox,
    clock,
    async close() {
      await app.close();
      mailer.close();
      await smtp.close();
      await dispose();
    },
  };
}

/** A signed-in person: every call carries their cookies and CSRF header. */
export type Client = {
  userId: string;
  email: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
};

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const jar = new Map<string, string>();
  for (const c of res.cookies) jar.set(c.name, c.value);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = jar.get('trellis_csrf') ?? '';
  const userId = res.json().me.user.id as string;
  const request = async (opts: InjectOptions) => {
    const r = await app.inject({
      ...opts,
      headers: { cookie: cookie(), 'x-csrf-token': csrf, ...(opts.headers ?? {}) },
    });
    for (const c of r.cookies) jar.set(c.name, c.value);
    return r;
  };
  return {
    userId,
    email,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body, headers) => request({ method: 'POST', url, payload: body as object, headers }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** A workspace with one signed-in person per vendor role. */
export async function seedWorkspace(t: TestApp, name = 'Acme Networks') {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 6)}`;
  const workspaceId = await createWorkspace(t.services, {
    name,
    slug,
    baseCurrency: 'USD',
    defaultLocale: 'en',
    timeZone: 'UTC',
  });
  const people: Partial<Record<Role, Client>> = {};
  for (const role of ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'] as const) {
    const email = `${role}.${slug}@example.com`;
    const userId = await ensureUser(t.services, { email, name: `${role} of ${name}`, password: PASSWORD });
    await addMembership(t.services, { workspaceId, userId, role });
    people[role] = await signIn(t.app, email);
  }
  return {
    workspaceId,
    slug,
    people: people as Record<'admin' | 'channel_manager' | 'finance' | 'marketing' | 'viewer', Client>,
  };
}

/** Adds a partner person directly (tests of other things than invitations). */
export async function addPartnerPerson(
  t: TestApp,
  workspaceId: string,
  partnerId: string,
  role: 'partner_admin' | 'partner_user',
  tag: string,
) {
  const email = `${role}.${tag}.${Math.random().toString(36).slice(2, 6)}@partner.example`;
  const userId = await ensureUser(t.services, { email, name: `${role} ${tag}`, password: PASSWORD });
  await addMembership(t.services, { workspaceId, userId, role, partnerId });
  return signIn(t.app, email);
}
