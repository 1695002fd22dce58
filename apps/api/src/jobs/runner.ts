import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../db/client';
import { inScope } from '../db/scope';

export type JobRow = {
  id: string;
  workspace_id: string | null;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
};

/** A handler runs outside any transaction; it opens its own short ones (no I/O inside them). */
export type JobHandler = (
  job: JobRow,
  helpers: { db: Db; inJobScope: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> },
) => Promise<void>;

const LEASE_SECONDS = 300;

/**
 * Durable job runner over the jobs table: claims with FOR UPDATE SKIP LOCKED (claim_jobs), so any
 * number of processes may run it. Failed jobs retry with exponential back-off up to max_attempts.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 1000,
  ) {}

  register(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs soon: called after a commit that enqueued work, so nothing waits for the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Processes every due job until none is left; tests call this instead of waiting. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.tick();
      total += n;
      if (n === 0) return total;
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then((n) => {
          this.running = undefined;
          if (this.stopped) return;
          const again = n > 0 || this.wakeRequested;
          this.wakeRequested = false;
          this.schedule(again ? 0 : this.pollMs);
        })
        .catch((err) => {
          this.running = undefined;
          this.log.error({ err }, 'job runner tick failed');
          if (!this.stopped) this.schedule(this.pollMs * 5);
        });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<number> {
    const claimed = await this.db.execute<JobRow>(
      sql`SELECT id, workspace_id, type, payload, attempts, max_attempts FROM claim_jobs(5, ${LEASE_SECONDS})`,
    );
    for (const job of claimed.rows) await this.runOne(job);
    return claimed.rows.length;
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.type);
    const inJobScope = <T>(fn: (tx: Tx) => Promise<T>) =>
      inScope(this.db, { workspaceId: job.workspace_id, userId: null, partnerId: null, kind: 'vendor' }, fn);
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler(job, { db: this.db, inJobScope });
      await this.db.execute(sql`SELECT finish_job(${job.id}::uuid, true, NULL, NULL)`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryAt =
        handler && job.attempts < job.max_attempts ? new Date(Date.now() + 2 ** job.attempts * 1000) : null;
      this.log.warn({ jobId: job.id, type: job.type, attempt: job.attempts, err: message }, 'job failed');
      await this.db.execute(
        sql`SELECT finish_job(${job.id}::uuid, false, ${message.slice(0, 2000)}, ${retryAt?.toISOString() ?? null}::timestamptz)`,
      );
    }
  }
}
