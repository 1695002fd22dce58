import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { formatFileSize, localProblem, uploadProblem } from './attachmentText';

const limits = { maxFiles: 20, maxBytes: 10 * 1024 * 1024 };
const refused = (status: number, code: 'validation_failed' | 'payload_too_large' | 'invalid_state', issue?: string) =>
  new ApiError(status, code, 'refused', issue ? [{ path: 'body.file', code: issue, message: 'x' }] : []);

describe('attachment messages', () => {
  it('formats sizes in the person’s locale', () => {
    expect(formatFileSize(2_400_000, 'en')).toBe('2.4 MB');
    expect(formatFileSize(245_000, 'en')).toBe('245 kB');
    expect(formatFileSize(3, 'en')).toBe('0.1 kB');
    expect(formatFileSize(2_400_000, 'lv')).toMatch(/^2,4\sMB$/);
  });

  it('refuses an oversized or empty file before sending it', () => {
    expect(localProblem({ name: 'scan.pdf', size: limits.maxBytes + 1 }, limits)).toEqual({
      id: 'deals.attachments.error.size',
      values: { name: 'scan.pdf', maxMb: 10 },
    });
    expect(localProblem({ name: 'a.txt', size: 0 }, limits)?.id).toBe('deals.attachments.error.empty');
    expect(localProblem({ name: 'ok.pdf', size: limits.maxBytes }, limits)).toBeNull();
  });

  it('turns each API refusal of `file` into its own sentence naming the file', () => {
    const id = (err: unknown) => uploadProblem(err, 'báo giá.exe', limits, 'general').id;
    expect(id(refused(422, 'validation_failed', 'invalid_type'))).toBe('deals.attachments.error.type');
    expect(id(refused(422, 'validation_failed', 'too_small'))).toBe('deals.attachments.error.empty');
    expect(id(refused(413, 'payload_too_large', 'too_big'))).toBe('deals.attachments.error.size');
    expect(uploadProblem(refused(422, 'validation_failed', 'too_many'), 'x.pdf', limits, '')).toEqual({
      id: 'deals.attachments.error.count',
      values: { name: 'x.pdf', maxFiles: 20 },
    });
    expect(id(refused(409, 'invalid_state'))).toBe('deals.attachments.locked');
    expect(uploadProblem(new ApiError(0, 'network', 'network error'), 'x.pdf', limits, 'offline')).toEqual({
      id: 'deals.attachments.error.other',
      values: { name: 'x.pdf', message: 'offline' },
    });
  });
});
