import type {
  Forecast,
  ForecastQuery,
  PipelineDeal,
  PipelineDealListQuery,
  PipelineMoveRecord,
  PipelineMoveRequest,
  PipelineStage,
  PipelineStageCreate,
  PipelineStageOrder,
  PipelineStageUpdate,
} from '@trellis/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { pipelineStages } from '../../db/schema/index';
import { inScope, readInScope } from '../../db/scope';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { audit } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { forbidden, invalidState, notFound, validationFailed } from '../../platform/errors';
import { applyOutcome } from '../deals/index';
import { buildForecast, periodOf, periodsBetween } from './forecast';
import { rateBook } from './fx';
import { latestRates } from './fx.repo';
import { amountsOf, presentDeal, presentMove, presentStage } from './pipeline.presenter';
import {
  dropClosedPositions,
  insertDefaultStages,
  insertMove,
  listDealRows,
  listMoves,
  listStageRows,
  lockRegistration,
  moveClosedPositions,
  moveStageDeals,
  type StageRow,
  stageDealCounts,
  upsertPosition,
  workspaceFacts,
} from './pipeline.repo';

/** Workspaces known (in this process) to have their stages; a workspace never drops below one per kind. */
const seeded = new Set<string>();

/**
 * C6: a workspace without stages gets the defaults on first use. Stages are program data only vendor staff
 * write (RLS), so the seeding runs in a vendor scope of the actor's own workspace, whoever asked first.
 */
export async function ensureStages(services: Pick<Services, 'db'>, workspaceId: string, now: Date): Promise<void> {
  if (seeded.has(workspaceId)) return;
  await inScope(services.db, { workspaceId, userId: null, partnerId: null, kind: 'vendor' }, async (tx) => {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(pipelineStages)
      .where(eq(pipelineStages.workspaceId, workspaceId));
    if (Number(row?.n ?? 0) === 0) await insertDefaultStages(tx, workspaceId, now);
  });
  seeded.add(workspaceId);
}

const byId = (rows: StageRow[]) => new Map(rows.map((s) => [s.id, s]));

async function stagesWithCounts(tx: Tx, ctx: Ctx): Promise<PipelineStage[]> {
  const rows = await listStageRows(tx, ctx.actor.workspaceId);
  const counts = await stageDealCounts(tx, ctx.actor);
  return rows.map((r) => presentStage(r, counts.get(r.id) ?? 0));
}

export async function listStages(services: Pick<Services, 'db'>, ctx: Ctx): Promise<PipelineStage[]> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  return readInScope(services.db, scopeOf(ctx.actor), (tx) => stagesWithCounts(tx, ctx));
}

function nameTaken(rows: StageRow[], name: string, except?: string): boolean {
  const lower = name.toLocaleLowerCase('en');
  return rows.some((r) => r.id !== except && r.name.toLocaleLowerCase('en') === lower);
}
const nameIssue = (name: string) =>
  validationFailed([{ path: 'body.name', code: 'duplicate', message: `a stage named “${name}” exists already` }]);

export async function createStage(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: PipelineStageCreate,
): Promise<PipelineStage> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await lockStages(tx, ctx.actor.workspaceId);
    const rows = await listStageRows(tx, ctx.actor.workspaceId);
    if (nameTaken(rows, input.name)) throw nameIssue(input.name);
    if (rows.length >= 50) throw invalidState('a pipeline has at most 50 stages');
    // A new open stage goes before the closed ones; a won or lost one at the end.
    const firstClosed = rows.find((r) => r.kind !== 'open');
    const position =
      input.kind === 'open' && firstClosed ? firstClosed.position : Math.max(0, ...rows.map((r) => r.position)) + 1;
    if (input.kind === 'open' && firstClosed) {
      await tx
        .update(pipelineStages)
        .set({ position: sql`${pipelineStages.position} + 1` })
        .where(
          and(eq(pipelineStages.workspaceId, ctx.actor.workspaceId), sql`${pipelineStages.position} >= ${position}`),
        );
    }
    const id = uuidv7();
    const [row] = await tx
      .insert(pipelineStages)
      .values({ workspaceId: ctx.actor.workspaceId, id, ...input, position, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await audit(tx, ctx, {
      action: 'pipeline.stage_created',
      targetType: 'pipeline_stage',
      targetId: id,
      after: input,
    });
    if (!row) throw new Error('stage insert returned nothing');
    return presentStage(row, 0);
  });
}

