import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx's CLI, run with the Node that runs the bench (Node 24 under `npm run bench`). */
export const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
export const CLI = join(ROOT, 'apps/api/src/cli.ts');
/** A secret for development mode, so the server never writes one into DATA_DIR. */
export const AUTH_SECRET = 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz';

export type Child = {
  name: string;
  proc: ChildProcess;
  pid: number;
  startedAt: number;
  /** stderr and stdout tail, for error messages. */
  output: () => string;
  exited: Promise<number | null>;
};

const children = new Set<Child>();

/**
 * Spawns a process in its own process group (env values undefined or '' are removed), so stopping it also stops the process tsx starts for
 * the real program. Every child is tracked and killed by killAll(), whatever happens.
 */
export function spawnTracked(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Child {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined && v !== '') merged[k] = v;
  const startedAt = performance.now();
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((res) => {
    proc.on('exit', (code) => res(code));
    proc.on('error', () => res(-1));
  });
  if (proc.pid === undefined) throw new Error(`could not spawn ${name}`);
  const child: Child = { name, proc, pid: proc.pid, startedAt, output: () => tail, exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Spawns `tsx <script>` the way `npm run trellis` does. */
export function spawnTsx(name: string, script: string, args: string[], env: Record<string, string | undefined>) {
  return spawnTracked(name, process.execPath, [TSX_CLI, script, ...args], env);
}

/**
 * SIGTERM to the leader only (tsx relays it to the program, which shuts down gracefully; a second
 * SIGTERM sent to the whole group would kill it mid-shutdown), SIGKILL to the group after graceMs.
 */
export async function stop(child: Child, graceMs = 5000): Promise<void> {
  if (!children.has(child)) return;
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
  // tsx's inner process may outlive the wrapper for a moment: make sure the group is gone.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

const tempDirs = new Set<string>();

/** A directory under the system temp dir, removed by killAll() when the bench ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Synchronous, for exit handlers: kills every process group this bench started, removes its temp dirs. */
export function killAll(): void {
  for (const child of children) signalGroup(child.pid, 'SIGKILL');
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls url until it answers 200; returns seconds since the child was spawned. Fails fast if the
 * child exits first, and after timeoutMs.
 */
export async function waitReady(child: Child, url: string, timeoutMs = 60_000, pollMs = 10): Promise<number> {
  let exitCode: number | null | undefined;
  void child.exited.then((c) => {
    exitCode = c;
  });
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${child.name} exited (${exitCode}) before ready:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return (performance.now() - child.startedAt) / 1000;
    } catch {
      // not listening yet
    }
    await sleep(pollMs);
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.output()}`);
}

/** The process that really serves: tsx's wrapper starts one Node child that runs the program. */
export function serverPid(child: Child): number {
  let pid = child.pid;
  for (let depth = 0; depth < 3; depth++) {
    const file = `/proc/${pid}/task/${pid}/children`;
    if (!existsSync(file)) break;
    const kids = readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    if (kids.length === 0 || kids[0] === undefined) break;
    pid = kids[0];
  }
  return pid;
}

/** VmRSS from /proc/<pid>/status, in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}
