import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import lv from './messages/lv.json';
import vi from './messages/vi.json';
import zhHant from './messages/zh-Hant.json';

const catalogues: Record<string, Record<string, string>> = { vi, 'zh-Hant': zhHant, lv };
const enKeys = Object.keys(en).sort();

/** Argument names a message uses ({name}, {count, plural, …}), so translations cannot drop or rename one. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) {
      out.add(el.value);
    } else if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    } else if (el.type === TYPE.tag) {
      argumentsOf(el.children, out);
    }
  }
  return out;
}

describe('message catalogues', () => {
  it('English parses as ICU MessageFormat', () => {
    for (const [key, message] of Object.entries(en)) {
      expect(() => parse(message), key).not.toThrow();
    }
  });

  for (const [locale, messages] of Object.entries(catalogues)) {
    describe(locale, () => {
      it('has exactly the English keys: none missing, none extra', () => {
        const keys = Object.keys(messages).sort();
        const missing = enKeys.filter((k) => !(k in messages));
        const extra = keys.filter((k) => !(k in en));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('every message parses and uses the same arguments as English', () => {
        for (const key of enKeys) {
          const message = messages[key];
          if (message === undefined) continue;
          const expected = [...argumentsOf(parse(en[key as keyof typeof en]))].sort();
          const actual = [...argumentsOf(parse(message))].sort();
          expect(actual, `${locale} ${key}`).toEqual(expected);
        }
      });

      it('is translated, not an English copy', () => {
        // Some strings are the same in every language (product names, "E-mail" in lv…), but a catalogue where
        // many messages equal the English one was copied, not translated.
        const same = enKeys.filter((k) => messages[k] === en[k as keyof typeof en]);
        expect(same.length / enKeys.length, `${locale}: ${same.slice(0, 20).join(', ')}`).toBeLessThan(0.05);
      });
    });
  }
});
