import type { ExchangeRateSource, PipelineStageKind } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { dealRegistrations } from './deals';
import { workspaces } from './tenancy';

/** C6: the workspace's pipeline stages, in order, each with a forecast probability. */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    name: text().notNull(),
    kind: text().$type<PipelineStageKind>().notNull(),
    probability: integer().notNull(),
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pipeline_stages_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

/**
 * C6: where an approved registration sits in the pipeline. A registration without a row sits in the first
 * open stage; won and lost registrations show in the first won / lost stage whatever their row says.
 */
export const pipelinePositions = pgTable(
  'pipeline_positions',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    registrationId: uuid()
      .primaryKey()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    partnerId: uuid().notNull(),
    stageId: uuid()
      .notNull()
      .references(() => pipelineStages.id),
    movedBy: uuid(),
    movedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.workspaceId, t.stageId)],
);

/** Every move, insert-only: who, when, from which stage to which (names kept, so a deleted stage still reads). */
export const pipelineMoves = pgTable(
  'pipeline_moves',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    registrationId: uuid()
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    partnerId: uuid().notNull(),
    fromStageId: uuid(),
    fromStageName: text(),
    toStageId: uuid().notNull(),
    toStageName: text().notNull(),
    movedBy: uuid(),
    movedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.workspaceId, t.registrationId, t.movedAt)],
);

/** C6/C7: exchange rates, 1 base = rate quote on a business date; entered by hand or from the ECB file. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    base: text().notNull(),
    quote: text().notNull(),
    /** Exact decimal, read back as a string. */
    rate: numeric().notNull(),
    rateDate: date({ mode: 'string' }).notNull(),
    source: text().$type<ExchangeRateSource>().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.base, t.quote, t.rateDate), index().on(t.workspaceId, t.rateDate, t.id)],
);
