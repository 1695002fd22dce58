import { z } from 'zod';
import { CurrencyCodeSchema } from './ids';

/** Money is exact: integer minor units as a string-safe integer plus ISO 4217 code. */
export const MoneySchema = z.object({
  amountMinor: z.number().int().min(-9_007_199_254_740_991).max(9_007_199_254_740_991),
  currency: CurrencyCodeSchema,
});
export type Money = z.infer<typeof MoneySchema>;
