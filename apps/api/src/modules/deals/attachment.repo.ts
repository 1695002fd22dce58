import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { dealAttachments, users } from '../../db/schema/index';
import type { Actor } from '../../platform/context';

export type AttachmentInsert = typeof dealAttachments.$inferInsert;

/** Every attachment query: the workspace, and the actor's own company for partner people. */
function attachmentScope(actor: Actor, registrationId: string): SQL[] {
  const where = [
    eq(dealAttachments.workspaceId, actor.workspaceId),
    eq(dealAttachments.registrationId, registrationId),
  ];
  if (actor.partnerId) where.push(eq(dealAttachments.partnerId, actor.partnerId));
  return where;
}

/** What a list shows: everything but the bytes. */
const summaryColumns = {
  id: dealAttachments.id,
  registrationId: dealAttachments.registrationId,
  fileName: dealAttachments.fileName,
  mediaType: dealAttachments.mediaType,
  sizeBytes: dealAttachments.sizeBytes,
  sha256: dealAttachments.sha256,
  idempotencyKey: dealAttachments.idempotencyKey,
  uploadedAt: dealAttachments.uploadedAt,
  uploadedById: dealAttachments.uploadedBy,
  uploadedByName: users.name,
};
export type AttachmentSummaryRow = {
  id: string;
  registrationId: string;
  fileName: string;
  mediaType: AttachmentInsert['mediaType'];
  sizeBytes: number;
  sha256: string;
  idempotencyKey: string | null;
  uploadedAt: Date;
  uploadedById: string | null;
  uploadedByName: string | null;
};

export async function listAttachmentRows(
  tx: Tx,
  actor: Actor,
  registrationId: string,
): Promise<AttachmentSummaryRow[]> {
  return tx
    .select(summaryColumns)
    .from(dealAttachments)
    .leftJoin(users, eq(users.id, dealAttachments.uploadedBy))
    .where(and(...attachmentScope(actor, registrationId)))
    .orderBy(asc(dealAttachments.uploadedAt), asc(dealAttachments.id));
}

export async function findAttachmentRow(
  tx: Tx,
  actor: Actor,
  registrationId: string,
  id: string,
): Promise<AttachmentSummaryRow | undefined> {
  const [row] = await tx
    .select(summaryColumns)
    .from(dealAttachments)
    .leftJoin(users, eq(users.id, dealAttachments.uploadedBy))
    .where(and(...attachmentScope(actor, registrationId), eq(dealAttachments.id, id)));
  return row;
}

/** The one query that reads the bytes: as base64 text, which both engines hand over fast (see the schema). */
export async function readAttachmentContent(
  tx: Tx,
  actor: Actor,
  registrationId: string,
  id: string,
): Promise<{ fileName: string; mediaType: AttachmentInsert['mediaType']; content: Buffer } | undefined> {
  const [row] = await tx
    .select({
      fileName: dealAttachments.fileName,
      mediaType: dealAttachments.mediaType,
      base64: sql<string>`encode(${dealAttachments.content}, 'base64')`,
    })
    .from(dealAttachments)
    .where(and(...attachmentScope(actor, registrationId), eq(dealAttachments.id, id)));
  return row && { fileName: row.fileName, mediaType: row.mediaType, content: Buffer.from(row.base64, 'base64') };
}

export async function countAttachments(tx: Tx, actor: Actor, registrationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(dealAttachments)
    .where(and(...attachmentScope(actor, registrationId)));
  return Number(row?.n ?? 0);
}

/** A retried upload: the person's earlier attachment under the same Idempotency-Key, on any registration. */
export async function findByIdempotencyKey(
  tx: Tx,
  actor: Actor,
  key: string,
): Promise<AttachmentSummaryRow | undefined> {
  const [row] = await tx
    .select(summaryColumns)
    .from(dealAttachments)
    .leftJoin(users, eq(users.id, dealAttachments.uploadedBy))
    .where(
      and(
        eq(dealAttachments.workspaceId, actor.workspaceId),
        eq(dealAttachments.uploadedBy, actor.userId),
        eq(dealAttachments.idempotencyKey, key),
      ),
    );
  return row;
}

export async function insertAttachment(tx: Tx, values: AttachmentInsert): Promise<void> {
  await tx.insert(dealAttachments).values(values);
}

export async function deleteAttachmentRow(tx: Tx, actor: Actor, registrationId: string, id: string): Promise<void> {
  await tx.delete(dealAttachments).where(and(...attachmentScope(actor, registrationId), eq(dealAttachments.id, id)));
}
