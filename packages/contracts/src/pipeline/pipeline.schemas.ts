import { z } from 'zod';
import { MoneySchema } from '../common/money';
import { DealCurrencySchema, DealLostReasonSchema, DealStatusSchema, IsoDateSchema } from '../deals/deals.schemas';

// --- C6 opportunity pipeline: stages, positions of approved registrations, moves, forecast; exchange rates ---

export const PipelineStageKindValues = ['open', 'won', 'lost'] as const;
export const PipelineStageKindSchema = z.enum(PipelineStageKindValues);
export type PipelineStageKind = z.infer<typeof PipelineStageKindSchema>;

/** What a workspace starts with (C6): created the first time its pipeline is read. */
export const DEFAULT_PIPELINE_STAGES: readonly { name: string; kind: PipelineStageKind; probability: number }[] = [
  { name: 'Qualification', kind: 'open', probability: 10 },
  { name: 'Discovery', kind: 'open', probability: 25 },
  { name: 'Proposal', kind: 'open', probability: 50 },
  { name: 'Negotiation', kind: 'open', probability: 75 },
  { name: 'Closed won', kind: 'won', probability: 100 },
  { name: 'Closed lost', kind: 'lost', probability: 0 },
];

/** The default stage names in each workspace language (the stages are data: the admin renames them freely). */
export const DEFAULT_PIPELINE_STAGE_NAMES: Record<'en' | 'vi' | 'zh-Hant' | 'lv', readonly string[]> = {
  en: DEFAULT_PIPELINE_STAGES.map((s) => s.name),
  vi: ['Xác định nhu cầu', 'Tìm hiểu', 'Đề xuất', 'Đàm phán', 'Đã thắng', 'Đã thua'],
  'zh-Hant': ['資格確認', '需求探索', '提案', '議價', '已成交', '已失敗'],
  lv: ['Kvalifikācija', 'Izpēte', 'Piedāvājums', 'Sarunas', 'Uzvarēts', 'Zaudēts'],
};

const stageName = z.string().trim().min(1, 'must not be empty').max(60);
const probability = z.number().int('must be a whole percentage').min(0).max(100);

export const PipelineStageSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: PipelineStageKindSchema,
    probability: z.number().int(),
    position: z.number().int(),
    /** Registrations in this stage now (what a delete would have to move). */
    dealCount: z.number().int(),
  })
  .meta({ id: 'PipelineStage' });
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

/** Won stages forecast at 100 %, lost ones at 0 %: their deals are decided. */
function probabilityFitsKind(
  v: { kind?: PipelineStageKind | undefined; probability?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.kind === 'won' && v.probability !== undefined && v.probability !== 100)
    ctx.addIssue({ code: 'custom', path: ['probability'], message: 'a won stage has probability 100' });
  if (v.kind === 'lost' && v.probability !== undefined && v.probability !== 0)
    ctx.addIssue({ code: 'custom', path: ['probability'], message: 'a lost stage has probability 0' });
}

export const PipelineStageCreateSchema = z
  .object({ name: stageName, kind: PipelineStageKindSchema.default('open'), probability })
  .strict()
  .superRefine(probabilityFitsKind)
  .meta({ id: 'PipelineStageCreate' });
export type PipelineStageCreate = z.infer<typeof PipelineStageCreateSchema>;

