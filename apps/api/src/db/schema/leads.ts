import type {
  LeadDecisionTrigger,
  LeadEventType,
  LeadLostReason,
  LeadRoutingDecision,
  LeadSource,
  LeadStatus,
  RoutingFallbackQueue,
  RoutingRule,
  RoutingSlaSettings,
} from '@trellis/contracts';
import { LeadEventTypeValues, LeadSourceValues, LeadStatusValues } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { partners } from './partners';
import { workspaces } from './tenancy';

export const leadStatusEnum = pgEnum('lead_status', LeadStatusValues);
export const leadSourceEnum = pgEnum('lead_source', LeadSourceValues);
export const leadEventTypeEnum = pgEnum('lead_event_type', LeadEventTypeValues);

/** C5: a lead and where it is now. `partner_id` is the partner holding it (offered or accepted and beyond). */
export const leads = pgTable(
  'leads',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    status: leadStatusEnum().$type<LeadStatus>().notNull().default('new'),
    company: text().notNull(),
    contactName: text().notNull(),
    contactEmail: text(),
    contactPhone: text(),
    country: text(),
    region: text(),
    territory: text(),
    language: text(),
    productInterests: text().array().notNull().default(sql`'{}'`),
    companySize: integer(),
    source: leadSourceEnum().$type<LeadSource>().notNull(),
    notes: text().notNull().default(''),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Lower-cased, accent-free "company contact e-mail": what ?q= matches. */
    searchText: text().notNull().default(''),
    partnerId: uuid().references(() => partners.id),
    /** Set while unassigned: the fallback queue holding the lead. */
    fallbackQueueId: text(),
    assignedAt: timestamp({ withTimezone: true }),
    slaDueAt: timestamp({ withTimezone: true }),
    slaRemindedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    lostReason: text().$type<LeadLostReason>(),
    lostNote: text(),
    dealRegistrationId: uuid(),
    declinedPartnerIds: uuid().array().notNull().default(sql`'{}'`),
    recalledPartnerIds: uuid().array().notNull().default(sql`'{}'`),
    recallCount: integer().notNull().default(0),
    /** Bumped by every change of holder: an assignment is `UPDATE … WHERE assignment_version = expected`. */
    assignmentVersion: integer().notNull().default(0),
    lastDecisionId: uuid(),
    /** Web-to-lead: hash of the normalised submission, to drop repeats within the window. */
    dedupeKey: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Few indexes, partial where they can be: routing rewrites every lead it touches (bench/benches/leads.ts).
  (t) => [
    index().on(t.workspaceId, t.status, t.id),
    index().on(t.workspaceId, t.partnerId, t.status),
    index().on(t.workspaceId, t.slaDueAt).where(sql`${t.status} = 'offered'`),
    index().on(t.workspaceId, t.dedupeKey, t.createdAt).where(sql`${t.dedupeKey} IS NOT NULL`),
  ],
);

/** C5: every hop of a lead — who, when, why. `partner_id` is the partner the hop concerns. */
export const leadEvents = pgTable(
  'lead_events',
  {
    // The lead carries the workspace key; 0016 dropped the second check per row (bulk routing).
    workspaceId: uuid().notNull(),
    id: uuid().primaryKey(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    partnerId: uuid(),
    type: leadEventTypeEnum().$type<LeadEventType>().notNull(),
    fromStatus: leadStatusEnum().$type<LeadStatus>(),
    toStatus: leadStatusEnum().$type<LeadStatus>(),
    reasonCode: text(),
    reason: text(),
    decisionId: uuid(),
    actorUserId: uuid(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.leadId, t.occurredAt), index().on(t.workspaceId, t.type, t.occurredAt)],
);

/** What a stored decision keeps: the explanation trimmed for size, without the names (joined on read). */
export type StoredDecision = Omit<
  LeadRoutingDecision,
  'id' | 'leadId' | 'trigger' | 'decidedAt' | 'decidedBy' | 'partner' | 'partnerNames'
>;

/** C5: every routing decision with its explanation (vendor staff only: it names other partners). */
export const leadRoutingDecisions = pgTable(
  'lead_routing_decisions',
  {
    // The lead carries the workspace key; 0016 dropped the second check per row (bulk routing).
    workspaceId: uuid().notNull(),
    id: uuid().primaryKey(),
    leadId: uuid()
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    trigger: text().$type<LeadDecisionTrigger>().notNull(),
    outcome: text().$type<'assigned' | 'fallback'>().notNull(),
    partnerId: uuid(),
    ruleId: text(),
    engineVersion: integer().notNull(),
    /** json, not jsonb: written in bulk and read whole, never queried inside (text input is far cheaper). */
    explanation: json().$type<StoredDecision>().notNull(),
    decidedBy: uuid(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // No secondary index: decisions are read by id only, and bulk routing writes 100,000 at a time (0013_lead_bulk).
);

/** C5: the workspace's routing rules and lead settings, as data; round-robin cursors live beside them. */
export const leadRoutingSettings = pgTable('lead_routing_settings', {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id),
  rules: jsonb().$type<RoutingRule[]>().notNull().default([]),
  fallbackQueue: jsonb().$type<RoutingFallbackQueue>().notNull(),
  sla: jsonb().$type<RoutingSlaSettings>().notNull(),
  hideContactUntilAccepted: boolean().notNull().default(true),
  preApproveConvertedDeals: boolean().notNull().default(false),
  fairnessWindowDays: integer().notNull().default(30),
  /** Round-robin rule id → the partner it assigned last. */
  cursors: jsonb().$type<Record<string, string>>().notNull().default({}),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** C5: per-partner routing facts the partner record lacks: languages served and a cap on open leads. */
export const leadPartnerProfiles = pgTable(
  'lead_partner_profiles',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    languages: text().array().notNull().default(sql`'{}'`),
    capacity: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.partnerId] })],
);

/**
 * C5 fairness: what weighted routing promised each partner per UTC day (0017): each lead a weighted rule
 * assigns splits one unit among its eligible candidates by weight. Vendor-only.
 */
export const leadPromisedShares = pgTable(
  'lead_promised_shares',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    day: date().notNull(),
    promised: doublePrecision().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.partnerId, t.day] })],
);
