import { z } from 'zod';

// --- C4 attachments on a deal registration (proposal, letter of intent, quote, screenshots) ---

/** At most 10 MB per file (10 × 1024 × 1024 bytes). */
export const DEAL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** At most 20 files per registration. */
export const DEAL_ATTACHMENT_MAX_FILES = 20;

/**
 * The types a registration accepts, recognised by the file's content (magic bytes, the OOXML part list,
 * valid UTF-8), never by its name or the client's Content-Type.
 */
export const DealAttachmentMediaTypeValues = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/plain',
  'text/csv',
] as const;
export type DealAttachmentMediaType = (typeof DealAttachmentMediaTypeValues)[number];

/** What a file picker may offer (`accept`); the server decides by content all the same. */
export const DEAL_ATTACHMENT_ACCEPT = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.docx',
  '.xlsx',
  '.pptx',
  '.txt',
  '.csv',
  ...DealAttachmentMediaTypeValues,
].join(',');

export const DealAttachmentParamsSchema = z.object({ id: z.uuid(), attachmentId: z.uuid() });

export const DealAttachmentSchema = z
  .object({
    id: z.uuid(),
    registrationId: z.uuid(),
    /** The uploaded name; an extension that does not match the content gets the right one appended. */
    fileName: z.string(),
    mediaType: z.enum(DealAttachmentMediaTypeValues),
    sizeBytes: z.number().int(),
    /** SHA-256 of the bytes, hex. */
    sha256: z.string(),
    uploadedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    uploadedAt: z.iso.datetime(),
  })
  .meta({ id: 'DealAttachment' });
export type DealAttachment = z.infer<typeof DealAttachmentSchema>;

/** Every attachment of one registration, oldest first (never more than DEAL_ATTACHMENT_MAX_FILES: one page). */
export const DealAttachmentListSchema = z
  .object({
    data: z.array(DealAttachmentSchema),
    nextCursor: z.null(),
    limits: z.object({ maxFiles: z.number().int(), maxBytes: z.number().int() }),
    /** Whether the caller may upload and delete now (the registering partner, while draft or needs_info). */
    canChange: z.boolean(),
  })
  .meta({ id: 'DealAttachmentList' });
export type DealAttachmentList = z.infer<typeof DealAttachmentListSchema>;

/** Documents the multipart form for /api/docs; the part is streamed and checked in the handler. */
export const DealAttachmentUploadFormSchema = z
  .object({
    file: z.string().meta({
      format: 'binary',
      description:
        'one file, at most 10 MB: PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX, or UTF-8 text / CSV (recognised by content)',
    }),
  })
  .meta({ id: 'DealAttachmentUploadForm' });
