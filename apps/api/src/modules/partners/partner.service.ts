import type { Partner, PartnerDetail, PartnerEvent, PartnerListQuery } from '@trellis/contracts';
import type { Services } from '../../app';
import { readInScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { type Ctx, scopeOf } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { abilitiesNeedSettings } from './partner.policy';
import { presentPartner, presentPartnerDetail, presentPartnerEvent } from './partner.presenter';
import {
  findPartnerDetail,
  listPartnerEventRows,
  listPartnerRows,
  type PartnerSortKey,
  partnerIsVisible,
} from './partner.repo';

export { bulkUpdatePartners } from './commands/bulk-update-partners';
export { changePartnerStatus } from './commands/change-partner-status';
export { createPartner } from './commands/create-partner';
export { updatePartner, updatePartnerProfile } from './commands/update-partner';

const badCursor = () =>
  new AppError('bad_request', 'cursor does not belong to this list or sort order', {
    issues: [{ path: 'querystring.cursor', code: 'invalid', message: 'unknown cursor' }],
  });

/** Reads a keyset cursor {s: sort, k: key, id}; one from another sort order is refused. */
function readCursor(cursor: string | undefined, sort: string): { key: string; id: string } | null {
  const value = decodeCursor(cursor);
  if (!value) return null;
  if (value.s !== sort || typeof value.k !== 'string') throw badCursor();
  return { key: value.k, id: value.id };
}

/** C1 list: one scoped read query (tier, owner and parent names by left join). */
export async function listPartners(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: PartnerListQuery,
): Promise<{ data: Partner[]; nextCursor: string | null }> {
  const descending = q.sort.startsWith('-');
  const sortKey = (descending ? q.sort.slice(1) : q.sort) as PartnerSortKey;
  const after = readCursor(q.cursor, q.sort);
  const rows = await readInScope(services.db, scopeOf(ctx.actor), (tx) =>
    listPartnerRows(tx, ctx.actor, { ...q, sortKey, descending, after, limit: q.limit }),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentPartner),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ s: q.sort, k: last.cursorKey, id: last.id }) : null,
  };
}

/** One query: the partner, its tier, owner and parent names, and the settings abilities depend on. */
export async function getPartner(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<PartnerDetail> {
  const row = await readInScope(services.db, scopeOf(ctx.actor), (tx) =>
    findPartnerDetail(tx, ctx.actor, id, { withSettings: abilitiesNeedSettings(ctx.actor) }),
  );
  if (!row) throw notFound('partner');
  return presentPartnerDetail(row, ctx.actor);
}

/** C2 partner journey, newest first. */
export async function listPartnerEvents(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  partnerId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ data: PartnerEvent[]; nextCursor: string | null }> {
  const before = readCursor(q.cursor, 'events');
  const rows = await readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (!(await partnerIsVisible(tx, ctx.actor, partnerId))) throw notFound('partner');
    return listPartnerEventRows(tx, ctx.actor, partnerId, { limit: q.limit, before });
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentPartnerEvent),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ s: 'events', k: last.cursorKey, id: last.id }) : null,
  };
}
