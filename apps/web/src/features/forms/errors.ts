import { ApiError } from '../../api/client';
import type { MessageId } from '../../i18n/locales';
import type { TFunction } from '../../i18n/useT';

export const ISSUE_CODES = [
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'not_multiple_of',
  'unrecognized_keys',
  'custom',
  'required',
  // Trellis' own codes (the API names them in its issues; its sentence is English and may carry values).
  'in_past',
  'invalid_domain',
  'named_account',
  'taken',
  'duplicate',
  'self_parent',
  'parent_cycle',
  'invalid_owner',
  'invalid_option',
  'invalid_date',
  'unknown_partner',
  'partner_not_active',
  'unknown_stage',
  'closed_stage',
  'not_allowed',
  'too_many',
  'ecb_format',
  'last_of_kind',
] as const;

const ERROR_CODES = [
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
  'network',
] as const;

type IssueLike = { path: string; code: string; message: string };

/**
 * One field's problem in the person's language. The API's own sentence is English and often more
 * specific ("must be an ISO 3166-1 alpha-2 code such as VN"), so English readers get it verbatim; others
 * get the translated meaning of its code.
 */
export function issueText(issue: IssueLike, t: TFunction, locale: string): string {
  // "expected string, received undefined" means the field was left empty: say so plainly in every language.
  if (issue.code === 'required' || (issue.code === 'invalid_type' && /received (undefined|null)/.test(issue.message))) {
    return t('fieldError.required');
  }
  if (locale === 'en') return issue.message;
  const code = (ISSUE_CODES as readonly string[]).includes(issue.code) ? issue.code : null;
  return code ? t(`fieldError.${code}` as MessageId) : issue.message;
}

/** `body.address.city` → `address.city`, the form's own field path. */
export function formPath(path: string): string {
  return path.replace(/^(body|querystring|params)\./, '');
}

/** The API's field-level issues keyed by form field; the first issue per field wins. */
export function fieldErrors(err: unknown, t: TFunction, locale: string): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = formPath(issue.path);
    if (key && !(key in out)) out[key] = issueText(issue, t, locale);
  }
  return out;
}

/** A sentence for an error that is not about one field. */
export function errorText(err: unknown, t: TFunction, locale: string): string {
  if (err instanceof ApiError) {
    if (locale === 'en' && err.code !== 'internal' && err.code !== 'network' && err.message) {
      return capitalise(err.message);
    }
    const code = (ERROR_CODES as readonly string[]).includes(err.code) ? err.code : 'internal';
    return t(`apiError.${code}` as MessageId);
  }
  return t('apiError.internal');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const ISSUE_CODE_KEYS = ISSUE_CODES.map((c) => `fieldError.${c}`);
export const ERROR_CODE_KEYS = ERROR_CODES.map((c) => `apiError.${c}`);

/** After a refused submit, focus moves to the first field in error (WCAG 3.3.1), scrolled into view. */
export function focusFirstInvalid(root: ParentNode | null = document): void {
  window.setTimeout(() => {
    const el = root?.querySelector<HTMLElement>('[aria-invalid="true"], input[data-invalid="true"]');
    el?.focus();
  }, 0);
}
