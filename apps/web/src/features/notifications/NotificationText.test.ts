import type { Notification } from '@trellis/contracts';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/messages/en.json';
import vi from '../../i18n/messages/vi.json';
import type { TFunction } from '../../i18n/useT';
import { notificationHref, notificationText } from './NotificationText';

const tIn =
  (catalogue: Record<string, string>, locale: string): TFunction =>
  (id, values) =>
    String(new IntlMessageFormat(catalogue[id] ?? '', locale).format(values));

const note = (type: string, data: Record<string, unknown>): Notification => ({
  id: '0190b6a0-0000-7000-8000-000000000001',
  type,
  data,
  readAt: null,
  createdAt: '2026-11-23T10:00:00.000Z',
});

const DEAL_TYPES = [
  'deal.review_requested',
  'deal.review_reminder',
  'deal.review_escalated',
  'deal.channel_conflict',
  'deal.approved',
  'deal.rejected',
  'deal.needs_info',
  'deal.won',
  'deal.lost',
  'deal.expired',
  'deal.extended',
  'deal.extension_requested',
];

describe('deal-registration notifications (C4 alerts in the notification centre)', () => {
  const data = { registrationId: '0190b6a0-0000-7000-8000-0000000000aa', customer: 'Acme Ltd', partner: 'Minh Anh' };

  it('reads every deal event as a sentence naming the customer, never the raw type', () => {
    for (const type of DEAL_TYPES) {
      const text = notificationText(note(type, data), tIn(en, 'en'));
      expect(text, type).toContain('Acme Ltd');
      expect(text, type).not.toContain(type);
    }
  });

  it('speaks the reader’s language and carries the reason a partner must see', () => {
    const text = notificationText(
      note('deal.rejected', { ...data, reason: 'duplicate of an earlier registration' }),
      tIn(vi, 'vi'),
    );
    expect(text).toBe('Đăng ký Acme Ltd của bạn bị từ chối: duplicate of an earlier registration');
  });

  it('leads to the registration on the reader’s side of the app', () => {
    expect(notificationHref(note('deal.review_requested', data), 'console')).toBe(
      '/console/deals/0190b6a0-0000-7000-8000-0000000000aa',
    );
    expect(notificationHref(note('deal.approved', data), 'portal')).toBe(
      '/portal/deals/0190b6a0-0000-7000-8000-0000000000aa',
    );
  });

  it('still shows unknown types plainly', () => {
    expect(notificationText(note('something.new', {}), tIn(en, 'en'))).toBe('Notification: something.new');
  });
});
