import type { Money } from '@trellis/contracts';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { countryName, formatMoney } from './format';

/** Dates, numbers and money in the person's locale and time zone (C21). */
export function useFormat() {
  const intl = useIntl();
  return useMemo(
    () => ({
      date: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium' }),
      /** A business date (YYYY-MM-DD) has no time zone: it is shown as the same calendar day everywhere. */
      day: (ymd: string) => intl.formatDate(`${ymd}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }),
      dateTime: (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }),
      number: (n: number) => intl.formatNumber(n),
      percent: (n: number) => intl.formatNumber(n / 100, { style: 'percent', maximumFractionDigits: 2 }),
      money: (m: Money) => formatMoney(m, intl.locale),
      country: (code: string) => countryName(code, intl.locale),
      relative: (iso: string) => {
        const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
        const abs = Math.abs(seconds);
        if (abs < 60) return intl.formatRelativeTime(seconds, 'second', { numeric: 'auto' });
        if (abs < 3600) return intl.formatRelativeTime(Math.round(seconds / 60), 'minute', { numeric: 'auto' });
        if (abs < 86400) return intl.formatRelativeTime(Math.round(seconds / 3600), 'hour', { numeric: 'auto' });
        if (abs < 86400 * 30) return intl.formatRelativeTime(Math.round(seconds / 86400), 'day', { numeric: 'auto' });
        return intl.formatDate(iso, { dateStyle: 'medium' });
      },
    }),
    [intl],
  );
}
