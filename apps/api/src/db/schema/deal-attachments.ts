import type { DealAttachmentMediaType } from '@trellis/contracts';
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { dealRegistrations } from './deals';
import { workspaces } from './tenancy';

/**
 * bytea as a Buffer, written as decode(<base64>, 'base64'): PGlite's own bytea parameter serializer builds
 * one string per byte (≈7 s for 10 MB, measured); a base64 text parameter takes ≈0.5 s there (hex ≈1.1 s,
 * the parameter's length is what costs). Reads of the bytes select encode(content, 'base64') for the same
 * reason (attachment.repo.ts).
 */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => sql`decode(${value.toString('base64')}, 'base64')`,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * C4: files attached to a registration, bytes in the database so both engines and backups hold them.
 * Immutable once written: a wrong file is deleted and uploaded again.
 */
export const dealAttachments = pgTable(
  'deal_attachments',
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id),
    id: uuid().primaryKey(),
    /** With workspace_id and partner_id a composite key to deal_registrations (0008): same workspace, same partner. */
    registrationId: uuid().notNull(),
    /** The registration's partner, copied so row-level security scopes the row without a join. */
    partnerId: uuid().notNull(),
    fileName: text().notNull(),
    mediaType: text().$type<DealAttachmentMediaType>().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    /** The uploader's Idempotency-Key: a retried upload returns this row instead of storing a copy. */
    idempotencyKey: text(),
    uploadedBy: uuid(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'deal_attachments_registration_fk',
      columns: [t.workspaceId, t.registrationId, t.partnerId],
      foreignColumns: [dealRegistrations.workspaceId, dealRegistrations.id, dealRegistrations.partnerId],
    }).onDelete('cascade'),
    index().on(t.workspaceId, t.registrationId, t.uploadedAt),
    uniqueIndex().on(t.workspaceId, t.uploadedBy, t.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    check('deal_attachments_size_check', sql`size_bytes > 0 AND size_bytes = octet_length(content)`),
  ],
);
