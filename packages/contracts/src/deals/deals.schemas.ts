import { z } from 'zod';
import { CountryCodeSchema, MetadataSchema } from '../common/ids';
import { ListQuerySchema } from '../common/pagination';
import { AddressSchema } from '../partners/partners.schemas';

// --- C4 deal registration: values, the status machine as data, and the API shapes ---

/** Every ISO 4217 code the runtime knows (Intl), so "any currency" means a real one, not any 3 letters. */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);
export const DealCurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
  .refine((c) => KNOWN_CURRENCIES.size === 0 || KNOWN_CURRENCIES.has(c), { message: 'is not an ISO 4217 currency' });

/** Amounts in integer minor units; a deal line above 10^13 minor units (10^11 USD) is a typo, not a deal. */
export const MAX_DEAL_AMOUNT_MINOR = 10_000_000_000_000;
export const DealMoneySchema = z
  .object({
    amountMinor: z.number().int('must be whole minor units (cents)').min(0).max(MAX_DEAL_AMOUNT_MINOR),
    currency: DealCurrencySchema,
  })
  .strict();
export type DealMoney = z.infer<typeof DealMoneySchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const IsoDateSchema = z
  .string()
  .regex(DATE, 'must be a date YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'is not a calendar date',
    },
  );

const domainText = z.string().trim().min(1).max(300);
const companyName = z.string().trim().min(1).max(200);

// --- Accounts and direct opportunities (the vendor's own customers) ---

export const AccountCreateSchema = z
  .object({
    name: companyName,
    domains: z.array(domainText).max(20).default([]),
    country: CountryCodeSchema,
    address: AddressSchema.default({}),
    ownerUserId: z.uuid().nullable().optional(),
    namedAccount: z.boolean().default(false),
    metadata: MetadataSchema.optional(),
  })
  .strict()
  .meta({ id: 'AccountCreate' });
export type AccountCreate = z.infer<typeof AccountCreateSchema>;
export const AccountUpdateSchema = z
  .object({
    name: companyName,
    domains: z.array(domainText).max(20),
    country: CountryCodeSchema,
    address: AddressSchema,
    ownerUserId: z.uuid().nullable(),
    namedAccount: z.boolean(),
    metadata: MetadataSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'AccountUpdate' });
export type AccountUpdate = z.infer<typeof AccountUpdateSchema>;

const userSummary = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const AccountSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domains: z.array(z.string()),
    country: z.string(),
    address: AddressSchema,
    owner: userSummary,
    namedAccount: z.boolean(),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof AccountSchema>;

export const AccountListQuerySchema = ListQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  namedAccount: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const OpportunityStageValues = ['open', 'won', 'lost'] as const;
export const OpportunityStageSchema = z.enum(OpportunityStageValues);
export type OpportunityStage = z.infer<typeof OpportunityStageSchema>;

export const OpportunityCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    accountId: z.uuid().nullable().optional(),
    customerName: companyName,
    domains: z.array(domainText).max(20).default([]),
    country: CountryCodeSchema,
    address: AddressSchema.default({}),
    amount: DealMoneySchema.nullable().optional(),
    expectedCloseDate: IsoDateSchema.nullable().optional(),
    stage: OpportunityStageSchema.default('open'),
    ownerUserId: z.uuid().nullable().optional(),
    metadata: MetadataSchema.optional(),
  })
  .strict()
  .meta({ id: 'OpportunityCreate' });
export type OpportunityCreate = z.infer<typeof OpportunityCreateSchema>;
export const OpportunityUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    accountId: z.uuid().nullable(),
    customerName: companyName,
    domains: z.array(domainText).max(20),
    country: CountryCodeSchema,
    address: AddressSchema,
    amount: DealMoneySchema.nullable(),
    expectedCloseDate: IsoDateSchema.nullable(),
    stage: OpportunityStageSchema,
    ownerUserId: z.uuid().nullable(),
    metadata: MetadataSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'OpportunityUpdate' });
export type OpportunityUpdate = z.infer<typeof OpportunityUpdateSchema>;

export const OpportunitySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    accountId: z.uuid().nullable(),
    customerName: z.string(),
    domains: z.array(z.string()),
    country: z.string(),
    address: AddressSchema,
    amount: DealMoneySchema.nullable(),
    expectedCloseDate: z.string().nullable(),
    stage: OpportunityStageSchema,
    owner: userSummary,
    metadata: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Opportunity' });
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const OpportunityListQuerySchema = ListQuerySchema.extend({
  stage: OpportunityStageSchema.optional(),
  accountId: z.uuid().optional(),
});

// --- Registrations ---

export const DealStatusValues = [
  'draft',
  'submitted',
  'needs_info',
  'approved',
  'rejected',
  'withdrawn',
  'won',
  'lost',
  'expired',
] as const;
export const DealStatusSchema = z.enum(DealStatusValues);
export type DealStatus = z.infer<typeof DealStatusSchema>;

