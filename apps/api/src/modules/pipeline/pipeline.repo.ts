import type { DealProductLine, DealStatus } from '@trellis/contracts';
import { DEFAULT_PIPELINE_STAGE_NAMES, DEFAULT_PIPELINE_STAGES } from '@trellis/contracts';
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../db/client';
import { pipelineMoves, pipelinePositions, pipelineStages, workspaces } from '../../db/schema/index';
import type { Actor } from '../../platform/context';

/**
 * C6 queries. Registrations are read here with the pipeline's own scoped queries (never changed): the
 * workspace always, and the actor's company for partner people — RLS on deal_registrations enforces the
 * same a second time.
 */
export type StageRow = typeof pipelineStages.$inferSelect;

export async function listStageRows(tx: Tx, workspaceId: string): Promise<StageRow[]> {
  return tx
    .select()
    .from(pipelineStages)
    .where(eq(pipelineStages.workspaceId, workspaceId))
    .orderBy(asc(pipelineStages.position), asc(pipelineStages.id));
}

/** Inserts the default stages, named in the workspace's language; a concurrent first read inserting the same names does nothing (unique names). */
export async function insertDefaultStages(tx: Tx, workspaceId: string, now: Date): Promise<void> {
  const [ws] = await tx
    .select({ locale: workspaces.defaultLocale })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const names = DEFAULT_PIPELINE_STAGE_NAMES[ws?.locale ?? 'en'] ?? DEFAULT_PIPELINE_STAGE_NAMES.en;
  await tx
    .insert(pipelineStages)
    .values(
      DEFAULT_PIPELINE_STAGES.map((s, i) => ({
        workspaceId,
        id: uuidv7(),
        name: names[i] ?? s.name,
        kind: s.kind,
        probability: s.probability,
        position: i + 1,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing();
}

export async function workspaceFacts(tx: Tx, workspaceId: string) {
  const [row] = await tx
    .select({ baseCurrency: workspaces.baseCurrency, timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new Error('workspace not found');
  return row;
}

export type DealViewRow = {
  id: string;
  partner_id: string;
  partner_name: string;
  customer_name: string;
  customer_country: string;
  status: DealStatus;
  products: DealProductLine[];
  total_amount_minor: string | number | null;
  total_currency: string | null;
  expected_close_date: string | null;
  stage_id: string | null;
  moved_at: string | null;
  moved_by: string | null;
  moved_by_name: string | null;
};

export type DealFilter = {
  registrationId?: string;
  partnerId?: string;
  stageId?: string;
  currency?: string;
  closeFrom?: string;
  closeTo?: string;
  /** Only registrations with (true) or without (false) an expected close date. */
  dated?: boolean;
  afterId?: string;
  limit?: number;
};

/**
 * A won / lost registration's recorded stage when it is a stage of that kind (a move into it recorded the
 * outcome); NULL otherwise (the outcome was recorded on the registration: the first stage of the kind).
 */
const closedStage = (kind: 'won' | 'lost') =>
  sql`(SELECT s.id FROM pipeline_stages s WHERE s.workspace_id = r.workspace_id AND s.id = pos.stage_id AND s.kind = ${kind})`;

/**
 * The pipeline as its cards: each registration with the stage it shows in. Won and lost registrations
 * show in the won / lost stage they were moved into, else the first one; an approved one in its recorded
 * stage, or the first open stage.
 */
export async function listDealRows(tx: Tx, actor: Actor, f: DealFilter): Promise<DealViewRow[]> {
  const where: SQL[] = [sql`r.workspace_id = ${actor.workspaceId}`, sql`r.status IN ('approved', 'won', 'lost')`];
  if (actor.partnerId) where.push(sql`r.partner_id = ${actor.partnerId}`);
  if (f.registrationId) where.push(sql`r.id = ${f.registrationId}`);
  if (f.partnerId) where.push(sql`r.partner_id = ${f.partnerId}`);
  if (f.closeFrom) where.push(sql`r.expected_close_date >= ${f.closeFrom}::date`);
  if (f.closeTo) where.push(sql`r.expected_close_date <= ${f.closeTo}::date`);
  if (f.dated === true) where.push(sql`r.expected_close_date IS NOT NULL`);
  if (f.dated === false) where.push(sql`r.expected_close_date IS NULL`);
  if (f.currency)
    where.push(sql`(r.total_currency = ${f.currency} OR EXISTS (
      SELECT 1 FROM jsonb_array_elements(r.products) l WHERE l->'amount'->>'currency' = ${f.currency}))`);
  if (f.afterId) where.push(sql`r.id > ${f.afterId}`);
  const outer: SQL[] = [sql`TRUE`];
  if (f.stageId) outer.push(sql`v.stage_id = ${f.stageId}`);
  const res = await tx.execute(sql`
    WITH firsts AS (
      SELECT DISTINCT ON (kind) kind, id FROM pipeline_stages
      WHERE workspace_id = ${actor.workspaceId} ORDER BY kind, position, id
    )
    SELECT * FROM (
      SELECT r.id::text AS id, r.partner_id::text AS partner_id, p.display_name AS partner_name,
        r.customer_name, r.customer_country, r.status::text AS status, r.products,
        r.total_amount_minor, r.total_currency, r.expected_close_date::text AS expected_close_date,
        (CASE r.status
          WHEN 'won' THEN COALESCE(${closedStage('won')}, (SELECT id FROM firsts WHERE kind = 'won'))
          WHEN 'lost' THEN COALESCE(${closedStage('lost')}, (SELECT id FROM firsts WHERE kind = 'lost'))
          ELSE COALESCE(pos.stage_id, (SELECT id FROM firsts WHERE kind = 'open'))
        END)::text AS stage_id,
        to_char(pos.moved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS moved_at,
        pos.moved_by::text AS moved_by, u.name AS moved_by_name
      FROM deal_registrations r
      JOIN partners p ON p.id = r.partner_id AND p.workspace_id = r.workspace_id
      LEFT JOIN pipeline_positions pos ON pos.registration_id = r.id AND pos.workspace_id = r.workspace_id
      LEFT JOIN users u ON u.id = pos.moved_by
      WHERE ${sql.join(where, sql` AND `)}
    ) v
    WHERE ${sql.join(outer, sql` AND `)}
    ORDER BY v.id
    ${f.limit ? sql`LIMIT ${f.limit}` : sql``}`);
  return res.rows as DealViewRow[];
}

/** How many registrations show in each stage (everyone's: vendor scope), for the settings page and deletes. */
export async function stageDealCounts(tx: Tx, actor: Actor): Promise<Map<string, number>> {
  const res = await tx.execute(sql`
    WITH firsts AS (
      SELECT DISTINCT ON (kind) kind, id FROM pipeline_stages
      WHERE workspace_id = ${actor.workspaceId} ORDER BY kind, position, id
    )
    SELECT stage_id::text AS stage_id, count(*)::int AS n FROM (
      SELECT CASE r.status
          WHEN 'won' THEN COALESCE(${closedStage('won')}, (SELECT id FROM firsts WHERE kind = 'won'))
          WHEN 'lost' THEN COALESCE(${closedStage('lost')}, (SELECT id FROM firsts WHERE kind = 'lost'))
          ELSE COALESCE(pos.stage_id, (SELECT id FROM firsts WHERE kind = 'open'))
        END AS stage_id
      FROM deal_registrations r
      LEFT JOIN pipeline_positions pos ON pos.registration_id = r.id
      WHERE r.workspace_id = ${actor.workspaceId} AND r.status IN ('approved', 'won', 'lost')
        ${actor.partnerId ? sql`AND r.partner_id = ${actor.partnerId}` : sql``}
    ) x GROUP BY stage_id`);
  return new Map((res.rows as { stage_id: string | null; n: number }[]).map((r) => [r.stage_id ?? '', Number(r.n)]));
}

/** Serialises moves of one registration (both engines) so "from" is always the stage it really left. */
export async function lockRegistration(tx: Tx, registrationId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pipeline:${registrationId}`}, 0))`);
}

export async function upsertPosition(
  tx: Tx,
  v: {
    workspaceId: string;
    registrationId: string;
    partnerId: string;
    stageId: string;
    movedBy: string;
    movedAt: Date;
  },
): Promise<void> {
  await tx
    .insert(pipelinePositions)
    .values(v)
    .onConflictDoUpdate({
      target: pipelinePositions.registrationId,
      set: { stageId: v.stageId, movedBy: v.movedBy, movedAt: v.movedAt },
    });
}

export async function insertMove(tx: Tx, v: typeof pipelineMoves.$inferInsert): Promise<void> {
  await tx.insert(pipelineMoves).values(v);
}

export async function listMoves(tx: Tx, actor: Actor, registrationId: string) {
  const res = await tx.execute(sql`
    SELECT m.id::text AS id, m.from_stage_id::text AS from_stage_id, m.from_stage_name, m.to_stage_id::text AS to_stage_id,
      m.to_stage_name, to_char(m.moved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS moved_at,
      m.moved_by::text AS moved_by, u.name AS moved_by_name
    FROM pipeline_moves m LEFT JOIN users u ON u.id = m.moved_by
    WHERE m.workspace_id = ${actor.workspaceId} AND m.registration_id = ${registrationId}
      ${actor.partnerId ? sql`AND m.partner_id = ${actor.partnerId}` : sql``}
    ORDER BY m.moved_at DESC, m.id DESC`);
  return res.rows as {
    id: string;
    from_stage_id: string | null;
    from_stage_name: string | null;
    to_stage_id: string;
    to_stage_name: string;
    moved_at: string;
    moved_by: string | null;
    moved_by_name: string | null;
  }[];
}

/**
 * Deleting a stage: its registrations go to `to` — the recorded positions, and (when it was the first open
 * stage) the approved registrations that sat there without a row — each move recorded.
 */
export async function moveStageDeals(
  tx: Tx,
  actor: Actor,
  from: StageRow,
  to: StageRow,
  wasFirstOpen: boolean,
  now: Date,
): Promise<number> {
  const res = await tx.execute(sql`
    SELECT r.id::text AS id, r.partner_id::text AS partner_id FROM deal_registrations r
    LEFT JOIN pipeline_positions pos ON pos.registration_id = r.id
    WHERE r.workspace_id = ${actor.workspaceId} AND r.status = 'approved'
      AND (pos.stage_id = ${from.id} ${wasFirstOpen ? sql`OR pos.stage_id IS NULL` : sql``})`);
  const rows = res.rows as { id: string; partner_id: string }[];
  for (const r of rows) {
    await upsertPosition(tx, {
      workspaceId: actor.workspaceId,
      registrationId: r.id,
      partnerId: r.partner_id,
      stageId: to.id,
      movedBy: actor.userId,
      movedAt: now,
    });
    await insertMove(tx, {
      workspaceId: actor.workspaceId,
      id: uuidv7(),
      registrationId: r.id,
      partnerId: r.partner_id,
      fromStageId: from.id,
      fromStageName: from.name,
      toStageId: to.id,
      toStageName: to.name,
      movedBy: actor.userId,
      movedAt: now,
    });
  }
  return rows.length;
}

/** A deleted won / lost stage's deals go to `toId`, another stage of the same kind (C6 deleteStage). */
export async function moveClosedPositions(
  tx: Tx,
  workspaceId: string,
  fromId: string,
  toId: string,
  status: 'won' | 'lost',
): Promise<void> {
  await tx.execute(sql`UPDATE pipeline_positions SET stage_id = ${toId}
    WHERE workspace_id = ${workspaceId} AND stage_id = ${fromId}
      AND registration_id IN (SELECT id FROM deal_registrations WHERE workspace_id = ${workspaceId} AND status = ${status})`);
}

/**
 * Rows still naming a stage after its open deals moved belong to closed registrations (won, lost, expired),
 * whose column follows their outcome: they are dropped so the stage can go (their moves stay in history).
 */
export async function dropClosedPositions(tx: Tx, workspaceId: string, stageId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM pipeline_positions WHERE workspace_id = ${workspaceId} AND stage_id = ${stageId}
    AND registration_id IN (SELECT id FROM deal_registrations WHERE workspace_id = ${workspaceId} AND status <> 'approved')`);
}
