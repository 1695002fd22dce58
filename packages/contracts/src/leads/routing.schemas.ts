import { z } from 'zod';
import { CountryCodeSchema } from '../common/ids';
import { PartnerTypeSchema } from '../partners/partners.schemas';

// --- C5 lead routing: rules as ordered data, the fallback queue, SLA settings and the explanation ---
//
// A rule applies to a lead when every `lead` condition holds. Its pool is the partners passing every
// `partner` condition on who a partner is (`in` / `not_in` on any attribute, tier rank, and `matches_lead` on
// country, region, territory); the pool's members are the candidates. What this lead needs (`matches_lead`
// on capability and language) and the partner's state (status, declined or recalled this lead, capacity,
// weight 0) are gates: a candidate failing one is listed with the reason.

/** Bumped when scoring or the explanation changes meaning, so stored decisions stay interpretable. */
export const ROUTING_ENGINE_VERSION = 1;

const label = z.string().trim().min(1).max(60);
/** BCP 47 such as `vi`, `en-GB`, `zh-Hant`; compared case-insensitively, `en` covers `en-GB`. */
export const LanguageTagSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as vi, en-GB or zh-Hant');
const valueList = <T extends z.ZodType>(value: T) => z.array(value).min(1, 'needs at least one value').max(500);
const bound = z.number().int().min(0).max(10_000_000).nullable();
const range = { operator: z.literal('between'), min: bound, max: bound };
const rangeHasABound = (c: { min: number | null; max: number | null }) => c.min !== null || c.max !== null;
const rangeMessage = { message: 'between needs min, max or both', path: ['min'] };

export const RoutingSetOperatorValues = ['in', 'not_in'] as const;
const setOperator = z.enum(RoutingSetOperatorValues);
export const RoutingOperatorValues = ['in', 'not_in', 'between', 'matches_lead'] as const;
export type RoutingOperator = (typeof RoutingOperatorValues)[number];

// Lead conditions: does the rule apply to this lead? A lead without the value fails `in` and `between` and
// passes `not_in`. `productInterest` is a list on the lead: `in` = any of them, `not_in` = none of them.
const leadSet = <A extends string, T extends z.ZodType>(attribute: A, value: T) =>
  z
    .object({
      subject: z.literal('lead'),
      attribute: z.literal(attribute),
      operator: setOperator,
      values: valueList(value),
    })
    .strict();

export const LeadConditionAttributeValues = [
  'country',
  'region',
  'territory',
  'language',
  'productInterest',
  'companySize',
] as const;
export const LeadRoutingConditionSchema = z.discriminatedUnion('attribute', [
  leadSet('country', CountryCodeSchema),
  leadSet('region', label),
  leadSet('territory', label),
  leadSet('language', LanguageTagSchema),
  leadSet('productInterest', label),
  /** Employees, inclusive; `null` leaves that side open. */
  z
    .object({ subject: z.literal('lead'), attribute: z.literal('companySize'), ...range })
    .strict()
    .refine(rangeHasABound, rangeMessage),
]);
export type LeadRoutingCondition = z.infer<typeof LeadRoutingConditionSchema>;

// Partner conditions. `matches_lead` compares with the lead: same country / region, territories include the
// lead's territory, languages cover the lead's language, capabilities include every product interest.
// Multi-valued partner facts (territories, capabilities, languages): `in` = has any, `not_in` = has none.
const partnerSet = <A extends string, T extends z.ZodType>(attribute: A, value: T) =>
  z
    .object({
      subject: z.literal('partner'),
      attribute: z.literal(attribute),
      operator: setOperator,
      values: valueList(value),
    })
    .strict();
const partnerMatchable = <A extends string, T extends z.ZodType>(attribute: A, value: T) =>
  z
    .object({
      subject: z.literal('partner'),
      attribute: z.literal(attribute),
      operator: z.enum(['in', 'not_in', 'matches_lead']),
      values: valueList(value).optional(),
    })
    .strict()
    .refine((c) => (c.operator === 'matches_lead') === (c.values === undefined), {
      message: 'values are required with in / not_in and not allowed with matches_lead',
      path: ['values'],
    });

