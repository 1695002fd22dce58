// Bench 3 and 4 (PGlite half): cold start to ready, and idle memory, against a bare node:http process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMeter, waitQuiet } from '../lib/cpu';
import {
  AUTH_SECRET,
  type Child,
  CLI,
  freePort,
  ROOT,
  rssMiB,
  serverPid,
  sleep,
  spawnTracked,
  spawnTsx,
  stop,
  tempDir,
  waitReady,
} from '../lib/procs';
import { makeRow, type Row } from '../lib/report';

const BARE = join(ROOT, 'bench/servers/bare-http.mjs');
const MODULES_ONLY = join(ROOT, 'bench/servers/modules-only.ts');

export type StartupOptions = { runs: number; idleSeconds: number; log: (line: string) => void };

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Every process in the tree under pid (tsx's wrapper, the server, esbuild's service), with RSS. */
export function treeRss(pid: number): { pid: number; cmd: string; rssMiB: number }[] {
  const out: { pid: number; cmd: string; rssMiB: number }[] = [];
  const walk = (p: number) => {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const short = cmd
        .map((a) => (a.includes('/') ? a.slice(a.lastIndexOf('/') + 1) : a))
        .join(' ')
        .slice(0, 80);
      out.push({ pid: p, cmd: short, rssMiB: rssMiB(p) });
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const file = `/proc/${p}/task/${task}/children`;
        if (!existsSync(file)) continue;
        for (const kid of readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean)) walk(Number(kid));
      }
    } catch {
      // exited meanwhile
    }
  };
  walk(pid);
  return out;
}

export function pgliteEnv(dataDir: string, port: number): Record<string, string | undefined> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    LOG_LEVEL: 'warn',
    AUTH_SECRET,
  };
}

type Started = { child: Child; seconds: number; base: string; backgroundCores: number };

async function startAndWait(spawnIt: (port: number) => Child, log: (l: string) => void): Promise<Started> {
  await waitQuiet(log);
  const port = await freePort();
  const end = cpuMeter();
  const child = spawnIt(port);
  const base = `http://127.0.0.1:${port}`;
  const seconds = await waitReady(child, `${base}/readyz`, 90_000);
  return { child, seconds, base, backgroundCores: end().backgroundCores };
}

/** The most CPU other processes used during any of these starts. */
const worst = (xs: Started[]) => Math.max(...xs.map((x) => x.backgroundCores));

/** Waits idleSeconds with no traffic, then reads RSS of the serving process and of its whole tree. */
async function idleRss(child: Child, idleSeconds: number) {
  await sleep(idleSeconds * 1000);
  const pid = serverPid(child);
  return { server: rssMiB(pid), tree: treeRss(child.pid) };
}

