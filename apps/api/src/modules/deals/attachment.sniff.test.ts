import { describe, expect, it } from 'vitest';
import {
  contentTypesXml,
  DOCX,
  EXE,
  JPEG,
  OFFICE_MAIN,
  office,
  PDF,
  PLAIN_ZIP,
  PNG,
  PPTX,
  WEBP,
  XLSX,
  zip,
} from '../../../test/attachment-files';
import { sniffMediaType, zipEntry } from './attachment.sniff';

describe('sniffMediaType (C4 attachments: the content decides)', () => {
  it.each([
    ['PDF', PDF, 'application/pdf'],
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
    ['DOCX', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['PPTX', PPTX, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ])('recognises %s', (_name, bytes, type) => {
    expect(sniffMediaType(bytes)).toBe(type);
  });

  it('reads a stored (uncompressed) part list as well as a deflated one', () => {
    const stored = zip({ '[Content_Types].xml': contentTypesXml(OFFICE_MAIN.xlsx) }, true);
    expect(sniffMediaType(stored)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('text is valid UTF-8 without NUL; .csv only picks the label', () => {
    const text = Buffer.from('Báo giá — 報價單\nTotal;1 250,50 €\n');
    expect(sniffMediaType(text)).toBe('text/plain');
    expect(sniffMediaType(text, true)).toBe('text/csv');
    expect(sniffMediaType(Buffer.from('a,b\0c'), true)).toBeNull();
    expect(sniffMediaType(Buffer.from([0x61, 0xc3, 0x28]), true)).toBeNull();
  });

  it('refuses executables, plain ZIPs, macro-enabled and unknown Office parts, and broken archives', () => {
    expect(sniffMediaType(EXE)).toBeNull();
    expect(sniffMediaType(PLAIN_ZIP)).toBeNull();
    expect(sniffMediaType(office(OFFICE_MAIN.docm))).toBeNull();
    expect(sniffMediaType(office('application/xml'))).toBeNull();
    expect(sniffMediaType(DOCX.subarray(0, DOCX.length - 30))).toBeNull();
    // GIF is not on the list: its binary header (NUL bytes) is not text either.
    expect(sniffMediaType(Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x01, 0x00, 0x01, 0x00])]))).toBeNull();
  });

  it('a part list that inflates beyond 1 MB is not read (ZIP bomb)', () => {
    const huge = `${contentTypesXml(OFFICE_MAIN.docx)}${' '.repeat(2 * 1024 * 1024)}`;
    expect(zipEntry(zip({ '[Content_Types].xml': huge }), '[Content_Types].xml')).toBeNull();
    expect(sniffMediaType(zip({ '[Content_Types].xml': huge }))).toBeNull();
  });
});
