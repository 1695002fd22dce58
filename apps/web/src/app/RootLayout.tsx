import { useQuery } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { useEffect } from 'react';
import { meQuery } from '../api/session';
import { useI18n } from '../i18n/I18nProvider';

/** Applies the signed-in person's language and time zone (C21) wherever they are in the app. */
export function RootLayout() {
  const { data: me } = useQuery(meQuery);
  const { locale, setLocale, setTimeZone } = useI18n();
  const wanted = me?.user.locale ?? null;
  const tz = me?.user.timeZone ?? null;
  useEffect(() => {
    if (wanted && wanted !== locale) setLocale(wanted);
  }, [wanted, locale, setLocale]);
  useEffect(() => {
    setTimeZone(tz);
  }, [tz, setTimeZone]);
  return <Outlet />;
}
