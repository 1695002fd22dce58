import type { Tx } from './client';

const built = new WeakMap<object, Map<string, unknown>>();

/**
 * A named prepared query built once per query handle and reused: on PostgreSQL a handle belongs to one
 * pooled connection for its whole life (scoped-reads.ts), so the SQL is built by Drizzle once per
 * connection instead of once per request. Elsewhere (PGlite) a handle lives for one transaction and this
 * builds every time, as before. `name` must say everything the shape depends on.
 */
export function preparedOnce<Q>(tx: Tx, name: string, build: () => Q): Q {
  let byName = built.get(tx);
  if (!byName) {
    byName = new Map();
    built.set(tx, byName);
  }
  let query = byName.get(name) as Q | undefined;
  if (query === undefined) {
    query = build();
    byName.set(name, query);
  }
  return query;
}
