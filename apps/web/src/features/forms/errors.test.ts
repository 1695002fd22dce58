import { describe, expect, it } from 'vitest';
import en from '../../i18n/messages/en.json';
import lv from '../../i18n/messages/lv.json';
import vi from '../../i18n/messages/vi.json';
import zhHant from '../../i18n/messages/zh-Hant.json';
import { ISSUE_CODES, issueText } from './errors';

const catalogues = { en, vi, 'zh-Hant': zhHant, lv } as Record<string, Record<string, string>>;
const tOf = (locale: string) => (id: string) => catalogues[locale]?.[id] ?? `missing ${id}`;

describe('a field error in the reader’s language', () => {
  it('has a sentence in every language for every code the forms translate', () => {
    for (const [locale, messages] of Object.entries(catalogues)) {
      for (const code of ISSUE_CODES) expect(messages[`fieldError.${code}`], `${locale} ${code}`).toBeTruthy();
    }
  });

  it('translates the API’s own codes, and keeps its more specific English sentence for English readers', () => {
    const issue = { path: 'body.expectedCloseDate', code: 'in_past', message: 'must not be before today (2026-11-23)' };
    expect(issueText(issue, tOf('vi') as never, 'vi')).toBe('Ngày này đã qua.');
    expect(issueText(issue, tOf('lv') as never, 'lv')).toBe('Šis datums ir pagātnē.');
    expect(issueText(issue, tOf('en') as never, 'en')).toBe('must not be before today (2026-11-23)');
    const domain = {
      path: 'body.customer.domain',
      code: 'invalid_domain',
      message: '"gmail.com" is a free e-mail provider',
    };
    expect(issueText(domain, tOf('zh-Hant') as never, 'zh-Hant')).toContain('網域');
  });
});
