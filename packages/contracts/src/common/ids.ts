import { z } from 'zod';

export const IdSchema = z.uuid();
export const IdParamsSchema = z.object({ id: z.uuid() });

/** Free-form key/value pairs integrators attach to main resources (Stripe-style). */
export const MetadataSchema = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 50, { message: 'at most 50 metadata keys' });
export type Metadata = z.infer<typeof MetadataSchema>;

export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as VN, TW or LV');
export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
export const LocaleValues = ['en', 'vi', 'zh-Hant', 'lv'] as const;
export const LocaleSchema = z.enum(LocaleValues);
export type Locale = z.infer<typeof LocaleSchema>;

export const TimeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' },
);
