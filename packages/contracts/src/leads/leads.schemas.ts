import { z } from 'zod';
import { CountryCodeSchema, MetadataSchema } from '../common/ids';
import { ListQuerySchema } from '../common/pagination';
import { DealProductLineSchema, IsoDateSchema } from '../deals/deals.schemas';
import {
  LanguageTagSchema,
  RoutingCandidateSchema,
  RoutingConfigSchema,
  RoutingFallbackQueueSchema,
  RoutingRuleIssueSchema,
  RoutingRuleSchema,
  RoutingRuleTraceSchema,
  RoutingSlaSettingsSchema,
  RoutingStrategyTypeValues,
  RoutingTieBreakValues,
} from './routing.schemas';

// --- C5 leads: the lead, its life on the vendor side and in a partner's inbox, stored routing decisions ---
//
// A lead is `new` until routed; routing either offers it to a partner (`offered`, the SLA timer runs) or puts
// it in the fallback queue (`unassigned`). The partner accepts (`accepted`) or declines (the lead is routed
// again with the decliner excluded); an offer not accepted in time is recalled and routed again. Accepted
// leads move to `contacted`, `qualified`, and end `converted` (a deal registration) or `lost` (with a reason).

/** Countries the runtime knows by name (Intl), not just any two capitals; groupings (EU, UN…) are not countries. */
const NOT_COUNTRIES: ReadonlySet<string> = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'UK', 'XA', 'XB']);
const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return null;
  }
})();
export function isKnownCountry(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  if (!regionNames) return true;
  const name = regionNames.of(code);
  return name !== undefined && name !== code;
}
export const KnownCountrySchema = CountryCodeSchema.refine(isKnownCountry, { message: 'is not a known country' });

export const LeadStatusValues = [
  'new',
  'unassigned',
  'offered',
  'accepted',
  'contacted',
  'qualified',
  'converted',
  'lost',
] as const;
export const LeadStatusSchema = z.enum(LeadStatusValues);
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

/** Held by a partner and not closed: these count against the partner's capacity. */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['offered', 'accepted', 'contacted', 'qualified'];
/** A partner has taken these on (accepted and beyond). */
export const ACCEPTED_LEAD_STATUSES: readonly LeadStatus[] = ['accepted', 'contacted', 'qualified', 'converted'];
/** What the partner may set with POST /lead-inbox/{id}/status, from which statuses. */
export const LEAD_PARTNER_STATUS_TRANSITIONS: Record<'contacted' | 'qualified' | 'lost', readonly LeadStatus[]> = {
  contacted: ['accepted'],
  qualified: ['accepted', 'contacted'],
  lost: ['accepted', 'contacted', 'qualified'],
};

export const LeadSourceValues = ['console', 'api', 'import', 'web_form'] as const;
export const LeadSourceSchema = z.enum(LeadSourceValues);
export type LeadSource = z.infer<typeof LeadSourceSchema>;

export const LeadLostReasonValues = [
  'no_response',
  'not_interested',
  'no_budget',
  'competitor',
  'bad_fit',
  'duplicate',
  'spam',
  'other',
] as const;
export const LeadLostReasonSchema = z.enum(LeadLostReasonValues);
export type LeadLostReason = z.infer<typeof LeadLostReasonSchema>;

export const LeadDeclineReasonValues = [
  'outside_territory',
  'no_capacity',
  'not_a_fit',
  'existing_relationship',
  'spam',
  'other',
] as const;
export const LeadDeclineReasonSchema = z.enum(LeadDeclineReasonValues);
export type LeadDeclineReason = z.infer<typeof LeadDeclineReasonSchema>;

/** Digits, spaces and ( ) . - with an optional leading +, at least 5 digits. */
const phone = z
  .string()
  .trim()
  .regex(/^\+?(?=(?:[^0-9]*[0-9]){5})[0-9 ().-]{5,30}$/, 'must be a phone number such as +84 28 3822 1234');
const label = z.string().trim().min(1).max(60);

const leadFields = {
  company: z.string().trim().min(1).max(200),
  contactName: z.string().trim().min(1).max(200),
  contactEmail: z.email('must be an e-mail address such as name@example.com').max(254).nullable(),
  contactPhone: phone.nullable(),
  country: KnownCountrySchema.nullable(),
  region: label.nullable(),
  territory: label.nullable(),
  language: LanguageTagSchema.nullable(),
  productInterests: z.array(label).max(30),
  /** Employees. */
  companySize: z.number().int('must be a whole number').min(1).max(10_000_000).nullable(),
  notes: z.string().trim().max(5000),
  metadata: MetadataSchema,
};

