import type {
  Address,
  DealContact,
  DealLostReason,
  DealProductLine,
  DealSettings,
  DealStatus,
  OpportunityStage,
} from '@trellis/contracts';
import {
  ConflictSourceKindValues,
  DealActionValues,
  DealStatusValues,
  OpportunityStageValues,
} from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { MatchReason, PreparedRecord } from '../../modules/deals/matching/index';
import { partners } from './partners';
import { workspaces } from './tenancy';

export const dealStatusEnum = pgEnum('deal_status', DealStatusValues);
export const dealActionEnum = pgEnum('deal_action', DealActionValues);
export const opportunityStageEnum = pgEnum('opportunity_stage', OpportunityStageValues);
export const matchSourceKindEnum = pgEnum('match_source_kind', ConflictSourceKindValues);

/** C4: the vendor's own end customers (direct sales). `accounts` is the sign-in library's table. */
export const customerAccounts = pgTable(
  'customer_accounts',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    name: text().notNull(),
    domains: text().array().notNull().default(sql`'{}'`),
    country: text().notNull(),
    address: jsonb().$type<Address>().notNull().default({}),
    ownerUserId: uuid(),
    /** Rules of engagement: partners may not register a named account. */
    namedAccount: boolean().notNull().default(false),
    /** Lower-cased, accent-free name: what GET /accounts?q= matches. */
    searchName: text().notNull().default(''),
    /** prepareRecord() of name, domains, country and address, stored so candidates are scored without re-normalising. */
    matchProfile: jsonb().$type<PreparedRecord>().notNull(),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.searchName, t.id), index().on(t.workspaceId, t.ownerUserId)],
);

/** C4: open opportunities of direct sales; an open one holds its customer like an account does. */
export const opportunities = pgTable(
  'opportunities',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    name: text().notNull(),
    accountId: uuid().references(() => customerAccounts.id, { onDelete: 'set null' }),
    customerName: text().notNull(),
    domains: text().array().notNull().default(sql`'{}'`),
    country: text().notNull(),
    address: jsonb().$type<Address>().notNull().default({}),
    amountMinor: bigint({ mode: 'number' }),
    currency: text(),
    expectedCloseDate: date({ mode: 'string' }),
    stage: opportunityStageEnum().$type<OpportunityStage>().notNull().default('open'),
    ownerUserId: uuid(),
    matchProfile: jsonb().$type<PreparedRecord>().notNull(),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.createdAt, t.id), index().on(t.workspaceId, t.accountId)],
);

/** C4: a partner's claim on a customer opportunity. */
export const dealRegistrations = pgTable(
  'deal_registrations',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id),
    status: dealStatusEnum().$type<DealStatus>().notNull().default('draft'),
    customerName: text().notNull(),
    customerDomain: text(),
    customerCountry: text().notNull(),
    customerAddress: jsonb().$type<Address>().notNull().default({}),
    contact: jsonb().$type<DealContact | null>(),
    products: jsonb().$type<DealProductLine[]>().notNull().default([]),
    /** Sum of the lines when they share one currency (approval rules compare it); null otherwise. */
    totalAmountMinor: bigint({ mode: 'number' }),
    totalCurrency: text(),
    expectedCloseDate: date({ mode: 'string' }),
    notes: text().notNull().default(''),
    matchProfile: jsonb().$type<PreparedRecord>().notNull(),
    /** The latest conflict check: its rows in deal_conflicts carry this id. */
    conflictCheckId: uuid(),
    conflictFlag: text().$type<'none' | 'hint' | 'conflict'>().notNull().default('none'),
    lastReason: text(),
    autoApproved: boolean().notNull().default(false),
    submittedAt: timestamp({ withTimezone: true }),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid(),
    protectedUntil: timestamp({ withTimezone: true }),
    extensionCount: integer().notNull().default(0),
    extensionRequestedAt: timestamp({ withTimezone: true }),
    reviewRemindedAt: timestamp({ withTimezone: true }),
    reviewEscalatedAt: timestamp({ withTimezone: true }),
    /** C4 outcome: who closed it as won / lost (the partner, or vendor staff), when, and the lost reason code. */
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid(),
    closedBySide: text().$type<'partner' | 'vendor'>(),
    outcomeReasonCode: text().$type<DealLostReason>(),
    createdBy: uuid(),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workspaceId, t.partnerId, t.createdAt, t.id),
    index().on(t.workspaceId, t.status, t.submittedAt),
    index().on(t.workspaceId, t.createdAt, t.id),
    index().on(t.workspaceId, t.protectedUntil).where(sql`status = 'approved'`),
  ],
);

/** Every status change with actor, time and reason (the partner always sees the reason). */
export const dealRegistrationEvents = pgTable(
  'deal_registration_events',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    registrationId: uuid()
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    partnerId: uuid().notNull(),
    action: dealActionEnum().notNull(),
    fromStatus: dealStatusEnum().$type<DealStatus>(),
    toStatus: dealStatusEnum().$type<DealStatus>().notNull(),
    actorUserId: uuid(),
    reason: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.registrationId, t.occurredAt)],
);

/**
 * C4 blocking index: one row per blockingKeys() key of each account, open opportunity and active
 * registration. Candidates come from key equality on the primary key's btree, never from a trigram scan.
 * partner_id is set for registration keys (partner people may write their own, RLS).
 */
export const dealMatchKeys = pgTable(
  'deal_match_keys',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    key: text().notNull(),
    sourceKind: matchSourceKindEnum().notNull(),
    sourceId: uuid().notNull(),
    partnerId: uuid(),
  },
  // 0007: the primary key also INCLUDEs partner_id (index-only candidate probes under RLS), which Drizzle
  // cannot express; (workspace_id, source_id) serves key deletion, since an enum qual cannot lead under RLS.
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.key, t.sourceKind, t.sourceId] }),
    index().on(t.workspaceId, t.sourceId),
  ],
);

/** Candidates of one conflict check, kept for the reviewer; partners may add rows but never read them. */
export const dealConflicts = pgTable(
  'deal_conflicts',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    registrationId: uuid()
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    partnerId: uuid().notNull(),
    checkId: uuid().notNull(),
    sourceKind: matchSourceKindEnum().notNull(),
    sourceId: uuid().notNull(),
    score: real().notNull(),
    band: text().$type<'conflict' | 'hint'>().notNull(),
    reasons: jsonb().$type<MatchReason[]>().notNull(),
    detectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.registrationId, t.checkId), index().on(t.workspaceId, t.sourceKind, t.sourceId)],
);

/** C4 rules as data: thresholds, auto-approval, reminders, protection and extensions. One row per workspace. */
export const dealSettings = pgTable('deal_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id),
  settings: jsonb().$type<DealSettings>().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
