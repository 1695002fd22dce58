import { z } from 'zod';
import { ListQuerySchema } from '../common/pagination';
import { AccountListQuerySchema } from '../deals/deals.schemas';
import { ContactListQuerySchema, PartnerListQuerySchema } from '../partners/partners.schemas';

/**
 * What a CSV import creates: partners and their contacts (C1), the vendor's own customer accounts (C4), or
 * leads (C5), which are routed in bulk after the import unless the start request says `route: false`.
 */
export const ImportKindValues = ['partners', 'contacts', 'accounts', 'leads'] as const;
export const ImportKindSchema = z.enum(ImportKindValues);
export type ImportKind = z.infer<typeof ImportKindSchema>;
export const ImportStatusValues = ['uploaded', 'validated', 'queued', 'running', 'completed', 'failed'] as const;
export const ImportModeValues = ['all_or_nothing', 'valid_rows'] as const;
export type ImportMode = (typeof ImportModeValues)[number];
export const MappingPresetValues = ['trellis', 'salesforce', 'hubspot'] as const;
export type MappingPreset = (typeof MappingPresetValues)[number];

/**
 * C1/C19: the Trellis fields a CSV column can be mapped to. These are also the header names of Trellis'
 * own exports, so an export re-imports without a mapping step. Custom attributes map to `attr:<key>`.
 */
export const PartnerImportFieldValues = [
  'legalName',
  'displayName',
  'website',
  'domain',
  'country',
  'region',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'phone',
  'type',
  'sizeBand',
  'industries',
  'capabilities',
  'territories',
  'status',
  'tier',
  'owner',
  'parent',
  'tags',
  'logoUrl',
] as const;
export type PartnerImportField = (typeof PartnerImportFieldValues)[number];

export const ContactImportFieldValues = [
  'partnerId',
  'partner',
  'partnerDomain',
  'firstName',
  'lastName',
  'email',
  'phone',
  'mobile',
  'title',
  'role',
] as const;
export type ContactImportField = (typeof ContactImportFieldValues)[number];

/**
 * C4: fields of a customer-account import (and the headers of the account export). `domains` takes several
 * domains per cell (separated by `;`, `,` or spaces), `website` a URL whose domain joins them; `externalId`
 * is the CRM's record id (Salesforce Account ID, HubSpot Record ID), kept in the account's metadata under
 * ACCOUNT_EXTERNAL_ID_KEY so importing the same file again updates those accounts instead of duplicating them.
 */
export const AccountImportFieldValues = [
  'externalId',
  'name',
  'domains',
  'website',
  'country',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'owner',
  'namedAccount',
] as const;
export type AccountImportField = (typeof AccountImportFieldValues)[number];

/**
 * C5: fields of a lead import — every field of LeadCreate. `productInterests` takes several per cell
 * (separated by `;`), `companySize` a whole number of employees (a range such as "51-200" takes its upper
 * end), `externalId` the CRM's record id (Salesforce Lead ID, HubSpot Record ID), kept in the lead's
 * metadata under LEAD_EXTERNAL_ID_KEY (the CRM's lead source and industry go to metadata too). `contactName`
 * is the whole name; or map `firstName` and `lastName`.
 */
export const LeadImportFieldValues = [
  'externalId',
  'company',
  'contactName',
  'firstName',
  'lastName',
  'contactEmail',
  'contactPhone',
  'country',
  'region',
  'territory',
  'language',
  'productInterests',
  'companySize',
  'industry',
  'leadSource',
  'notes',
] as const;
export type LeadImportField = (typeof LeadImportFieldValues)[number];

/** The metadata keys of an imported lead: its id in the CRM, and the lead source and industry the CRM gave. */
export const LEAD_EXTERNAL_ID_KEY = 'externalId';
export const LEAD_CRM_SOURCE_KEY = 'crmLeadSource';
export const LEAD_INDUSTRY_KEY = 'industry';

/** The metadata key that holds an account's id in the CRM it was imported from. */
export const ACCOUNT_EXTERNAL_ID_KEY = 'externalId';

/** Prefix of the mapping target (and export header) for a custom attribute: `attr:<key>`. */
export const CUSTOM_ATTRIBUTE_COLUMN_PREFIX = 'attr:';

