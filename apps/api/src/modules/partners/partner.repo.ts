import type { PartnerListQuery, WorkspaceSettings } from '@trellis/contracts';
import {
  and,
  arrayOverlaps,
  asc,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNull,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client';
import { rawQuery } from '../../db/prepared';
import { memberships, partnerEvents, partners, tiers, users } from '../../db/schema/index';
import type { Actor } from '../../platform/context';
import { likeTokens } from './partner.policy';

export type PartnerRow = typeof partners.$inferSelect;
export type PartnerInsert = typeof partners.$inferInsert;
export type PartnerViewRow = PartnerRow & {
  tierName: string | null;
  ownerName: string | null;
  parentName: string | null;
};
export type PartnerDetailRow = PartnerViewRow & { settings: WorkspaceSettings | null };

const parent = alias(partners, 'parent_partner');

const viewColumns = {
  ...getTableColumns(partners),
  tierName: tiers.name,
  ownerName: users.name,
  parentName: parent.displayName,
};

/** Every partner query starts here: the workspace, and the actor's own company for partner people. */
export function partnerScope(actor: Actor): SQL[] {
  const where = [eq(partners.workspaceId, actor.workspaceId)];
  if (actor.partnerId) where.push(eq(partners.id, actor.partnerId));
  return where;
}

/** Partners with tier, owner and parent names in one query (bulk actions read many at once). */
export async function selectPartnerViews(
  tx: Tx,
  actor: Actor,
  where: SQL,
  opts: { lock?: boolean } = {},
): Promise<PartnerViewRow[]> {
  const query = tx
    .select(viewColumns)
    .from(partners)
    .leftJoin(tiers, eq(tiers.id, partners.tierId))
    .leftJoin(users, eq(users.id, partners.ownerUserId))
    .leftJoin(parent, eq(parent.id, partners.parentPartnerId))
    .where(and(...partnerScope(actor), where));
  return opts.lock ? query.for('update', { of: partners }) : query;
}

/** partners' columns under their TypeScript names, for hand-written statements (derived: never out of date). */
const PARTNER_COLUMNS = Object.entries(getTableColumns(partners))
  .map(([key, column]) => `p.${column.keyAsName ? toSnakeCase(key) : column.name} AS "${key}"`)
  .join(', ');

/**
 * One partner with tier, owner and parent names — and, when abilities depend on them, the workspace
 * settings — in ONE statement, sent straight through the driver as a named prepared statement (rawQuery):
 * PostgreSQL plans it once per connection (planning the joins under row-level security costs several
 * times executing them), and no query builder or row mapper runs per request — Drizzle's were ~15 % of a
 * single read's CPU (bench/README.md). The columns come back under their TypeScript names with the
 * driver's own types (uuid and text as strings, jsonb parsed, text[] as arrays, timestamptz as Date),
 * which is what Drizzle returned for these types.
 */
export async function findPartnerDetail(
  tx: Tx,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; withSettings?: boolean } = {},
): Promise<PartnerDetailRow | undefined> {
  const withSettings = opts.withSettings === true;
  const own = actor.partnerId !== null;
  const name = `partner_detail_${own ? 'own' : 'any'}${withSettings ? '_settings' : ''}${opts.lock ? '_lock' : ''}`;
  const text = `SELECT ${PARTNER_COLUMNS}, t.name AS "tierName", u.name AS "ownerName",
      pp.display_name AS "parentName", ${withSettings ? 'w.settings' : 'NULL::jsonb'} AS settings
    FROM partners p
    LEFT JOIN tiers t ON t.id = p.tier_id
    LEFT JOIN users u ON u.id = p.owner_user_id
    LEFT JOIN partners pp ON pp.id = p.parent_partner_id
    ${withSettings ? 'LEFT JOIN workspaces w ON w.id = p.workspace_id' : ''}
    WHERE p.workspace_id = $1 AND p.id = $2${own ? ' AND p.id = $3' : ''}${opts.lock ? ' FOR UPDATE OF p' : ''}`;
  const values = own ? [actor.workspaceId, id, actor.partnerId] : [actor.workspaceId, id];
  const [row] = await rawQuery<PartnerDetailRow>(tx, name, text, values);
  return row;
}

