import type { ImportKind, ImportRowError } from '@trellis/contracts';
import { and, asc, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { imports, memberships, tiers, users } from '../../../db/schema/index';
import type { ContactPartnerRef } from './contact-rows';

export type ImportRow = typeof imports.$inferSelect;
export type ImportSummaryRow = Omit<ImportRow, 'content'>;

/** Everything but the file itself; errors cut to the first `errorsShown` in SQL so a big list stays in the database. */
function summaryColumns(errorsShown: number) {
  return {
    workspaceId: imports.workspaceId,
    id: imports.id,
    kind: imports.kind,
    status: imports.status,
    fileName: imports.fileName,
    headers: imports.headers,
    mapping: imports.mapping,
    mode: imports.mode,
    totalRows: imports.totalRows,
    processedRows: imports.processedRows,
    importedRows: imports.importedRows,
    errorCount: imports.errorCount,
    route: imports.route,
    routing: imports.routing,
    errors: sql<ImportRowError[]>`jsonb_path_query_array(${imports.errors}, ${`$[0 to ${errorsShown - 1}]`}::jsonpath)`,
    createdBy: imports.createdBy,
    createdAt: imports.createdAt,
    finishedAt: imports.finishedAt,
  };
}

export async function insertImport(tx: Tx, values: typeof imports.$inferInsert): Promise<void> {
  await tx.insert(imports).values(values);
}

export async function findImportSummary(
  tx: Tx,
  workspaceId: string,
  id: string,
  errorsShown: number,
  opts: { lock?: boolean } = {},
): Promise<ImportSummaryRow | undefined> {
  const query = tx
    .select(summaryColumns(errorsShown))
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  const [row] = await (opts.lock ? query.for('update') : query);
  return row;
}

export async function findImportWithContent(tx: Tx, workspaceId: string, id: string): Promise<ImportRow | undefined> {
  const [row] = await tx
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
  return row;
}

export function listImportRows(
  tx: Tx,
  workspaceId: string,
  q: { kind?: ImportKind | undefined; beforeId: string | null; limit: number; errorsShown: number },
): Promise<ImportSummaryRow[]> {
  const where: (SQL | undefined)[] = [eq(imports.workspaceId, workspaceId)];
  if (q.kind) where.push(eq(imports.kind, q.kind));
  if (q.beforeId) where.push(lt(imports.id, q.beforeId));
  // Ids are UUIDv7, so id order is creation order: newest first.
  return tx
    .select(summaryColumns(q.errorsShown))
    .from(imports)
    .where(and(...where))
    .orderBy(desc(imports.id))
    .limit(q.limit + 1);
}

export async function updateImport(
  tx: Tx,
  workspaceId: string,
  id: string,
  set: Partial<typeof imports.$inferInsert>,
  onlyIfStatus?: ImportRow['status'][],
): Promise<boolean> {
  const where = [eq(imports.workspaceId, workspaceId), eq(imports.id, id)];
  if (onlyIfStatus) where.push(inArray(imports.status, onlyIfStatus));
  const rows = await tx
    .update(imports)
    .set(set)
    .where(and(...where))
    .returning({ id: imports.id });
  return rows.length > 0;
}

/** After each chunk: progress that clients poll, committed with the chunk's rows. */
export async function addProgress(
  tx: Tx,
  workspaceId: string,
  id: string,
  imported: number,
  processed: number,
): Promise<void> {
  await tx
    .update(imports)
    .set({ importedRows: sql`${imports.importedRows} + ${imported}`, processedRows: processed })
    .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, id)));
}

// --- lookups the row validation needs ---

export function listTierNames(tx: Tx, workspaceId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: tiers.id, name: tiers.name })
    .from(tiers)
    .where(eq(tiers.workspaceId, workspaceId))
    .orderBy(asc(tiers.rank), asc(tiers.name));
}

/** Active vendor admins and channel managers: who may own a partner. */
export function listEligibleOwners(
  tx: Tx,
  workspaceId: string,
): Promise<{ id: string; email: string; name: string }[]> {
  return tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        eq(memberships.status, 'active'),
        isNull(memberships.partnerId),
        inArray(memberships.role, ['admin', 'channel_manager']),
      ),
    );
}

/** A list as one jsonb parameter, joined as a set: hash joins instead of one probe per value. */
export const valuesOf = (values: readonly string[]) =>
  sql`(SELECT DISTINCT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) AS v)`;

