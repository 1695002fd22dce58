import { inflateRawSync } from 'node:zlib';
import type { DealAttachmentMediaType } from '@trellis/contracts';

/**
 * C4 attachments: the file's type from its bytes alone — never its name or the client's Content-Type. null
 * when the content is none of the accepted kinds (an executable renamed to .pdf, a macro-enabled Office
 * file, a ZIP, binary data). Text (`text/plain`, `text/csv`) is valid UTF-8 without NUL; which of the two
 * it is cannot be read from content, so `csvName` (the name ends in .csv) decides the label only.
 */
export function sniffMediaType(bytes: Uint8Array, csvName = false): DealAttachmentMediaType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, RIFF) && startsWith(bytes.subarray(8), WEBP)) return 'image/webp';
  if (startsWith(bytes, ZIP_LOCAL)) return officeType(bytes);
  if (isUtf8Text(bytes)) return csvName ? 'text/csv' : 'text/plain';
  return null;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const PDF = ascii('%PDF-');
const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = Uint8Array.of(0xff, 0xd8, 0xff);
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const ZIP_LOCAL = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The main part's content type in `[Content_Types].xml` says which Office document a ZIP is. Macro-enabled
 * (docm, xlsm, pptm) and template variants declare other types and are refused.
 */
const OFFICE_MAIN: readonly [string, DealAttachmentMediaType][] = [
  [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
];

function officeType(bytes: Uint8Array): DealAttachmentMediaType | null {
  const xml = zipEntry(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), '[Content_Types].xml');
  if (xml === null) return null;
  const text = xml.toString('utf8');
  const found = OFFICE_MAIN.filter(([main]) => text.includes(`ContentType="${main}"`));
  return found.length === 1 ? (found[0]?.[1] ?? null) : null;
}

/** A part list is a few kilobytes; anything that inflates past this is not one (or is a ZIP bomb). */
const MAX_PART_BYTES = 1024 * 1024;
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** One entry of a ZIP archive, found through its central directory; null when absent or unreadable. */
export function zipEntry(zip: Buffer, name: string): Buffer | null {
  try {
    return readZipEntry(zip, name);
  } catch {
    return null;
  }
}

function readZipEntry(zip: Buffer, name: string): Buffer | null {
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) return null;
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) return null;
    if (method === 0) return compressedSize <= MAX_PART_BYTES ? data : null;
    if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
    return null;
  }
  return null;
}