export const PartnerConditionAttributeValues = [
  'partner',
  'partnerType',
  'tier',
  'tierRank',
  'country',
  'region',
  'territory',
  'capability',
  'language',
] as const;
export const PartnerRoutingConditionSchema = z.discriminatedUnion('attribute', [
  partnerSet('partner', z.uuid()),
  partnerSet('partnerType', PartnerTypeSchema),
  partnerSet('tier', z.uuid()),
  /** Tier rank, inclusive (higher rank = better tier); a partner without a tier fails. */
  z
    .object({ subject: z.literal('partner'), attribute: z.literal('tierRank'), ...range })
    .strict()
    .refine(rangeHasABound, rangeMessage),
  partnerMatchable('country', CountryCodeSchema),
  partnerMatchable('region', label),
  partnerMatchable('territory', label),
  partnerMatchable('capability', label),
  partnerMatchable('language', LanguageTagSchema),
]);
export type PartnerRoutingCondition = z.infer<typeof PartnerRoutingConditionSchema>;

export const RoutingConditionSchema = z
  .discriminatedUnion('subject', [LeadRoutingConditionSchema, PartnerRoutingConditionSchema])
  .meta({ id: 'RoutingCondition' });
export type RoutingCondition = z.infer<typeof RoutingConditionSchema>;

// --- Strategies: how one partner is picked among the eligible candidates (README.md in leads/routing) ---

const weight = z.number().min(0).max(1000).multipleOf(0.01);
export const RoutingStrategyTypeValues = ['round_robin', 'weighted', 'capacity', 'performance'] as const;
export type RoutingStrategyType = (typeof RoutingStrategyTypeValues)[number];

export const RoutingStrategySchema = z
  .discriminatedUnion('type', [
    /** Next eligible partner after the rule's cursor, in partner id order. */
    z.object({ type: z.literal('round_robin') }).strict(),
    /** Share ∝ weight: partner weight, else tier weight, else `defaultWeight`; 0 excludes. */
    z
      .object({
        type: z.literal('weighted'),
        partnerWeights: z
          .array(z.object({ partnerId: z.uuid(), weight }).strict())
          .max(5000)
          .default([]),
        tierWeights: z
          .array(z.object({ tierId: z.uuid(), weight }).strict())
          .max(100)
          .default([]),
        defaultWeight: weight.default(1),
      })
      .strict(),
    /** Most room first; a partner with `maxOpenLeads` open leads (or its own lower capacity) is full. */
    z.object({ type: z.literal('capacity'), maxOpenLeads: z.number().int().min(1).max(100_000) }).strict(),
    /** Share ∝ smoothed acceptance and conversion rates over the last `windowDays`. */
    z
      .object({
        type: z.literal('performance'),
        windowDays: z.number().int().min(7).max(730).default(90),
        acceptanceWeight: z.number().min(0).max(1).default(0.5),
        conversionWeight: z.number().min(0).max(1).default(0.5),
        /** arithmetic: wA·acceptance + wC·conversion; geometric: acceptance^wA · conversion^wC (weights normalised). */
        combine: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
        /** Pseudo-leads pulling a partner with few leads toward the programme's average rates. */
        priorLeads: z.number().int().min(0).max(1000).default(10),
      })
      .strict()
      .refine((s) => s.acceptanceWeight + s.conversionWeight > 0, {
        message: 'acceptanceWeight and conversionWeight cannot both be 0',
        path: ['acceptanceWeight'],
      }),
  ])
  .meta({ id: 'RoutingStrategy' });
export type RoutingStrategy = z.infer<typeof RoutingStrategySchema>;

export const RoutingWhenNoEligibleValues = ['next_rule', 'fallback'] as const;

export const RoutingRuleSchema = z
  .object({
    id: z.uuid(),
    name: z.string().trim().min(1).max(120),
    /** Evaluation order, lowest first; unique within the workspace. */
    position: z.number().int().min(0).max(100_000),
    enabled: z.boolean().default(true),
    /** All must hold (AND); an empty list matches every lead and every partner. */
    conditions: z.array(RoutingConditionSchema).max(40).default([]),
    strategy: RoutingStrategySchema,
    /** When the rule applies but nobody is eligible: try the next rule, or stop at the fallback queue. */
    whenNoEligible: z.enum(RoutingWhenNoEligibleValues).default('next_rule'),
  })
  .strict()
  .meta({ id: 'RoutingRule' });
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type RoutingRuleInput = z.input<typeof RoutingRuleSchema>;