export async function partnerIsVisible(tx: Tx, actor: Actor, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: partners.id })
    .from(partners)
    .where(and(...partnerScope(actor), eq(partners.id, id)));
  return row !== undefined;
}

const SORT_COLUMNS = {
  displayName: { column: partners.searchName, time: false },
  createdAt: { column: partners.createdAt, time: true },
  updatedAt: { column: partners.updatedAt, time: true },
  country: { column: partners.country, time: false },
} as const;
export type PartnerSortKey = keyof typeof SORT_COLUMNS;

/** Full-precision UTC text of a timestamp: a cursor built from it survives microseconds. */
const timeText = (column: SQLWrapper) =>
  sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export type PartnerListFilter = Omit<PartnerListQuery, 'limit' | 'cursor' | 'sort'> & {
  sortKey: PartnerSortKey;
  descending: boolean;
  after: { key: string; id: string } | null;
  limit: number;
};

/** C1 list: search, filters and keyset pagination on (sort key, id), so ties never repeat or skip rows. */
export async function listPartnerRows(
  tx: Tx,
  actor: Actor,
  f: PartnerListFilter,
): Promise<(PartnerViewRow & { cursorKey: string })[]> {
  const { column, time } = SORT_COLUMNS[f.sortKey];
  const where: (SQL | undefined)[] = partnerScope(actor);
  if (f.q) for (const token of likeTokens(f.q)) where.push(sql`${partners.searchName} LIKE ${token}`);
  if (f.status?.length) where.push(inArray(partners.status, f.status));
  if (f.type?.length) where.push(inArray(partners.type, f.type));
  if (f.country?.length) where.push(inArray(partners.country, f.country));
  if (f.tierId?.length) where.push(inArray(partners.tierId, f.tierId));
  if (f.ownerUserId?.length) where.push(inArray(partners.ownerUserId, f.ownerUserId));
  if (f.parentPartnerId) where.push(eq(partners.parentPartnerId, f.parentPartnerId));
  if (f.tag?.length) where.push(arrayOverlaps(partners.tags, f.tag));
  if (f.after) {
    const value = time ? sql`${f.after.key}::timestamptz` : sql`${f.after.key}::text`;
    where.push(
      f.descending
        ? sql`(${column}, ${partners.id}) < (${value}, ${f.after.id}::uuid)`
        : sql`(${column}, ${partners.id}) > (${value}, ${f.after.id}::uuid)`,
    );
  }
  const order = f.descending ? desc : asc;
  return tx
    .select({ ...viewColumns, cursorKey: time ? timeText(column) : sql<string>`${column}` })
    .from(partners)
    .leftJoin(tiers, eq(tiers.id, partners.tierId))
    .leftJoin(users, eq(users.id, partners.ownerUserId))
    .leftJoin(parent, eq(parent.id, partners.parentPartnerId))
    .where(and(...where))
    .orderBy(order(column), order(partners.id))
    .limit(f.limit + 1);
}

export async function insertPartner(tx: Tx, values: PartnerInsert): Promise<void> {
  await tx.insert(partners).values(values);
}

export async function updatePartnerRows(tx: Tx, actor: Actor, ids: string[], set: Partial<PartnerInsert>) {
  if (ids.length === 0) return;
  await tx
    .update(partners)
    .set(set)
    .where(and(...partnerScope(actor), inArray(partners.id, ids)));
}

