import { stringify } from 'csv-stringify/sync';

/** Excel and LibreOffice read the file as UTF-8 only when it starts with a BOM (C21: vi, zh-Hant, lv text). */
export const UTF8_BOM = '\uFEFF';

/**
 * OWASP CSV injection: a cell starting with = + - @ tab or CR is a formula to a spreadsheet, so it gets a
 * leading apostrophe. The importer removes exactly this prefix, so an export still re-imports unchanged.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

type Cell = string | number | null | undefined;

/** Rows → CSV text (CRLF, RFC 4180 quoting), every data cell neutralised. */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : neutralise(String(c))))),
    { record_delimiter: 'windows' },
  );
}

/** The header row: our own names, written as they are. */
export function csvHeader(names: readonly string[]): string {
  return stringify([names as string[]], { record_delimiter: 'windows' });
}

/** "a; b; c": the list separator the importer splits on first, so labels may contain commas. */
export const joinList = (values: readonly string[]) => values.join('; ');