/** A lead needs a company and a contact; a way to reach the contact (e-mail or phone) is required. */
export const LeadCreateSchema = z
  .object({
    company: leadFields.company,
    contactName: leadFields.contactName,
    contactEmail: leadFields.contactEmail.optional(),
    contactPhone: leadFields.contactPhone.optional(),
    country: leadFields.country.optional(),
    region: leadFields.region.optional(),
    territory: leadFields.territory.optional(),
    language: leadFields.language.optional(),
    productInterests: leadFields.productInterests.default([]),
    companySize: leadFields.companySize.optional(),
    notes: leadFields.notes.default(''),
    metadata: leadFields.metadata.default({}),
    source: z.enum(['console', 'api']).default('api'),
    /** Route at once (default); false leaves the lead `new` for bulk routing later. */
    route: z.boolean().default(true),
  })
  .strict()
  .refine((b) => Boolean(b.contactEmail) || Boolean(b.contactPhone), {
    path: ['contactEmail'],
    message: 'an e-mail address or a phone number is required',
  })
  .meta({ id: 'LeadCreate' });
export type LeadCreate = z.infer<typeof LeadCreateSchema>;
export type LeadCreateInput = z.input<typeof LeadCreateSchema>;

export const LeadUpdateSchema = z.object(leadFields).partial().strict().meta({ id: 'LeadUpdate' });
export type LeadUpdate = z.infer<typeof LeadUpdateSchema>;

const summary = z.object({ id: z.uuid(), name: z.string() });

