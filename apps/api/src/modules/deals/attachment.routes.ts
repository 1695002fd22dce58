import {
  DEAL_ATTACHMENT_MAX_BYTES,
  DealAttachmentListSchema,
  DealAttachmentParamsSchema,
  DealAttachmentSchema,
  DealAttachmentUploadFormSchema,
  IdParamsSchema,
} from '@trellis/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { AppError, validationFailed } from '../../platform/errors';
import { ctxOf } from '../../platform/route-guard';
import {
  contentDisposition,
  downloadContentType,
  missingFileIssue,
  oneFileIssue,
  tooLargeIssue,
} from './attachment.policy';
import {
  addAttachment,
  deleteAttachment,
  downloadAttachment,
  listAttachments,
  precheckUpload,
  type Upload,
} from './attachment.service';

const tags = ['Deal registrations'];
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The platform's Idempotency-Key hook hashes the parsed JSON body, which a multipart upload does not have,
 * so it would replay one file's answer for another. Uploads keep their key on the attachment row instead.
 */
function idempotencyKeyOf(req: FastifyRequest): string | null {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new AppError('bad_request', 'Idempotency-Key must be 1–255 visible ASCII characters');
  }
  return key;
}

/** Zod validates the path; the multipart body is streamed and checked in the handler. */
function paramsOnly<S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  if (route.httpPart === 'body') return () => ({ value: undefined });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

/** Reads the one `file` part, at most DEAL_ATTACHMENT_MAX_BYTES; the limits are reported naming `file`. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', 'send multipart/form-data with one "file" part');
  }
  let upload: Upload | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: DEAL_ATTACHMENT_MAX_BYTES, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      upload = { fileName: part.filename || undefined, bytes: await part.toBuffer() };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', `body.file: ${tooLargeIssue().message}`, { issues: [tooLargeIssue()] });
    }
    if (code === 'FST_FILES_LIMIT') throw validationFailed([oneFileIssue()]);
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `malformed multipart body: ${(err as Error).message}`);
  }
  if (!upload) throw validationFailed([missingFileIssue()]);
  return upload;
}

/** C4: files on a registration (proposal, letter of intent, quote, screenshots). */
export function attachmentRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: FastifyRequest) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/deal-registrations/:id/attachments',
      {
        config: { auth: 'deal.read' },
        schema: {
          tags,
          operationId: 'listDealAttachments',
          summary: 'The files of a registration, oldest first, with the limits and whether the caller may change them',
          params: IdParamsSchema,
          response: { 200: DealAttachmentListSchema },
        },
      },
      async (req) => listAttachments(services, ctx(req), req.params.id),
    );

    app.post(
      '/deal-registrations/:id/attachments',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'uploadDealAttachment',
          summary: 'Attaches one file to a draft or needs_info registration (multipart: file)',
          description:
            'multipart/form-data with one `file` part of at most 10 MB; a registration holds at most 20 files. ' +
            'The type is read from the content: PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX (the ZIP must declare the ' +
            'document in [Content_Types].xml), or UTF-8 text / CSV without NUL bytes. Empty, unrecognised or one ' +
            'too many → 422 and too large → 413, each naming body.file; nothing is stored. Idempotency-Key: the same ' +
            'key and file answer with the stored attachment (Idempotent-Replayed: true), another file is 409.',
          consumes: ['multipart/form-data'],
          params: IdParamsSchema,
          // Documents the form for /api/docs; the part is streamed and checked in the handler.
          body: DealAttachmentUploadFormSchema,
          response: { 201: z.object({ attachment: DealAttachmentSchema }) },
        },
        validatorCompiler: paramsOnly,
      },
      async (req, reply) => {
        const c = ctx(req);
        const key = idempotencyKeyOf(req);
        await precheckUpload(services, c, req.params.id, key);
        const upload = await readUpload(req);
        const { attachment, replayed } = await addAttachment(services, c, req.params.id, upload, key);
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send({ attachment });
      },
    );

    app.get(
      '/deal-registrations/:id/attachments/:attachmentId',
      {
        config: { auth: 'deal.read' },
        schema: {
          tags,
          operationId: 'downloadDealAttachment',
          summary: 'Downloads one file (Content-Disposition: attachment, the name in RFC 5987 form)',
          params: DealAttachmentParamsSchema,
          produces: ['application/octet-stream'],
          response: { 200: z.any().meta({ type: 'string', format: 'binary', description: 'the file as uploaded' }) },
        },
      },
      async (req, reply) => {
        const file = await downloadAttachment(services, ctx(req), req.params.id, req.params.attachmentId);
        return reply
          .header('content-type', downloadContentType(file.mediaType))
          .header('content-disposition', contentDisposition(file.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.content);
      },
    );

    app.delete(
      '/deal-registrations/:id/attachments/:attachmentId',
      {
        config: { auth: 'deal.register' },
        schema: {
          tags,
          operationId: 'deleteDealAttachment',
          summary: 'Removes a file while the registration is draft or needs_info (else 409 naming the state)',
          params: DealAttachmentParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteAttachment(services, ctx(req), req.params.id, req.params.attachmentId);
        return reply.code(204).send(null);
      },
    );
  };
}
