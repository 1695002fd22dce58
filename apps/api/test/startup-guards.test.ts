/*
 * The server refuses to start when it would serve unguarded (ARCHITECTURE §3.2 and §3.5, RLS-02):
 * a route without config.auth, or a query role that bypasses row-level security.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { APP_ROLE, assertRlsApplies, type Db, MIGRATIONS_DIR, openDatabase, RlsBypassError } from '../src/db/client';
import { createTestApp, engine, type TestApp } from './harness';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A second app on the test app's database, built exactly as createTestApp does but not yet ready. */
async function freshApp(): Promise<FastifyInstance> {
  const { config, database, mailer } = t.services;
  return buildApp({ config, database, mailer, clock: () => new Date(), webDist: '/nonexistent' });
}

/** Registers a plugin the way modules are mounted (under /api/v1) and waits for the app to load. */
async function loadWith(plugin: (api: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = await freshApp();
  try {
    await app.register(async (api) => plugin(api), { prefix: '/api/v1' });
    await app.ready();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}

describe('every route declares config.auth', () => {
  it('refuses to start with a bare route, naming it', async () => {
    await expect(
      loadWith((api) => {
        api.get('/bare-things/:id', async () => ({ ok: true }));
      }),
    ).rejects.toThrow('route GET /api/v1/bare-things/:id does not declare config.auth');
  });

  it('refuses a write route without auth too, and one with config but no auth', async () => {
    await expect(
      loadWith((api) => {
        api.post('/bare-things', { config: { idempotent: true } }, async () => ({ ok: true }));
      }),
    ).rejects.toThrow('route POST /api/v1/bare-things does not declare config.auth');
  });

  it('refuses a permission that is not in the contracts', async () => {
    await expect(
      loadWith((api) => {
        api.delete('/bare-things/:id', { config: { auth: 'bare.destroy' as never } }, async () => ({ ok: true }));
      }),
    ).rejects.toThrow('route DELETE /api/v1/bare-things/:id declares unknown permission bare.destroy');
  });

  it('starts with a declared route and lists it in the route table (control)', async () => {
    const app = await loadWith((api) => {
      api.get('/declared-things', { config: { auth: 'partner.read' } }, async () => ({ ok: true }));
    });
    try {
      expect(app.services.routes).toContainEqual({
        method: 'GET',
        url: '/api/v1/declared-things',
        auth: 'partner.read',
      });
      const res = await app.inject({ method: 'GET', url: '/api/v1/declared-things' });
      expect(res.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('the query role must not bypass row-level security', () => {
  it('the test app itself runs as trellis_app and passes the guard', async () => {
    await expect(assertRlsApplies(t.services.db)).resolves.toBeUndefined();
  });

  if (engine === 'pglite') {
    /** A migrated in-memory PGlite, still connected as its bootstrap superuser; shared by the PGlite cases. */
    let client: PGlite;
    let db: Db;
    beforeAll(async () => {
      client = new PGlite();
      const d = drizzlePglite({ client, casing: 'snake_case' });
      await migratePglite(d, { migrationsFolder: MIGRATIONS_DIR });
      db = d as unknown as Db;
    });
    afterAll(async () => client?.close());

    it('PGlite: the bootstrap superuser is refused; trellis_app passes; RESET ROLE is refused again', async () => {
      await expect(assertRlsApplies(db)).rejects.toBeInstanceOf(RlsBypassError);
      await client.exec(`SET ROLE ${APP_ROLE}`);
      await expect(assertRlsApplies(db)).resolves.toBeUndefined();
      await client.exec('RESET ROLE');
      await expect(assertRlsApplies(db)).rejects.toThrow(/refusing to serve: query role postgres bypasses/);
    });

    it('PGlite: openDatabase refuses when the app role owns a table (owners skip non-forced RLS)', async () => {
      await client.exec('RESET ROLE');
      await client.exec(`ALTER TABLE tiers OWNER TO ${APP_ROLE}`);
      await expect(openDatabase({ dataDir: '', pglite: client, migrate: false })).rejects.toBeInstanceOf(
        RlsBypassError,
      );
      // Control: the same database opens once the app role owns nothing.
      await client.exec('RESET ROLE');
      await client.exec('ALTER TABLE tiers OWNER TO postgres');
      await expect(openDatabase({ dataDir: '', pglite: client, migrate: false })).resolves.toMatchObject({
        engine: 'pglite',
      });
    });
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL as string;
    const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const dbName = `t_guards_${suffix}`;
    const roles = { bypass: `t_bypass_${suffix}`, plain: `t_plain_${suffix}`, owner: `t_owner_${suffix}` };
    const urlOf = (name: string) => {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    };
    async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    }

    beforeAll(async () => {
      await admin(adminUrl, async (c) => {
        await c.query(`CREATE DATABASE ${dbName}`);
        await c.query(`CREATE ROLE ${roles.bypass} NOLOGIN NOSUPERUSER BYPASSRLS`);
        await c.query(`CREATE ROLE ${roles.plain} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
        await c.query(`CREATE ROLE ${roles.owner} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
      });
      // Migrated by the app's own code path; it must start as trellis_app.
      const ok = await openDatabase({ databaseUrl: urlOf(dbName), dataDir: '', poolSize: 1 });
      await ok.close();
    });
    afterAll(async () => {
      await admin(adminUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        for (const role of Object.values(roles)) await c.query(`DROP ROLE IF EXISTS ${role}`);
      });
    });

    /** assertRlsApplies over one raw connection, after the given set-up statements. */
    const guardAfter = (...statements: string[]) =>
      admin(urlOf(dbName), async (c) => {
        for (const s of statements) await c.query(s);
        return assertRlsApplies(drizzlePg({ client: c }) as unknown as Db);
      });

    it('PostgreSQL: the connecting superuser without SET ROLE is refused', async () => {
      await expect(guardAfter()).rejects.toBeInstanceOf(RlsBypassError);
      await expect(guardAfter()).rejects.toThrow(/query role postgres bypasses row-level security/);
    });

    it('PostgreSQL: a NOSUPERUSER BYPASSRLS role is refused', async () => {
      await expect(guardAfter(`SET ROLE ${roles.bypass}`)).rejects.toBeInstanceOf(RlsBypassError);
    });

    it('PostgreSQL: a role that owns a table is refused', async () => {
      await expect(
        guardAfter(
          `CREATE TABLE IF NOT EXISTS owned_probe (id int)`,
          `ALTER TABLE owned_probe OWNER TO ${roles.owner}`,
          `SET ROLE ${roles.owner}`,
        ),
      ).rejects.toBeInstanceOf(RlsBypassError);
    });

    it('PostgreSQL: a plain role and trellis_app pass (control)', async () => {
      await expect(guardAfter(`SET ROLE ${roles.plain}`)).resolves.toBeUndefined();
      await expect(guardAfter(`SET ROLE ${APP_ROLE}`)).resolves.toBeUndefined();
    });

    it('PostgreSQL: openDatabase refuses to serve when trellis_app owns a table in the database', async () => {
      await admin(urlOf(dbName), (c) => c.query(`ALTER TABLE tiers OWNER TO ${APP_ROLE}`));
      try {
        await expect(openDatabase({ databaseUrl: urlOf(dbName), dataDir: '', poolSize: 1 })).rejects.toBeInstanceOf(
          RlsBypassError,
        );
      } finally {
        await admin(urlOf(dbName), (c) => c.query('ALTER TABLE tiers OWNER TO postgres'));
      }
    });
  }
});