export const LeadContactSchema = z.object({
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type LeadContact = z.infer<typeof LeadContactSchema>;

/** The lead as vendor staff see it (console). */
export const LeadSchema = z
  .object({
    id: z.uuid(),
    status: LeadStatusSchema,
    company: z.string(),
    contact: LeadContactSchema,
    country: z.string().nullable(),
    region: z.string().nullable(),
    territory: z.string().nullable(),
    language: z.string().nullable(),
    productInterests: z.array(z.string()),
    companySize: z.number().int().nullable(),
    source: LeadSourceSchema,
    notes: z.string(),
    metadata: z.record(z.string(), z.string()),
    /** The partner holding the lead (offered or accepted and beyond); null when new or unassigned. */
    partner: summary.nullable(),
    /** The fallback queue holding the lead when unassigned. */
    fallbackQueue: z.object({ id: z.string(), name: z.string() }).nullable(),
    assignedAt: z.iso.datetime().nullable(),
    /** While offered: when the offer lapses and the lead is recalled. */
    slaDueAt: z.iso.datetime().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    lostReason: LeadLostReasonSchema.nullable(),
    lostNote: z.string().nullable(),
    /** Set once converted. */
    dealRegistrationId: z.uuid().nullable(),
    /** Times this lead was recalled after an SLA ran out. */
    recallCount: z.number().int(),
    declinedCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof LeadSchema>;

export const LeadEventTypeValues = [
  'created',
  'routed',
  'fallback',
  'assigned',
  'reassigned',
  'recalled',
  'declined',
  'accepted',
  'status_changed',
  'converted',
  'sla_reminder',
  'updated',
] as const;
export const LeadEventTypeSchema = z.enum(LeadEventTypeValues);
export type LeadEventType = z.infer<typeof LeadEventTypeSchema>;

/** One hop of the lead: who, when, why. */
export const LeadEventSchema = z
  .object({
    id: z.uuid(),
    type: LeadEventTypeSchema,
    /** The partner the hop concerns (assigned to, recalled from, declined by…). */
    partner: summary.nullable(),
    fromStatus: LeadStatusSchema.nullable(),
    toStatus: LeadStatusSchema.nullable(),
    /** A reason code (decline / lost reasons, `sla_expired`, `manual`…) and optional free text. */
    reasonCode: z.string().nullable(),
    reason: z.string().nullable(),
    /** The routing decision behind a routed / fallback hop. */
    decisionId: z.uuid().nullable(),
    actor: summary.nullable(),
    occurredAt: z.iso.datetime(),
  })
  .meta({ id: 'LeadEvent' });
export type LeadEvent = z.infer<typeof LeadEventSchema>;

export const LeadDecisionTriggerValues = [
  'create',
  'route',
  'bulk',
  'decline',
  'recall',
  'web_form',
  'import',
] as const;
export const LeadDecisionTriggerSchema = z.enum(LeadDecisionTriggerValues);
export type LeadDecisionTrigger = z.infer<typeof LeadDecisionTriggerSchema>;

/** How many candidates a stored decision keeps in full: the eligible ones by rank, then the excluded ones. */
export const STORED_ELIGIBLE_CANDIDATES = 25;
export const STORED_EXCLUDED_CANDIDATES = 25;
/** Rule traces kept; the rest are summarised by `rulesOmitted`. */
export const STORED_RULE_TRACES = 60;

/**
 * A routing decision as stored and shown in the console: the engine's `RoutingDecision`, trimmed for size
 * (the top eligible candidates with their scores, the first excluded ones with their reasons, counts for the
 * rest), with names for the partners and the rule.
 */
export const LeadRoutingDecisionSchema = z
  .object({
    id: z.uuid(),
    leadId: z.uuid(),
    trigger: LeadDecisionTriggerSchema,
    decidedAt: z.iso.datetime(),
    decidedBy: summary.nullable(),
    engineVersion: z.number().int(),
    outcome: z.enum(['assigned', 'fallback']),
    partner: summary.nullable(),
    ruleId: z.string().nullable(),
    ruleName: z.string().nullable(),
    strategy: z.enum(RoutingStrategyTypeValues).nullable(),
    fallbackQueue: z.object({ id: z.string(), name: z.string() }).nullable(),
    fallbackReason: z.enum(['no_rules', 'no_rule_matched', 'no_eligible_candidate']).nullable(),
    rules: z.array(RoutingRuleTraceSchema),
    /** `compact` for leads routed in a batch (bulk, SLA recalls): top ranks and the rule traces that matter. */
    detail: z.enum(['full', 'compact']),
    rulesOmitted: z.number().int(),
    candidates: z.array(RoutingCandidateSchema),
    /** All candidates of the deciding rule, before trimming. */
    candidateCounts: z.object({ eligible: z.number().int(), excluded: z.number().int() }),
    candidatesOmitted: z.number().int(),
    /** Exclusion reasons over all excluded candidates (a candidate may count under several). */
    exclusionCounts: z.array(z.object({ reason: z.string(), count: z.number().int() })),
    tieBreak: z
      .object({
        tiedPartnerIds: z.array(z.string()),
        decidedBy: z.enum(RoutingTieBreakValues),
        /** How many shared the best score when `compact` kept only the first few of them (absent: all kept). */
        tiedCount: z.number().int().optional(),
      })
      .nullable(),
    /** Display names of the partners the candidates name (id → name). */
    partnerNames: z.record(z.string(), z.string()),
  })
  .meta({ id: 'LeadRoutingDecision' });
export type LeadRoutingDecision = z.infer<typeof LeadRoutingDecisionSchema>;

export const LeadAbilitiesSchema = z.object({
  edit: z.boolean(),
  /** Route now (new or unassigned). */
  route: z.boolean(),
  /** Hand to a partner of the vendor's choice (new, unassigned) or to another partner (reassign). */
  assign: z.boolean(),
  /** Take back from the partner holding it (offered or accepted and not closed). */
  recall: z.boolean(),
});
export type LeadAbilities = z.infer<typeof LeadAbilitiesSchema>;

export const LeadDetailSchema = LeadSchema.extend({
  /** The latest routing decision, explained; null when never routed. */
  decision: LeadRoutingDecisionSchema.nullable(),
  events: z.array(LeadEventSchema),
  abilities: LeadAbilitiesSchema,
  /** Partners that declined this lead or let it lapse (never offered it again). */
  declinedPartners: z.array(summary),
  recalledPartners: z.array(summary),
}).meta({ id: 'LeadDetail' });
export type LeadDetail = z.infer<typeof LeadDetailSchema>;

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));

export const LeadListQuerySchema = ListQuerySchema.extend({
  status: csv(LeadStatusSchema).optional(),
  partnerId: z.uuid().optional(),
  country: csv(CountryCodeSchema).optional(),
  source: csv(LeadSourceSchema).optional(),
  /** Company, contact name or e-mail contains. */
  q: z.string().trim().max(200).optional(),
  /** Offered leads whose SLA ends before this instant (e.g. now + 12 h: about to lapse). */
  slaDueBefore: z.iso.datetime().optional(),
});
export type LeadListQuery = z.infer<typeof LeadListQuerySchema>;

// --- Vendor actions ---

export const LeadAssignSchema = z
  .object({
    partnerId: z.uuid(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'LeadAssign' });
export type LeadAssign = z.infer<typeof LeadAssignSchema>;

export const LeadRecallSchema = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    /** Route to the next candidate at once (the partner it was taken from excluded), else the fallback queue. */
    reroute: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'LeadRecall' });
export type LeadRecall = z.infer<typeof LeadRecallSchema>;

/** The most leads one bulk-route call routes when asked for every waiting lead (or an import routes per call). */
export const LEAD_BULK_ROUTE_MAX = 50_000;

/** Either ids, or every lead waiting (`new` and `unassigned`), oldest first, up to `limit`. */
export const LeadBulkRouteSchema = z
  .union([
    z.object({ leadIds: z.array(z.uuid()).min(1).max(5000) }).strict(),
    z
      .object({ allUnassigned: z.literal(true), limit: z.number().int().min(1).max(LEAD_BULK_ROUTE_MAX).default(5000) })
      .strict(),
  ])
  .meta({ id: 'LeadBulkRoute' });
export type LeadBulkRoute = z.infer<typeof LeadBulkRouteSchema>;

export const LeadBulkRouteResultSchema = z
  .object({
    routed: z.number().int(),
    assigned: z.number().int(),
    fallback: z.number().int(),
    /** Leads not routed: unknown, or no longer new / unassigned (someone else routed them first). */
    skipped: z.array(z.object({ leadId: z.uuid(), status: LeadStatusSchema.nullable() })),
    durationMs: z.number(),
  })
  .meta({ id: 'LeadBulkRouteResult' });
export type LeadBulkRouteResult = z.infer<typeof LeadBulkRouteResultSchema>;

// --- Routing settings ---

/** The workspace's lead rules: ordered rules, fallback queue, SLA, and what partners see / get. */
export const LeadRoutingSettingsSchema = z
  .object({
    rules: z.array(RoutingRuleSchema),
    fallbackQueue: RoutingFallbackQueueSchema,
    sla: RoutingSlaSettingsSchema,
    /** Partners see the contact's name, e-mail and phone only after accepting. */
    hideContactUntilAccepted: z.boolean(),
    /** A deal registration converted from an accepted lead is approved at once. */
    preApproveConvertedDeals: z.boolean(),
    /** The fairness window of the weighted and capacity strategies (assignments counted over it). */
    fairnessWindowDays: z.number().int(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LeadRoutingSettings' });
export type LeadRoutingSettings = z.infer<typeof LeadRoutingSettingsSchema>;

export const LeadRoutingSettingsUpdateSchema = z
  .object({
    rules: RoutingConfigSchema.shape.rules,
    fallbackQueue: RoutingFallbackQueueSchema,
    sla: RoutingSlaSettingsSchema,
    hideContactUntilAccepted: z.boolean(),
    preApproveConvertedDeals: z.boolean(),
    fairnessWindowDays: z.number().int().min(1).max(365),
  })
  .partial()
  .strict()
  .meta({ id: 'LeadRoutingSettingsUpdate' });
export type LeadRoutingSettingsUpdate = z.input<typeof LeadRoutingSettingsUpdateSchema>;

export const DEFAULT_LEAD_ROUTING_SETTINGS: Omit<LeadRoutingSettings, 'updatedAt'> = {
  rules: [],
  fallbackQueue: { id: 'default', name: 'Unassigned leads', ownerUserId: null },
  sla: { hours: 48, reminderHoursBefore: 12, maxRecalls: 5 },
  hideContactUntilAccepted: true,
  preApproveConvertedDeals: false,
  fairnessWindowDays: 30,
};

/** PUT answer: the saved settings plus the validator's warnings (errors refuse the save with 422). */
export const LeadRoutingSettingsResponseSchema = z.object({
  settings: LeadRoutingSettingsSchema,
  warnings: z.array(RoutingRuleIssueSchema),
});

// --- Partner side: the inbox ---

export const LeadInboxAbilitiesSchema = z.object({
  accept: z.boolean(),
  decline: z.boolean(),
  /** Which statuses POST /status accepts now. */
  setStatus: z.array(z.enum(['contacted', 'qualified', 'lost'])),
  convert: z.boolean(),
});
export type LeadInboxAbilities = z.infer<typeof LeadInboxAbilitiesSchema>;

/**
 * A lead in a partner's inbox. `contact` is null while the offer is pending and the workspace hides contact
 * details until accepted (`contactHidden` true); routing explanations and other partners are never shown.
 */
export const LeadInboxItemSchema = z
  .object({
    id: z.uuid(),
    status: LeadStatusSchema,
    company: z.string(),
    contact: LeadContactSchema.nullable(),
    contactHidden: z.boolean(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    territory: z.string().nullable(),
    language: z.string().nullable(),
    productInterests: z.array(z.string()),
    companySize: z.number().int().nullable(),
    notes: z.string(),
    offeredAt: z.iso.datetime().nullable(),
    /** While offered: accept before this instant or the lead goes to another partner. */
    acceptBy: z.iso.datetime().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    lostReason: LeadLostReasonSchema.nullable(),
    dealRegistrationId: z.uuid().nullable(),
    abilities: LeadInboxAbilitiesSchema,
  })
  .meta({ id: 'LeadInboxItem' });
export type LeadInboxItem = z.infer<typeof LeadInboxItemSchema>;

export const LeadInboxDetailSchema = LeadInboxItemSchema.extend({
  /** This partner's own hops of the lead (offered, accepted, status changes). */
  events: z.array(LeadEventSchema),
}).meta({ id: 'LeadInboxDetail' });
export type LeadInboxDetail = z.infer<typeof LeadInboxDetailSchema>;

export const LeadInboxQuerySchema = ListQuerySchema.extend({
  status: csv(LeadStatusSchema).optional(),
});
export type LeadInboxQuery = z.infer<typeof LeadInboxQuerySchema>;

export const LeadDeclineSchema = z
  .object({ reasonCode: LeadDeclineReasonSchema, reason: z.string().trim().max(2000).optional() })
  .strict()
  .refine((b) => b.reasonCode !== 'other' || Boolean(b.reason), {
    path: ['reason'],
    message: 'say why when the reason is other',
  })
  .meta({ id: 'LeadDecline' });
export type LeadDecline = z.infer<typeof LeadDeclineSchema>;

export const LeadStatusUpdateSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('contacted'), note: z.string().trim().max(2000).optional() }).strict(),
    z.object({ status: z.literal('qualified'), note: z.string().trim().max(2000).optional() }).strict(),
    z
      .object({
        status: z.literal('lost'),
        reasonCode: LeadLostReasonSchema,
        note: z.string().trim().max(2000).optional(),
      })
      .strict(),
  ])
  .meta({ id: 'LeadStatusUpdate' });
export type LeadStatusUpdate = z.infer<typeof LeadStatusUpdateSchema>;

/** Convert an accepted lead to a deal registration: customer and contact come from the lead. */
export const LeadConvertSchema = z
  .object({
    products: z.array(DealProductLineSchema).max(50).default([]),
    expectedCloseDate: IsoDateSchema.nullable().optional(),
    notes: z.string().trim().max(5000).optional(),
    /** The customer's country when the lead has none. */
    country: KnownCountrySchema.optional(),
    /** The customer's web domain (else taken from the contact's e-mail). */
    domain: z.string().trim().min(1).max(300).optional(),
    /** Submit the registration at once (needs products and a close date); false leaves a draft. */
    submit: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'LeadConvert' });
export type LeadConvert = z.infer<typeof LeadConvertSchema>;

export const LeadConvertResultSchema = z.object({
  lead: LeadInboxDetailSchema,
  dealRegistrationId: z.uuid(),
  /** The registration's status after conversion (draft, submitted, or approved when pre-approved). */
  dealStatus: z.string(),
});

/** 409 details when a partner acts on a lead that is no longer theirs to act on. */
export const LeadGoneDetailsSchema = z.object({
  leadId: z.uuid(),
  state: z.enum(['recalled', 'declined', 'reassigned']),
  at: z.iso.datetime(),
});

// --- Web-to-lead ---

/**
 * The public form: `website_url` is a honeypot (people leave it empty; a filled one is accepted and dropped).
 * Unknown fields are ignored, so a form may carry extra inputs.
 */
export const LeadWebFormSchema = z
  .object({
    company: leadFields.company,
    name: leadFields.contactName,
    email: z.email('must be an e-mail address such as name@example.com').max(254),
    phone: phone.optional(),
    country: KnownCountrySchema.optional(),
    region: label.optional(),
    language: LanguageTagSchema.optional(),
    productInterests: z.array(label).max(30).default([]),
    companySize: z.coerce.number().int().min(1).max(10_000_000).optional(),
    message: z.string().trim().max(5000).optional(),
    website_url: z.string().max(500).optional(),
  })
  .meta({ id: 'LeadWebForm' });
export type LeadWebForm = z.infer<typeof LeadWebFormSchema>;

export const LeadWebFormResultSchema = z.object({ received: z.literal(true) });

// --- Board and fairness figures ---

export const LeadBoardSchema = z
  .object({
    counts: z.record(LeadStatusSchema, z.number().int()),
    /** Offered leads whose SLA ends within the reminder window. */
    dueSoon: z.number().int(),
    fallbackQueue: z.object({ id: z.string(), name: z.string(), count: z.number().int() }),
  })
  .meta({ id: 'LeadBoard' });
export type LeadBoard = z.infer<typeof LeadBoardSchema>;

export const LeadStatsQuerySchema = z.object({
  /** The window, in days back from now (default 30). */
  days: z.coerce.number().int().min(1).max(730).default(30),
});

export const LeadPartnerStatsSchema = z.object({
  partner: summary,
  /** Offers in the window (routed or assigned to the partner, by rule or by hand). */
  offered: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  recalled: z.number().int(),
  converted: z.number().int(),
  /** Leads held now (offered or accepted and not closed). */
  open: z.number().int(),
  /** The partner's share of all offers in the window, 0–1. */
  share: z.number(),
  /**
   * The share of the window's offers its weights promise, 0–1: over the leads a weighted rule assigned, the
   * partner's weight over the weights of that lead's eligible candidates, summed, divided by all offers.
   * null when it was never an eligible candidate of a weighted rule in the window.
   */
  weightShare: z.number().nullable(),
  /** accepted / offered; null without offers. */
  acceptanceRate: z.number().nullable(),
  /** converted / accepted; null without acceptances. */
  conversionRate: z.number().nullable(),
  /** Median hours from offer to acceptance; null without acceptances. */
  medianHoursToAccept: z.number().nullable(),
});
export type LeadPartnerStats = z.infer<typeof LeadPartnerStatsSchema>;

export const LeadStatsSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    partners: z.array(LeadPartnerStatsSchema),
    totals: z.object({
      offered: z.number().int(),
      accepted: z.number().int(),
      converted: z.number().int(),
      acceptanceRate: z.number().nullable(),
      conversionRate: z.number().nullable(),
      medianHoursToAccept: z.number().nullable(),
    }),
  })
  .meta({ id: 'LeadStats' });
