import { LocaleValues } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import { renderMail } from '../../platform/mail-templates';
import { formatInstant, RECALL_REASON_TEXT } from './lead.alerts';

const params = {
  name: 'Mai',
  workspace: 'Acme Networks',
  company: 'Công ty Sao Việt',
  country: 'VN',
  count: '12',
  partner: 'Saigon Digital',
  acceptBy: '25 Nov 2026, 16:00 GMT+7',
};

describe('lead e-mails', () => {
  it('exist in all four languages, name the company and the deadline, and fill every placeholder', () => {
    for (const template of ['lead_offered', 'lead_offered_batch', 'lead_sla_reminder', 'lead_recalled'] as const) {
      const subjects = new Set<string>();
      for (const locale of LocaleValues) {
        const reason = RECALL_REASON_TEXT.sla_expired[locale];
        const mail = renderMail(template, locale, { ...params, reason });
        const text = `${mail.subject}\n${mail.text}`;
        expect(text, `${template} ${locale}`).not.toMatch(/undefined|\$\{/);
        expect(text).toContain(template === 'lead_offered_batch' ? '12' : 'Công ty Sao Việt');
        if (template !== 'lead_recalled') expect(text).toContain(params.acceptBy);
        else expect(text).toContain(reason);
        subjects.add(mail.subject);
      }
      expect(subjects.size, `${template} is translated, not copied`).toBe(LocaleValues.length);
    }
  });

  it('gives the deadline in the reader’s language and time zone', () => {
    const at = new Date('2026-11-25T09:00:00Z');
    expect(formatInstant(at, 'vi', 'Asia/Ho_Chi_Minh')).toContain('16:00');
    expect(formatInstant(at, 'lv', 'Europe/Riga')).toContain('11:00');
    expect(formatInstant(at, 'zh-Hant', 'Asia/Taipei')).toMatch(/5:00|17:00/);
    expect(formatInstant(at, 'en', 'Not/AZone')).toBe('2026-11-25 09:00 UTC');
  });
});
