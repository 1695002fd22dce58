import { z } from 'zod';
import { CountryCodeSchema, MetadataSchema } from '../common/ids';
import { MoneySchema } from '../common/money';
import { ListQuerySchema } from '../common/pagination';

export const PartnerTypeValues = [
  'reseller',
  'distributor',
  'var',
  'msp',
  'referral',
  'technology',
  'si',
  'affiliate',
  'alliance',
] as const;
export const PartnerTypeSchema = z.enum(PartnerTypeValues);
export type PartnerType = z.infer<typeof PartnerTypeSchema>;

export const PartnerStatusValues = ['applicant', 'onboarding', 'active', 'suspended', 'terminated'] as const;
export const PartnerStatusSchema = z.enum(PartnerStatusValues);
export type PartnerStatus = z.infer<typeof PartnerStatusSchema>;

/** C2: the partner status machine as data. Termination is possible from any live state (offboarding). */
export const PARTNER_STATUS_TRANSITIONS: Record<PartnerStatus, readonly PartnerStatus[]> = {
  applicant: ['onboarding', 'terminated'],
  onboarding: ['active', 'terminated'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

export const SizeBandValues = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'] as const;
export const SizeBandSchema = z.enum(SizeBandValues);

export const AddressSchema = z
  .object({
    line1: z.string().trim().max(200).optional(),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    state: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
  })
  .strict();
export type Address = z.infer<typeof AddressSchema>;

const label = z.string().trim().min(1).max(60);
export const CustomAttributeValueSchema = z.union([z.string().max(1000), z.number(), z.null()]);

/** Profile fields a partner_admin may be allowed to edit (workspace setting). */
export const PartnerProfileFieldValues = [
  'displayName',
  'website',
  'phone',
  'address',
  'region',
  'sizeBand',
  'industries',
  'capabilities',
  'logoUrl',
] as const;
export const PartnerProfileFieldSchema = z.enum(PartnerProfileFieldValues);
export type PartnerProfileField = z.infer<typeof PartnerProfileFieldSchema>;

const partnerFields = {
  legalName: z.string().trim().min(1).max(200),
  displayName: z.string().trim().min(1).max(200),
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable(),
  country: CountryCodeSchema,
  region: z.string().trim().max(100).nullable(),
  address: AddressSchema,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{5,30}$/, 'must be a phone number such as +84 28 3822 1234')
    .nullable(),
  type: PartnerTypeSchema,
  sizeBand: SizeBandSchema.nullable(),
  industries: z.array(label).max(30),
  capabilities: z.array(label).max(50),
  territories: z.array(label).max(50),
  tierId: z.uuid().nullable(),
  ownerUserId: z.uuid().nullable(),
  parentPartnerId: z.uuid().nullable(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30),
  customAttributes: z.record(z.string(), CustomAttributeValueSchema),
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  metadata: MetadataSchema,
};

export const PartnerCreateSchema = z
  .object({
    ...partnerFields,
    displayName: partnerFields.displayName.optional(),
    website: partnerFields.website.optional(),
    region: partnerFields.region.optional(),
    address: partnerFields.address.optional(),
    phone: partnerFields.phone.optional(),
    sizeBand: partnerFields.sizeBand.optional(),
    industries: partnerFields.industries.optional(),
    capabilities: partnerFields.capabilities.optional(),
    territories: partnerFields.territories.optional(),
    tierId: partnerFields.tierId.optional(),
    ownerUserId: partnerFields.ownerUserId.optional(),
    parentPartnerId: partnerFields.parentPartnerId.optional(),
    tags: partnerFields.tags.optional(),
    customAttributes: partnerFields.customAttributes.optional(),
    logoUrl: partnerFields.logoUrl.optional(),
    metadata: partnerFields.metadata.optional(),
    /** Where the partner starts in the C2 status machine; defaults to onboarding. */
    status: z.enum(['applicant', 'onboarding', 'active']).optional(),
  })
  .strict()
  .meta({ id: 'PartnerCreate' });
export type PartnerCreate = z.infer<typeof PartnerCreateSchema>;

export const PartnerUpdateSchema = z
  .object(partnerFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' })
  .meta({ id: 'PartnerUpdate' });
export type PartnerUpdate = z.infer<typeof PartnerUpdateSchema>;

export const PartnerStatusChangeSchema = z
  .object({ status: PartnerStatusSchema, reason: z.string().trim().min(1).max(1000) })
  .strict();

export const PartnerAbilitiesSchema = z.object({
  update: z.boolean(),
  updateProfileFields: z.array(PartnerProfileFieldSchema),
  changeStatusTo: z.array(PartnerStatusSchema),
  manageContacts: z.boolean(),
  manageTeam: z.boolean(),
});

const summary = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const PartnerSchema = z
  .object({
    id: z.uuid(),
    legalName: z.string(),
    displayName: z.string(),
    website: z.string().nullable(),
    domain: z.string().nullable(),
    country: z.string(),
    region: z.string().nullable(),
    address: AddressSchema,
    phone: z.string().nullable(),
    type: PartnerTypeSchema,
    sizeBand: SizeBandSchema.nullable(),
    industries: z.array(z.string()),
    capabilities: z.array(z.string()),
    territories: z.array(z.string()),
    status: PartnerStatusSchema,
    tier: summary,
    owner: summary,
    parent: summary,
    tags: z.array(z.string()),
    customAttributes: z.record(z.string(), CustomAttributeValueSchema),
    logoUrl: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Partner' });
export type Partner = z.infer<typeof PartnerSchema>;

export const PartnerDetailSchema = PartnerSchema.extend({ abilities: PartnerAbilitiesSchema }).meta({
  id: 'PartnerDetail',
});
export type PartnerDetail = z.infer<typeof PartnerDetailSchema>;

export const PartnerSortValues = [
  'displayName',
  '-displayName',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'country',
  '-country',
] as const;

const csv = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const PartnerListQuerySchema = ListQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  status: csv.pipe(z.array(PartnerStatusSchema)).optional(),
  type: csv.pipe(z.array(PartnerTypeSchema)).optional(),
  country: csv.pipe(z.array(CountryCodeSchema)).optional(),
  tierId: csv.pipe(z.array(z.uuid())).optional(),
  ownerUserId: csv.pipe(z.array(z.uuid())).optional(),
  parentPartnerId: z.uuid().optional(),
  tag: csv.optional(),
  sort: z.enum(PartnerSortValues).default('displayName'),
});
export type PartnerListQuery = z.infer<typeof PartnerListQuerySchema>;

const bulkIds = { partnerIds: z.array(z.uuid()).min(1).max(500) };
const bulkTags = z.array(z.string().trim().min(1).max(40)).min(1).max(10);

/** C1 segmentation: one action over up to 500 partners, all or nothing. */
export const PartnerBulkActionSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('assign_owner'), ownerUserId: z.uuid().nullable(), ...bulkIds }).strict(),
    z.object({ action: z.literal('change_tier'), tierId: z.uuid().nullable(), ...bulkIds }).strict(),
    z.object({ action: z.literal('add_tags'), tags: bulkTags, ...bulkIds }).strict(),
    z.object({ action: z.literal('remove_tags'), tags: bulkTags, ...bulkIds }).strict(),
    z
      .object({
        action: z.literal('change_status'),
        status: PartnerStatusSchema,
        reason: z.string().trim().min(1).max(1000),
        ...bulkIds,
      })
      .strict(),
  ])
  .meta({ id: 'PartnerBulkAction' });
