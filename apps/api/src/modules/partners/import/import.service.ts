import {
  type Import,
  type ImportDryRunResult,
  type ImportKind,
  type ImportMode,
  type ImportRoutingResult,
  type ImportRowError,
  LEAD_BULK_ROUTE_MAX,
  ROLE_PERMISSIONS,
} from '@trellis/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../../app';
import type { Tx } from '../../../db/client';
import { memberships, users } from '../../../db/schema/index';
import { inScope } from '../../../db/scope';
import { enqueue } from '../../../jobs/queue';
import type { JobHandler } from '../../../jobs/runner';
import { decodeCursor, encodeCursor } from '../../../lib/cursor';
import { audit } from '../../../platform/audit';
import { type Actor, type Ctx, scopeOf } from '../../../platform/context';
import { AppError, forbidden, invalidState, notFound, validationFailed } from '../../../platform/errors';
import { bulkRoute } from '../../leads/index';
import { notify } from '../../notifications/index';
import { contactName } from '../contact.presenter';
import { listDefinitionRows } from '../custom-attribute.repo';
import { contactSearchName } from '../partner.policy';
import { accountChunk } from './account-chunk';
import { findAccountsForImport, listVendorMembers, writeAccountChunk } from './account-import.repo';
import { accountReferences, type PlannedAccount, validateAccountRows } from './account-rows';
import { contactReferences, type PlannedContact, validateContactRows } from './contact-rows';
import { decodeCsv, type ParsedCsv, parseCsv } from './csv-file';
import { csvLines, UTF8_BOM } from './csv-out';
import { presentImport } from './import.presenter';
import {
  addProgress,
  type ContactChunkRow,
  findDomainsInUse,
  findImportSummary,
  findImportWithContent,
  findPartnersByDomain,
  findPartnersById,
  findPartnersByName,
  type ImportRow,
  importedRowIds,
  insertContactChunk,
  insertImport,
  insertPartnerChunk,
  listEligibleOwners,
  listImportRows,
  listTierNames,
  type PartnerChunkRow,
  updateImport,
} from './import.repo';
import { findLeadsForImport, importedLeadRows, writeLeadChunk } from './lead-import.repo';
import { leadReferences, type PlannedLead, validateLeadRows } from './lead-rows';
import { resolveMapping } from './mapping';
import { type PlannedPartner, partnerReferences, validatePartnerRows } from './partner-rows';
import { suggestMapping } from './presets';

/** Errors shown in the JSON of one import (errorCount and errors.csv have them all). */
export const ERRORS_SHOWN = 1000;
const LIST_ERRORS_SHOWN = 20;
/** Rows per write transaction: big enough for set-based speed, small enough to keep transactions short. */
export const CHUNK_ROWS = 2000;
export const IMPORT_JOB = 'import.run';
/**
 * Imported leads per bulk-routing transaction: as many as one "route all waiting" call routes (each routing
 * transaction re-reads the partners and their fairness counts, so fewer, larger ones route faster).
 */
export const ROUTE_BATCH = LEAD_BULK_ROUTE_MAX;

type Run = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

type Counts = {
  errors: ImportRowError[];
  totalRows: number;
  invalidRows: number;
  updateRows: number;
  duplicateRows?: number;
};
type Validation =
  | ({ kind: 'partners'; plan: PlannedPartner[] } & Counts)
  | ({ kind: 'contacts'; plan: PlannedContact[] } & Counts)
  | ({ kind: 'accounts'; plan: PlannedAccount[] } & Counts)
  | ({ kind: 'leads'; plan: PlannedLead[] } & Counts);

/**
 * Every import needs partner.import (the routes check it); importing customer accounts also needs the
 * permission that creates them (C4: account.manage), which no partner role has.
 */
function assertMayImport(ctx: Ctx, kind: ImportKind): void {
  if (kind === 'accounts' && !ctx.actor.permissions.has('account.manage')) {
    throw forbidden('your role may not manage customer accounts, so it may not import them');
  }
  if (kind === 'leads' && !ctx.actor.permissions.has('lead.manage')) {
    throw forbidden('your role may not manage leads, so it may not import them');
  }
}

/**
 * Reads what the rows refer to in one short read-only transaction, then validates every row outside it
 * (CPU work must not hold a transaction open). Mapping problems are a 422 naming each one.
 */
