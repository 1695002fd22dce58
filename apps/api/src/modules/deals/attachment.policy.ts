import {
  DEAL_ATTACHMENT_MAX_BYTES,
  DEAL_ATTACHMENT_MAX_FILES,
  type DealAttachmentMediaType,
  type DealStatus,
  type ErrorIssue,
} from '@trellis/contracts';
import type { Actor } from '../../platform/context';
import { EDITABLE_STATES } from './deal.policy';

const MB = 1024 * 1024;
const ACCEPTED = 'PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX, or UTF-8 text / CSV';

/** The extensions a stored name may end in for each type; the first is appended when none matches. */
const EXTENSIONS: Record<DealAttachmentMediaType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe'],
  'image/webp': ['.webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
  'text/plain': ['.txt'],
  'text/csv': ['.csv'],
};

/** Whether the registering partner may add or remove files: draft and needs_info only, like editing. */
export function attachmentsEditable(actor: Actor, status: DealStatus): boolean {
  return actor.partnerId !== null && actor.permissions.has('deal.register') && EDITABLE_STATES.includes(status);
}

export function notEditableMessage(status: DealStatus, verb: 'add' | 'delete'): string {
  return `a registration in state ${status} cannot ${verb === 'add' ? 'take new' : 'lose'} attachments; only draft or needs_info`;
}

const fileIssue = (code: string, message: string): ErrorIssue => ({ path: 'body.file', code, message });

export const missingFileIssue = () => fileIssue('required', 'attach one file as the "file" part');
export const emptyFileIssue = () => fileIssue('too_small', 'the file is empty');
export const tooLargeIssue = () =>
  fileIssue('too_big', `the file is larger than ${DEAL_ATTACHMENT_MAX_BYTES / MB} MB (the limit per file)`);
export const tooManyIssue = () =>
  fileIssue(
    'too_many',
    `a registration holds at most ${DEAL_ATTACHMENT_MAX_FILES} attachments; delete one before adding another`,
  );
export const oneFileIssue = () => fileIssue('too_many', 'send one file per request');
export const wrongTypeIssue = (fileName: string) =>
  fileIssue(
    'invalid_type',
    `"${fileName}" is not an accepted file type (${ACCEPTED}); its content decides, not its name`,
  );

/**
 * The name to store: the last path segment (some browsers send C:\fakepath\…), NFC, no control characters,
 * at most 200 characters, and an extension that matches the content — "invoice.pdf.exe" holding a PDF is
 * kept as "invoice.pdf.exe.pdf", so a saved download never opens as something else.
 */
export function storedFileName(raw: string | undefined, type: DealAttachmentMediaType): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/\p{Cc}/gu, '')
    .trim();
  const named = clean || 'attachment';
  const extensions = EXTENSIONS[type];
  const own = extensions.find((e) => named.toLowerCase().endsWith(e));
  const ext = own ? named.slice(named.length - own.length) : (extensions[0] ?? '');
  const stem = own ? named.slice(0, named.length - own.length) : named;
  return `${[...stem].slice(0, 200 - ext.length).join('')}${ext}`;
}

/** Whether a (client-side) name ends in .csv: only chooses text/csv over text/plain for valid UTF-8 text. */
export const isCsvName = (name: string | undefined) => /\.csv$/i.test((name ?? '').trim());

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback for old clients and the exact name in
 * RFC 5987 form, so Vietnamese and Chinese names survive.
 */
export function contentDisposition(fileName: string): string {
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
      .trim() || 'attachment';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The Content-Type of a download; text says its charset so no browser guesses another. */
export const downloadContentType = (type: DealAttachmentMediaType) =>
  type.startsWith('text/') ? `${type}; charset=utf-8` : type;
