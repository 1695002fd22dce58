import { describe, expect, it } from 'vitest';
import { bulkId } from './bulk-ids';
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

describe('bulkId', () => {
  it('makes distinct, time-ordered UUIDv7s, as many as a bulk run needs', () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, bulkId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    const ms = Number.parseInt(ids[0]?.replace(/-/g, '').slice(0, 12) ?? '', 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