export async function updateStage(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  input: PipelineStageUpdate,
): Promise<PipelineStage> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await lockStages(tx, ctx.actor.workspaceId);
    const rows = await listStageRows(tx, ctx.actor.workspaceId);
    const stage = rows.find((r) => r.id === id);
    if (!stage) throw notFound('pipeline stage');
    if (input.name !== undefined && nameTaken(rows, input.name, id)) throw nameIssue(input.name);
    if (input.probability !== undefined && stage.kind !== 'open' && input.probability !== stage.probability)
      throw validationFailed([
        {
          path: 'body.probability',
          code: 'closed_stage',
          message: `a ${stage.kind} stage keeps probability ${stage.probability}`,
        },
      ]);
    await tx
      .update(pipelineStages)
      .set({ ...input, updatedAt: ctx.now })
      .where(and(eq(pipelineStages.workspaceId, ctx.actor.workspaceId), eq(pipelineStages.id, id)));
    await audit(tx, ctx, {
      action: 'pipeline.stage_updated',
      targetType: 'pipeline_stage',
      targetId: id,
      before: { name: stage.name, probability: stage.probability },
      after: input,
    });
    const counts = await stageDealCounts(tx, ctx.actor);
    return presentStage({ ...stage, ...input }, counts.get(id) ?? 0);
  });
}

export async function reorderStages(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: PipelineStageOrder,
): Promise<PipelineStage[]> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await lockStages(tx, ctx.actor.workspaceId);
    const rows = await listStageRows(tx, ctx.actor.workspaceId);
    const known = new Set(rows.map((r) => r.id));
    const unknown = input.stageIds.filter((s) => !known.has(s));
    if (unknown.length > 0 || input.stageIds.length !== rows.length)
      throw validationFailed([
        {
          path: 'body.stageIds',
          code: 'incomplete',
          message:
            unknown.length > 0
              ? `not stages of this pipeline: ${unknown.join(', ')}`
              : `list every stage once (${rows.length} stages)`,
        },
      ]);
    for (const [i, stageId] of input.stageIds.entries()) {
      await tx
        .update(pipelineStages)
        .set({ position: i + 1, updatedAt: ctx.now })
        .where(and(eq(pipelineStages.workspaceId, ctx.actor.workspaceId), eq(pipelineStages.id, stageId)));
    }
    await audit(tx, ctx, {
      action: 'pipeline.stages_reordered',
      targetType: 'pipeline_stage',
      targetId: ctx.actor.workspaceId,
      before: { order: rows.map((r) => r.id) },
      after: { order: input.stageIds },
    });
    return stagesWithCounts(tx, ctx);
  });
}

/**
 * Deletes a stage. A stage that holds registrations needs `moveTo`, a stage of the same kind (won and
 * lost deals follow their outcome); the last stage of a kind stays, so every deal always has a column.
 */
export async function deleteStage(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  moveTo: string | undefined,
): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await lockStages(tx, ctx.actor.workspaceId);
    const rows = await listStageRows(tx, ctx.actor.workspaceId);
    const stage = rows.find((r) => r.id === id);
    if (!stage) throw notFound('pipeline stage');
    const sameKind = rows.filter((r) => r.kind === stage.kind);
    if (sameKind.length === 1)
      throw invalidState(`this is the only ${stage.kind} stage; a pipeline keeps at least one of each kind`, {
        issues: [{ path: 'params.id', code: 'last_of_kind', message: `the only ${stage.kind} stage` }],
      });
    const counts = await stageDealCounts(tx, { ...ctx.actor, partnerId: null });
    const count = counts.get(id) ?? 0;
    if (count > 0) {
      const target = moveTo ? rows.find((r) => r.id === moveTo) : undefined;
      const issue = (message: string) => validationFailed([{ path: 'querystring.moveTo', code: 'move_to', message }]);
      if (!moveTo) throw issue(`the stage holds ${count} deals: name the stage to move them to`);
      if (!target || target.id === id) throw issue('is not another stage of this pipeline');
      if (target.kind !== stage.kind) throw issue(`must be a ${stage.kind} stage, like the one deleted`);
      if (stage.kind === 'open') {
        const firstOpen = rows.find((r) => r.kind === 'open');
        await moveStageDeals(tx, ctx.actor, stage, target, firstOpen?.id === id, ctx.now);
      } else {
        await moveClosedPositions(tx, ctx.actor.workspaceId, id, target.id, stage.kind);
      }
    }
    await dropClosedPositions(tx, ctx.actor.workspaceId, id);
    await tx
      .delete(pipelineStages)
      .where(and(eq(pipelineStages.workspaceId, ctx.actor.workspaceId), eq(pipelineStages.id, id)));
    await audit(tx, ctx, {
      action: 'pipeline.stage_deleted',
      targetType: 'pipeline_stage',
      targetId: id,
      before: { name: stage.name, kind: stage.kind, probability: stage.probability, deals: count },
      after: moveTo && count > 0 ? { movedTo: moveTo } : null,
    });
  });
}

