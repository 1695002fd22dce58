import {
  EcbImportResultSchema,
  ExchangeRateCreateSchema,
  ExchangeRateListQuerySchema,
  ExchangeRateSchema,
  IdParamsSchema,
  pageOf,
} from '@trellis/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app';
import { AppError, validationFailed } from '../../platform/errors';
import { ctxOf } from '../../platform/route-guard';
import { createRate, deleteRate, ECB_MAX_BYTES, importEcb, listRates } from './fx.service';

const tags = ['Exchange rates'];
const EcbUploadFormSchema = z
  .object({ file: z.string().meta({ format: 'binary', description: 'eurofxref-daily.xml or eurofxref-hist.xml' }) })
  .meta({ id: 'EcbUploadForm' });

function noBodyValidation<S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  if (route.httpPart === 'body') return () => ({ value: undefined });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

const fileIssue = (code: string, message: string) => ({ path: 'body.file', code, message });

/** Reads the one `file` part of an ECB upload. */
async function readFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'send multipart/form-data with one "file" part');
  let bytes: Buffer | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: ECB_MAX_BYTES, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      bytes = await part.toBuffer();
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      const issue = fileIssue('too_large', `is larger than ${ECB_MAX_BYTES / 1024 / 1024} MB`);
      throw new AppError('payload_too_large', `body.file: ${issue.message}`, { issues: [issue] });
    }
    if (code === 'FST_FILES_LIMIT') throw validationFailed([fileIssue('too_many', 'send one file')]);
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('bad_request', `malformed multipart body: ${(err as Error).message}`);
  }
  if (!bytes) throw validationFailed([fileIssue('required', 'attach the ECB XML file as "file"')]);
  return bytes;
}

/** C6/C7: exchange rates — entered by hand, or imported from the ECB reference-rate XML. */
export function fxRoutes(services: Services): FastifyPluginAsyncZod {
  const ctx = (req: FastifyRequest) => ctxOf(req, services.now());
  return async (app) => {
    app.get(
      '/exchange-rates',
      {
        config: { auth: 'fx.read' },
        schema: {
          tags,
          operationId: 'listExchangeRates',
          summary: 'Stored rates, newest date first (1 base = rate quote)',
          querystring: ExchangeRateListQuerySchema,
          response: { 200: pageOf(ExchangeRateSchema) },
        },
      },
      async (req) => listRates(services, ctx(req), req.query),
    );
    app.post(
      '/exchange-rates',
      {
        config: { auth: 'fx.manage', idempotent: true },
        schema: {
          tags,
          operationId: 'createExchangeRate',
          summary:
            'Enters a rate by hand (an exact decimal string); it replaces a stored rate of the same pair and date',
          body: ExchangeRateCreateSchema,
          response: { 201: z.object({ rate: ExchangeRateSchema }) },
        },
      },
      async (req, reply) => reply.code(201).send({ rate: await createRate(services, ctx(req), req.body) }),
    );
    app.post(
      '/exchange-rates/ecb-import',
      {
        config: { auth: 'fx.manage' },
        schema: {
          tags,
          operationId: 'importEcbRates',
          summary: 'Imports the ECB reference rates (multipart: file = eurofxref-daily.xml or eurofxref-hist.xml)',
          description:
            'All or nothing: a file that is not well-formed ECB XML is refused (422 naming body.file, with the line of ' +
            'the first problem) and nothing is stored. Manual rates of the same pair and date are kept. At most 20 MB.',
          consumes: ['multipart/form-data'],
          body: EcbUploadFormSchema,
          response: { 200: z.object({ result: EcbImportResultSchema }) },
        },
        validatorCompiler: noBodyValidation,
      },
      async (req) => ({ result: await importEcb(services, ctx(req), await readFile(req)) }),
    );
    app.delete(
      '/exchange-rates/:id',
      {
        config: { auth: 'fx.manage' },
        schema: {
          tags,
          operationId: 'deleteExchangeRate',
          summary: 'Deletes a stored rate (forecasts then use the next older one)',
          params: IdParamsSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteRate(services, ctx(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
