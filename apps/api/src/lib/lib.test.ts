import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';
import { searchKey } from './search-key';

describe('searchKey', () => {
  it('folds Vietnamese, Latvian and full-width text to plain lower case', () => {
    expect(searchKey('Công ty TNHH Giải pháp Số Đà Nẵng')).toBe('cong ty tnhh giai phap so da nang');
    expect(searchKey('SIA Rīgas Mākoņpakalpojumi')).toBe('sia rigas makonpakalpojumi');
    expect(searchKey('ＡＣＭＥ　Straße')).toBe('acme strasse');
    expect(searchKey('台灣雲端科技')).toBe('台灣雲端科技');
  });
});

describe('cursors', () => {
  it('round-trips and refuses cursors it did not make', () => {
    const id = '01a2080c-7c9c-7e8d-af43-671969c9cef4';
    expect(decodeCursor(encodeCursor({ id, at: 'x' }))).toEqual({ id, at: 'x' });
    expect(decodeCursor(undefined)).toBeNull();
    expect(() => decodeCursor('not-a-cursor')).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor({ id: "1'; drop table partners;--" }))).toThrow(/cursor/);
  });
});
