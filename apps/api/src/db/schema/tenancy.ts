import type { Locale, Role, WorkspaceSettings } from '@trellis/contracts';
import { MembershipStatusValues, RoleValues } from '@trellis/contracts';
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

export const roleEnum = pgEnum('role', RoleValues);
export const membershipStatusEnum = pgEnum('membership_status', MembershipStatusValues);

export const workspaces = pgTable('workspaces', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  baseCurrency: text().notNull(),
  defaultLocale: text().$type<Locale>().notNull(),
  timeZone: text().notNull(),
  settings: jsonb().$type<WorkspaceSettings>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: roleEnum().$type<Role>().notNull(),
    /** Set for partner roles: the company the person works for. */
    partnerId: uuid(),
    status: membershipStatusEnum().notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.userId), index().on(t.userId), index().on(t.workspaceId, t.partnerId)],
);

export const invitations = pgTable(
  'invitations',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    email: text().notNull(),
    name: text(),
    role: roleEnum().$type<Role>().notNull(),
    partnerId: uuid(),
    /** SHA-256 of the token sent by e-mail; the token itself is never stored. */
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    invitedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.email)],
);
