import type { Locale } from '@trellis/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { browserTimeZone, initialLocale, loadMessages, type Messages, storeLocale } from './locales';

type I18nState = {
  locale: Locale;
  timeZone: string;
  /** Switches the UI language at once; the caller persists it in the profile when signed in. */
  setLocale: (locale: Locale) => void;
  setTimeZone: (timeZone: string | null) => void;
};

const I18nContext = createContext<I18nState | null>(null);

export function useI18n(): I18nState {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function I18nProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [timeZone, setTz] = useState<string>(browserTimeZone);
  const [loaded, setLoaded] = useState<{ locale: Locale; messages: Messages } | null>(null);

  useEffect(() => {
    let live = true;
    loadMessages(locale).then((messages) => {
      if (live) setLoaded({ locale, messages });
    });
    document.documentElement.lang = locale;
    return () => {
      live = false;
    };
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);
  const setTimeZone = useCallback((tz: string | null) => setTz(tz ?? browserTimeZone()), []);
  const value = useMemo(
    () => ({ locale, timeZone, setLocale, setTimeZone }),
    [locale, timeZone, setLocale, setTimeZone],
  );

  // Until the first catalogue arrives there is nothing to say; afterwards the previous language stays on
  // screen while the next one loads, so switching never blanks the page.
  if (!loaded) return <>{fallback}</>;
  return (
    <I18nContext.Provider value={value}>
      <IntlProvider
        locale={loaded.locale}
        messages={loaded.messages}
        timeZone={timeZone}
        defaultLocale="en"
        onError={(err) => {
          if (import.meta.env.DEV) console.warn(err);
        }}
      >
        {children}
      </IntlProvider>
    </I18nContext.Provider>
  );
}
