import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../../db/client';
import { createdEvent, insertEvents, newLeadRow } from '../../leads/index';
import { type ChunkContext, column, valuesOf } from './import.repo';
import type { ExistingLead, PlannedLead } from './lead-rows';

const requestIdOf = (importId: string) => `import:${importId}`;

/**
 * Stored leads with one of `emails` (stored lower-case): the rows that repeat one with the same company are
 * duplicates. A resumed job leaves out the leads it wrote itself (found through its audit rows).
 */
export async function findLeadsForImport(
  tx: Tx,
  workspaceId: string,
  emails: readonly string[],
  exceptImportId: string | null,
): Promise<ExistingLead[]> {
  if (emails.length === 0) return [];
  const except = exceptImportId
    ? sql`AND l.id::text NOT IN (SELECT a.target_id FROM audit_log a WHERE a.workspace_id = ${workspaceId}
        AND a.request_id = ${requestIdOf(exceptImportId)} AND a.action = 'lead.created')`
    : sql``;
  const res = await tx.execute<{ id: string; company: string; contact_email: string | null; status: string }>(sql`
    SELECT l.id, l.company, l.contact_email, l.status::text AS status FROM leads l
    JOIN ${valuesOf(emails)} e ON l.contact_email = e.v
    WHERE l.workspace_id = ${workspaceId} ${except}`);
  return res.rows.map((r) => ({
    id: r.id,
    company: r.company,
    contactEmail: r.contact_email,
    status: r.status as ExistingLead['status'],
  }));
}

/** Row number → lead id of the leads an import already wrote (a resumed job skips those rows). */
export async function importedLeadRows(tx: Tx, workspaceId: string, importId: string): Promise<Map<number, string>> {
  const res = await tx.execute<{ row: number; id: string }>(sql`
    SELECT (after->>'row')::int AS row, target_id AS id FROM audit_log
    WHERE workspace_id = ${workspaceId} AND request_id = ${requestIdOf(importId)} AND action = 'lead.created'`);
  return new Map(res.rows.map((r) => [Number(r.row), r.id]));
}

/**
 * C5 import: a chunk of new leads (status `new`, source `import`) in three set-based statements whatever
 * its size — the leads (one INSERT from a JSON record set), their `created` hops, and their audit rows
 * (which carry the row number, so a resumed job knows what it wrote) — in the caller's transaction.
 * Returns the new leads' ids in plan order.
 */
export async function writeLeadChunk(tx: Tx, c: ChunkContext, plan: readonly PlannedLead[]): Promise<string[]> {
  if (plan.length === 0) return [];
  const rows = plan.map((p) => newLeadRow(c.workspaceId, p, 'import', c.actorUserId, c.now));
  const records = rows.map((r) => ({
    id: r.id,
    company: r.company,
    contact_name: r.contactName,
    contact_email: r.contactEmail ?? null,
    contact_phone: r.contactPhone ?? null,
    country: r.country ?? null,
    region: r.region ?? null,
    territory: r.territory ?? null,
    language: r.language ?? null,
    product_interests: r.productInterests ?? [],
    company_size: r.companySize ?? null,
    notes: r.notes ?? '',
    metadata: r.metadata ?? {},
    search_text: r.searchText ?? '',
  }));
  await tx.execute(sql`
    INSERT INTO leads (workspace_id, id, status, company, contact_name, contact_email, contact_phone, country, region,
      territory, language, product_interests, company_size, source, notes, metadata, search_text, created_by,
      created_at, updated_at)
    SELECT ${c.workspaceId}::uuid, v.id, 'new', v.company, v.contact_name, v.contact_email, v.contact_phone, v.country,
      v.region, v.territory, v.language, ARRAY(SELECT jsonb_array_elements_text(v.product_interests)), v.company_size,
      'import', v.notes, v.metadata, v.search_text, ${c.actorUserId}::uuid, ${c.now}::timestamptz,
      ${c.now}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS v(id uuid, company text, contact_name text,
      contact_email text, contact_phone text, country text, region text, territory text, language text,
      product_interests jsonb, company_size int, notes text, metadata jsonb, search_text text)`);
  await insertEvents(
    tx,
    rows.map((r) => createdEvent(r, c.actorUserId, c.now)),
  );
  const audits = rows.map((r, i) => ({ id: uuidv7(), targetId: r.id as string, row: plan[i]?.row ?? 0 }));
  const col = (pick: (r: (typeof audits)[number]) => unknown, type: string) => column(audits, pick, type);
  await tx.execute(sql`
    INSERT INTO audit_log (workspace_id, id, actor_user_id, action, target_type, target_id, before, after, request_id,
      occurred_at)
    SELECT ${c.workspaceId}::uuid, u.id, ${c.actorUserId}::uuid, 'lead.created', 'lead', u.target_id, NULL,
      jsonb_build_object('source', 'import', 'row', u.row), ${requestIdOf(c.importId)}, ${c.now}::timestamptz
    FROM unnest(${col((r) => r.id, 'uuid')}, ${col((r) => r.targetId, 'text')}, ${col((r) => r.row, 'int')})
      AS u(id, target_id, row)`);
  return rows.map((r) => r.id as string);
}
