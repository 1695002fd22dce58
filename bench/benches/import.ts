// Bench 2: 100,000 partners through the real import API (upload → dry run → start → job), with
// JOBS=on, against COPY of the same rows into a scratch table shaped like partners. The same server,
// before any traffic, gives the PostgreSQL half of bench 4 (idle memory).
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FLOOR_COLUMNS, IMPORT_COLUMNS, writeImportFiles } from '../data/import-csv';
import type { Fixture } from '../data/seed';
import { cpuMeter, waitQuiet } from '../lib/cpu';
import { postJson, type Session, signIn } from '../lib/http';
import { psqlCopy, withClient } from '../lib/pg';
import { CLI, freePort, sleep, spawnTsx, stop, tempDir, waitReady } from '../lib/procs';
import { makeRow, type Row } from '../lib/report';
import { apiEnv } from './reads';
import { idleMemoryRow } from './startup';

export type ImportOptions = {
  dbUrl: string;
  fixture: Fixture;
  rows: number;
  poolSize: number;
  idleSeconds: number;
  bareRssMiB: number | null;
  /** Upper bound for the job itself; the bench gives up (and fails the row) after it. */
  timeoutSeconds: number;
  log: (line: string) => void;
};

type ImportView = {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errorCount: number;
  errors?: { row: number; field: string | null; message: string }[];
};

const unwrap = (body: unknown): ImportView | undefined => {
  const b = body as { import?: ImportView } | ImportView | undefined;
  if (!b) return undefined;
  return 'import' in b && b.import ? b.import : (b as ImportView);
};

/**
 * COPY of the same rows into a scratch table with partners' columns and defaults: the floor. With
 * withIndexes, the scratch table also gets every index partners has (no RLS, no foreign keys).
 */
