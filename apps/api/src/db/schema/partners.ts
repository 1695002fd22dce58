import type { Address, TierBenefits } from '@trellis/contracts';
import {
  ContactRoleValues,
  CustomAttributeTypeValues,
  PartnerStatusValues,
  PartnerTypeValues,
  SizeBandValues,
} from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from './tenancy';

export const partnerTypeEnum = pgEnum('partner_type', PartnerTypeValues);
export const partnerStatusEnum = pgEnum('partner_status', PartnerStatusValues);
export const sizeBandEnum = pgEnum('size_band', SizeBandValues);
export const contactRoleEnum = pgEnum('contact_role', ContactRoleValues);
export const customAttributeTypeEnum = pgEnum('custom_attribute_type', CustomAttributeTypeValues);

export const tiers = pgTable(
  'tiers',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    name: text().notNull(),
    rank: integer().notNull(),
    description: text(),
    benefits: jsonb().$type<TierBenefits>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.name)],
);

export const partners = pgTable(
  'partners',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    legalName: text().notNull(),
    displayName: text().notNull(),
    /** searchKey(displayName legalName domain): the search key, and the displayName sort key. */
    searchName: text().notNull(),
    website: text(),
    domain: text(),
    country: text().notNull(),
    region: text(),
    address: jsonb().$type<Address>().notNull().default({}),
    phone: text(),
    type: partnerTypeEnum().notNull(),
    sizeBand: sizeBandEnum(),
    industries: text().array().notNull().default(sql`'{}'`),
    capabilities: text().array().notNull().default(sql`'{}'`),
    territories: text().array().notNull().default(sql`'{}'`),
    tierId: uuid().references(() => tiers.id),
    ownerUserId: uuid(),
    parentPartnerId: uuid(),
    status: partnerStatusEnum().notNull(),
    tags: text().array().notNull().default(sql`'{}'`),
    customAttributes: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    logoUrl: text(),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.parentPartnerId], foreignColumns: [t.id] }),
    index().on(t.workspaceId, t.searchName, t.id),
    index().on(t.workspaceId, t.createdAt, t.id),
    index().on(t.workspaceId, t.updatedAt, t.id),
    index().on(t.workspaceId, t.country, t.id),
    index().on(t.workspaceId, t.tierId),
    index().on(t.workspaceId, t.status),
    index().on(t.workspaceId, t.ownerUserId),
    index().on(t.workspaceId, t.domain),
    index().on(t.parentPartnerId),
    index().using('gin', t.tags),
  ],
);

/** C2: the partner journey — status changes, profile edits, contacts, later deals and trainings. */
export const partnerEvents = pgTable(
  'partner_events',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    actorUserId: uuid(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.partnerId, t.occurredAt, t.id)],
);

export const contacts = pgTable(
  'contacts',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    partnerId: uuid()
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    firstName: text().notNull(),
    lastName: text().notNull().default(''),
    email: text(),
    phone: text(),
    title: text(),
    role: contactRoleEnum().notNull().default('other'),
    /** Lower-cased, accent-free "first last email": what GET /contacts?q= matches. */
    searchName: text().notNull().default(''),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.partnerId), index().on(t.workspaceId, t.email)],
);

export const customAttributeDefinitions = pgTable(
  'custom_attribute_definitions',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    key: text().notNull(),
    label: text().notNull(),
    type: customAttributeTypeEnum().notNull(),
    options: text().array().notNull().default(sql`'{}'`),
    required: boolean().notNull().default(false),
    partnerEditable: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.key)],
);

/** Saved views of the partner list (C1 segmentation), per person. */
export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    userId: uuid().notNull(),
    name: text().notNull(),
    query: jsonb().$type<Record<string, string>>().notNull(),
    columns: text().array().notNull().default(sql`'{}'`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.userId)],
);