/** Where a lead goes when no rule assigns it: a vendor queue someone works by hand. */
export const RoutingFallbackQueueSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(120),
    ownerUserId: z.uuid().nullable().default(null),
  })
  .strict()
  .meta({ id: 'RoutingFallbackQueue' });
export type RoutingFallbackQueue = z.infer<typeof RoutingFallbackQueueSchema>;

/** C5: the partner has `hours` to accept; a reminder goes `reminderHoursBefore` the deadline. */
export const RoutingSlaSettingsSchema = z
  .object({
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(48),
    reminderHoursBefore: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(12),
    /** After this many recalls of one lead it goes to the fallback queue instead of the next partner. */
    maxRecalls: z.number().int().min(0).max(100).default(5),
  })
  .strict()
  .refine((s) => s.reminderHoursBefore < s.hours, {
    message: 'the reminder must come before the deadline (reminderHoursBefore < hours)',
    path: ['reminderHoursBefore'],
  })
  .meta({ id: 'RoutingSlaSettings' });
export type RoutingSlaSettings = z.infer<typeof RoutingSlaSettingsSchema>;

export const RoutingConfigSchema = z
  .object({
    rules: z.array(RoutingRuleSchema).max(500),
    fallbackQueue: RoutingFallbackQueueSchema,
    sla: RoutingSlaSettingsSchema.default({ hours: 48, reminderHoursBefore: 12, maxRecalls: 5 }),
  })
  .strict()
  .meta({ id: 'RoutingConfig' });
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;

// --- Rule validation issues (validateRules) ---

export const RoutingRuleIssueCodeValues = [
  'duplicate_rule_id',
  'duplicate_position',
  'unknown_partner',
  'unknown_tier',
  'duplicate_weight',
  'all_weights_zero',
  'empty_range',
  'contradictory_conditions',
  'value_never_matches',
  'unreachable_rule',
] as const;
export type RoutingRuleIssueCode = (typeof RoutingRuleIssueCodeValues)[number];
export const RoutingRuleIssueSchema = z
  .object({
    /** Into the submitted list, e.g. `rules[3].conditions[0].values[1]`. */
    path: z.string(),
    code: z.enum(RoutingRuleIssueCodeValues),
    /** error: the rule set is refused; warning: saved, shown to the person editing. */
    severity: z.enum(['error', 'warning']),
    message: z.string(),
  })
  .meta({ id: 'RoutingRuleIssue' });
export type RoutingRuleIssue = z.infer<typeof RoutingRuleIssueSchema>;

// --- The explanation every decision stores ---

/** In the order the gates are checked; a candidate lists every gate it fails. */
export const RoutingExclusionReasonValues = [
  'declined_this_lead',
  'recalled_from_this_lead',
  'not_yet_active',
  'suspended',
  'terminated',
  'capability_mismatch',
  'language_mismatch',
  'at_capacity',
  'weight_zero',
] as const;
export const RoutingExclusionReasonSchema = z.enum(RoutingExclusionReasonValues);
export type RoutingExclusionReason = z.infer<typeof RoutingExclusionReasonSchema>;

const leadValue = z.union([z.string(), z.number(), z.array(z.string()), z.null()]);

export const RoutingRuleTraceSchema = z
  .discriminatedUnion('result', [
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      position: z.number().int(),
      result: z.literal('disabled'),
    }),
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      position: z.number().int(),
      result: z.literal('conditions_not_met'),
      /** Every lead condition that failed, in the rule's order, with the lead's value (null = missing). */
      failedConditions: z.array(
        z.object({
          index: z.number().int(),
          attribute: z.enum(LeadConditionAttributeValues),
          operator: z.enum(RoutingOperatorValues),
          leadValue,
        }),
      ),
    }),
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      position: z.number().int(),
      /** The lead fits, but no partner passes the rule's partner conditions (e.g. nobody covers its country). */
      result: z.literal('no_candidates'),
      poolSize: z.literal(0),
      /** Set when the rule's partners must match a lead value the lead does not have. */
      missingLeadValue: z.enum(['country', 'region', 'territory']).nullable(),
      /** true when the rule says `whenNoEligible: fallback`, so later rules were not tried. */
      stoppedAtFallback: z.boolean(),
    }),
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      position: z.number().int(),
      result: z.literal('no_eligible_candidate'),
      poolSize: z.number().int(),
      /** How many candidates failed each gate (a candidate may fail several), in gate order, non-zero only. */
      exclusionCounts: z.array(z.object({ reason: RoutingExclusionReasonSchema, count: z.number().int() })),
      /** true when the rule says `whenNoEligible: fallback`, so later rules were not tried. */
      stoppedAtFallback: z.boolean(),
    }),
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      position: z.number().int(),
      result: z.literal('matched'),
      poolSize: z.number().int(),
      eligibleCount: z.number().int(),
    }),
  ])
  .meta({ id: 'RoutingRuleTrace' });
