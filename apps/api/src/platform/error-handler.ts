import type { ErrorIssue } from '@trellis/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors';

/** One error shape for everything: { error: { code, message, details?, requestId } }. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const requestId = String(req.id);
    const send = (status: number, code: string, message: string, details?: Record<string, unknown>) =>
      reply.code(status).send({ error: { code, message, ...(details ? { details } : {}), requestId } });

    if (err instanceof AppError) return send(err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: ErrorIssue[] = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        code: v.keyword,
        message: v.message ?? 'invalid',
      }));
      const first = issues[0];
      const message =
        issues.length === 1 && first ? `${first.path}: ${first.message}` : `${issues.length} problems in the request`;
      return send(422, 'validation_failed', message, { issues });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return send(500, 'internal', 'internal error');
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'bad_request', `malformed JSON body: ${err.message}`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported_media_type', err.message);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return send(413, 'payload_too_large', err.message);
    }
    if (err.statusCode === 429) return send(429, 'rate_limited', 'too many requests; slow down and retry later');
    if (err instanceof SyntaxError) return send(400, 'bad_request', `malformed JSON body: ${err.message}`);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, err.statusCode === 404 ? 'not_found' : 'bad_request', err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal', 'internal error');
  });
}