export const ImportRowErrorSchema = z.object({
  /** The row number a spreadsheet shows: the header is row 1, the first data row is row 2. */
  row: z.number().int(),
  /** The CSV column the problem is in, when there is one. */
  field: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

/** C5: what routing the imported leads did after the last chunk (lead imports started with `route: true`). */
export const ImportRoutingResultSchema = z
  .object({
    /** Imported leads the routing looked at. */
    routed: z.number().int(),
    /** Offered to a partner. */
    assigned: z.number().int(),
    /** No rule matched or no partner was eligible: in the fallback queue. */
    fallback: z.number().int(),
    /** Imported leads someone else routed (or changed) first. */
    skipped: z.number().int(),
  })
  .meta({ id: 'ImportRoutingResult' });
export type ImportRoutingResult = z.infer<typeof ImportRoutingResultSchema>;

export const ImportSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(ImportKindValues),
    status: z.enum(ImportStatusValues),
    fileName: z.string(),
    headers: z.array(z.string()),
    /** CSV header → Trellis field; after upload, the suggested mapping. */
    mapping: z.record(z.string(), z.string()),
    /** The export format recognised from the headers, if any. */
    preset: z.enum(MappingPresetValues).nullable(),
    mode: z.enum(ImportModeValues),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    importedRows: z.number().int(),
    errorCount: z.number().int(),
    /** The first errors (1,000 on GET /imports/{id}, 20 in lists); errorCount counts all, errors.csv lists all. */
    errors: z.array(ImportRowErrorSchema),
    /** Lead imports: whether the job routes the imported leads after the last chunk. */
    route: z.boolean(),
    /** Lead imports that routed: the counts; null before (or without) routing. */
    routing: ImportRoutingResultSchema.nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Import' });
export type Import = z.infer<typeof ImportSchema>;

/** POST /imports is multipart/form-data: these two parts. */
export const ImportUploadFormSchema = z
  .object({
    kind: ImportKindSchema,
    file: z.string().meta({ format: 'binary', description: 'the CSV file, UTF-8, at most 50 MB' }),
  })
  .meta({ id: 'ImportUploadForm' });

export const ImportMappingSchema = z
  .object({
    mapping: z.record(z.string(), z.string().max(100)),
    mode: z.enum(ImportModeValues).default('valid_rows'),
  })
  .strict()
  .meta({ id: 'ImportMapping' });
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** Start repeats the dry run's mapping (optional) so a changed mapping cannot slip through unvalidated. */
export const ImportStartSchema = z
  .object({
    mapping: z.record(z.string(), z.string().max(100)).optional(),
    mode: z.enum(ImportModeValues).optional(),
    /** Lead imports: route the imported leads in bulk after the last chunk (default true). Others: false only. */
    route: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'ImportStart' });

export const ImportDryRunResultSchema = z
  .object({
    import: ImportSchema,
    validRows: z.number().int(),
    invalidRows: z.number().int(),
    /** Valid rows that update an existing record instead of creating one (account imports; 0 otherwise). */
    updateRows: z.number().int(),
    /** Invalid rows that repeat a stored record or an earlier row and are skipped as duplicates (lead imports; 0 otherwise). */
    duplicateRows: z.number().int(),
  })
  .meta({ id: 'ImportDryRunResult' });
export type ImportDryRunResult = z.infer<typeof ImportDryRunResultSchema>;

export const ImportListQuerySchema = ListQuerySchema.extend({
  kind: ImportKindSchema.optional(),
});

/** Exports take the partner list's filters and sort, without paging: they stream every match. */
export const PartnerExportQuerySchema = PartnerListQuerySchema.omit({ limit: true, cursor: true });
export type PartnerExportQuery = z.infer<typeof PartnerExportQuerySchema>;

/** Contacts as the contact list filters them (one partner, a search), without paging. */
export const ContactExportQuerySchema = ContactListQuerySchema.omit({ limit: true, cursor: true });
export type ContactExportQuery = z.infer<typeof ContactExportQuerySchema>;

/** Accounts as the account list filters them (search, named accounts), without paging. */
export const AccountExportQuerySchema = AccountListQuerySchema.omit({ limit: true, cursor: true });
export type AccountExportQuery = z.infer<typeof AccountExportQuerySchema>;