export const PipelineStageUpdateSchema = z
  .object({ name: stageName.optional(), probability: probability.optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.probability !== undefined, { message: 'change the name or the probability' })
  .meta({ id: 'PipelineStageUpdate' });
export type PipelineStageUpdate = z.infer<typeof PipelineStageUpdateSchema>;

export const PipelineStageOrderSchema = z
  .object({ stageIds: z.array(z.uuid()).min(1).max(50) })
  .strict()
  .refine((v) => new Set(v.stageIds).size === v.stageIds.length, {
    path: ['stageIds'],
    message: 'lists a stage twice',
  })
  .meta({ id: 'PipelineStageOrder' });
export type PipelineStageOrder = z.infer<typeof PipelineStageOrderSchema>;

export const PipelineStageDeleteQuerySchema = z.object({
  /** Where the stage's registrations go; required when it holds any. */
  moveTo: z.uuid().optional(),
});

const personRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const PipelineDealSchema = z
  .object({
    /** The deal registration's id. */
    id: z.uuid(),
    partner: z.object({ id: z.uuid(), name: z.string() }),
    customer: z.object({ name: z.string(), country: z.string() }),
    status: DealStatusSchema,
    /** The registration's amounts, one per currency of its product lines. */
    amounts: z.array(MoneySchema),
    expectedCloseDate: z.string().nullable(),
    stage: z.object({
      id: z.uuid(),
      name: z.string(),
      kind: PipelineStageKindSchema,
      probability: z.number().int(),
    }),
    movedAt: z.string().nullable(),
    movedBy: personRef,
    /**
     * move: to another open stage; close: also into a won or lost stage, which records the outcome (a
     * partner person who registers deals, or vendor staff who close them).
     */
    abilities: z.object({ move: z.boolean(), close: z.boolean() }),
  })
  .meta({ id: 'PipelineDeal' });
export type PipelineDeal = z.infer<typeof PipelineDealSchema>;

export const PipelineDealListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(500).optional(),
  partnerId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  currency: DealCurrencySchema.optional(),
  /** Expected close date on or after / on or before (business dates). */
  closeFrom: IsoDateSchema.optional(),
  closeTo: IsoDateSchema.optional(),
});
export type PipelineDealListQuery = z.infer<typeof PipelineDealListQuerySchema>;

/**
 * A move to another stage. Into a won or lost stage it records the registration's outcome in the same
 * request (C4/C6), as the outcome routes do: a lost stage needs `reasonCode` (partners and vendor staff);
 * vendor staff closing as won give a `reason`; `reason` is otherwise optional. An open stage takes neither.
 */
export const PipelineMoveSchema = z
  .object({
    stageId: z.uuid(),
    reasonCode: DealLostReasonSchema.optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'PipelineMoveRequest' });
export type PipelineMoveRequest = z.infer<typeof PipelineMoveSchema>;

export const PipelineMoveRecordSchema = z
  .object({
    id: z.uuid(),
    from: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    to: z.object({ id: z.uuid(), name: z.string() }),
    movedAt: z.string(),
    movedBy: personRef,
  })
  .meta({ id: 'PipelineMove' });
export type PipelineMoveRecord = z.infer<typeof PipelineMoveRecordSchema>;

// --- Exchange rates (C6 forecast, C7 money rules) ---

export const ExchangeRateSourceValues = ['manual', 'ecb'] as const;
export const ExchangeRateSourceSchema = z.enum(ExchangeRateSourceValues);
export type ExchangeRateSource = z.infer<typeof ExchangeRateSourceSchema>;

/** A rate as an exact decimal string ("1.0823"): never a float. */
export const RateDecimalSchema = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a decimal number such as 1.0823 (up to 12 decimal places)')
  .refine((v) => /[1-9]/.test(v), { message: 'must be greater than zero' });

export const ExchangeRateSchema = z
  .object({
    id: z.uuid(),
    /** 1 unit of base = rate units of quote. */
    base: z.string(),
    quote: z.string(),
    rate: z.string(),
    rateDate: z.string(),
    source: ExchangeRateSourceSchema,
    createdAt: z.string(),
    createdBy: personRef,
  })
  .meta({ id: 'ExchangeRate' });
export type ExchangeRate = z.infer<typeof ExchangeRateSchema>;

export const ExchangeRateCreateSchema = z
  .object({ base: DealCurrencySchema, quote: DealCurrencySchema, rate: RateDecimalSchema, rateDate: IsoDateSchema })
  .strict()
  .refine((v) => v.base !== v.quote, { path: ['quote'], message: 'must differ from the base currency' })
  .meta({ id: 'ExchangeRateCreate' });
export type ExchangeRateCreate = z.infer<typeof ExchangeRateCreateSchema>;

export const ExchangeRateListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
  /** Rates where this currency is the base or the quote. */
  currency: DealCurrencySchema.optional(),
  source: ExchangeRateSourceSchema.optional(),
});
export type ExchangeRateListQuery = z.infer<typeof ExchangeRateListQuerySchema>;