/** Stage edits of one workspace run one at a time (positions and "last of a kind" stay consistent). */
async function lockStages(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pipeline-stages:${workspaceId}`}, 0))`);
}

// --- Deals in the pipeline ---

export async function listDeals(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: PipelineDealListQuery,
): Promise<{ data: PipelineDeal[]; nextCursor: string | null }> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  const after = decodeCursor(q.cursor);
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const stages = byId(await listStageRows(tx, ctx.actor.workspaceId));
    const rows = await listDealRows(tx, ctx.actor, {
      ...(q.partnerId ? { partnerId: q.partnerId } : {}),
      ...(q.stageId ? { stageId: q.stageId } : {}),
      ...(q.currency ? { currency: q.currency } : {}),
      ...(q.closeFrom ? { closeFrom: q.closeFrom } : {}),
      ...(q.closeTo ? { closeTo: q.closeTo } : {}),
      ...(after ? { afterId: after.id } : {}),
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => presentDeal(r, stages, ctx.actor)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  });
}

async function loadDeal(tx: Tx, ctx: Ctx, id: string): Promise<PipelineDeal> {
  const stages = byId(await listStageRows(tx, ctx.actor.workspaceId));
  const [row] = await listDealRows(tx, ctx.actor, { registrationId: id });
  if (!row) throw notFound('pipeline deal');
  return presentDeal(row, stages, ctx.actor);
}

export async function getDeal(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<PipelineDeal> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  return readInScope(services.db, scopeOf(ctx.actor), (tx) => loadDeal(tx, ctx, id));
}

/**
 * C6: moves an approved registration to another stage: partner people their own company's, vendor staff
 * any. A move into a won or lost stage records the registration's outcome (C4) in the same transaction,
 * with the rights and inputs of the outcome routes — a partner reports won/lost (deal.register; lost needs a
 * reason code), vendor staff close (deal.approve; won needs a reason, lost a reason code) — so the stage
 * and the registration never disagree. Closed registrations no longer move.
 */
export async function moveDeal(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  input: PipelineMoveRequest,
): Promise<PipelineDeal> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await lockRegistration(tx, id);
    const stages = byId(await listStageRows(tx, ctx.actor.workspaceId));
    const [row] = await listDealRows(tx, ctx.actor, { registrationId: id });
    if (!row) throw notFound('pipeline deal');
    const target = stages.get(input.stageId);
    if (!target)
      throw validationFailed([
        { path: 'body.stageId', code: 'unknown_stage', message: 'is not a stage of this pipeline' },
      ]);
    const side = ctx.actor.partnerId ? 'partner' : 'vendor';
    const issues = moveIssues(target, input, side);
    if (issues.length > 0) throw validationFailed(issues);
    if (row.status !== 'approved')
      throw invalidState(`the registration is ${row.status}: its stage follows its outcome and does not move`, {
        status: row.status,
      });
    if (target.kind !== 'open') {
      const right = side === 'partner' ? 'deal.register' : 'deal.approve';
      if (!ctx.actor.permissions.has(right))
        throw forbidden(`moving a deal into a ${target.kind} stage records its outcome, which needs ${right}`);
      await applyOutcome(
        tx,
        ctx,
        id,
        { outcome: target.kind, reasonCode: input.reasonCode, reason: input.reason },
        side,
      );
    }
    const from = stages.get(row.stage_id ?? '');
    if (from?.id === target.id) return presentDeal(row, stages, ctx.actor);
    await upsertPosition(tx, {
      workspaceId: ctx.actor.workspaceId,
      registrationId: id,
      partnerId: row.partner_id,
      stageId: target.id,
      movedBy: ctx.actor.userId,
      movedAt: ctx.now,
    });
    await insertMove(tx, {
      workspaceId: ctx.actor.workspaceId,
      id: uuidv7(),
      registrationId: id,
      partnerId: row.partner_id,
      fromStageId: from?.id ?? null,
      fromStageName: from?.name ?? null,
      toStageId: target.id,
      toStageName: target.name,
      movedBy: ctx.actor.userId,
      movedAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'pipeline.deal_moved',
      targetType: 'deal_registration',
      targetId: id,
      before: { stageId: from?.id ?? null, stage: from?.name ?? null },
      after: { stageId: target.id, stage: target.name },
    });
    return loadDeal(tx, ctx, id);
  });
}