export type PartnerBulkAction = z.infer<typeof PartnerBulkActionSchema>;

export const PartnerBulkResultSchema = z
  .object({
    action: z.enum(['assign_owner', 'change_tier', 'add_tags', 'remove_tags', 'change_status']),
    /** How many partners the request named. */
    matched: z.number().int(),
    /** The partners that actually changed (a partner already in the target state is left alone). */
    changedIds: z.array(z.uuid()),
  })
  .meta({ id: 'PartnerBulkResult' });
export type PartnerBulkResult = z.infer<typeof PartnerBulkResultSchema>;

export const PartnerEventSchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    occurredAt: z.iso.datetime(),
    actor: summary,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PartnerEvent' });
export type PartnerEvent = z.infer<typeof PartnerEventSchema>;

// --- Saved views (C1 segmentation): a named list query and its columns, per person ---
export const PartnerColumnValues = [
  'displayName',
  'legalName',
  'domain',
  'country',
  'region',
  'type',
  'sizeBand',
  'status',
  'tier',
  'owner',
  'parent',
  'tags',
  'industries',
  'capabilities',
  'territories',
  'createdAt',
  'updatedAt',
] as const;
export const SavedViewQueryKeyValues = [
  'q',
  'status',
  'type',
  'country',
  'tierId',
  'ownerUserId',
  'parentPartnerId',
  'tag',
  'sort',
  'limit',
] as const;
export const SavedViewCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    query: z.partialRecord(z.enum(SavedViewQueryKeyValues), z.string().max(2000)),
    columns: z.array(z.enum(PartnerColumnValues)).max(PartnerColumnValues.length).default([]),
  })
  .strict()
  .superRefine((view, ctx) => {
    // The stored query must be one GET /partners accepts, so opening the view never fails.
    const parsed = PartnerListQuerySchema.safeParse(view.query);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['query', ...issue.path.map(String)], message: issue.message });
    }
  })
  .meta({ id: 'SavedViewCreate' });
