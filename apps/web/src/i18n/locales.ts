import type { Locale } from '@trellis/contracts';
import type en from './messages/en.json';

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

export const LOCALES: readonly Locale[] = ['en', 'vi', 'zh-Hant', 'lv'];

/** Each language named in itself, so a person can find theirs whatever the current UI language is. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  vi: 'Tiếng Việt',
  'zh-Hant': '繁體中文',
  lv: 'Latviešu',
};

/** Each catalogue is its own chunk: a person downloads only their language. */
const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import('./messages/en.json'),
  vi: () => import('./messages/vi.json'),
  'zh-Hant': () => import('./messages/zh-Hant.json'),
  lv: () => import('./messages/lv.json'),
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await loaders[locale]()).default;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a browser language tag (zh-TW, vi-VN, lv-LV…) to one of ours. */
export function matchLocale(tags: readonly string[]): Locale | null {
  for (const raw of tags) {
    const tag = raw.toLowerCase();
    if (tag.startsWith('zh')) {
      if (tag.includes('hant') || tag.endsWith('-tw') || tag.endsWith('-hk') || tag.endsWith('-mo')) return 'zh-Hant';
      continue;
    }
    const base = tag.split('-')[0];
    if (base === 'en' || base === 'vi' || base === 'lv') return base;
  }
  return null;
}

const STORAGE_KEY = 'trellis.locale';

export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice still lives in the profile once signed in
  }
}

export function initialLocale(): Locale {
  return storedLocale() ?? matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages) ?? 'en';
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
