import type { ErrorCode, ErrorIssue } from '@trellis/contracts';

/** Every failed API call becomes one of these, carrying the API's error object (ARCHITECTURE §3). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly issues: ErrorIssue[] = [],
    readonly requestId: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let workspaceId: string | null = null;

/** The workspace this tab works in; sent on every call so another tab's switch does not move this one. */
export function setWorkspaceHeader(id: string | null): void {
  workspaceId = id;
}

export function csrfToken(): string | null {
  const match = document.cookie.match(/(?:^|;\s*)trellis_csrf=([^;]+)/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** Creates carry an Idempotency-Key so a retried submit does not create twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  if (workspaceId) headers['x-workspace-id'] = workspaceId;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json as { error?: Record<string, unknown> } | null)?.error;
    const details = (e?.details as Record<string, unknown> | undefined) ?? {};
    throw new ApiError(
      res.status,
      (e?.code as ErrorCode | undefined) ?? 'internal',
      (e?.message as string | undefined) ?? res.statusText,
      (details.issues as ErrorIssue[] | undefined) ?? [],
      (e?.requestId as string | undefined) ?? null,
      details,
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** The URL of a download the browser fetches itself (CSV exports, error reports). */
export function downloadUrl(path: string, query?: Query): string {
  return `/api/v1${path}${toQueryString(query)}`;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