export type RoutingRuleTrace = z.infer<typeof RoutingRuleTraceSchema>;

/** The figures behind a candidate's score, by strategy. */
export const RoutingScoreComponentsSchema = z
  .discriminatedUnion('strategy', [
    z.object({
      strategy: z.literal('round_robin'),
      /** 0 = next in the rotation after the rule's cursor; null when not eligible. */
      rotationPosition: z.number().int().nullable(),
    }),
    z.object({
      strategy: z.literal('weighted'),
      weight: z.number(),
      weightSource: z.enum(['partner', 'tier', 'default']),
      recentAssignments: z.number().int(),
    }),
    z.object({
      strategy: z.literal('capacity'),
      openLeads: z.number().int(),
      /** The lower of the rule's maxOpenLeads and the partner's own capacity. */
      maxOpenLeads: z.number().int(),
      recentAssignments: z.number().int(),
    }),
    z.object({
      strategy: z.literal('performance'),
      windowDays: z.number().int(),
      offered: z.number().int(),
      accepted: z.number().int(),
      converted: z.number().int(),
      /** Smoothed toward the programme average with `priorLeads` pseudo-leads. */
      acceptanceRate: z.number(),
      conversionRate: z.number(),
      performance: z.number(),
      recentAssignments: z.number().int(),
    }),
  ])
  .meta({ id: 'RoutingScoreComponents' });
export type RoutingScoreComponents = z.infer<typeof RoutingScoreComponentsSchema>;

export const RoutingCandidateSchema = z
  .object({
    partnerId: z.string(),
    eligible: z.boolean(),
    exclusions: z.array(RoutingExclusionReasonSchema),
    /** Higher wins; rounded to 6 decimals, and ties are judged on the rounded value. null when excluded. */
    score: z.number().nullable(),
    /** 1 = chosen; eligible candidates only. */
    rank: z.number().int().nullable(),
    components: RoutingScoreComponentsSchema,
  })
  .meta({ id: 'RoutingCandidate' });
export type RoutingCandidate = z.infer<typeof RoutingCandidateSchema>;

export const RoutingTieBreakValues = ['fewest_recent_assignments', 'partner_id_order'] as const;

export const RoutingDecisionSchema = z
  .object({
    engineVersion: z.number().int(),
    leadId: z.string(),
    outcome: z.enum(['assigned', 'fallback']),
    /** The chosen partner (assigned) or null. */
    partnerId: z.string().nullable(),
    /** The rule that assigned the lead, or that stopped at the fallback queue; null when none applied. */
    ruleId: z.string().nullable(),
    strategy: z.enum(RoutingStrategyTypeValues).nullable(),
    fallbackQueue: z.object({ id: z.string(), name: z.string() }).nullable(),
    fallbackReason: z.enum(['no_rules', 'no_rule_matched', 'no_eligible_candidate']).nullable(),
    /** Every rule looked at, in evaluation order, up to and including the deciding one. */
    rules: z.array(RoutingRuleTraceSchema),
    /** The deciding rule's candidates: eligible ones by rank, then excluded ones by partner id. */
    candidates: z.array(RoutingCandidateSchema),
    /** Set when the best score was shared: who shared it and which rule settled it. */
    tieBreak: z.object({ tiedPartnerIds: z.array(z.string()), decidedBy: z.enum(RoutingTieBreakValues) }).nullable(),
  })
  .meta({ id: 'RoutingDecision' });
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;
