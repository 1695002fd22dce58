import { Readable } from 'node:stream';
import {
  AccountExportQuerySchema,
  ContactExportQuerySchema,
  IdParamsSchema,
  ImportDryRunResultSchema,
  ImportKindSchema,
  ImportKindValues,
  ImportListQuerySchema,
  ImportMappingSchema,
  ImportSchema,
  ImportStartSchema,
  ImportUploadFormSchema,
  PartnerExportQuerySchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../../app';
import { AppError, validationFailed } from '../../../platform/errors';
import { ctxOf } from '../../../platform/route-guard';
import { exportAccounts, exportContacts, exportPartners } from './export.service';
import { dryRunImport, getImport, importErrorsCsv, listImports, startImport, uploadImport } from './import.service';

const tags = ['Imports and exports'];
const csvResponse = z.string().meta({ description: 'CSV, UTF-8 with a byte-order mark' });

/** Reads the multipart upload: a `kind` field and one `file` part, in either order. */
async function readUpload(
  req: FastifyRequest,
): Promise<{ kind: string | undefined; fileName: string; bytes: Buffer | null }> {
  if (!req.isMultipart()) {
    throw new AppError(
      'unsupported_media_type',
      `send multipart/form-data with a "file" part (the CSV) and a "kind" field (${ImportKindValues.join(', ')})`,
    );
  }
  let kind: string | undefined;
  let fileName = 'import.csv';
  let bytes: Buffer | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      bytes = await part.toBuffer();
      fileName = (part.filename || fileName).slice(0, 255);
    } else if (part.fieldname === 'kind') {
      kind = String(part.value);
    }
  }
  return { kind, fileName, bytes };
}

async function sendCsv(reply: FastifyReply, out: { fileName: string; chunks: AsyncIterable<string> }) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${out.fileName.replace(/[^\w.-]+/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(out.chunks));
}