type RefRow = { id: string; legal_name: string; display_name: string; domain: string | null };
const toRef = (r: RefRow): ContactPartnerRef => ({
  id: r.id,
  legalName: r.legal_name,
  displayName: r.display_name,
  domain: r.domain,
});

/**
 * Partners whose legal or display name equals one of `names` ignoring case. The database narrows by
 * lower(); callers compare exactly (Unicode-aware) in code.
 */
export async function findPartnersByName(
  tx: Tx,
  workspaceId: string,
  names: readonly string[],
): Promise<ContactPartnerRef[]> {
  if (names.length === 0) return [];
  const lowered = [...new Set(names.map((n) => n.trim().toLowerCase()))];
  const res = await tx.execute<RefRow>(sql`
    SELECT p.id, p.legal_name, p.display_name, p.domain FROM partners p
    JOIN ${valuesOf(lowered)} n ON lower(p.legal_name) = n.v WHERE p.workspace_id = ${workspaceId}
    UNION
    SELECT p.id, p.legal_name, p.display_name, p.domain FROM partners p
    JOIN ${valuesOf(lowered)} n ON lower(p.display_name) = n.v WHERE p.workspace_id = ${workspaceId}`);
  return res.rows.map(toRef);
}

export async function findPartnersByDomain(
  tx: Tx,
  workspaceId: string,
  domains: readonly string[],
): Promise<ContactPartnerRef[]> {
  if (domains.length === 0) return [];
  const res = await tx.execute<RefRow>(sql`
    SELECT p.id, p.legal_name, p.display_name, p.domain FROM partners p
    JOIN ${valuesOf(domains)} d ON p.domain = d.v WHERE p.workspace_id = ${workspaceId}`);
  return res.rows.map(toRef);
}

export async function findPartnersById(
  tx: Tx,
  workspaceId: string,
  ids: readonly string[],
): Promise<ContactPartnerRef[]> {
  if (ids.length === 0) return [];
  const res = await tx.execute<RefRow>(sql`
    SELECT p.id, p.legal_name, p.display_name, p.domain FROM partners p
    JOIN ${valuesOf(ids)} i ON p.id = i.v::uuid WHERE p.workspace_id = ${workspaceId}`);
  return res.rows.map(toRef);
}

/** Domain → display name for the domains already taken, leaving out partners this import itself created. */
export async function findDomainsInUse(
  tx: Tx,
  workspaceId: string,
  domains: readonly string[],
  exceptImportId: string | null,
): Promise<Map<string, string>> {
  if (domains.length === 0) return new Map();
  const res = await tx.execute<{ domain: string; display_name: string }>(sql`
    SELECT p.domain, p.display_name FROM partners p
    JOIN ${valuesOf(domains)} d ON p.domain = d.v
    WHERE p.workspace_id = ${workspaceId}
      AND (${exceptImportId}::uuid IS NULL OR NOT EXISTS (
        SELECT 1 FROM partner_events e
        WHERE e.workspace_id = p.workspace_id AND e.partner_id = p.id AND e.type = 'partner.created'
          AND e.data->>'importId' = ${exceptImportId}::text))`);
  return new Map(res.rows.map((r) => [r.domain, r.display_name]));
}

/** User id → e-mail, for the owner column of exports (owners are few; one query per page). */
export async function userEmails(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.email]));
}

/**
 * Rows this import already wrote (a job resumed after a crash): row number → created record id, read
 * from the timeline events written in the same transactions as the records.
 */
export async function importedRowIds(
  tx: Tx,
  workspaceId: string,
  importId: string,
  kind: ImportKind,
): Promise<Map<number, string>> {
  const type = kind === 'partners' ? 'partner.created' : 'contact.added';
  const idExpr = kind === 'partners' ? sql`partner_id::text` : sql`data->>'contactId'`;
  const res = await tx.execute<{ row: number; id: string }>(sql`
    SELECT (data->>'row')::int AS row, ${idExpr} AS id FROM partner_events
    WHERE workspace_id = ${workspaceId} AND type = ${type} AND data->>'importId' = ${importId}::text`);
  return new Map(res.rows.map((r) => [Number(r.row), r.id]));
}

// --- set-based writes: one statement per chunk for records, timeline events and audit rows ---

