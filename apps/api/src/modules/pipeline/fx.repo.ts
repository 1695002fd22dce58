import type { ExchangeRateSource } from '@trellis/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import type { StoredRate } from './fx';

export type RateRow = {
  id: string;
  base: string;
  quote: string;
  rate: string;
  rate_date: string;
  source: ExchangeRateSource;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
};

const COLUMNS = sql`x.id::text AS id, x.base, x.quote, x.rate::text AS rate, x.rate_date::text AS rate_date, x.source,
  to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  x.created_by::text AS created_by, u.name AS created_by_name`;

/**
 * The latest rate of every stored pair on or before a date. A loose index scan: the distinct bases, then
 * each base's quotes, are found by jumping through the (workspace, base, quote, date) index, then one probe
 * per pair — about 1 ms with the ECB's full history stored (200,000 rates), where DISTINCT ON sorted them all.
 */
export async function latestRates(tx: Tx, workspaceId: string, onOrBefore: string): Promise<StoredRate[]> {
  const res = await tx.execute(sql`
    WITH RECURSIVE bases AS (
      (SELECT base FROM exchange_rates WHERE workspace_id = ${workspaceId} ORDER BY base LIMIT 1)
      UNION ALL
      SELECT (SELECT x.base FROM exchange_rates x WHERE x.workspace_id = ${workspaceId} AND x.base > b.base
        ORDER BY x.base LIMIT 1)
      FROM bases b WHERE b.base IS NOT NULL
    ), pairs AS (
      SELECT b.base, (SELECT x.quote FROM exchange_rates x WHERE x.workspace_id = ${workspaceId} AND x.base = b.base
        ORDER BY x.quote LIMIT 1) AS quote
      FROM bases b WHERE b.base IS NOT NULL
      UNION ALL
      SELECT p.base, (SELECT x.quote FROM exchange_rates x WHERE x.workspace_id = ${workspaceId} AND x.base = p.base
        AND x.quote > p.quote ORDER BY x.quote LIMIT 1)
      FROM pairs p WHERE p.quote IS NOT NULL
    )
    SELECT r.base, r.quote, r.rate::text AS rate, r.rate_date::text AS rate_date, r.source
    FROM pairs p CROSS JOIN LATERAL (
      SELECT base, quote, rate, rate_date, source FROM exchange_rates
      WHERE workspace_id = ${workspaceId} AND base = p.base AND quote = p.quote AND rate_date <= ${onOrBefore}::date
      ORDER BY rate_date DESC LIMIT 1
    ) r
    WHERE p.quote IS NOT NULL`);
  return (
    res.rows as { base: string; quote: string; rate: string; rate_date: string; source: ExchangeRateSource }[]
  ).map((r) => ({ base: r.base, quote: r.quote, rate: r.rate, rateDate: r.rate_date, source: r.source }));
}

export async function listRateRows(
  tx: Tx,
  workspaceId: string,
  f: { currency?: string; source?: ExchangeRateSource; after?: { rateDate: string; id: string }; limit: number },
): Promise<RateRow[]> {
  const where: SQL[] = [sql`x.workspace_id = ${workspaceId}`];
  if (f.currency) where.push(sql`(x.base = ${f.currency} OR x.quote = ${f.currency})`);
  if (f.source) where.push(sql`x.source = ${f.source}`);
  if (f.after) where.push(sql`(x.rate_date, x.id) < (${f.after.rateDate}::date, ${f.after.id}::uuid)`);
  const res = await tx.execute(sql`
    SELECT ${COLUMNS} FROM exchange_rates x LEFT JOIN users u ON u.id = x.created_by
    WHERE ${sql.join(where, sql` AND `)} ORDER BY x.rate_date DESC, x.id DESC LIMIT ${f.limit}`);
  return res.rows as RateRow[];
}

export async function findRateRow(tx: Tx, workspaceId: string, id: string): Promise<RateRow | undefined> {
  const res = await tx.execute(sql`
    SELECT ${COLUMNS} FROM exchange_rates x LEFT JOIN users u ON u.id = x.created_by
    WHERE x.workspace_id = ${workspaceId} AND x.id = ${id}`);
  return (res.rows as RateRow[])[0];
}

/** A manual rate replaces whatever was stored for the pair and date (an ECB rate included). */
export async function upsertManualRate(
  tx: Tx,
  v: {
    workspaceId: string;
    id: string;
    base: string;
    quote: string;
    rate: string;
    rateDate: string;
    userId: string;
    now: Date;
  },
): Promise<string> {
  const res = await tx.execute(sql`
    INSERT INTO exchange_rates (workspace_id, id, base, quote, rate, rate_date, source, created_by, created_at)
    VALUES (${v.workspaceId}, ${v.id}, ${v.base}, ${v.quote}, ${v.rate}::numeric, ${v.rateDate}::date, 'manual', ${v.userId},
      ${v.now.toISOString()}::timestamptz)
    ON CONFLICT (workspace_id, base, quote, rate_date) DO UPDATE
      SET rate = EXCLUDED.rate, source = 'manual', created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at
    RETURNING id::text AS id`);
  return (res.rows as { id: string }[])[0]?.id ?? v.id;
}

/**
 * One chunk of ECB rates in one set-based statement (unnest of arrays): new pairs/dates are inserted, stored
 * ECB rates that changed are updated, unchanged ones are left alone, and a manual rate for the same pair and
 * date is kept. Returns how many rates were written and how many met a manual rate.
 */
export async function upsertEcbChunk(
  tx: Tx,
  workspaceId: string,
  chunk: { id: string; quote: string; rate: string; rateDate: string }[],
  userId: string,
  now: Date,
): Promise<{ written: number; keptManual: number }> {
  const arr = (values: string[]) => sql`${`{${values.join(',')}}`}`;
  const res = await tx.execute(sql`
    WITH t AS (
      SELECT * FROM unnest(${arr(chunk.map((r) => r.id))}::uuid[], ${arr(chunk.map((r) => r.quote))}::text[],
        ${arr(chunk.map((r) => r.rate))}::numeric[], ${arr(chunk.map((r) => r.rateDate))}::date[]) AS t(id, quote, rate, rate_date)
    ),
    manual AS (
      SELECT count(*)::int AS n FROM exchange_rates x JOIN t
        ON x.workspace_id = ${workspaceId} AND x.base = 'EUR' AND x.quote = t.quote AND x.rate_date = t.rate_date
      WHERE x.source = 'manual'
    ),
    written AS (
      INSERT INTO exchange_rates (workspace_id, id, base, quote, rate, rate_date, source, created_by, created_at)
      SELECT ${workspaceId}::uuid, t.id, 'EUR', t.quote, t.rate, t.rate_date, 'ecb', ${userId}::uuid, ${now.toISOString()}::timestamptz
      FROM t
      ON CONFLICT (workspace_id, base, quote, rate_date) DO UPDATE
        SET rate = EXCLUDED.rate, created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at
        WHERE exchange_rates.source = 'ecb' AND exchange_rates.rate <> EXCLUDED.rate
      RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM written) AS written, (SELECT n FROM manual) AS kept_manual`);
  const row = (res.rows as { written: number; kept_manual: number }[])[0];
  return { written: Number(row?.written ?? 0), keptManual: Number(row?.kept_manual ?? 0) };
}

export async function deleteRateRow(tx: Tx, workspaceId: string, id: string): Promise<void> {
  await tx.execute(sql`DELETE FROM exchange_rates WHERE workspace_id = ${workspaceId} AND id = ${id}`);
}