async function validateImport(
  run: Run,
  workspaceId: string,
  kind: ImportKind,
  parsed: ParsedCsv,
  mapping: Record<string, string>,
  exceptImportId: string | null,
): Promise<Validation> {
  if (kind === 'partners') {
    const data = await run(async (tx) => {
      const defs = await listDefinitionRows(tx, workspaceId);
      const m = resolveMapping(
        kind,
        parsed.headers,
        mapping,
        defs.map((d) => d.key),
      );
      const refs = partnerReferences(parsed, m);
      return {
        m,
        lookups: {
          attributeDefs: defs,
          tiers: await listTierNames(tx, workspaceId),
          owners: m.index.has('owner') ? await listEligibleOwners(tx, workspaceId) : [],
          existingDomains: await findDomainsInUse(tx, workspaceId, refs.domains, exceptImportId),
          parentCandidates: await findPartnersByName(tx, workspaceId, refs.parents),
        },
      };
    });
    return { kind, updateRows: 0, ...validatePartnerRows(parsed, data.m, data.lookups) };
  }
  if (kind === 'accounts') {
    const data = await run(async (tx) => {
      const m = resolveMapping(kind, parsed.headers, mapping, []);
      return {
        m,
        lookups: {
          owners: m.index.has('owner') ? await listVendorMembers(tx, workspaceId) : [],
          existing: await findAccountsForImport(tx, workspaceId, accountReferences(parsed, m)),
        },
      };
    });
    return { kind, ...validateAccountRows(parsed, data.m, data.lookups) };
  }
  if (kind === 'leads') {
    const data = await run(async (tx) => {
      const m = resolveMapping(kind, parsed.headers, mapping, []);
      const { emails } = leadReferences(parsed, m);
      return { m, existing: await findLeadsForImport(tx, workspaceId, emails, exceptImportId) };
    });
    return { kind, updateRows: 0, ...validateLeadRows(parsed, data.m, data.existing) };
  }
  const data = await run(async (tx) => {
    const m = resolveMapping(kind, parsed.headers, mapping, []);
    const refs = contactReferences(parsed, m);
    const found = [
      ...(await findPartnersById(tx, workspaceId, refs.ids)),
      ...(await findPartnersByDomain(tx, workspaceId, refs.domains)),
      ...(await findPartnersByName(tx, workspaceId, refs.names)),
    ];
    return { m, partners: [...new Map(found.map((p) => [p.id, p])).values()] };
  });
  return { kind, updateRows: 0, ...validateContactRows(parsed, data.m, data.partners) };
}

/** POST /imports: reads and checks the file, stores it, and suggests a mapping from its headers. */
export async function uploadImport(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  input: { kind: ImportKind; fileName: string; bytes: Uint8Array },
): Promise<Import> {
  assertMayImport(ctx, input.kind);
  const text = decodeCsv(input.bytes);
  const parsed = parseCsv(text);
  const id = uuidv7();
  const workspaceId = ctx.actor.workspaceId;
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const keys = input.kind === 'partners' ? (await listDefinitionRows(tx, workspaceId)).map((d) => d.key) : [];
    const { mapping } = suggestMapping(input.kind, parsed.headers, keys);
    await insertImport(tx, {
      id,
      workspaceId,
      kind: input.kind,
      status: 'uploaded',
      fileName: input.fileName,
      content: text,
      headers: parsed.headers,
      mapping,
      totalRows: parsed.rows.length,
      route: input.kind === 'leads',
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'import.uploaded',
      targetType: 'import',
      targetId: id,
      after: { kind: input.kind, fileName: input.fileName, totalRows: parsed.rows.length },
    });
    const row = await findImportSummary(tx, workspaceId, id, ERRORS_SHOWN);
    if (!row) throw notFound('import');
    return presentImport(row);
  });
}

const DRY_RUN_FROM: ImportRow['status'][] = ['uploaded', 'validated', 'failed'];