async function copyFloor(dbUrl: string, floorPath: string, withIndexes: boolean): Promise<number> {
  const like = withIndexes ? 'LIKE partners INCLUDING DEFAULTS INCLUDING INDEXES' : 'LIKE partners INCLUDING DEFAULTS';
  await withClient(dbUrl, (c) =>
    c.query(`DROP TABLE IF EXISTS bench_import_floor; CREATE TABLE bench_import_floor (${like})`),
  );
  const seconds = await psqlCopy(
    dbUrl,
    `COPY bench_import_floor (${FLOOR_COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
    floorPath,
  );
  await withClient(dbUrl, (c) => c.query('DROP TABLE bench_import_floor'));
  return seconds;
}

async function upload(base: string, session: Session, file: string, name: string) {
  const form = new FormData();
  form.append('kind', 'partners');
  form.append('file', new Blob([readFileSync(file)], { type: 'text/csv' }), name);
  const res = await fetch(`${base}/api/v1/imports`, {
    method: 'POST',
    headers: session.writeHeaders,
    body: form,
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

export async function importBench(o: ImportOptions): Promise<Row[]> {
  const { log, fixture } = o;
  const dir = tempDir('trellis-bench-import-');
  const csvPath = join(dir, `partners-${o.rows}.csv`);
  const floorPath = join(dir, 'floor.csv');
  const rows: Row[] = [];
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawnTsx(
    'api (postgres, JOBS=on)',
    CLI,
    ['start'],
    apiEnv(o.dbUrl, port, {
      JOBS: 'on',
      DATABASE_POOL_SIZE: String(o.poolSize),
    }),
  );
  try {
    // Generate while the server starts; then let it sit idle for the memory reading.
    const bytes = await writeImportFiles(o.rows, csvPath, floorPath, fixture.importWorkspaceId);
    log(`  wrote ${o.rows.toLocaleString('en-US')} rows, ${(bytes / 1048576).toFixed(1)} MiB of CSV`);
    await waitReady(api, `${base}/readyz`);
    log(`  idle ${o.idleSeconds} s for the memory reading`);
    rows.push(
      await idleMemoryRow(
        api,
        o.idleSeconds,
        o.bareRssMiB,
        `idle RSS, PostgreSQL engine (${o.idleSeconds} s after ready)`,
        'memory.postgres',
      ),
    );

    await waitQuiet(log);
    const copyCpu = cpuMeter();
    const copySeconds = await copyFloor(o.dbUrl, floorPath, false);
    const copyIndexedSeconds = await copyFloor(o.dbUrl, floorPath, true);
    const copyBackground = copyCpu().backgroundCores;
    log(
      `  floor: COPY ${o.rows.toLocaleString('en-US')} rows in ${copySeconds.toFixed(2)} s ` +
        `(${copyIndexedSeconds.toFixed(2)} s into a table with partners' indexes)`,
    );

    const session = await signIn(base, fixture.importer.email, fixture.importer.password);
    const skip = (why: string) => {
      log(`  import skipped: ${why}`);
      rows.push(
        makeRow({
          id: 'import.run',
          bench: 'import',
          label: `import ${o.rows.toLocaleString('en-US')} partners: start → completed`,
          unit: 's',
          figure: null,
          floor: copySeconds,
          goal: { kind: 'max', value: 20 },
          note: why,
        }),
      );
      return rows;
    };

    await waitQuiet(log);
    const prepCpu = cpuMeter();
    const t0 = performance.now();
    const up = await upload(base, session, csvPath, `partners-${o.rows}.csv`);
    const created = unwrap(up.body);
    if (up.status >= 300 || !created?.id) return skip(`POST /imports answered ${up.status}: ${up.text.slice(0, 200)}`);
    const tUpload = performance.now();
    const mapping = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.header, c.field]));
    const dry = await postJson(base, `/api/v1/imports/${created.id}/dry-run`, session, { mapping, mode: 'valid_rows' });
    const checked = unwrap(dry.body);
    if (dry.status >= 300 || !checked) return skip(`dry-run answered ${dry.status}: ${dry.text.slice(0, 300)}`);
    const t1 = performance.now();
    const prepBackground = prepCpu().backgroundCores;
    log(
      `  upload ${((tUpload - t0) / 1000).toFixed(2)} s, dry run ${((t1 - tUpload) / 1000).toFixed(2)} s: ` +
        `${checked.totalRows} rows, ${checked.errorCount} errors${checked.errors?.[0] ? ` (first: ${JSON.stringify(checked.errors[0])})` : ''}`,
    );

    const runCpu = cpuMeter();
    const t2 = performance.now();
    // Start repeats the dry run's mapping (the API refuses a mapping that was not dry-run).
    const started = await postJson(base, `/api/v1/imports/${created.id}/start`, session, {
      mapping,
      mode: 'valid_rows',
    });
    if (started.status >= 300) return skip(`start answered ${started.status}: ${started.text.slice(0, 200)}`);
    let last: ImportView | undefined = unwrap(started.body);
    const deadline = t2 + o.timeoutSeconds * 1000;
    let polls = 0;
    while (performance.now() < deadline && last?.status !== 'completed' && last?.status !== 'failed') {
      await sleep(100);
      const res = await fetch(`${base}/api/v1/imports/${created.id}`, { headers: { cookie: session.cookie } });
      polls++;
      if (res.status === 200) last = unwrap(await res.json());
      else await res.arrayBuffer();
      if (polls % 20 === 0) log(`    … ${last?.status} ${last?.processedRows ?? '?'}/${last?.totalRows ?? '?'}`);
    }
    const t3 = performance.now();
    const runBackground = runCpu().backgroundCores;
    const runSeconds = (t3 - t2) / 1000;
    const stored = await withClient(o.dbUrl, async (c) => {
      const r = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM partners WHERE workspace_id = $1', [
        fixture.importWorkspaceId,
      ]);
      return r.rows[0]?.n ?? 0;
    });
    log(
      `  import job: ${last?.status} after ${runSeconds.toFixed(2)} s; imported ${last?.importedRows}, errors ${last?.errorCount}, rows in table ${stored}`,
    );
    const problems = [
      last?.status !== 'completed' ? `status ${last?.status ?? '?'} after ${runSeconds.toFixed(0)} s` : '',
      stored !== o.rows ? `${stored} of ${o.rows} rows stored` : '',
      (last?.errorCount ?? 0) > 0 ? `${last?.errorCount} row errors` : '',
    ].filter(Boolean);
    rows.push(
      makeRow({
        id: 'import.run',
        bench: 'import',
        label: `import ${o.rows.toLocaleString('en-US')} partners: start → completed`,
        unit: 's',
        figure: last?.status === 'completed' ? runSeconds : null,
        floor: copySeconds,
        figureNote: `${stored.toLocaleString('en-US')} stored`,
        floorNote: `COPY, same columns (${copyIndexedSeconds.toFixed(2)} s with partners' indexes)`,
        goal: { kind: 'max', value: 20 },
        backgroundCores: runBackground,
        extraFail: problems.length > 0 ? problems.join('; ') : undefined,
        details: { import: last, csvBytes: bytes, polls, copySeconds, copyIndexedSeconds, copyBackground },
      }),
      makeRow({
        id: 'import.upload_dry_run',
        bench: 'import',
        label: `import: upload + dry run (${o.rows.toLocaleString('en-US')} rows)`,
        unit: 's',
        figure: (t1 - t0) / 1000,
        floor: copySeconds,
        figureNote: `upload ${((tUpload - t0) / 1000).toFixed(2)} s + dry run ${((t1 - tUpload) / 1000).toFixed(2)} s`,
        goal: { kind: 'none' },
        backgroundCores: prepBackground,
        details: { dryRun: { ...checked, errors: checked.errors?.slice(0, 5) } },
      }),
    );
    if (statSync(csvPath).size !== bytes) log('  (CSV size changed while running?)');
    return rows;
  } finally {
    await stop(api, 15_000);
    rmSync(dir, { recursive: true, force: true });
  }
}
