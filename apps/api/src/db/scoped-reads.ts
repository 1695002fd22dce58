import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Tx } from './client';
import { type ScopedRunner, scopeKey, scopeSettingsSql } from './scope';

/** One query handle per pooled connection, made once: building a Drizzle instance per request costs CPU. */
export function connectionHandles(): (client: pg.PoolClient) => Tx {
  const handles = new WeakMap<pg.PoolClient, Tx>();
  return (client) => {
    let tx = handles.get(client);
    if (!tx) {
      tx = drizzle({ client, casing: 'snake_case' }) as unknown as Tx;
      handles.set(client, tx);
    }
    return tx;
  };
}

/**
 * Scoped reads on PostgreSQL without BEGIN/COMMIT: a one-query read is one round trip.
 *
 * `pool` is reserved for this runner — nothing else ever checks a connection out of it — because its
 * connections keep the RLS context as SESSION settings (set_config(…, false)) between requests. The
 * runner remembers, per connection, which scope it last set and re-sends the settings only when the
 * request's scope differs; every setting is written each time, so nothing of an earlier scope remains.
 * The remembered scope is forgotten on any error (the connection is then treated as unknown and set
 * again before its next use), and the settings travel with SET ROLE and default_transaction_read_only,
 * so a read connection is always the app role and refuses writes. The general pool never holds session
 * settings: an unscoped query there still sees no tenant rows.
 */
export function scopedReadRunner(pool: pg.Pool, appRole: string): ScopedRunner {
  const current = new WeakMap<pg.PoolClient, string>();
  const handleOf = connectionHandles();
  return async (scope, fn) => {
    const key = scopeKey(scope);
    const client = await pool.connect();
    try {
      if (current.get(client) !== key) {
        current.delete(client);
        // scopeSettingsSql validates every value (and throws) before anything is sent.
        const settings = scopeSettingsSql(scope, false);
        await client.query(`SET ROLE ${appRole}; SET default_transaction_read_only = on; ${settings}`);
        current.set(client, key);
      }
      return await fn(handleOf(client));
    } catch (err) {
      current.delete(client);
      throw err;
    } finally {
      client.release();
    }
  };
}