/** Bulk tag edits as one statement; existing order is kept and new tags go last. */
export async function updatePartnerTags(
  tx: Tx,
  actor: Actor,
  ids: string[],
  action: 'add_tags' | 'remove_tags',
  tags: string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const list = sql`ARRAY[${sql.join(
    tags.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;
  const next =
    action === 'add_tags'
      ? sql`array_cat(${partners.tags}, ARRAY(SELECT x.t FROM unnest(${list}) WITH ORDINALITY AS x(t, n) WHERE NOT (x.t = ANY(${partners.tags})) ORDER BY x.n))`
      : sql`ARRAY(SELECT x.t FROM unnest(${partners.tags}) WITH ORDINALITY AS x(t, n) WHERE NOT (x.t = ANY(${list})) ORDER BY x.n)`;
  await tx
    .update(partners)
    .set({ tags: next, updatedAt: now })
    .where(and(...partnerScope(actor), inArray(partners.id, ids)));
}

// --- references a partner points at: checked against data before every write ---

export async function findTierName(tx: Tx, workspaceId: string, id: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ name: tiers.name })
    .from(tiers)
    .where(and(eq(tiers.workspaceId, workspaceId), eq(tiers.id, id)));
  return row?.name;
}

/** An owner is an active vendor admin or channel manager of the workspace. */
export async function findEligibleOwnerName(tx: Tx, workspaceId: string, userId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.userId, userId),
        eq(memberships.status, 'active'),
        isNull(memberships.partnerId),
        inArray(memberships.role, ['admin', 'channel_manager']),
      ),
    );
  return row?.name;
}

/**
 * Whether `parentId` exists in the workspace, and whether `childId` is already among its ancestors
 * (making it the parent would close a loop). The walk stops after 100 levels.
 */
export async function inspectParent(
  tx: Tx,
  workspaceId: string,
  parentId: string,
  childId: string | null,
): Promise<{ exists: boolean; cycle: boolean }> {
  const res = await tx.execute<{ exists: boolean; cycle: boolean }>(sql`
    WITH RECURSIVE up(id, parent_partner_id, depth) AS (
      SELECT id, parent_partner_id, 0 FROM partners WHERE workspace_id = ${workspaceId} AND id = ${parentId}
      UNION ALL
      SELECT p.id, p.parent_partner_id, up.depth + 1
      FROM partners p JOIN up ON p.id = up.parent_partner_id
      WHERE p.workspace_id = ${workspaceId} AND up.depth < 100
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE depth = 0) AS "exists",
      EXISTS (SELECT 1 FROM up WHERE id = ${childId}::uuid) AS "cycle"`);
  const row = res.rows[0];
  return { exists: row?.exists === true, cycle: row?.cycle === true };
}

// --- the timeline (C2 partner journey) ---

export type PartnerEventInsert = typeof partnerEvents.$inferInsert;

export async function insertPartnerEvents(tx: Tx, events: PartnerEventInsert[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(partnerEvents).values(events);
}

export async function listPartnerEventRows(
  tx: Tx,
  actor: Actor,
  partnerId: string,
  page: { limit: number; before: { key: string; id: string } | null },
) {
  const where: SQL[] = [eq(partnerEvents.workspaceId, actor.workspaceId), eq(partnerEvents.partnerId, partnerId)];
  if (page.before) {
    where.push(
      sql`(${partnerEvents.occurredAt}, ${partnerEvents.id}) < (${page.before.key}::timestamptz, ${page.before.id}::uuid)`,
    );
  }
  return tx
    .select({
      id: partnerEvents.id,
      type: partnerEvents.type,
      occurredAt: partnerEvents.occurredAt,
      data: partnerEvents.data,
      actorId: partnerEvents.actorUserId,
      actorName: users.name,
      cursorKey: timeText(partnerEvents.occurredAt),
    })
    .from(partnerEvents)
    .leftJoin(users, eq(users.id, partnerEvents.actorUserId))
    .where(and(...where))
    .orderBy(desc(partnerEvents.occurredAt), desc(partnerEvents.id))
    .limit(page.limit + 1);
}