export function importRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: FastifyRequest) => ctxOf(req, services.now());
  return async (app) => {
    app.post(
      '/imports',
      {
        config: { auth: 'partner.import' },
        schema: {
          tags,
          operationId: 'uploadImport',
          summary:
            'Uploads a CSV of partners, contacts, customer accounts or leads (multipart: file, kind) and suggests a column mapping',
          description:
            'multipart/form-data with a `kind` field (partners | contacts | accounts | leads) and a `file` part: CSV in UTF-8, at most 50 MB. ' +
            'The response lists the headers and a suggested mapping (CSV header → Trellis field); the preset says which export format was recognised (Trellis, Salesforce, HubSpot). ' +
            'Importing accounts also needs the account.manage permission; an account row updates the account with the same external id (metadata.externalId), else the one account with its name and country, else creates one. ' +
            'Importing leads also needs lead.manage; leads are created with source `import`, rows repeating a stored lead (same e-mail and company) or an earlier row are skipped as duplicates, and the job routes the imported leads in bulk after its last chunk unless the start request says `route: false`.',
          consumes: ['multipart/form-data'],
          // Documents the form for /api/docs. The parts are streamed and checked in the handler (the file
          // may be 50 MB), so this schema is not used to validate: see validatorCompiler below.
          body: ImportUploadFormSchema,
          response: { 201: z.object({ import: ImportSchema }) },
        },
        validatorCompiler: () => (data: unknown) => ({ value: data }),
      },
      async (req, reply) => {
        const upload = await readUpload(req);
        const kind = ImportKindSchema.safeParse(upload.kind);
        const issues = [];
        if (!kind.success) {
          issues.push({
            path: 'body.kind',
            code: 'invalid_value',
            message: `send a kind field: ${ImportKindValues.join(' or ')}`,
          });
        }
        if (!upload.bytes)
          issues.push({ path: 'body.file', code: 'required', message: 'attach the CSV as the "file" part' });
        if (!kind.success || !upload.bytes) throw validationFailed(issues);
        const created = await uploadImport(services, ctx(req), {
          kind: kind.data,
          fileName: upload.fileName,
          bytes: upload.bytes,
        });
        return reply.code(201).send({ import: created });
      },
    );

    app.get(
      '/imports',
      {
        config: { auth: 'partner.import' },
        schema: {
          tags,
          operationId: 'listImports',
          summary: 'Imports, newest first',
          querystring: ImportListQuerySchema,
          response: { 200: pageOf(ImportSchema) },
        },
      },
      async (req) => listImports(services, ctx(req), req.query),
    );

    app.get(
      '/imports/:id',
      {
        config: { auth: 'partner.import' },
        schema: {
          tags,
          operationId: 'getImport',
          summary: 'An import with its progress and its first 1,000 row errors (errorCount counts them all)',
          params: IdParamsSchema,
          response: { 200: z.object({ import: ImportSchema }) },
        },
      },
      async (req) => ({ import: await getImport(services, ctx(req), req.params.id) }),
    );

    app.post(
      '/imports/:id/dry-run',
      {
        config: { auth: 'partner.import' },
        schema: {
          tags,
          operationId: 'dryRunImport',
          summary: 'Validates every row with a mapping and reports per-row errors; writes nothing',
          params: IdParamsSchema,
          body: ImportMappingSchema,
          response: { 200: ImportDryRunResultSchema },
        },
      },
      async (req) => dryRunImport(services, ctx(req), req.params.id, req.body),
    );

    app.post(
      '/imports/:id/start',
      {
        config: { auth: 'partner.import' },
        schema: {
          tags,
          operationId: 'startImport',
          summary: 'Queues the import after a dry run with the same mapping; poll GET /imports/{id} for progress',
          description:
            'Lead imports: `route` (default true) routes the imported leads in bulk after the last chunk; `routing` on the import then counts those offered to partners and those in the fallback queue. Other kinds refuse `route: true`.',
          params: IdParamsSchema,
          body: ImportStartSchema.nullish(),
          response: { 202: z.object({ import: ImportSchema }) },
        },
      },
      async (req, reply) => {
        const started = await startImport(services, ctx(req), req.params.id, req.body ?? {});
        return reply.code(202).send({ import: started });
      },
    );

    app.get(
      '/imports/:id/errors.csv',
      {
        config: { auth: 'partner.import' },
        schema: {
          tags,
          operationId: 'getImportErrorsCsv',
          summary: 'Every row error (row, field, message) followed by the original cells of that row',
          params: IdParamsSchema,
          produces: ['text/csv'],
          response: { 200: csvResponse },
        },
      },
      async (req, reply) => sendCsv(reply, await importErrorsCsv(services, ctx(req), req.params.id)),
    );

    app.get(
      '/partners/export.csv',
      {
        config: { auth: 'partner.export' },
        schema: {
          tags,
          operationId: 'exportPartnersCsv',
          summary:
            "Partners matching the list's filters, as CSV in Trellis' import format (re-imports without mapping)",
          querystring: PartnerExportQuerySchema,
          produces: ['text/csv'],
          response: { 200: csvResponse },
        },
      },
      async (req, reply) => sendCsv(reply, await exportPartners(services, ctx(req), req.query)),
    );

    app.get(
      '/accounts/export.csv',
      {
        config: { auth: 'account.read' },
        schema: {
          tags,
          operationId: 'exportAccountsCsv',
          summary: "Customer accounts (matching a search, named or not) as CSV in Trellis' account import format",
          querystring: AccountExportQuerySchema,
          produces: ['text/csv'],
          response: { 200: csvResponse },
        },
      },
      async (req, reply) => sendCsv(reply, await exportAccounts(services, ctx(req), req.query)),
    );

    app.get(
      '/contacts/export.csv',
      {
        config: { auth: 'partner.export' },
        schema: {
          tags,
          operationId: 'exportContactsCsv',
          summary: "Contacts (of one partner, or matching a search) as CSV in Trellis' import format",
          querystring: ContactExportQuerySchema,
          produces: ['text/csv'],
          response: { 200: csvResponse },
        },
      },
      async (req, reply) => sendCsv(reply, await exportContacts(services, ctx(req), req.query)),
    );
  };
}