/**
 * C4: the registration status machine as data. `withdrawn` only before a decision; approved deals
 * progress to won / lost or lapse to expired at the end of protection. Terminal states have no moves.
 */
export const DEAL_STATUS_TRANSITIONS: Record<DealStatus, readonly DealStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['needs_info', 'approved', 'rejected', 'withdrawn'],
  needs_info: ['submitted', 'rejected', 'withdrawn'],
  approved: ['won', 'lost', 'expired'],
  rejected: [],
  withdrawn: [],
  won: [],
  lost: [],
  expired: [],
};

/** Registrations that hold a customer: other partners' registrations are matched against these. */
export const ACTIVE_DEAL_STATUSES: readonly DealStatus[] = ['submitted', 'needs_info', 'approved', 'won'];

export const DealActionValues = [
  'submit',
  'withdraw',
  'request_info',
  'approve',
  'reject',
  'mark_won',
  'mark_lost',
  'expire',
  'extend',
] as const;
export type DealAction = (typeof DealActionValues)[number];

/** C4: why an approved deal was lost (reason codes as in AWS ACE's closed-lost list), plus optional text. */
export const DealLostReasonValues = [
  'price',
  'competitor',
  'no_budget',
  'no_decision',
  'timing',
  'partner_gap',
  'other',
] as const;
export const DealLostReasonSchema = z.enum(DealLostReasonValues);
export type DealLostReason = z.infer<typeof DealLostReasonSchema>;

export const DealOutcomeValues = ['won', 'lost'] as const;

/** The partner reports the outcome; a lost reason code is optional here (older clients send none). */
export const DealOutcomeSchema = z
  .object({
    outcome: z.enum(DealOutcomeValues),
    reasonCode: DealLostReasonSchema.optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => b.outcome === 'lost' || b.reasonCode === undefined, {
    path: ['reasonCode'],
    message: 'a lost reason code only goes with outcome lost',
  })
  .meta({ id: 'DealOutcome' });
export type DealOutcome = z.infer<typeof DealOutcomeSchema>;

/** Vendor staff close an approved registration: won with a reason, lost with a reason code (and optional text). */
export const DealVendorOutcomeSchema = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('won'), reason: z.string().trim().min(1).max(2000) }).strict(),
    z
      .object({
        outcome: z.literal('lost'),
        reasonCode: DealLostReasonSchema,
        reason: z.string().trim().max(2000).optional(),
      })
      .strict(),
  ])
  .meta({ id: 'DealVendorOutcome' });
export type DealVendorOutcome = z.infer<typeof DealVendorOutcomeSchema>;

/** Who closed a won / lost registration and why; the partner sees it. */
export const DealOutcomeInfoSchema = z
  .object({
    outcome: z.enum(DealOutcomeValues),
    reasonCode: DealLostReasonSchema.nullable(),
    reason: z.string().nullable(),
    /** partner: reported by the registering partner; vendor: closed by vendor staff; null before this was recorded. */
    closedBySide: z.enum(['partner', 'vendor']).nullable(),
    closedBy: userSummary,
    closedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DealOutcomeInfo' });
export type DealOutcomeInfo = z.infer<typeof DealOutcomeInfoSchema>;

export const DealContactSchema = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().max(100).default(''),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ().-]{5,30}$/, 'must be a phone number such as +84 28 3822 1234')
      .optional(),
    title: z.string().trim().max(100).optional(),
  })
  .strict();
export type DealContact = z.infer<typeof DealContactSchema>;

export const DealProductLineSchema = z
  .object({
    product: z.string().trim().min(1).max(200),
    quantity: z.number().int('must be a whole number').min(1).max(1_000_000),
    amount: DealMoneySchema,
  })
  .strict();
export type DealProductLine = z.infer<typeof DealProductLineSchema>;

export const DealCustomerSchema = z
  .object({
    name: companyName,
    /** A website, host name or the customer's e-mail domain. */
    domain: domainText.optional(),
    country: CountryCodeSchema,
    address: AddressSchema.default({}),
  })
  .strict();
export type DealCustomer = z.infer<typeof DealCustomerSchema>;

const registrationFields = {
  customer: DealCustomerSchema,
  contact: DealContactSchema.nullable(),
  products: z.array(DealProductLineSchema).max(50),
  expectedCloseDate: IsoDateSchema.nullable(),
  notes: z.string().trim().max(5000),
  metadata: MetadataSchema,
};