/** POST /imports/{id}/dry-run: validates every row with this mapping; writes no partner or contact. */
export async function dryRunImport(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
  input: { mapping: Record<string, string>; mode: ImportMode },
): Promise<ImportDryRunResult> {
  const workspaceId = ctx.actor.workspaceId;
  const run: Run = (fn) => inScope(services.db, scopeOf(ctx.actor), fn);
  const imp = await run((tx) => findImportWithContent(tx, workspaceId, id));
  if (!imp) throw notFound('import');
  assertMayImport(ctx, imp.kind);
  assertDryRunAllowed(imp);
  const result = await validateImport(run, workspaceId, imp.kind, parseCsv(imp.content), input.mapping, null);
  const row = await run(async (tx) => {
    const updated = await updateImport(
      tx,
      workspaceId,
      id,
      {
        status: 'validated',
        mapping: input.mapping,
        mode: input.mode,
        totalRows: result.totalRows,
        processedRows: 0,
        importedRows: 0,
        errorCount: result.errors.length,
        errors: result.errors,
        finishedAt: null,
      },
      DRY_RUN_FROM,
    );
    if (!updated) throw invalidState('the import started while the dry run was running');
    return findImportSummary(tx, workspaceId, id, ERRORS_SHOWN);
  });
  if (!row) throw notFound('import');
  return {
    import: presentImport(row),
    validRows: result.plan.length,
    invalidRows: result.invalidRows,
    updateRows: result.updateRows,
    duplicateRows: result.duplicateRows ?? 0,
  };
}

function assertDryRunAllowed(imp: Pick<ImportRow, 'status' | 'importedRows'>): void {
  if (imp.status === 'failed' && imp.importedRows === 0) return;
  if (imp.status === 'uploaded' || imp.status === 'validated') return;
  throw invalidState(`this import is ${imp.status}; upload the file again to import it once more`, {
    status: imp.status,
  });
}

const sameMapping = (a: Record<string, string>, b: Record<string, string>) => {
  const clean = (m: Record<string, string>) =>
    JSON.stringify(
      Object.entries(m)
        .filter(([, f]) => f.trim() !== '')
        .map(([h, f]) => [h, f.trim()])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  return clean(a) === clean(b);
};

/**
 * POST /imports/{id}/start: only after a dry run with this mapping. Queues the durable import.run job in
 * the same transaction as the status change (transactional outbox), then wakes the runner.
 */
export async function startImport(
  services: Pick<Services, 'db' | 'jobs'>,
  ctx: Ctx,
  id: string,
  input: { mapping?: Record<string, string> | undefined; mode?: ImportMode | undefined; route?: boolean | undefined },
): Promise<Import> {
  const workspaceId = ctx.actor.workspaceId;
  const row = await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const imp = await findImportSummary(tx, workspaceId, id, 1, { lock: true });
    if (!imp) throw notFound('import');
    assertMayImport(ctx, imp.kind);
    if (imp.status === 'uploaded') throw invalidState('run a dry run first: POST /imports/{id}/dry-run');
    if (imp.status !== 'validated') throw invalidState(`this import is already ${imp.status}`, { status: imp.status });
    if (input.mapping && !sameMapping(input.mapping, imp.mapping)) {
      throw invalidState('this mapping differs from the one the dry run checked; run a dry run with it first', {
        dryRunMapping: imp.mapping,
      });
    }
    if (input.route && imp.kind !== 'leads') {
      throw validationFailed([
        { path: 'body.route', code: 'invalid', message: 'only lead imports route what they import' },
      ]);
    }
    const mode = input.mode ?? imp.mode;
    const route = imp.kind === 'leads' && (input.route ?? true);
    await updateImport(tx, workspaceId, id, {
      status: 'queued',
      mode,
      route,
      routing: null,
      processedRows: 0,
      importedRows: 0,
    });
    await enqueue(tx, { type: IMPORT_JOB, workspaceId, payload: { importId: id }, maxAttempts: 3 });
    await audit(tx, ctx, {
      action: 'import.started',
      targetType: 'import',
      targetId: id,
      after: { mode, mapping: imp.mapping, totalRows: imp.totalRows, ...(imp.kind === 'leads' ? { route } : {}) },
    });
    return findImportSummary(tx, workspaceId, id, ERRORS_SHOWN);
  });
  if (!row) throw notFound('import');
  services.jobs.wake();
  return presentImport(row);
}

export async function getImport(services: Pick<Services, 'db'>, ctx: Ctx, id: string): Promise<Import> {
  const row = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    findImportSummary(tx, ctx.actor.workspaceId, id, ERRORS_SHOWN),
  );
  if (!row) throw notFound('import');
  return presentImport(row);
}

export async function listImports(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  q: { kind?: ImportKind | undefined; limit: number; cursor?: string | undefined },
): Promise<{ data: Import[]; nextCursor: string | null }> {
  const beforeId = decodeCursor(q.cursor)?.id ?? null;
  const rows = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    listImportRows(tx, ctx.actor.workspaceId, {
      kind: q.kind,
      beforeId,
      limit: q.limit,
      errorsShown: LIST_ERRORS_SHOWN,
    }),
  );
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentImport),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/**
 * GET /imports/{id}/errors.csv: every error (row, column, message) followed by that row's original
 * cells, so people can fix the rows in a spreadsheet and upload just those.
 */
