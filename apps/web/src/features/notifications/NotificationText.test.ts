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

describe('lead notifications (C5 offers, reminders and recalls in the notification centre)', () => {
  const lead = { leadId: '0190b6a0-0000-7000-8000-0000000000bb', company: 'Công ty Sao Việt' };
  const acceptBy = '2026-11-25T10:00:00.000Z';

  it('names the company and the deadline, never the contact, and leads to the lead on each side', () => {
    const offered = note('lead.offered', { ...lead, country: 'VN', acceptBy });
    const text = notificationText(offered, tIn(en, 'en'));
    expect(text).toContain('Công ty Sao Việt');
    expect(text).toMatch(/Nov 25, 2026/);
    expect(notificationHref(offered, 'portal')).toBe('/portal/leads/0190b6a0-0000-7000-8000-0000000000bb');
    expect(notificationHref(offered, 'console')).toBe('/console/leads/0190b6a0-0000-7000-8000-0000000000bb');
  });

  it('counts a batch in the reader’s plural rules and sends a recalled lead’s reader to the inbox', () => {
    expect(notificationText(note('lead.offered_batch', { count: 1, acceptBy }), tIn(en, 'en'))).toMatch(
      /^1 new lead is waiting/,
    );
    expect(notificationText(note('lead.offered_batch', { count: 12, acceptBy }), tIn(en, 'en'))).toMatch(
      /^12 new leads are waiting/,
    );
    const recalled = note('lead.recalled', { ...lead, reason: 'sla_expired' });
    expect(notificationText(recalled, tIn(vi, 'vi'))).toBe(
      'Khách hàng tiềm năng Công ty Sao Việt đã được chuyển cho đối tác khác vì không được nhận kịp thời.',
    );
    expect(notificationText(note('lead.recalled', { ...lead, reason: 'manual' }), tIn(en, 'en'))).toBe(
      'The vendor took back the lead Công ty Sao Việt.',
    );
    expect(notificationHref(recalled, 'portal')).toBe('/portal/leads');
  });

  it('every lead type reads as a sentence, not the raw type', () => {
    for (const type of ['lead.offered', 'lead.offered_batch', 'lead.sla_reminder', 'lead.recalled']) {
      const text = notificationText(note(type, { ...lead, count: 3, acceptBy, reason: 'sla_expired' }), tIn(en, 'en'));
      expect(text, type).not.toContain(type);
      expect(text, type).not.toBe('');
    }
  });
});
