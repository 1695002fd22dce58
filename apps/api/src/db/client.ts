import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema/index';
import { NO_SCOPE, readInScope, type ScopedRunner, scopeSettingsSql, useScopedRunners } from './scope';
import { connectionHandles, scopedReadRunner } from './scoped-reads';

export type Db = NodePgDatabase<typeof schema>;
/**
 * What a use case gets inside inScope or readInScope: the query builder. No relational `query` API and
 * no nested transactions — on PostgreSQL the handle is bound to one pooled connection for the length of
 * one transaction (inScope) or one scoped read (readInScope).
 */
export type Tx = Omit<Db, 'query' | 'transaction' | '$client' | 'batch'>;
export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: Engine;
  /** Runs raw SQL as the connection's owner role: migrations and test set-up only. */
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));
export const APP_ROLE = 'trellis_app';

export class DatabaseLockedError extends Error {}

/**
 * PGlite in dataDir, or PostgreSQL at url. Migrations run first as the connecting (owner) role, then
 * every query runs as trellis_app, which row-level security binds (ARCHITECTURE §3.5).
 */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  /** PostgreSQL: log the pool in as this (trellis_app) instead of the migrating owner. */
  appDatabaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /**
   * PostgreSQL: scoped reads on connections that keep their RLS scope as session settings (default). Turn
   * off behind a transaction- or statement-mode pooler (PgBouncer, Supavisor, pgcat), where consecutive
   * messages may reach different server sessions; reads are then read-only transactions on the main pool.
   */
  sessionReads?: boolean;
  pglite?: PGlite;
  migrate?: boolean;
}): Promise<Database> {
  const database = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl, opts.appDatabaseUrl, {
        poolSize: opts.poolSize ?? 10,
        sessionReads: opts.sessionReads ?? true,
        runMigrations: opts.migrate ?? true,
      })
    : await openPglite(opts.dataDir, opts.pglite, opts.migrate ?? true);
  try {
    await assertRlsApplies(database.db);
    // The same guard on the connections scoped reads use (a separate pool on PostgreSQL).
    await readInScope(database.db, NO_SCOPE, (tx) => assertRlsApplies(tx as unknown as Db));
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

async function openPglite(dataDir: string, existing: PGlite | undefined, runMigrations: boolean): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  let client = existing;
  if (!client) {
    mkdirSync(dataDir, { recursive: true });
    try {
      release = await lockfile.lock(dataDir, { stale: 15_000, update: 5_000, realpath: false });
    } catch {
      throw new DatabaseLockedError(
        `${dataDir} is in use by another Trellis process; PGlite allows one process per data directory`,
      );
    }
    client = new PGlite(dataDir);
  }
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  if (runMigrations) await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  // PGlite connects as a superuser, which skips RLS: drop to the app role for the whole session.
  await client.exec(`SET ROLE ${APP_ROLE}`);
  const pgliteClient = client;
  return {
    db,
    engine: 'pglite',
    async close() {
      if (!existing) await pgliteClient.close();
      await release?.();
    },
  };
}

async function openPostgres(
  url: string,
  appUrl: string | undefined,
  { poolSize, sessionReads, runMigrations }: { poolSize: number; sessionReads: boolean; runMigrations: boolean },
): Promise<Database> {
  if (runMigrations) await migratePostgres(url);
  // With appUrl the session user itself is trellis_app, so not even RESET ROLE leads back to the owner.
  // Both pools open connections on demand and keep them (min = max): pg-pool otherwise closes a connection
  // idle for 10 s, and a new backend costs ~3 ms to connect plus 7–15 ms more for its first conflict check
  // (catalog caches, the plans of the PL/pgSQL functions) — paid again by the first requests after every
  // quiet spell (bench/README.md, deal registration).
  const poolOptions = { connectionString: appUrl ?? url, max: poolSize, min: poolSize };
  const pool = new pg.Pool(poolOptions);
  // An idle connection dropped by the server (restart, failover) must not crash the process; the pool
  // replaces it on the next checkout.
  pool.on('error', (err) => console.warn(`database connection lost: ${err.message}`));
  pool.on('connect', (c) => {
    c.query(`SET ROLE ${APP_ROLE}`).catch(() => undefined);
  });
  // Make sure the first connection has switched role before anyone queries.
  const first = await pool.connect();
  try {
    await first.query(`SET ROLE ${APP_ROLE}`);
    if (appUrl) {
      const { rows } = await first.query<{ session_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
        'SELECT session_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = session_user',
      );
      const login = rows[0];
      if (!login || login.rolsuper || login.rolbypassrls) {
        throw new RlsBypassError(
          `refusing to serve: DATABASE_APP_URL logs in as ${login?.session_user}, which bypasses RLS`,
        );
      }
    }
  } catch (err) {
    first.release();
    await pool.end();
    throw err;
  }
  first.release();
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' });
  const handleOf = connectionHandles();
  const transaction =
    (begin: string): ScopedRunner =>
    async (scope, fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // BEGIN and the RLS settings travel in one simple-protocol message: one round trip fewer per request.
        await client.query(`${begin}; ${scopeSettingsSql(scope)}`);
        const result = await fn(handleOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    };
  // Reads get their own pool: its connections keep the RLS context as session settings (scoped-reads.ts),
  // so they must never serve unscoped queries.
  const readPool = sessionReads ? new pg.Pool(poolOptions) : undefined;
  readPool?.on('error', (err) => console.warn(`database connection lost: ${err.message}`));
  useScopedRunners(db, {
    write: transaction('BEGIN'),
    read: readPool ? scopedReadRunner(readPool, APP_ROLE) : transaction('BEGIN READ ONLY'),
  });
  return {
    db,
    engine: 'postgres',
    async close() {
      await Promise.all([pool.end(), readPool?.end()]);
    },
  };
}

/** Applies migrations under an advisory lock so concurrent start-ups never race. */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727100001)');
    await migratePg(drizzlePg({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('SELECT pg_advisory_unlock(727100001)').catch(() => undefined);
    await client.end();
  }
}

export class RlsBypassError extends Error {}

/** The app refuses to serve if its query role could bypass row-level security. */
export async function assertRlsApplies(db: Db): Promise<void> {
  const res = await db.execute<{ role: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(sql`
    SELECT current_user AS role, r.rolsuper, r.rolbypassrls,
      (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owns
    FROM pg_roles r WHERE r.rolname = current_user`);
  const row = res.rows[0];
  if (!row || row.rolsuper || row.rolbypassrls || row.owns > 0) {
    throw new RlsBypassError(
      `refusing to serve: query role ${row?.role ?? '?'} bypasses row-level security (superuser, BYPASSRLS or table owner)`,
    );
  }
}
