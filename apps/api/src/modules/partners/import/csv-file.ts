import { type CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../../../platform/errors';
import { unneutralise } from './normalise';

/*
 * Reading an uploaded CSV (C1, C19). Spreadsheet programs produce every kind of file, so each refusal
 * names the problem and what to do about it; nothing here touches the database.
 */

const SAVE_AS = 'save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and upload it again';

const unsupported = (code: string, message: string) =>
  new AppError('unsupported_media_type', message, { issues: [{ path: 'file', code, message }] });
const invalidFile = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError('validation_failed', message, { issues: [{ path: 'file', code, message }], ...extra });

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(buf: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function looksLikeUtf16(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 2000);
  if (n < 4) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) zeros++;
  return zeros / n > 0.2;
}

const startsWith = (buf: Uint8Array, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/**
 * Bytes → text: refuses UTF-16/32, spreadsheets saved in their own format and anything that is not
 * valid UTF-8 (Latin-1, Windows-1252, Big5…), naming the line of the first bad byte; strips a UTF-8 BOM.
 */
export function decodeCsv(buf: Uint8Array): string {
  if (buf.length === 0) throw invalidFile('empty', 'the file is empty');
  if (startsWith(buf, [0x00, 0x00, 0xfe, 0xff]) || startsWith(buf, [0xff, 0xfe, 0x00, 0x00])) {
    throw unsupported('encoding', `the file is UTF-32, not UTF-8; ${SAVE_AS}`);
  }
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff]) || looksLikeUtf16(buf)) {
    throw unsupported('encoding', `the file is UTF-16 ("Unicode text"), not UTF-8; ${SAVE_AS}`);
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw unsupported('format', `the file is a spreadsheet workbook (Excel or similar), not CSV; ${SAVE_AS}`);
  }
  const body = startsWith(buf, [0xef, 0xbb, 0xbf]) ? buf.subarray(3) : buf;
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const byte = (body[bad] as number).toString(16).toUpperCase().padStart(2, '0');
    throw unsupported(
      'encoding',
      `the file is not UTF-8: byte 0x${byte} on line ${lineAt(body, bad)} is not valid UTF-8 (the file is probably Latin-1/Windows-1252 or another legacy encoding); ${SAVE_AS}`,
    );
  }
  // NFC: macOS and some CRMs write letters decomposed (e + combining accent); stored text is composed, so
  // names compare, search and match as people see them.
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8').normalize('NFC');
  if (text.trim() === '') throw invalidFile('empty', 'the file is empty');
  return text;
}

/** Comma unless the header line uses semicolons or tabs more (Excel in many locales saves with ";"). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

export type CsvRow = {
  /** The row number a spreadsheet shows (header = 1). */
  row: number;
  cells: string[];
};
export type ParsedCsv = { headers: string[]; rows: CsvRow[] };

function parseRecords(text: string): string[][] {
  const buf = Buffer.from(text, 'utf8');
  try {
    return parse(buf, { delimiter: detectDelimiter(text), relax_column_count: true, max_record_size: 1_000_000 });
  } catch (err) {
    const e = err as CsvError & { bytes_records?: number; lines?: number };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = unclosedQuoteLine(text);
      throw invalidFile(
        'unclosed_quote',
        `a quoted value that starts on line ${line} is never closed: check that line for a missing closing " (a quote inside a value is written "")`,
        { line },
      );
    }
    if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE') {
      const line = e.lines ?? lineAt(buf, e.bytes_records ?? 0);
      throw invalidFile(
        'misplaced_quote',
        `line ${line} has a quote (") in the middle of a value; quote the whole value and write a quote inside it as ""`,
        { line },
      );
    }
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      const line = lineAt(buf, e.bytes_records ?? 0);
      throw invalidFile('record_too_large', `the record starting on line ${line} is over 1,000,000 characters`, {
        line,
      });
    }
    throw invalidFile('malformed', `the file is not valid CSV: ${e.message}`);
  }
}

/** The line where the quoted value that never closes begins ("" inside a value is an escaped quote). */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let quoted = false;
  let openedOn = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '"') {
      if (!quoted && text[i - 1] !== '"') openedOn = line;
      quoted = !quoted;
    }
  }
  return openedOn;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
/** A header cell that is plainly a value: the file has no header row. */
const looksLikeData = (h: string) =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(h) || /^https?:\/\//i.test(h) || /^www\./i.test(h) || /^[\d\s.,+()-]+$/.test(h);

/**
 * Text → header names and data rows. Refuses a missing, blank or duplicated header name, a header that
 * is really data, rows with more cells than the header names, and a file without data rows. Blank
 * lines are skipped but still count for row numbers, as in a spreadsheet.
 */
export function parseCsv(text: string): ParsedCsv {
  const records = parseRecords(text);
  const headerIndex = records.findIndex((r) => !isBlank(r));
  const headerCells = records[headerIndex];
  if (!headerCells) throw invalidFile('empty', 'the file is empty');
  const headers = headerCells.map((h) => h.trim());
  const headerRow = headerIndex + 1;
  const blank = headers.indexOf('');
  if (blank >= 0) {
    throw invalidFile(
      'blank_header',
      `column ${blank + 1} of the header row (row ${headerRow}) has no name; every column needs a name in the first row`,
    );
  }
  const seen = new Map<string, number>();
  for (const [i, h] of headers.entries()) {
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw invalidFile(
        'duplicate_header',
        `the column name "${h}" appears twice in the header row (columns ${first + 1} and ${i + 1}); rename one`,
      );
    }
    seen.set(key, i);
  }
  const dataLike = headers.find(looksLikeData);
  if (dataLike !== undefined) {
    throw invalidFile(
      'missing_header',
      `the first row looks like data ("${dataLike}"), not column names; add a header row naming each column`,
    );
  }
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i] as string[];
    if (isBlank(cells)) continue;
    if (cells.length > headers.length && !isBlank(cells.slice(headers.length))) {
      throw invalidFile(
        'missing_header',
        `row ${i + 1} has ${cells.length} values but the header row names only ${headers.length} columns; give every column a name`,
        { row: i + 1 },
      );
    }
    rows.push({ row: i + 1, cells: cells.slice(0, headers.length).map(unneutralise) });
  }
  if (rows.length === 0) throw invalidFile('no_rows', 'the file has a header row but no data rows');
  return { headers, rows };
}