export async function importErrorsCsv(
  services: Pick<Services, 'db'>,
  ctx: Ctx,
  id: string,
): Promise<{ fileName: string; chunks: AsyncIterable<string> }> {
  const imp = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    findImportWithContent(tx, ctx.actor.workspaceId, id),
  );
  if (!imp) throw notFound('import');
  const parsed = parseCsv(imp.content);
  const cellsByRow = new Map(parsed.rows.map((r) => [r.row, r.cells]));
  const errors = [...imp.errors].sort((a, b) => a.row - b.row);
  const base = imp.fileName.replace(/\.csv$/i, '');
  async function* chunks() {
    // The file's own header names are user data: neutralised like every other cell.
    yield UTF8_BOM + csvLines([['row', 'field', 'message', ...parsed.headers]]);
    for (let i = 0; i < errors.length; i += CHUNK_ROWS) {
      yield csvLines(
        errors
          .slice(i, i + CHUNK_ROWS)
          .map((e) => [e.row || '', e.field ?? '', e.message, ...(cellsByRow.get(e.row) ?? [])]),
      );
    }
  }
  return { fileName: `${base}-errors.csv`, chunks: chunks() };
}

// --- the job ---

/**
 * import.run: re-validates against the data as it is now, then writes the plan in chunks, each in its
 * own short transaction with its timeline events, audit rows and the progress counters. A job resumed
 * after a crash skips the rows its committed chunks already wrote (found through their events).
 */
export function importJobHandler(services: Pick<Services, 'now' | 'db' | 'database'>): JobHandler {
  return async (job, { inJobScope }) => {
    const importId = String(job.payload.importId ?? '');
    const workspaceId = job.workspace_id;
    if (!workspaceId) throw new Error('import.run needs a workspace');
    const imp = await inJobScope((tx) => findImportWithContent(tx, workspaceId, importId));
    if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return;
    const resuming = imp.status === 'running';
    if (!resuming) await inJobScope((tx) => updateImport(tx, workspaceId, importId, { status: 'running' }, ['queued']));
    const progress: Progress = { written: imp.importedRows, errors: [] };
    try {
      await runImport(services, imp, inJobScope, resuming, progress);
    } catch (err) {
      const message =
        err instanceof AppError ? describeAppError(err) : err instanceof Error ? err.message : String(err);
      const stop: ImportRowError = {
        row: 0,
        field: null,
        message: `the import stopped${progress.written > 0 ? ` after ${progress.written} rows were written` : ' before writing anything'}: ${message}`,
      };
      // The row errors found so far stay, so errors.csv still helps; the stop reason comes first.
      await inJobScope(async (tx) => {
        await updateImport(tx, workspaceId, importId, {
          status: 'failed',
          errors: [stop, ...progress.errors],
          errorCount: progress.errors.length + 1,
          finishedAt: services.now(),
        });
        await notifyImportEnd(tx, imp, 'import.failed', progress.written, progress.errors.length + 1, services.now());
      });
    }
  };
}

type Progress = { written: number; errors: ImportRowError[] };

/** C15: the person who started the import learns how it ended, in the same transaction as the status. */
function notifyImportEnd(
  tx: Tx,
  imp: Pick<ImportRow, 'id' | 'workspaceId' | 'createdBy' | 'fileName' | 'kind'>,
  type: 'import.completed' | 'import.failed',
  importedRows: number,
  errorCount: number,
  at: Date,
): Promise<void> {
  return notify(tx, {
    workspaceId: imp.workspaceId,
    userId: imp.createdBy,
    type,
    data: { importId: imp.id, fileName: imp.fileName, kind: imp.kind, importedRows, errorCount },
    at,
  });
}

function describeAppError(err: AppError): string {
  const issues = (err.details?.issues as { path: string; message: string }[] | undefined) ?? [];
  return issues.length > 0 ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : err.message;
}

