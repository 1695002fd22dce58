import type { DealAttachment } from '@trellis/contracts';
import type { AttachmentSummaryRow } from './attachment.repo';

export function presentAttachment(r: AttachmentSummaryRow): DealAttachment {
  return {
    id: r.id,
    registrationId: r.registrationId,
    fileName: r.fileName,
    mediaType: r.mediaType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    uploadedBy: r.uploadedById ? { id: r.uploadedById, name: r.uploadedByName ?? '' } : null,
    uploadedAt: r.uploadedAt.toISOString(),
  };
}

/** What the audit log keeps of a file: never its bytes. */
export const attachmentSnapshot = (
  r: Pick<AttachmentSummaryRow, 'id' | 'fileName' | 'mediaType' | 'sizeBytes' | 'sha256'>,
) => ({
  attachmentId: r.id,
  fileName: r.fileName,
  mediaType: r.mediaType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
});
