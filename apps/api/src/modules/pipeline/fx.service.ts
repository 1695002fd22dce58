import type { EcbImportResult, ExchangeRate, ExchangeRateCreate, ExchangeRateListQuery } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import { inScope, readInScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { audit } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { notFound, validationFailed } from '../../platform/errors';
import { EcbFormatError, parseEcbXml } from './ecb';
import { normalizeDecimal } from './fx';
import { deleteRateRow, findRateRow, listRateRows, type RateRow, upsertEcbChunk, upsertManualRate } from './fx.repo';

export function presentRate(r: RateRow): ExchangeRate {
  return {
    id: r.id,
    base: r.base,
    quote: r.quote,
    rate: r.rate,
    rateDate: r.rate_date,
    source: r.source,
    createdAt: r.created_at,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
  };
}

export async function listRates(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: ExchangeRateListQuery,
): Promise<{ data: ExchangeRate[]; nextCursor: string | null }> {
  const cursor = decodeCursor(q.cursor);
  const after =
    cursor && typeof cursor.rateDate === 'string' ? { rateDate: cursor.rateDate, id: cursor.id } : undefined;
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const rows = await listRateRows(tx, ctx.actor.workspaceId, {
      ...(q.currency ? { currency: q.currency } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(after ? { after } : {}),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      data: page.map(presentRate),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ rateDate: last.rate_date, id: last.id }) : null,
    };
  });
}

/** C6/C7: a rate entered by hand (VND and TWD have no ECB rate); it replaces a stored rate of the same pair and date. */
export async function createRate(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: ExchangeRateCreate,
): Promise<ExchangeRate> {
  const rate = normalizeDecimal(input.rate);
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const id = await upsertManualRate(tx, {
      workspaceId: ctx.actor.workspaceId,
      id: uuidv7(),
      base: input.base,
      quote: input.quote,
      rate,
      rateDate: input.rateDate,
      userId: ctx.actor.userId,
      now: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'exchange_rate.saved',
      targetType: 'exchange_rate',
      targetId: id,
      after: { base: input.base, quote: input.quote, rate, rateDate: input.rateDate, source: 'manual' },
    });
    const row = await findRateRow(tx, ctx.actor.workspaceId, id);
    if (!row) throw new Error('saved rate not found');
    return presentRate(row);
  });
}

export async function deleteRate(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const row = await findRateRow(tx, ctx.actor.workspaceId, id);
    if (!row) throw notFound('exchange rate');
    await deleteRateRow(tx, ctx.actor.workspaceId, id);
    await audit(tx, ctx, {
      action: 'exchange_rate.deleted',
      targetType: 'exchange_rate',
      targetId: id,
      before: { base: row.base, quote: row.quote, rate: row.rate, rateDate: row.rate_date, source: row.source },
    });
  });
}

/** The upload limit: the ECB's full history since 1999 is about 7 MB. */
export const ECB_MAX_BYTES = 20 * 1024 * 1024;

/** Rates per write transaction: short enough that the embedded engine's one connection keeps serving. */
const CHUNK = 5000;

/**
 * C6: imports the ECB reference rates (daily or history file). The whole file is read and checked first: a
 * file with any problem is refused with the line of the first one and nothing is written. The rates then go
 * in short transactions of 5,000 (the full history is about 200,000), so other requests are served in
 * between; the import is idempotent (unchanged rates are left alone, manual rates of the same pair and date
 * are kept), so uploading the file again after an interruption completes it.
 */
export async function importEcb(services: Pick<Services, 'db'>, ctx: Ctx, bytes: Buffer): Promise<EcbImportResult> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw validationFailed([{ path: 'body.file', code: 'encoding', message: 'is not UTF-8 text' }]);
  }
  let days: ReturnType<typeof parseEcbXml>;
  try {
    days = parseEcbXml(text);
  } catch (err) {
    if (err instanceof EcbFormatError)
      throw validationFailed([
        { path: 'body.file', code: 'ecb_format', message: `is not an ECB rate file: ${err.message}` },
      ]);
    throw err;
  }
  const rows = days.flatMap((d) =>
    d.rates.map((r) => ({ id: uuidv7(), quote: r.currency, rate: normalizeDecimal(r.rate), rateDate: d.date })),
  );
  const dates = days.map((d) => d.date).sort();
  let imported = 0;
  let keptManual = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const done = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
      upsertEcbChunk(tx, ctx.actor.workspaceId, chunk, ctx.actor.userId, ctx.now),
    );
    imported += done.written;
    keptManual += done.keptManual;
  }
  const result: EcbImportResult = {
    imported,
    keptManual,
    unchanged: rows.length - imported - keptManual,
    days: days.length,
    firstDate: dates[0] ?? '',
    lastDate: dates.at(-1) ?? '',
    currencies: [...new Set(rows.map((r) => r.quote))].sort(),
  };
  await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    audit(tx, ctx, {
      action: 'exchange_rate.ecb_imported',
      targetType: 'exchange_rate',
      targetId: ctx.actor.workspaceId,
      after: result,
    }),
  );
  return result;
}