async function runImport(
  services: Pick<Services, 'now' | 'db' | 'database'>,
  imp: ImportRow,
  run: Run,
  resuming: boolean,
  progress: Progress,
): Promise<void> {
  const { workspaceId, id: importId } = imp;
  const result = await validateImport(
    run,
    workspaceId,
    imp.kind,
    parseCsv(imp.content),
    imp.mapping,
    resuming ? importId : null,
  );
  progress.errors = result.errors;
  const finish = (set: Parameters<typeof updateImport>[3] & { status: 'completed' | 'failed' }) =>
    run(async (tx) => {
      await updateImport(tx, workspaceId, importId, { ...set, finishedAt: services.now() });
      const type = set.status === 'completed' ? 'import.completed' : 'import.failed';
      await notifyImportEnd(tx, imp, type, progress.written, set.errorCount ?? 0, services.now());
    });
  if (imp.mode === 'all_or_nothing' && result.errors.length > 0) {
    // All or nothing: one bad row and nothing is written; the errors say what to fix.
    await finish({
      status: 'failed',
      processedRows: result.totalRows,
      importedRows: 0,
      errors: result.errors,
      errorCount: result.errors.length,
    });
    return;
  }
  const done: Map<number, string> = !resuming
    ? new Map()
    : imp.kind === 'leads'
      ? await run((tx) => importedLeadRows(tx, workspaceId, importId))
      : imp.kind !== 'accounts'
        ? await run((tx) => importedRowIds(tx, workspaceId, importId, imp.kind))
        : new Map();
  const context = { workspaceId, importId, actorUserId: imp.createdBy };
  const planLength = result.plan.length;
  const progressAt = (k: number) =>
    planLength === 0 ? result.totalRows : Math.floor((result.totalRows * k) / planLength);

  if (result.kind === 'partners') {
    const idByRow = new Map<number, string>();
    for (const p of result.plan) idByRow.set(p.row, done.get(p.row) ?? uuidv7());
    for (let i = 0; i < planLength; i += CHUNK_ROWS) {
      const now = services.now();
      const chunk = result.plan
        .slice(i, i + CHUNK_ROWS)
        .filter((p) => !done.has(p.row))
        .map((p) => partnerChunkRow(p, idByRow));
      await run(async (tx) => {
        await insertPartnerChunk(tx, { ...context, now }, chunk);
        await addProgress(tx, workspaceId, importId, chunk.length, progressAt(Math.min(i + CHUNK_ROWS, planLength)));
      });
      progress.written += chunk.length;
    }
  } else if (result.kind === 'accounts') {
    // Account rows are upserts: a resumed job re-validated above, so the rows its committed chunks wrote
    // now update their own accounts with the same values (and are left out); it counts afresh.
    if (resuming) {
      await run((tx) => updateImport(tx, workspaceId, importId, { importedRows: 0 }));
      progress.written = 0;
    }
    for (let i = 0; i < planLength; i += CHUNK_ROWS) {
      const now = services.now();
      const slice = result.plan.slice(i, i + CHUNK_ROWS);
      const { rows, audits } = accountChunk(slice);
      const changed = await run(async (tx) => {
        const out = await writeAccountChunk(tx, { ...context, now }, rows, audits);
        const applied = slice.length - out.changed.length;
        await addProgress(tx, workspaceId, importId, applied, progressAt(Math.min(i + CHUNK_ROWS, planLength)));
        return out.changed;
      });
      progress.written += slice.length - changed.length;
      // An account edited after the import read it keeps the edit; its row is reported, not applied.
      for (const r of changed) result.errors.push({ row: r.row, field: null, message: ACCOUNT_CHANGED });
    }
    result.errors.sort((a, b) => a.row - b.row);
  } else if (result.kind === 'leads') {
    // A resumed job's earlier chunks are found through their audit rows (validation left those leads out
    // of the duplicate check); their ids join the routing.
    const leadIds: string[] = [...done.values()];
    for (let i = 0; i < planLength; i += CHUNK_ROWS) {
      const now = services.now();
      const chunk = result.plan.slice(i, i + CHUNK_ROWS).filter((l) => !done.has(l.row));
      const ids = await run(async (tx) => {
        const written = await writeLeadChunk(tx, { ...context, now }, chunk);
        await addProgress(tx, workspaceId, importId, chunk.length, progressAt(Math.min(i + CHUNK_ROWS, planLength)));
        return written;
      });
      leadIds.push(...ids);
      progress.written += chunk.length;
    }
    // A job resumed after its routing was stored keeps that result: routing again would find nothing waiting.
    if (imp.route && leadIds.length > 0 && !imp.routing) {
      const routing = await routeImported(services, imp, leadIds);
      await run((tx) => updateImport(tx, workspaceId, importId, { routing }));
    }
  } else {
    for (let i = 0; i < planLength; i += CHUNK_ROWS) {
      const now = services.now();
      const chunk = result.plan
        .slice(i, i + CHUNK_ROWS)
        .filter((c) => !done.has(c.row))
        .map(contactChunkRow);
      await run(async (tx) => {
        await insertContactChunk(tx, { ...context, now }, chunk);
        await addProgress(tx, workspaceId, importId, chunk.length, progressAt(Math.min(i + CHUNK_ROWS, planLength)));
      });
      progress.written += chunk.length;
    }
  }
  await finish({
    status: 'completed',
    processedRows: result.totalRows,
    errors: result.errors,
    errorCount: result.errors.length,
  });
}

