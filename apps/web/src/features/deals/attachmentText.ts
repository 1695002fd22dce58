import { ApiError } from '../../api/client';
import type { MessageId } from '../../i18n/locales';

/** "245 kB", "3.4 MB" in the person's locale (decimal units, as file pickers show them). */
export function formatFileSize(bytes: number, locale: string): string {
  const [unit, size] =
    bytes >= 1_000_000
      ? (['megabyte', bytes / 1_000_000] as const)
      : (['kilobyte', Math.max(bytes / 1000, 0.1)] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(size);
}

export type Limits = { maxFiles: number; maxBytes: number };
type Problem = { id: MessageId; values: Record<string, string | number> };

const maxMb = (limits: Limits) => Math.round(limits.maxBytes / (1024 * 1024));

/** A file the browser already knows is too big: refused before it is sent. */
export function localProblem(file: { name: string; size: number }, limits: Limits): Problem | null {
  if (file.size > limits.maxBytes) {
    return { id: 'deals.attachments.error.size', values: { name: file.name, maxMb: maxMb(limits) } };
  }
  if (file.size === 0) return { id: 'deals.attachments.error.empty', values: { name: file.name } };
  return null;
}

/**
 * The API's refusal of one upload as a sentence naming the file: the issue code on `body.file` says which
 * (type, size, empty, one too many); a state refusal says when files may change; anything else is shown
 * with the general error text (`other`).
 */
export function uploadProblem(err: unknown, name: string, limits: Limits, other: string): Problem {
  if (err instanceof ApiError) {
    if (err.code === 'payload_too_large') {
      return { id: 'deals.attachments.error.size', values: { name, maxMb: maxMb(limits) } };
    }
    if (err.code === 'invalid_state') return { id: 'deals.attachments.locked', values: {} };
    const issue = err.issues.find((i) => i.path === 'body.file');
    if (issue?.code === 'invalid_type') return { id: 'deals.attachments.error.type', values: { name } };
    if (issue?.code === 'too_small') return { id: 'deals.attachments.error.empty', values: { name } };
    if (issue?.code === 'too_big')
      return { id: 'deals.attachments.error.size', values: { name, maxMb: maxMb(limits) } };
    if (issue?.code === 'too_many') {
      return { id: 'deals.attachments.error.count', values: { name, maxFiles: limits.maxFiles } };
    }
  }
  return { id: 'deals.attachments.error.other', values: { name, message: other } };
}