export type PartnerChunkRow = {
  id: string;
  event_id: string;
  audit_id: string;
  row: number;
  legal_name: string;
  display_name: string;
  search_name: string;
  website: string | null;
  domain: string | null;
  country: string;
  region: string | null;
  address: Record<string, string>;
  phone: string | null;
  type: string;
  size_band: string | null;
  industries: string[];
  capabilities: string[];
  territories: string[];
  tier_id: string | null;
  owner_user_id: string | null;
  parent_partner_id: string | null;
  status: string;
  tags: string[];
  custom_attributes: Record<string, string | number>;
  logo_url: string | null;
};

export type ChunkContext = { workspaceId: string; importId: string; actorUserId: string; now: Date };

/** One column of a chunk as one array parameter (a typed array: cheaper for PostgreSQL than JSON). */
export function column<T>(rows: readonly T[], pick: (r: T) => unknown, type: string): SQL {
  return sql`${sql.param(rows.map(pick))}::${sql.raw(type)}[]`;
}

/** A list as an array literal, so a column of lists travels as text[] and is cast per row. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

/**
 * C1 import: one INSERT … SELECT FROM unnest(…) per chunk writes the partners, their partner.created
 * timeline events and their audit rows (data-modifying CTEs: one round trip, one plan). The audit
 * `after` is built in SQL with the keys of partnerSnapshot (what a partner created by hand records).
 */
export async function insertPartnerChunk(tx: Tx, c: ChunkContext, rows: PartnerChunkRow[]): Promise<void> {
  if (rows.length === 0) return;
  const requestId = `import:${c.importId}`;
  const col = (pick: (r: PartnerChunkRow) => unknown, type: string) => column(rows, pick, type);
  await tx.execute(sql`
    WITH r AS (
      SELECT * FROM unnest(
        ${col((r) => r.id, 'uuid')}, ${col((r) => r.event_id, 'uuid')}, ${col((r) => r.audit_id, 'uuid')},
        ${col((r) => r.row, 'int')}, ${col((r) => r.legal_name, 'text')}, ${col((r) => r.display_name, 'text')},
        ${col((r) => r.search_name, 'text')}, ${col((r) => r.website, 'text')}, ${col((r) => r.domain, 'text')},
        ${col((r) => r.country, 'text')}, ${col((r) => r.region, 'text')}, ${col((r) => JSON.stringify(r.address), 'text')},
        ${col((r) => r.phone, 'text')}, ${col((r) => r.type, 'text')}, ${col((r) => r.size_band, 'text')},
        ${col((r) => arrayLiteral(r.industries), 'text')}, ${col((r) => arrayLiteral(r.capabilities), 'text')},
        ${col((r) => arrayLiteral(r.territories), 'text')}, ${col((r) => r.tier_id, 'uuid')},
        ${col((r) => r.owner_user_id, 'uuid')}, ${col((r) => r.parent_partner_id, 'uuid')},
        ${col((r) => r.status, 'text')}, ${col((r) => arrayLiteral(r.tags), 'text')},
        ${col((r) => JSON.stringify(r.custom_attributes), 'text')}, ${col((r) => r.logo_url, 'text')}
      ) AS u(id, event_id, audit_id, "row", legal_name, display_name, search_name, website, domain, country, region,
        address_json, phone, type, size_band, industries_list, capabilities_list, territories_list, tier_id,
        owner_user_id, parent_partner_id, status, tags_list, attributes_json, logo_url)
    ), v AS (
      SELECT r.*, r.address_json::jsonb AS address, r.attributes_json::jsonb AS custom_attributes,
        r.industries_list::text[] AS industries, r.capabilities_list::text[] AS capabilities,
        r.territories_list::text[] AS territories, r.tags_list::text[] AS tags
      FROM r
    ), p AS (
      INSERT INTO partners (workspace_id, id, legal_name, display_name, search_name, website, domain, country, region,
        address, phone, type, size_band, industries, capabilities, territories, tier_id, owner_user_id,
        parent_partner_id, status, tags, custom_attributes, logo_url, metadata, created_at, updated_at)
      SELECT ${c.workspaceId}::uuid, v.id, v.legal_name, v.display_name, v.search_name, v.website, v.domain, v.country,
        v.region, v.address, v.phone, v.type::partner_type, v.size_band::size_band, v.industries, v.capabilities,
        v.territories, v.tier_id, v.owner_user_id, v.parent_partner_id, v.status::partner_status, v.tags,
        v.custom_attributes, v.logo_url, '{}'::jsonb, ${c.now}::timestamptz, ${c.now}::timestamptz
      FROM v
    ), e AS (
      INSERT INTO partner_events (workspace_id, id, partner_id, type, actor_user_id, data, occurred_at)
      SELECT ${c.workspaceId}::uuid, v.event_id, v.id, 'partner.created', ${c.actorUserId}::uuid,
        jsonb_build_object('status', v.status, 'displayName', v.display_name, 'source', 'import',
          'importId', ${c.importId}::text, 'row', v."row"),
        ${c.now}::timestamptz
      FROM v
    )
    INSERT INTO audit_log (workspace_id, id, actor_user_id, action, target_type, target_id, after, request_id, occurred_at)
    SELECT ${c.workspaceId}::uuid, v.audit_id, ${c.actorUserId}::uuid, 'partner.created', 'partner', v.id::text,
      jsonb_build_object('legalName', v.legal_name, 'displayName', v.display_name, 'website', v.website,
        'domain', v.domain, 'country', v.country, 'region', v.region, 'address', v.address, 'phone', v.phone,
        'type', v.type, 'sizeBand', v.size_band, 'industries', v.industries, 'capabilities', v.capabilities,
        'territories', v.territories, 'tierId', v.tier_id, 'ownerUserId', v.owner_user_id,
        'parentPartnerId', v.parent_partner_id, 'status', v.status, 'tags', v.tags,
        'customAttributes', v.custom_attributes, 'logoUrl', v.logo_url, 'metadata', '{}'::jsonb),
      ${requestId}, ${c.now}::timestamptz
    FROM v`);
}