/** A draft needs only the customer; submit checks the rest (contact, products, close date). */
export const DealRegistrationCreateSchema = z
  .object({
    customer: registrationFields.customer,
    contact: registrationFields.contact.optional(),
    products: registrationFields.products.default([]),
    expectedCloseDate: registrationFields.expectedCloseDate.optional(),
    notes: registrationFields.notes.optional(),
    metadata: registrationFields.metadata.optional(),
    /** Create and submit in one call. */
    submit: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'DealRegistrationCreate' });
export type DealRegistrationCreate = z.infer<typeof DealRegistrationCreateSchema>;

export const DealRegistrationUpdateSchema = z
  .object(registrationFields)
  .partial()
  .strict()
  .meta({ id: 'DealRegistrationUpdate' });
export type DealRegistrationUpdate = z.infer<typeof DealRegistrationUpdateSchema>;

export const DealReasonSchema = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
export const DealOptionalReasonSchema = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export const DealTransitionSchema = z
  .object({
    id: z.uuid(),
    action: z.enum(DealActionValues),
    from: DealStatusSchema.nullable(),
    to: DealStatusSchema,
    actor: userSummary,
    reason: z.string().nullable(),
    occurredAt: z.iso.datetime(),
  })
  .meta({ id: 'DealTransition' });
export type DealTransition = z.infer<typeof DealTransitionSchema>;

export const DealAbilitiesSchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  /** Ask for information or reject (vendor reviewers, before a decision). */
  review: z.boolean(),
  /** Approve: false under first-come protection while another partner's earlier registration is active. */
  approve: z.boolean(),
  /** The registering partner reports won / lost. */
  markOutcome: z.boolean(),
  /** Vendor staff close an approved registration as won / lost (e.g. the order came through distribution). */
  closeOutcome: z.boolean(),
  requestExtension: z.boolean(),
  extend: z.boolean(),
});
export type DealAbilities = z.infer<typeof DealAbilitiesSchema>;

export const MatchReasonCodeValues = [
  'same_domain',
  'same_name',
  'similar_name',
  'same_country',
  'same_address',
] as const;
export const MatchReasonSchema = z.object({
  code: z.enum(MatchReasonCodeValues),
  value: z.number().optional(),
});

export const ConflictSourceKindValues = ['account', 'opportunity', 'registration'] as const;
export type ConflictSourceKind = (typeof ConflictSourceKindValues)[number];

/** What a vendor reviewer sees of one conflict: the other record side by side, with score and reasons. */
export const DealConflictSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(ConflictSourceKindValues),
    sourceId: z.uuid(),
    score: z.number(),
    band: z.enum(['conflict', 'hint']),
    reasons: z.array(MatchReasonSchema),
    candidate: z.object({
      name: z.string(),
      domains: z.array(z.string()),
      country: z.string().nullable(),
      address: AddressSchema,
      status: z.string().nullable(),
      namedAccount: z.boolean(),
      partner: userSummary,
      owner: userSummary,
      amount: DealMoneySchema.nullable(),
      registeredAt: z.iso.datetime().nullable(),
    }),
    /**
     * C4 first-come: another partner's registration in the conflict band, submitted before this one and still
     * active (submitted, needs_info, approved). Under `protection: first_come` it blocks approval.
     */
    firstRegistrant: z.boolean(),
    detectedAt: z.iso.datetime(),
  })
  .meta({ id: 'DealConflict' });
export type DealConflict = z.infer<typeof DealConflictSchema>;

export const DealRegistrationSchema = z
  .object({
    id: z.uuid(),
    partner: z.object({ id: z.uuid(), name: z.string() }),
    status: DealStatusSchema,
    customer: z.object({
      name: z.string(),
      domain: z.string().nullable(),
      country: z.string(),
      address: AddressSchema,
    }),
    contact: DealContactSchema.nullable(),
    products: z.array(DealProductLineSchema),
    /** One total per currency used in the lines. */
    totals: z.array(DealMoneySchema),
    expectedCloseDate: z.string().nullable(),
    notes: z.string(),
    /** The reason of the latest decision or request (the partner always sees it). */
    lastReason: z.string().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    protectedUntil: z.iso.datetime().nullable(),
    extensionCount: z.number().int(),
    extensionRequested: z.boolean(),
    /** Whether the last check found the customer registered or owned already (no who, no amounts). */
    conflictFlag: z.enum(['none', 'hint', 'conflict']),
    autoApproved: z.boolean(),
    /** Set once the registration is won or lost. */
    outcome: DealOutcomeInfoSchema.nullable(),
    createdBy: userSummary,
    metadata: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'DealRegistration' });
export type DealRegistration = z.infer<typeof DealRegistrationSchema>;

export const DealRegistrationDetailSchema = DealRegistrationSchema.extend({
  transitions: z.array(DealTransitionSchema),
  abilities: DealAbilitiesSchema,
  /** Vendor reviewers only; partners get null. */
  conflicts: z.array(DealConflictSchema).nullable(),
}).meta({ id: 'DealRegistrationDetail' });
export type DealRegistrationDetail = z.infer<typeof DealRegistrationDetailSchema>;