export const EcbImportResultSchema = z
  .object({
    /** Rates written (new, or ECB rates whose value changed). */
    imported: z.number().int(),
    /** ECB rates already stored with the same value. */
    unchanged: z.number().int(),
    /** ECB rates not written because a manual rate exists for the same pair and date. */
    keptManual: z.number().int(),
    days: z.number().int(),
    firstDate: z.string(),
    lastDate: z.string(),
    currencies: z.array(z.string()),
  })
  .meta({ id: 'EcbImportResult' });
export type EcbImportResult = z.infer<typeof EcbImportResultSchema>;

// --- Forecast ---

export const ForecastPeriodValues = ['month', 'quarter'] as const;
export const ForecastPeriodSchema = z.enum(ForecastPeriodValues);
export type ForecastPeriod = z.infer<typeof ForecastPeriodSchema>;

export const ForecastQuerySchema = z
  .object({
    period: ForecastPeriodSchema.default('month'),
    /** Expected close dates from / to (inclusive); default: this month and the 11 after it (by quarter: this and the next 3). */
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    partnerId: z.uuid().optional(),
    /** The date whose rates convert (the latest rate on or before it); default today in the workspace time zone. */
    rateDate: IsoDateSchema.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'must not be before from' });
export type ForecastQuery = z.infer<typeof ForecastQuerySchema>;

export const ConversionRouteValues = ['same', 'direct', 'inverse', 'cross_eur'] as const;
export const ConversionLegSchema = z.object({
  base: z.string(),
  quote: z.string(),
  rate: z.string(),
  rateDate: z.string(),
  source: ExchangeRateSourceSchema,
});
export type ConversionLeg = z.infer<typeof ConversionLegSchema>;

/** How one currency was converted into the base currency: the rate, its date and its source. */
export const ConversionSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    /** The effective rate (1 from = rate to), shown to 10 decimal places; the computation is exact. */
    rate: z.string(),
    /** The oldest date among the legs used. */
    rateDate: z.string().nullable(),
    route: z.enum(ConversionRouteValues),
    legs: z.array(ConversionLegSchema),
  })
  .meta({ id: 'Conversion' });
export type Conversion = z.infer<typeof ConversionSchema>;

const stageFigures = z.object({
  stageId: z.uuid(),
  name: z.string(),
  kind: PipelineStageKindSchema,
  probability: z.number().int(),
  totalMinor: z.number().int(),
  weightedMinor: z.number().int(),
  dealCount: z.number().int(),
});

export const ForecastSchema = z
  .object({
    baseCurrency: z.string(),
    period: ForecastPeriodSchema,
    from: z.string(),
    to: z.string(),
    rateDate: z.string(),
    rounding: z.literal('half_even'),
    /** False when some deal could not be converted: its currency lacks a rate (see missingRates). */
    complete: z.boolean(),
    missingRates: z.array(z.object({ from: z.string(), to: z.string(), dealCount: z.number().int() })),
    /** Totals leave out lost deals; weighted = converted amount × stage probability. */
    totals: z.object({ totalMinor: z.number().int(), weightedMinor: z.number().int(), dealCount: z.number().int() }),
    periods: z.array(
      z.object({
        key: z.string(),
        start: z.string(),
        end: z.string(),
        totalMinor: z.number().int(),
        weightedMinor: z.number().int(),
        dealCount: z.number().int(),
        stages: z.array(stageFigures),
      }),
    ),
    stages: z.array(stageFigures),
    conversions: z.array(ConversionSchema),
    deals: z.array(
      z.object({
        id: z.uuid(),
        customer: z.string(),
        partner: z.object({ id: z.uuid(), name: z.string() }),
        period: z.string(),
        expectedCloseDate: z.string(),
        stageId: z.uuid(),
        probability: z.number().int(),
        amounts: z.array(
          z.object({
            original: MoneySchema,
            /** Null when the currency has no rate to the base currency. */
            convertedMinor: z.number().int().nullable(),
            rate: z.string().nullable(),
            rateDate: z.string().nullable(),
            source: z.string().nullable(),
          }),
        ),
        convertedMinor: z.number().int().nullable(),
        weightedMinor: z.number().int().nullable(),
      }),
    ),
    /** Deals in range of the pipeline without an expected close date: not in any period. */
    undatedCount: z.number().int(),
  })
  .meta({ id: 'Forecast' });
export type Forecast = z.infer<typeof ForecastSchema>;