export type SavedViewCreate = z.infer<typeof SavedViewCreateSchema>;
export const SavedViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    query: z.record(z.string(), z.string()),
    columns: z.array(z.string()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof SavedViewSchema>;

// --- Tiers (C1/C3): benefits are data ---
export const TierBenefitsSchema = z
  .object({
    discountPercent: z.number().min(0).max(100).multipleOf(0.01).default(0),
    dealProtectionDays: z.number().int().min(0).max(3650).default(90),
    mdfAllocation: MoneySchema.nullable().default(null),
    commissionRatePercent: z.number().min(0).max(100).multipleOf(0.01).default(0),
    leadPriority: z.number().int().min(0).max(100).default(0),
  })
  .strict();
export type TierBenefits = z.infer<typeof TierBenefitsSchema>;

export const TierCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    rank: z.number().int().min(0).max(1000),
    description: z.string().trim().max(1000).optional(),
    benefits: TierBenefitsSchema.default({
      discountPercent: 0,
      dealProtectionDays: 90,
      mdfAllocation: null,
      commissionRatePercent: 0,
      leadPriority: 0,
    }),
  })
  .strict()
  .meta({ id: 'TierCreate' });
export const TierUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    rank: z.number().int().min(0).max(1000),
    description: z.string().trim().max(1000),
    benefits: TierBenefitsSchema,
  })
  .partial()
  .strict();
export const TierSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    rank: z.number().int(),
    description: z.string().nullable(),
    benefits: TierBenefitsSchema,
    partnerCount: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Tier' });
export type Tier = z.infer<typeof TierSchema>;

// --- Custom attributes (C1): typed, defined per workspace ---
export const CustomAttributeTypeValues = ['text', 'number', 'date', 'select'] as const;
export const CustomAttributeDefinitionCreateSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter'),
    label: z.string().trim().min(1).max(80),
    type: z.enum(CustomAttributeTypeValues),
    options: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
    required: z.boolean().default(false),
    partnerEditable: z.boolean().default(false),
  })
  .strict()
  .refine((d) => d.type !== 'select' || d.options.length > 0, {
    path: ['options'],
    message: 'a select attribute needs at least one option',
  })
  .refine((d) => d.type === 'select' || d.options.length === 0, {
    path: ['options'],
    message: 'only select attributes have options',
  })
  .meta({ id: 'CustomAttributeDefinitionCreate' });
export const CustomAttributeDefinitionUpdateSchema = z
  .object({
    label: z.string().trim().min(1).max(80),
    options: z.array(z.string().trim().min(1).max(80)).max(100),
    required: z.boolean(),
    partnerEditable: z.boolean(),
  })
  .partial()
  .strict();
export const CustomAttributeDefinitionSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    label: z.string(),
    type: z.enum(CustomAttributeTypeValues),
    options: z.array(z.string()),
    required: z.boolean(),
    partnerEditable: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CustomAttributeDefinition' });
export type CustomAttributeDefinition = z.infer<typeof CustomAttributeDefinitionSchema>;

// --- Contacts ---
export const ContactRoleValues = [
  'primary',
  'sales',
  'marketing',
  'technical',
  'billing',
  'executive',
  'other',
] as const;
const contactFields = {
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().max(100),
  email: z.email().max(254).toLowerCase().nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{5,30}$/, 'must be a phone number such as +371 2612 3456')
    .nullable(),
  title: z.string().trim().max(120).nullable(),
  role: z.enum(ContactRoleValues),
};
export const ContactCreateSchema = z
  .object({
    ...contactFields,
    lastName: contactFields.lastName.default(''),
    email: contactFields.email.optional(),
    phone: contactFields.phone.optional(),
    title: contactFields.title.optional(),
    role: contactFields.role.default('other'),
    metadata: MetadataSchema.optional(),
  })
  .strict()
  .meta({ id: 'ContactCreate' });
export const ContactUpdateSchema = z
  .object({ ...contactFields, metadata: MetadataSchema })
  .partial()
  .strict();
export const ContactListQuerySchema = ListQuerySchema.extend({
  partnerId: z.uuid().optional(),
  /** Matches name and e-mail, ignoring case and accents. */
  q: z.string().trim().max(200).optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuerySchema>;
export const ContactSchema = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    role: z.enum(ContactRoleValues),
    hasLogin: z.boolean(),
    metadata: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof ContactSchema>;
