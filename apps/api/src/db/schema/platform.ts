import { boolean, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './tenancy';

/** C18: append-only — the app role may only INSERT and SELECT, and a trigger refuses UPDATE/DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    actorUserId: uuid(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    ip: inet(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workspaceId, t.occurredAt, t.id),
    index().on(t.workspaceId, t.targetType, t.targetId),
    index().on(t.workspaceId, t.actorUserId),
  ],
);

/** Stored responses for Idempotency-Key replays, per person and key (ARCHITECTURE §3). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid().notNull(),
    key: text().notNull(),
    workspaceId: uuid(),
    method: text().notNull(),
    path: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index().on(t.createdAt)],
);

/**
 * Durable jobs; inserting one inside a use case's transaction is our transactional outbox: the job
 * exists if and only if the change committed. Claimed with FOR UPDATE SKIP LOCKED via claim_jobs().
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey(),
    workspaceId: uuid(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<'queued' | 'running' | 'succeeded' | 'failed'>().notNull().default('queued'),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.runAt)],
);

export const imports = pgTable(
  'imports',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    kind: text().$type<'partners' | 'contacts' | 'accounts' | 'leads'>().notNull(),
    status: text()
      .$type<'uploaded' | 'validated' | 'queued' | 'running' | 'completed' | 'failed'>()
      .notNull()
      .default('uploaded'),
    fileName: text().notNull(),
    content: text().notNull(),
    headers: text().array().notNull(),
    mapping: jsonb().$type<Record<string, string>>().notNull().default({}),
    mode: text().$type<'all_or_nothing' | 'valid_rows'>().notNull().default('valid_rows'),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    errorCount: integer().notNull().default(0),
    errors: jsonb().$type<{ row: number; field: string | null; message: string }[]>().notNull().default([]),
    /** Lead imports (0012): route the imported leads after the last chunk, and what that routing did. */
    route: boolean().notNull().default(false),
    routing: jsonb().$type<{ routed: number; assigned: number; fallback: number; skipped: number }>(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.workspaceId, t.createdAt)],
);

/** C15: in-app notification centre. */
export const notifications = pgTable(
  'notifications',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    userId: uuid().notNull(),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.userId, t.createdAt)],
);
