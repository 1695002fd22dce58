import { uuidv7 } from 'uuidv7';
import type { Tx } from '../db/client';
import { jobs } from '../db/schema/index';

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

/** Many jobs in one statement per 1,000 (bulk routing tells thousands of people at once). */
export async function enqueueMany(tx: Tx, list: readonly JobRequest[]): Promise<void> {
  for (let from = 0; from < list.length; from += INSERT_CHUNK) {
    await tx.insert(jobs).values(
      list.slice(from, from + INSERT_CHUNK).map((job) => ({
        id: uuidv7(),
        type: job.type,
        workspaceId: job.workspaceId,
        payload: job.payload,
        runAt: job.runAt ?? new Date(),
        maxAttempts: job.maxAttempts ?? 5,
      })),
    );
  }
}

const INSERT_CHUNK = 1000;