export const DealRegistrationListQuerySchema = ListQuerySchema.extend({
  status: z
    .union([DealStatusSchema, z.array(DealStatusSchema)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  partnerId: z.uuid().optional(),
  /** The review queue: submitted registrations of partners the caller owns (vendor staff). */
  queue: z.enum(['mine', 'all']).optional(),
});
export type DealRegistrationListQuery = z.infer<typeof DealRegistrationListQuerySchema>;

// --- The live conflict hint ---

export const ConflictHintRequestSchema = z
  .object({
    name: companyName,
    domain: domainText.optional(),
    email: z.string().trim().max(254).optional(),
    country: CountryCodeSchema.optional(),
    address: AddressSchema.optional(),
    /** The registration being edited, so it never matches itself. */
    registrationId: z.uuid().optional(),
  })
  .strict()
  .meta({ id: 'ConflictHintRequest' });
export type ConflictHintRequest = z.infer<typeof ConflictHintRequestSchema>;

/** Tells a partner only that the customer appears taken and why in general terms: never by whom or for how much. */
export const ConflictHintSchema = z
  .object({
    appearsTaken: z.boolean(),
    band: z.enum(['none', 'hint', 'conflict']),
    reasons: z.array(z.enum(MatchReasonCodeValues)),
    /**
     * C4 rules of engagement: the customer is a named account of the vendor's direct team, so submit is refused.
     * The API always sends it; optional only so the matcher's own `hintOf` (no named-account facts) still fits.
     */
    reserved: z.boolean().optional(),
  })
  .meta({ id: 'ConflictHint' });
export type ConflictHint = z.infer<typeof ConflictHintSchema>;

// --- Workspace deal settings (rules as data) ---

/**
 * C4: who wins when two partners register the same customer. first_come: a registration cannot be approved
 * while another partner's earlier one (conflict band, still active) exists; reviewer_decides: either may be.
 */
export const DealProtectionRuleValues = ['first_come', 'reviewer_decides'] as const;
export type DealProtectionRule = (typeof DealProtectionRuleValues)[number];

export const DealSettingsSchema = z
  .object({
    conflictThreshold: z.number().min(0.3).max(1),
    hintThreshold: z.number().min(0.1).max(1),
    autoApprove: z
      .object({
        enabled: z.boolean(),
        /** Auto-approve only for partners whose tier rank is at least this (null: any tier, even none). */
        minTierRank: z.number().int().min(0).max(1000).nullable(),
        /** Auto-approve only when every line is in the base currency and the total is at most this. */
        maxAmountMinor: z.number().int().min(0).max(MAX_DEAL_AMOUNT_MINOR).nullable(),
      })
      .strict(),
    reviewReminderHours: z.number().int().min(1).max(720),
    defaultProtectionDays: z.number().int().min(1).max(3650),
    extensionDays: z.number().int().min(1).max(365),
    maxExtensions: z.number().int().min(0).max(20),
    protection: z.enum(DealProtectionRuleValues),
  })
  .strict()
  .refine((s) => s.hintThreshold <= s.conflictThreshold, {
    path: ['hintThreshold'],
    message: 'must not be above conflictThreshold',
  })
  .meta({ id: 'DealSettings' });
export type DealSettings = z.infer<typeof DealSettingsSchema>;

export const DEFAULT_DEAL_SETTINGS: DealSettings = {
  conflictThreshold: 0.8,
  hintThreshold: 0.5,
  autoApprove: { enabled: false, minTierRank: null, maxAmountMinor: null },
  reviewReminderHours: 48,
  defaultProtectionDays: 90,
  extensionDays: 30,
  maxExtensions: 1,
  protection: 'first_come',
};

export const DealSettingsUpdateSchema = z
  .object({
    conflictThreshold: z.number().min(0.3).max(1),
    hintThreshold: z.number().min(0.1).max(1),
    autoApprove: z
      .object({
        enabled: z.boolean(),
        minTierRank: z.number().int().min(0).max(1000).nullable(),
        maxAmountMinor: z.number().int().min(0).max(MAX_DEAL_AMOUNT_MINOR).nullable(),
      })
      .strict(),
    reviewReminderHours: z.number().int().min(1).max(720),
    defaultProtectionDays: z.number().int().min(1).max(3650),
    extensionDays: z.number().int().min(1).max(365),
    maxExtensions: z.number().int().min(0).max(20),
    protection: z.enum(DealProtectionRuleValues),
  })
  .partial()
  .strict()
  .meta({ id: 'DealSettingsUpdate' });
export type DealSettingsUpdate = z.infer<typeof DealSettingsUpdateSchema>;