export type ContactChunkRow = {
  id: string;
  event_id: string;
  audit_id: string;
  row: number;
  partner_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  role: string;
  search_name: string;
  name: string;
};

/** Contacts, their contact.added timeline events and contact.created audit rows: one statement per chunk. */
export async function insertContactChunk(tx: Tx, c: ChunkContext, rows: ContactChunkRow[]): Promise<void> {
  if (rows.length === 0) return;
  const requestId = `import:${c.importId}`;
  const col = (pick: (r: ContactChunkRow) => unknown, type: string) => column(rows, pick, type);
  await tx.execute(sql`
    WITH r AS (
      SELECT * FROM unnest(
        ${col((r) => r.id, 'uuid')}, ${col((r) => r.event_id, 'uuid')}, ${col((r) => r.audit_id, 'uuid')},
        ${col((r) => r.row, 'int')}, ${col((r) => r.partner_id, 'uuid')}, ${col((r) => r.first_name, 'text')},
        ${col((r) => r.last_name, 'text')}, ${col((r) => r.email, 'text')}, ${col((r) => r.phone, 'text')},
        ${col((r) => r.title, 'text')}, ${col((r) => r.role, 'text')}, ${col((r) => r.search_name, 'text')},
        ${col((r) => r.name, 'text')}
      ) AS u(id, event_id, audit_id, "row", partner_id, first_name, last_name, email, phone, title, role, search_name, name)
    ), k AS (
      INSERT INTO contacts (workspace_id, id, partner_id, first_name, last_name, email, phone, title, role,
        search_name, metadata, created_at, updated_at)
      SELECT ${c.workspaceId}::uuid, r.id, r.partner_id, r.first_name, r.last_name, r.email, r.phone, r.title,
        r.role::contact_role, r.search_name, '{}'::jsonb, ${c.now}::timestamptz, ${c.now}::timestamptz
      FROM r
    ), e AS (
      INSERT INTO partner_events (workspace_id, id, partner_id, type, actor_user_id, data, occurred_at)
      SELECT ${c.workspaceId}::uuid, r.event_id, r.partner_id, 'contact.added', ${c.actorUserId}::uuid,
        jsonb_build_object('contactId', r.id, 'name', r.name, 'role', r.role, 'source', 'import',
          'importId', ${c.importId}::text, 'row', r."row"),
        ${c.now}::timestamptz
      FROM r
    )
    INSERT INTO audit_log (workspace_id, id, actor_user_id, action, target_type, target_id, after, request_id, occurred_at)
    SELECT ${c.workspaceId}::uuid, r.audit_id, ${c.actorUserId}::uuid, 'contact.created', 'contact', r.id::text,
      jsonb_build_object('firstName', r.first_name, 'lastName', r.last_name, 'email', r.email, 'phone', r.phone,
        'title', r.title, 'role', r.role, 'metadata', '{}'::jsonb),
      ${requestId}, ${c.now}::timestamptz
    FROM r`);
}
