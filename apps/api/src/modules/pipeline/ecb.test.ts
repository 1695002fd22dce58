import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EcbFormatError, parseEcbXml } from './ecb';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('ECB reference-rate XML', () => {
  it('reads the history file: every day with its rates, as exact decimal strings', () => {
    const days = parseEcbXml(fixture('eurofxref-hist-sample.xml'));
    expect(days.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-19']);
    expect(days[0]?.rates).toEqual([
      { currency: 'USD', rate: '1.0823' },
      { currency: 'JPY', rate: '162.45' },
      { currency: 'GBP', rate: '0.8612' },
      { currency: 'KRW', rate: '1502.37' },
    ]);
    expect(days[1]?.rates.find((r) => r.currency === 'JPY')?.rate).toBe('161.90');
  });

  it('reads the daily file with single-quoted attributes and a byte-order mark', () => {
    const days = parseEcbXml(`\uFEFF${fixture('eurofxref-daily-sample.xml')}`);
    expect(days).toEqual([
      {
        date: '2026-11-23',
        rates: [
          { currency: 'USD', rate: '1.0850' },
          { currency: 'JPY', rate: '163.10' },
          { currency: 'GBP', rate: '0.8630' },
        ],
      },
    ]);
  });

  const bad: [string, string, RegExp][] = [
    ['an empty file', '   ', /empty/],
    ['a truncated file', fixture('eurofxref-daily-sample.xml').slice(0, 400), /line \d+: .*never closed|unreadable/],
    [
      'mismatched tags',
      '<a><Cube time="2026-01-02"></a></Cube>',
      /line 1: not well-formed XML: <\/a> does not close <Cube>/,
    ],
    ['a CSV file', 'date,USD\n2026-01-02,1.08\n', /text outside the root element/],
    ['XML without rates', '<?xml version="1.0"?><feed><entry/></feed>', /no exchange-rate days/],
    [
      'an impossible date',
      '<Cube><Cube time="2026-02-30"><Cube currency="USD" rate="1.1"/></Cube></Cube>',
      /time="2026-02-30" is not a date/,
    ],
    [
      'a negative rate',
      '<Cube><Cube time="2026-01-02"><Cube currency="USD" rate="-1.1"/></Cube></Cube>',
      /rate="-1.1" for USD/,
    ],
    [
      'a zero rate',
      '<Cube><Cube time="2026-01-02"><Cube currency="USD" rate="0.0000"/></Cube></Cube>',
      /not a positive decimal/,
    ],
    [
      'a float exponent',
      '<Cube><Cube time="2026-01-02"><Cube currency="USD" rate="1e3"/></Cube></Cube>',
      /not a positive decimal/,
    ],
    [
      'a bad currency',
      '<Cube><Cube time="2026-01-02"><Cube currency="usd" rate="1.1"/></Cube></Cube>',
      /currency="usd"/,
    ],
    ['a rate outside a day', '<Cube><Cube currency="USD" rate="1.1"/></Cube>', /outside a <Cube time/],
    [
      'a day listed twice',
      '<Cube><Cube time="2026-01-02"><Cube currency="USD" rate="1.1"/></Cube>\n<Cube time="2026-01-02"/></Cube>',
      /line 2: the day 2026-01-02 appears twice/,
    ],
  ];
  it.each(bad)('refuses %s with a clear error', (_name, xml, message) => {
    expect(() => parseEcbXml(xml)).toThrow(EcbFormatError);
    expect(() => parseEcbXml(xml)).toThrow(message);
  });
});
