import type { ErrorCode, ErrorIssue } from '@trellis/contracts';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  idempotency_key_reused: 409,
  idempotency_key_in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  account_locked: 423,
  invalid_token: 400,
  internal: 500,
};

/** The one error type use cases throw; the error handler renders it in the one error shape. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'your role may not do this') => new AppError('forbidden', message);
export const invalidState = (message: string, details?: Record<string, unknown>) =>
  new AppError('invalid_state', message, details);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError('conflict', message, details);
export const validationFailed = (issues: ErrorIssue[]) =>
  new AppError(
    'validation_failed',
    issues.length === 1 ? `${issues[0]?.path || 'body'}: ${issues[0]?.message}` : `${issues.length} fields are invalid`,
    { issues },
  );
