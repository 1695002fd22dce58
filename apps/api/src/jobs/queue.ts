import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../db/client';
import { jobs } from '../db/schema/index';
import { bulkId } from '../lib/bulk-ids';

export type JobRequest = {
  type: string;
  workspaceId: string | null;
  payload: Record<string, unknown>;
  runAt?: Date;
  maxAttempts?: number;
};

/**
 * The transactional outbox: enqueue inside the use case's transaction and the job exists exactly when
 * the change committed. No RETURNING, because partner actors may enqueue but not read jobs (RLS).
 */
export async function enqueue(tx: Tx, job: JobRequest): Promise<string> {
  const id = uuidv7();
  await tx.insert(jobs).values({
    id,
    type: job.type,
    workspaceId: job.workspaceId,
    payload: job.payload,
    runAt: job.runAt ?? new Date(),
    maxAttempts: job.maxAttempts ?? 5,
  });
  return id;
}

/**
 * Many jobs at once (bulk routing tells thousands of people): one statement per 5,000, the rows as one JSON
 * parameter — a multi-row VALUES list of 6 parameters a row costs several times more to build and parse.
 */
export async function enqueueMany(tx: Tx, list: readonly JobRequest[]): Promise<void> {
  const now = new Date();
  for (let from = 0; from < list.length; from += INSERT_CHUNK) {
    const rows = list.slice(from, from + INSERT_CHUNK).map((job) => ({
      id: bulkId(),
      workspace_id: job.workspaceId,
      type: job.type,
      payload: job.payload,
      run_at: job.runAt ?? now,
      max_attempts: job.maxAttempts ?? 5,
    }));
    await tx.execute(sql`
      INSERT INTO jobs (id, workspace_id, type, payload, run_at, max_attempts)
      SELECT id, workspace_id, type, payload, run_at, max_attempts
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(id uuid, workspace_id uuid, type text, payload jsonb, run_at timestamptz, max_attempts integer)`);
  }
}

const INSERT_CHUNK = 5000;