/** What a move's body must hold for its target stage (the outcome routes' rules for won and lost). */
function moveIssues(
  target: StageRow,
  input: PipelineMoveRequest,
  side: 'partner' | 'vendor',
): { path: string; code: string; message: string }[] {
  const issues: { path: string; code: string; message: string }[] = [];
  if (target.kind === 'lost' && !input.reasonCode)
    issues.push({ path: 'body.reasonCode', code: 'required', message: 'a lost deal needs a lost reason code' });
  if (target.kind !== 'lost' && input.reasonCode !== undefined)
    issues.push({ path: 'body.reasonCode', code: 'not_allowed', message: 'only a move into a lost stage takes one' });
  if (target.kind === 'won' && side === 'vendor' && !input.reason)
    issues.push({ path: 'body.reason', code: 'required', message: 'closing a deal as won needs a reason' });
  if (target.kind === 'open' && input.reason !== undefined)
    issues.push({
      path: 'body.reason',
      code: 'not_allowed',
      message: 'only a move into a won or lost stage takes one',
    });
  return issues;
}

export async function dealMoves(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<PipelineMoveRecord[]> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    await loadDeal(tx, ctx, id);
    return (await listMoves(tx, ctx.actor, id)).map(presentMove);
  });
}

// --- Forecast ---

/** Today's business date in a time zone. */
export function businessDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export async function forecast(services: Pick<Services, 'db'>, ctx: Ctx, q: ForecastQuery): Promise<Forecast> {
  await ensureStages(services, ctx.actor.workspaceId, ctx.now);
  return readInScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const ws = await workspaceFacts(tx, ctx.actor.workspaceId);
    const today = businessDate(ctx.now, ws.timeZone);
    const from = q.from ?? periodOf(today, q.period).start;
    // Default horizon: this period and the next 11 months (or 3 quarters).
    const to = q.to ?? periodOf(addMonths(from, q.period === 'month' ? 11 : 9), q.period).end;
    if (periodsBetween(from, to, q.period).length > 60)
      throw validationFailed([
        { path: 'querystring.to', code: 'too_long', message: 'a forecast spans at most 60 periods' },
      ]);
    const rateDate = q.rateDate ?? today;
    const stages = await listStageRows(tx, ctx.actor.workspaceId);
    const filter = q.partnerId ? { partnerId: q.partnerId } : {};
    const rows = await listDealRows(tx, ctx.actor, { ...filter, closeFrom: from, closeTo: to, dated: true });
    const undated = await listDealRows(tx, ctx.actor, { ...filter, dated: false });
    const rates = await latestRates(tx, ctx.actor.workspaceId, rateDate);
    return buildForecast({
      baseCurrency: ws.baseCurrency,
      period: q.period,
      from,
      to,
      rateDate,
      stages,
      book: rateBook(rates),
      undatedCount: undated.filter((r) => r.status === 'approved').length,
      deals: rows.flatMap((r) =>
        r.stage_id && r.expected_close_date
          ? [
              {
                id: r.id,
                customer: r.customer_name,
                partner: { id: r.partner_id, name: r.partner_name },
                expectedCloseDate: r.expected_close_date,
                stageId: r.stage_id,
                amounts: amountsOf(r),
              },
            ]
          : [],
      ),
    });
  });
}