export type LeadStats = z.infer<typeof LeadStatsSchema>;

// --- Per-partner routing facts the partner record lacks ---

/** Languages a partner serves leads in (language gates) and its own cap on open leads (capacity gate). */
export const LeadPartnerProfileSchema = z
  .object({
    partnerId: z.uuid(),
    languages: z.array(LanguageTagSchema).max(30),
    /** Offered or accepted leads not yet closed; null = no cap of its own. */
    capacity: z.number().int().min(0).max(100_000).nullable(),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LeadPartnerProfile' });
export type LeadPartnerProfile = z.infer<typeof LeadPartnerProfileSchema>;

export const LeadPartnerProfileUpdateSchema = z
  .object({
    languages: z.array(LanguageTagSchema).max(30),
    capacity: z.number().int().min(0).max(100_000).nullable(),
  })
  .strict()
  .meta({ id: 'LeadPartnerProfileUpdate' });
export type LeadPartnerProfileUpdate = z.infer<typeof LeadPartnerProfileUpdateSchema>;

// --- Notifications (in-app `type` and its `data`; e-mails use the same facts) ---

/**
 * lead.offered: { leadId, company, country, acceptBy } — to the people of the partner offered the lead;
 * lead.offered_batch: { count, acceptBy } — one per partner for a batch (bulk routing, recalls);
 * lead.sla_reminder: { leadId, company, acceptBy } — before the time to accept runs out;
 * lead.recalled: { leadId, company, reason: 'sla_expired' | 'manual' } — the lead left the partner's inbox.
 * Never the contact's details: the partner opens the inbox to see them.
 */
export const LeadNotificationTypeValues = [
  'lead.offered',
  'lead.offered_batch',
  'lead.sla_reminder',
  'lead.recalled',
] as const;
export type LeadNotificationType = (typeof LeadNotificationTypeValues)[number];
