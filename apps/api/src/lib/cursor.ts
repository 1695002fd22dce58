import { AppError } from '../platform/errors';

/** Opaque cursors: base64url JSON of the last row's sort key and id. */
export function encodeCursor(value: Record<string, string | number | null>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
): ({ id: string } & Record<string, string | number | null>) | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && typeof value.id === 'string' && /^[0-9a-f-]{36}$/.test(value.id))
      return value;
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'cursor is not one this API returned', {
    issues: [{ path: 'querystring.cursor', code: 'invalid', message: 'unknown cursor' }],
  });
}
