import { describe, expect, it } from 'vitest';
import { contentDisposition, storedFileName } from './attachment.policy';

describe('storedFileName', () => {
  it('keeps a matching extension, appends the right one otherwise', () => {
    expect(storedFileName('Báo giá Q3.pdf', 'application/pdf')).toBe('Báo giá Q3.pdf');
    expect(storedFileName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(storedFileName('invoice.pdf.exe', 'application/pdf')).toBe('invoice.pdf.exe.pdf');
    expect(storedFileName('page.html', 'text/plain')).toBe('page.html.txt');
  });

  it('drops paths and control characters, normalises to NFC and names the nameless', () => {
    expect(
      storedFileName(
        'C:\\fakepath\\報價單.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    ).toBe('報價單.docx');
    expect(storedFileName('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(storedFileName('a\r\nb.csv', 'text/csv')).toBe('ab.csv');
    expect(storedFileName('Nguye\u0302\u0303n.pdf', 'application/pdf')).toBe('Nguyễn.pdf');
    expect(storedFileName(undefined, 'image/png')).toBe('attachment.png');
  });

  it('shortens long names to 200 characters and keeps the extension', () => {
    const name = storedFileName(`${'合'.repeat(300)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('合.pdf')).toBe(true);
  });
});

describe('contentDisposition (RFC 6266 / 5987)', () => {
  it('carries the exact UTF-8 name and an ASCII fallback', () => {
    const header = contentDisposition('Báo giá "Q3" (final)*.pdf');
    expect(header).toBe(
      `attachment; filename="Bao gia _Q3_ (final)*.pdf"; filename*=UTF-8''B%C3%A1o%20gi%C3%A1%20%22Q3%22%20%28final%29%2A.pdf`,
    );
    const zh = contentDisposition('報價單.xlsx');
    expect(zh).toContain(`filename*=UTF-8''${encodeURIComponent('報價單.xlsx')}`);
    expect(zh).toMatch(/^[\x20-\x7e]+$/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(zh)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('報價單.xlsx');
  });
});
