import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** The superuser URL of the throwaway cluster that scripts/with-postgres.mjs started. */
export function clusterUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the bench with `npm run bench`');
  return url;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty database in the cluster; returns its superuser URL. */
export async function createDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: clusterUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  return withDatabase(clusterUrl(), name);
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * COPY … FROM STDIN through psql (the client-side COPY every PostgreSQL install has), streaming file.
 * Returns the wall time in seconds, psql's start-up included (a few ms).
 */
export async function psqlCopy(url: string, copySql: string, file: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((res, rej) => {
    const proc = spawn(join(PG_BIN, 'psql'), [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', copySql], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.on('error', rej);
    proc.on('exit', (code) => (code === 0 ? res() : rej(new Error(`psql COPY failed (${code}): ${err}`))));
    createReadStream(file).pipe(proc.stdin);
  });
  return (performance.now() - started) / 1000;
}

/**
 * COPY … FROM STDIN through psql, fed from a generator of COPY text lines (each ending in a newline),
 * honouring back-pressure: rows are produced while PostgreSQL loads them, never held in memory or on
 * disk. Returns the number of lines written.
 */
export async function psqlCopyLines(url: string, copySql: string, lines: Iterable<string>): Promise<number> {
  const proc = spawn(join(PG_BIN, 'psql'), [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', copySql], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<void>((res, rej) => {
    proc.on('error', rej);
    proc.on('exit', (code) => (code === 0 ? res() : rej(new Error(`psql COPY failed (${code}): ${err}`))));
  });
  let n = 0;
  let chunk = '';
  const flush = async () => {
    if (!proc.stdin.write(chunk)) await new Promise<void>((res) => proc.stdin.once('drain', () => res()));
    chunk = '';
  };
  for (const line of lines) {
    chunk += line;
    n++;
    if (chunk.length >= 1 << 20) await flush();
  }
  if (chunk) await flush();
  proc.stdin.end();
  await done;
  return n;
}

/** One value in COPY text format: \N for null, backslash, tab and newline escaped. */
export function copyText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
