// Other work on the machine (a test run, a type check) skews every figure on 2 cores. The bench
// measures it: CPU used by processes outside the bench (its own tree and its PostgreSQL cluster),
// waits a little for a quiet machine before measuring, and records the background with each run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { sleep } from './procs';

const NCPU = cpus().length;

function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { busy, total: busy + (idle ?? 0) + (iowait ?? 0) };
}

function descendants(pid: number, into: Set<number>): void {
  if (into.has(pid)) return;
  into.add(pid);
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const t of tasks) {
    const file = `/proc/${pid}/task/${t}/children`;
    if (!existsSync(file)) continue;
    try {
      for (const kid of readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean)) descendants(Number(kid), into);
    } catch {
      // exited
    }
  }
}

/** The bench's own processes: this one and its children, and the cluster's postmaster and backends. */
function ownPids(): Set<number> {
  const pids = new Set<number>();
  descendants(process.pid, pids);
  const url = process.env.TEST_DATABASE_URL;
  const host = url ? new URL(url).searchParams.get('host') : null;
  const pidFile = host ? join(host, 'data', 'postmaster.pid') : '';
  if (pidFile && existsSync(pidFile)) {
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (postmaster > 0) descendants(postmaster, pids);
  }
  return pids;
}

function processJiffies(pids: Set<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command.
      out.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited
    }
  }
  return out;
}

export type CpuSample = { backgroundCores: number; ownCores: number; seconds: number };

/** Starts a measurement; the returned function ends it. Cores: 1.0 = one core busy for the whole span. */
export function cpuMeter(): () => CpuSample {
  const t0 = performance.now();
  const m0 = machineJiffies();
  const pids0 = ownPids();
  const p0 = processJiffies(pids0);
  return () => {
    const m1 = machineJiffies();
    const pids1 = ownPids();
    const p1 = processJiffies(new Set([...pids0, ...pids1]));
    let own = 0;
    for (const [pid, j] of p1) own += j - (p0.get(pid) ?? 0);
    const span = (m1.total - m0.total) / NCPU;
    const busy = m1.busy - m0.busy;
    return {
      backgroundCores: span > 0 ? Math.max(0, (busy - own) / span) : 0,
      ownCores: span > 0 ? own / span : 0,
      seconds: (performance.now() - t0) / 1000,
    };
  };
}

let quietBudgetMs = Number(process.env.BENCH_QUIET_BUDGET_SECONDS ?? 150) * 1000;

/**
 * Waits (1 s samples) until other processes use less than threshold cores, for at most maxWaitMs and
 * within an overall budget for the whole bench. Returns the last sample's background.
 */
export async function waitQuiet(log: (l: string) => void, threshold = 0.15, maxWaitMs = 30_000): Promise<number> {
  const started = performance.now();
  let warned = false;
  for (;;) {
    const end = cpuMeter();
    await sleep(1000);
    const { backgroundCores } = end();
    const waited = performance.now() - started;
    if (backgroundCores < threshold || waited >= maxWaitMs || quietBudgetMs - waited <= 0) {
      quietBudgetMs -= waited;
      if (warned || backgroundCores >= threshold)
        log(
          `    machine ${backgroundCores < threshold ? 'quiet' : 'still busy'} after ${(waited / 1000).toFixed(0)} s (other processes ${backgroundCores.toFixed(2)} cores)`,
        );
      return backgroundCores;
    }
    if (!warned) {
      log(`    waiting for a quiet machine (other processes use ${backgroundCores.toFixed(2)} cores)…`);
      warned = true;
    }
  }
}
