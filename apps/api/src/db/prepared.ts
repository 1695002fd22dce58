import pg from 'pg';
import type { Tx } from './client';

type RawClient = { query: (...args: never[]) => Promise<{ rows: unknown[] }> };

/**
 * One hand-written statement on the handle's connection, without Drizzle building or mapping anything:
 * on PostgreSQL (node-postgres) as a NAMED prepared statement — parsed and planned once per pooled
 * connection, then only bound and executed; on PGlite as a plain parameterised query. `name` must be
 * unique per statement text. Rows come back as the driver returns them (snake_case columns; jsonb
 * parsed, timestamptz as Date, uuid and text as strings; avoid int8, which the drivers map differently).
 */
export async function rawQuery<R>(tx: Tx, name: string, text: string, values: unknown[]): Promise<R[]> {
  const client = (tx as unknown as { session?: { client?: RawClient } }).session?.client;
  if (!client) throw new Error('rawQuery: no database client behind this handle');
  if (isNodePg(client)) {
    const res = await (client as unknown as pg.ClientBase).query({ name, text, values });
    return res.rows as R[];
  }
  const res = await (client as unknown as { query: (t: string, v: unknown[]) => Promise<{ rows: unknown[] }> }).query(
    text,
    values,
  );
  return res.rows as R[];
}

const isNodePg = (client: object): boolean => client instanceof pg.Client || client instanceof pg.Pool;
