import { createHash } from 'node:crypto';
import {
  DEAL_ATTACHMENT_MAX_BYTES,
  DEAL_ATTACHMENT_MAX_FILES,
  type DealAttachment,
  type DealAttachmentList,
} from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../../app';
import type { Tx } from '../../db/client';
import { inScope } from '../../db/scope';
import { audit } from '../../platform/audit';
import { type Ctx, scopeOf } from '../../platform/context';
import { AppError, forbidden, invalidState, notFound, validationFailed } from '../../platform/errors';
import {
  attachmentsEditable,
  emptyFileIssue,
  isCsvName,
  notEditableMessage,
  storedFileName,
  tooLargeIssue,
  tooManyIssue,
  wrongTypeIssue,
} from './attachment.policy';
import { attachmentSnapshot, presentAttachment } from './attachment.presenter';
import {
  type AttachmentSummaryRow,
  countAttachments,
  deleteAttachmentRow,
  findAttachmentRow,
  findByIdempotencyKey,
  insertAttachment,
  listAttachmentRows,
  readAttachmentContent,
} from './attachment.repo';
import { sniffMediaType } from './attachment.sniff';
import { findDeal } from './deal.repo';

type Db = Pick<Services, 'db'>;
const LIMITS = { maxFiles: DEAL_ATTACHMENT_MAX_FILES, maxBytes: DEAL_ATTACHMENT_MAX_BYTES };

/** C4: a registration's files — partners their own company's, vendor staff every one in the workspace. */
export async function listAttachments(services: Db, ctx: Ctx, registrationId: string): Promise<DealAttachmentList> {
  return inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const deal = await findDeal(tx, ctx.actor, registrationId);
    if (!deal) throw notFound('deal registration');
    const rows = await listAttachmentRows(tx, ctx.actor, registrationId);
    return {
      data: rows.map(presentAttachment),
      nextCursor: null,
      limits: LIMITS,
      canChange: attachmentsEditable(ctx.actor, deal.status),
    };
  });
}

/** The bytes of one file, for download. */
export async function downloadAttachment(services: Db, ctx: Ctx, registrationId: string, id: string) {
  const file = await inScope(services.db, scopeOf(ctx.actor), (tx) =>
    readAttachmentContent(tx, ctx.actor, registrationId, id),
  );
  if (!file) throw notFound('attachment');
  return file;
}

/** The registration may take one more file now: it is visible, editable and below the limit. */
async function assertCanAdd(tx: Tx, ctx: Ctx, registrationId: string, lock: boolean): Promise<{ partnerId: string }> {
  const deal = await findDeal(tx, ctx.actor, registrationId, { lock });
  if (!deal) throw notFound('deal registration');
  if (!ctx.actor.partnerId) throw forbidden('only the registering partner adds attachments');
  if (!attachmentsEditable(ctx.actor, deal.status)) {
    throw invalidState(notEditableMessage(deal.status, 'add'), { status: deal.status });
  }
  if ((await countAttachments(tx, ctx.actor, registrationId)) >= DEAL_ATTACHMENT_MAX_FILES) {
    throw validationFailed([tooManyIssue()]);
  }
  return { partnerId: deal.partnerId };
}

/**
 * Checked before the upload is read, so a refused request does not stream 10 MB first. A retry under an
 * Idempotency-Key already used skips the checks: its answer is the stored attachment (or 409), whatever the
 * registration's state is now.
 */
export async function precheckUpload(
  services: Db,
  ctx: Ctx,
  registrationId: string,
  idempotencyKey: string | null,
): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    if (idempotencyKey && (await findByIdempotencyKey(tx, ctx.actor, idempotencyKey))) return;
    await assertCanAdd(tx, ctx, registrationId, false);
  });
}

export type Upload = { fileName: string | undefined; bytes: Buffer };

/**
 * C4: stores one file on a draft or needs_info registration. The type comes from the content; empty,
 * oversized, unrecognised or one-too-many files are refused naming `file`, and nothing is stored. The same
 * Idempotency-Key with the same file answers with the stored attachment; with another file, 409.
 */
export async function addAttachment(
  services: Db,
  ctx: Ctx,
  registrationId: string,
  upload: Upload,
  idempotencyKey: string | null,
): Promise<{ attachment: DealAttachment; replayed: boolean }> {
  const { bytes } = upload;
  if (bytes.length === 0) throw validationFailed([emptyFileIssue()]);
  if (bytes.length > DEAL_ATTACHMENT_MAX_BYTES) {
    throw new AppError('payload_too_large', `body.file: ${tooLargeIssue().message}`, { issues: [tooLargeIssue()] });
  }
  const mediaType = sniffMediaType(bytes, isCsvName(upload.fileName));
  const shownName = (upload.fileName ?? '').split(/[\\/]/).pop() || 'file';
  if (!mediaType) throw validationFailed([wrongTypeIssue(shownName)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = storedFileName(upload.fileName, mediaType);
  try {
    return await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
      if (idempotencyKey) {
        const earlier = await findByIdempotencyKey(tx, ctx.actor, idempotencyKey);
        if (earlier) return { attachment: replay(earlier, registrationId, sha256, fileName), replayed: true };
      }
      const { partnerId } = await assertCanAdd(tx, ctx, registrationId, true);
      const id = uuidv7();
      await insertAttachment(tx, {
        id,
        workspaceId: ctx.actor.workspaceId,
        registrationId,
        partnerId,
        fileName,
        mediaType,
        sizeBytes: bytes.length,
        sha256,
        content: bytes,
        idempotencyKey,
        uploadedBy: ctx.actor.userId,
        uploadedAt: ctx.now,
      });
      const row = await findAttachmentRow(tx, ctx.actor, registrationId, id);
      if (!row) throw notFound('attachment');
      await audit(tx, ctx, {
        action: 'deal.attachment_added',
        targetType: 'deal_registration',
        targetId: registrationId,
        after: attachmentSnapshot(row),
      });
      return { attachment: presentAttachment(row), replayed: false };
    });
  } catch (err) {
    // Two uploads under one key at the same moment on different registrations: the unique index decides.
    if (idempotencyKey && isUniqueViolation(err)) {
      throw new AppError('idempotency_key_in_use', 'a request with this Idempotency-Key is still in progress');
    }
    throw err;
  }
}

function replay(earlier: AttachmentSummaryRow, registrationId: string, sha256: string, fileName: string) {
  if (earlier.registrationId !== registrationId || earlier.sha256 !== sha256 || earlier.fileName !== fileName) {
    throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with a different request');
  }
  return presentAttachment(earlier);
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** C4: the registering partner removes a file while the registration is draft or needs_info. */
export async function deleteAttachment(services: Db, ctx: Ctx, registrationId: string, id: string): Promise<void> {
  await inScope(services.db, scopeOf(ctx.actor), async (tx) => {
    const deal = await findDeal(tx, ctx.actor, registrationId, { lock: true });
    if (!deal) throw notFound('deal registration');
    const row = await findAttachmentRow(tx, ctx.actor, registrationId, id);
    if (!row) throw notFound('attachment');
    if (!ctx.actor.partnerId) throw forbidden('only the registering partner deletes attachments');
    if (!attachmentsEditable(ctx.actor, deal.status)) {
      throw invalidState(notEditableMessage(deal.status, 'delete'), { status: deal.status });
    }
    await deleteAttachmentRow(tx, ctx.actor, registrationId, id);
    await audit(tx, ctx, {
      action: 'deal.attachment_deleted',
      targetType: 'deal_registration',
      targetId: registrationId,
      before: attachmentSnapshot(row),
    });
  });
}