export async function startupBench(o: StartupOptions): Promise<Row[]> {
  const { log } = o;
  const rows: Row[] = [];
  const secs = (xs: Started[]) => xs.map((x) => x.seconds);

  // Decomposition only: tsx alone, then tsx + every API module loaded (no database, no app built).
  // One unmeasured load first fills tsx's transform cache, as any earlier run of the app would have.
  const warm = await startAndWait(
    (port) => spawnTsx('API modules (cache warm-up)', MODULES_ONLY, [], { PORT: String(port) }),
    log,
  );
  await stop(warm.child);
  const tsxBare = await startAndWait(
    (port) => spawnTsx('bare node:http via tsx', BARE, [], { PORT: String(port) }),
    log,
  );
  await stop(tsxBare.child);
  const modules = await startAndWait(
    (port) => spawnTsx('API modules only', MODULES_ONLY, [], { PORT: String(port) }),
    log,
  );
  await stop(modules.child);
  log(`  via tsx: bare ${tsxBare.seconds.toFixed(2)} s; API modules loaded ${modules.seconds.toFixed(2)} s`);

  // First start on an empty DATA_DIR: creates the PGlite cluster and applies every migration.
  const dataDir = tempDir('trellis-bench-pglite-');
  const first = await startAndWait(
    (port) => spawnTsx('api (pglite, first start)', CLI, ['start'], pgliteEnv(dataDir, port)),
    log,
  );
  await stop(first.child, 15_000);
  log(`  PGlite first start (empty DATA_DIR, migrations) ready in ${first.seconds.toFixed(2)} s`);

  // Already-migrated starts interleaved with the floor (plain `node bare-http.mjs`: no tsx, no
  // packages), so both see the same machine; the last of each stays up idle for the memory reading.
  const bareRuns: Started[] = [];
  const runs: Started[] = [];
  let bareRss: Awaited<ReturnType<typeof idleRss>> | undefined;
  let pgliteRss: Awaited<ReturnType<typeof idleRss>> | undefined;
  for (let k = 0; k < o.runs; k++) {
    const last = k === o.runs - 1;
    const b = await startAndWait(
      (port) => spawnTracked('bare node:http', process.execPath, [BARE], { PORT: String(port) }),
      log,
    );
    bareRuns.push(b);
    if (last) bareRss = await idleRss(b.child, o.idleSeconds);
    await stop(b.child);
    const s = await startAndWait((port) => spawnTsx('api (pglite)', CLI, ['start'], pgliteEnv(dataDir, port)), log);
    runs.push(s);
    if (last) pgliteRss = await idleRss(s.child, o.idleSeconds);
    await stop(s.child, 15_000);
  }
  const bare = median(secs(bareRuns));
  log(
    `  bare node:http ready in ${secs(bareRuns)
      .map((t) => t.toFixed(3))
      .join(', ')} s; RSS ${bareRss?.server.toFixed(1)} MiB`,
  );
  log(
    `  PGlite start (migrated DATA_DIR) ready in ${secs(runs)
      .map((t) => t.toFixed(2))
      .join(', ')} s`,
  );

  const info = (id: string, label: string, s: Started) =>
    makeRow({
      id,
      bench: 'startup',
      label,
      unit: 's',
      figure: s.seconds,
      floor: bare,
      goal: { kind: 'none' },
      backgroundCores: s.backgroundCores,
    });
  rows.push(
    makeRow({
      id: 'startup.pglite.migrated',
      bench: 'startup',
      label: `PGlite cold start to ready (migrated, median of ${o.runs})`,
      unit: 's',
      figure: median(secs(runs)),
      floor: bare,
      figureNote: `min ${Math.min(...secs(runs)).toFixed(2)}  max ${Math.max(...secs(runs)).toFixed(2)}`,
      goal: { kind: 'max', value: 3 },
      backgroundCores: worst([...runs, ...bareRuns]),
      details: { runs: secs(runs), floorRuns: secs(bareRuns), background: runs.map((r) => r.backgroundCores) },
    }),
    info('startup.pglite.first', 'PGlite first start to ready (empty dir, migrations)', first),
    info('startup.tsx_bare', '  of which: tsx + bare node:http', tsxBare),
    info('startup.modules_only', '  of which: tsx + API modules loaded, no DB', modules),
  );
  if (pgliteRss && bareRss) {
    rows.push(
      makeRow({
        id: 'memory.pglite',
        bench: 'memory',
        label: `idle RSS, PGlite engine (${o.idleSeconds} s after ready)`,
        unit: 'MiB',
        figure: pgliteRss.server,
        floor: bareRss.server,
        figureNote: `whole tree ${sum(pgliteRss.tree).toFixed(0)} MiB`,
        goal: { kind: 'none' },
        details: { tree: pgliteRss.tree, floorTree: bareRss.tree },
      }),
    );
  }
  return rows;
}

export const sum = (tree: { rssMiB: number }[]) => tree.reduce((a, t) => a + t.rssMiB, 0);

/** RSS of an already-started server after idleSeconds of no traffic (the PostgreSQL half of bench 4). */
export async function idleMemoryRow(
  child: Child,
  idleSeconds: number,
  floorMiB: number | null,
  label: string,
  id: string,
): Promise<Row> {
  const r = await idleRss(child, idleSeconds);
  return makeRow({
    id,
    bench: 'memory',
    label,
    unit: 'MiB',
    figure: r.server,
    floor: floorMiB,
    figureNote: `whole tree ${sum(r.tree).toFixed(0)} MiB`,
    goal: { kind: 'none' },
    details: { tree: r.tree },
  });
}
