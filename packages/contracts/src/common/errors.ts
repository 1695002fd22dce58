import { z } from 'zod';

/** The closed set of error codes every API error uses (ARCHITECTURE §3). */
export const ErrorCodeValues = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_state',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'account_locked',
  'invalid_token',
  'internal',
] as const;
export type ErrorCode = (typeof ErrorCodeValues)[number];

export const ErrorIssueSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ErrorCodeValues),
      message: z.string(),
      details: z
        .object({ issues: z.array(ErrorIssueSchema).optional() })
        .catchall(z.unknown())
        .optional(),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