const ACCOUNT_CHANGED =
  'someone changed this account while the import ran; the row was not applied, so their change stays (import the file again to apply it)';

/**
 * C5 bulk routing of the leads an import wrote, through the leads module, in transactions of ROUTE_BATCH
 * leads, acting as the person who started the import (the decisions, hops and audit rows name them). Every
 * decision stores its explanation as any routing does. Leads someone routed meanwhile are counted as skipped.
 */
async function routeImported(
  services: Pick<Services, 'now' | 'db' | 'database'>,
  imp: Pick<ImportRow, 'id' | 'workspaceId' | 'createdBy'>,
  leadIds: readonly string[],
): Promise<ImportRoutingResult> {
  const actor = await importActor(services, imp);
  const total: ImportRoutingResult = { routed: 0, assigned: 0, fallback: 0, skipped: 0 };
  for (let i = 0; i < leadIds.length; i += ROUTE_BATCH) {
    const ctx: Ctx = { actor, requestId: `import:${imp.id}`, ip: null, now: services.now() };
    const r = await bulkRoute(services, ctx, { leadIds: leadIds.slice(i, i + ROUTE_BATCH) });
    total.routed += r.routed;
    total.assigned += r.assigned;
    total.fallback += r.fallback;
    total.skipped += r.skipped.length;
  }
  return total;
}

/** The import's creator as a vendor actor of the workspace (their membership as it is when the job runs). */
async function importActor(
  services: Pick<Services, 'db'>,
  imp: Pick<ImportRow, 'workspaceId' | 'createdBy'>,
): Promise<Actor> {
  const scope = { workspaceId: imp.workspaceId, userId: imp.createdBy, partnerId: null, kind: 'vendor' as const };
  const [m] = await inScope(services.db, scope, (tx) =>
    tx
      .select({ id: memberships.id, role: memberships.role, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.workspaceId, imp.workspaceId),
          eq(memberships.userId, imp.createdBy),
          isNull(memberships.partnerId),
        ),
      ),
  );
  if (!m) throw new Error('the person who started the import is no longer a member of the workspace');
  return {
    userId: imp.createdBy,
    email: m.email,
    name: m.name,
    workspaceId: imp.workspaceId,
    membershipId: m.id,
    role: m.role,
    partnerId: null,
    permissions: new Set(ROLE_PERMISSIONS[m.role]),
  };
}

function partnerChunkRow(p: PlannedPartner, idByRow: Map<number, string>): PartnerChunkRow {
  const id = idByRow.get(p.row) as string;
  return {
    id,
    event_id: uuidv7(),
    audit_id: uuidv7(),
    row: p.row,
    legal_name: p.legalName,
    display_name: p.displayName,
    search_name: p.searchName,
    website: p.website,
    domain: p.domain,
    country: p.country,
    region: p.region,
    address: p.address as Record<string, string>,
    phone: p.phone,
    type: p.type,
    size_band: p.sizeBand,
    industries: p.industries,
    capabilities: p.capabilities,
    territories: p.territories,
    tier_id: p.tierId,
    owner_user_id: p.ownerUserId,
    parent_partner_id: p.parentPartnerId ?? (p.parentRow !== null ? (idByRow.get(p.parentRow) ?? null) : null),
    status: p.status,
    tags: p.tags,
    custom_attributes: p.customAttributes as Record<string, string | number>,
    logo_url: p.logoUrl,
  };
}

function contactChunkRow(c: PlannedContact): ContactChunkRow {
  return {
    id: uuidv7(),
    event_id: uuidv7(),
    audit_id: uuidv7(),
    row: c.row,
    partner_id: c.partnerId,
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.email,
    phone: c.phone,
    title: c.title,
    role: c.role,
    search_name: contactSearchName(c),
    name: contactName(c),
  };
}
