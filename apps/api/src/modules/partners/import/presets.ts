import {
  AccountImportFieldValues,
  ContactImportFieldValues,
  CUSTOM_ATTRIBUTE_COLUMN_PREFIX,
  type ImportKind,
  LeadImportFieldValues,
  type MappingPreset,
  PartnerImportFieldValues,
} from '@trellis/contracts';

/*
 * C19: mapping presets for the export formats people bring — Trellis' own, Salesforce and HubSpot — and
 * everyday header names. A mapping is CSV header → Trellis field; headers not in it are ignored.
 */

type Table = Record<string, string>;

const PARTNER_PRESETS: Record<Exclude<MappingPreset, 'trellis'>, Table> = {
  salesforce: {
    'Account Name': 'legalName',
    Website: 'website',
    'Billing Street': 'addressLine1',
    'Billing City': 'city',
    'Billing State/Province': 'state',
    'Billing Zip/Postal Code': 'postalCode',
    'Billing Country': 'country',
    Phone: 'phone',
    Type: 'type',
    Industry: 'industries',
    Employees: 'sizeBand',
    'Account Owner': 'owner',
    'Parent Account': 'parent',
  },
  hubspot: {
    'Company name': 'legalName',
    'Company Domain Name': 'domain',
    'Website URL': 'website',
    'Country/Region': 'country',
    City: 'city',
    'State/Region': 'state',
    'Postal Code': 'postalCode',
    'Street Address': 'addressLine1',
    'Street Address 2': 'addressLine2',
    'Phone Number': 'phone',
    Industry: 'industries',
    'Number of Employees': 'sizeBand',
    'Company owner': 'owner',
    Type: 'type',
    'Parent Company': 'parent',
  },
};

const CONTACT_PRESETS: Record<Exclude<MappingPreset, 'trellis'>, Table> = {
  salesforce: {
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Email: 'email',
    Title: 'title',
    Phone: 'phone',
    Mobile: 'mobile',
    'Account Name': 'partner',
  },
  hubspot: {
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Email: 'email',
    'Job Title': 'title',
    'Phone Number': 'phone',
    'Mobile Phone Number': 'mobile',
    'Company Name': 'partner',
    'Associated Company': 'partner',
  },
};

/**
 * C4: customer accounts from a Salesforce Account export (report headers, and the API names a Data
 * Loader export uses) or a HubSpot company export. A Salesforce owner is a full name: the importer takes
 * an e-mail or a unique name.
 */
const ACCOUNT_PRESETS: Record<Exclude<MappingPreset, 'trellis'>, Table> = {
  salesforce: {
    'Account ID': 'externalId',
    'Account Name': 'name',
    Website: 'website',
    'Billing Street': 'addressLine1',
    'Billing City': 'city',
    'Billing State/Province': 'state',
    'Billing Zip/Postal Code': 'postalCode',
    'Billing Country': 'country',
    'Account Owner': 'owner',
    'Account Owner Email': 'owner',
    'Named Account': 'namedAccount',
    Named_Account__c: 'namedAccount',
    Id: 'externalId',
    Name: 'name',
    BillingStreet: 'addressLine1',
    BillingCity: 'city',
    BillingState: 'state',
    BillingPostalCode: 'postalCode',
    BillingCountry: 'country',
    BillingCountryCode: 'country',
  },
  hubspot: {
    'Record ID': 'externalId',
    'Company name': 'name',
    'Company Domain Name': 'domains',
    'Website URL': 'website',
    'Country/Region': 'country',
    City: 'city',
    'State/Region': 'state',
    'Postal Code': 'postalCode',
    'Street Address': 'addressLine1',
    'Street Address 2': 'addressLine2',
    'Company owner': 'owner',
    'Target Account': 'namedAccount',
  },
};

/**
 * C5: leads from a Salesforce Lead export (report headers, and the API names a Data Loader export uses) or a
 * HubSpot contact / lead export. Salesforce's State and HubSpot's State/Region become the lead's region.
 */
const LEAD_PRESETS: Record<Exclude<MappingPreset, 'trellis'>, Table> = {
  salesforce: {
    'Lead ID': 'externalId',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    Company: 'company',
    'Company / Account': 'company',
    Email: 'contactEmail',
    Phone: 'contactPhone',
    Mobile: 'contactPhone',
    Country: 'country',
    State: 'region',
    'State/Province': 'region',
    'Lead Source': 'leadSource',
    Industry: 'industry',
    'No. of Employees': 'companySize',
    Description: 'notes',
    'Product Interest': 'productInterests',
    Product_Interest__c: 'productInterests',
    Language: 'language',
    Language__c: 'language',
    Id: 'externalId',
    FirstName: 'firstName',
    LastName: 'lastName',
    Name: 'contactName',
    CountryCode: 'country',
    StateCode: 'region',
    MobilePhone: 'contactPhone',
    LeadSource: 'leadSource',
    NumberOfEmployees: 'companySize',
  },
  hubspot: {
    'Record ID': 'externalId',
    'First Name': 'firstName',
    'Last Name': 'lastName',
    'Company Name': 'company',
    Email: 'contactEmail',
    'Phone Number': 'contactPhone',
    'Mobile Phone Number': 'contactPhone',
    'Country/Region': 'country',
    'State/Region': 'region',
    'Number of Employees': 'companySize',
    Industry: 'industry',
    'Preferred language': 'language',
    'Original Source': 'leadSource',
    'Lead Source': 'leadSource',
    Message: 'notes',
    Notes: 'notes',
    'Product Interest': 'productInterests',
  },
};

const PRESETS: Record<ImportKind, Record<Exclude<MappingPreset, 'trellis'>, Table>> = {
  partners: PARTNER_PRESETS,
  contacts: CONTACT_PRESETS,
  accounts: ACCOUNT_PRESETS,
  leads: LEAD_PRESETS,
};

/** Website, country and address headers that partner and account files share (lower-cased, as compared). */
const COMPANY_PLACE_SYNONYMS = {
  url: 'website',
  web: 'website',
  'web site': 'website',
  'country code': 'country',
  nation: 'country',
  address: 'addressLine1',
  street: 'addressLine1',
  'address line 1': 'addressLine1',
  'address line 2': 'addressLine2',
  town: 'city',
  province: 'state',
  'state/province': 'state',
  zip: 'postalCode',
  'zip code': 'postalCode',
  'postal code': 'postalCode',
  postcode: 'postalCode',
} as const;

/** Headers that identify a preset even when the rest of the file is trimmed down. */
const SIGNATURES: Record<ImportKind, Record<Exclude<MappingPreset, 'trellis'>, string[]>> = {
  partners: {
    salesforce: ['account name', 'billing country', 'billing city', 'account owner', 'employees', 'billing street'],
    hubspot: ['company name', 'company domain name', 'website url', 'country/region', 'number of employees'],
  },
  contacts: {
    salesforce: ['account name', 'title', 'mobile'],
    hubspot: ['job title', 'phone number', 'company name', 'associated company'],
  },
  accounts: {
    salesforce: [
      'account id',
      'account name',
      'billing country',
      'billing city',
      'billing street',
      'account owner',
      'billingcountry',
      'billingcity',
      'billingstreet',
    ],
    hubspot: ['record id', 'company name', 'company domain name', 'website url', 'country/region', 'company owner'],
  },
  leads: {
    salesforce: [
      'lead id',
      'company',
      'lead source',
      'no. of employees',
      'description',
      'state',
      'country',
      'leadsource',
      'numberofemployees',
    ],
    hubspot: ['record id', 'company name', 'phone number', 'country/region', 'state/region', 'number of employees'],
  },
};

/** Everyday header names in any file (matched ignoring case, spaces and punctuation). */
const GENERIC: Record<ImportKind, Table> = {
  partners: {
    'legal name': 'legalName',
    'company legal name': 'legalName',
    name: 'legalName',
    company: 'legalName',
    'company name': 'legalName',
    'partner name': 'legalName',
    partner: 'legalName',
    'display name': 'displayName',
    'trading name': 'displayName',
    ...COMPANY_PLACE_SYNONYMS,
    telephone: 'phone',
    'partner type': 'type',
    size: 'sizeBand',
    'company size': 'sizeBand',
    employees: 'sizeBand',
    'number of employees': 'sizeBand',
    industry: 'industries',
    tier: 'tier',
    level: 'tier',
    'partner tier': 'tier',
    owner: 'owner',
    'owner email': 'owner',
    'channel manager': 'owner',
    'parent partner': 'parent',
    tag: 'tags',
    logo: 'logoUrl',
  },
  contacts: {
    'first name': 'firstName',
    'given name': 'firstName',
    'last name': 'lastName',
    surname: 'lastName',
    'family name': 'lastName',
    'e-mail': 'email',
    'email address': 'email',
    'job title': 'title',
    position: 'title',
    telephone: 'phone',
    'mobile phone': 'mobile',
    company: 'partner',
    'company name': 'partner',
    'partner name': 'partner',
    account: 'partner',
    'partner id': 'partnerId',
    domain: 'partnerDomain',
    'company domain': 'partnerDomain',
  },
  accounts: {
    'account name': 'name',
    account: 'name',
    company: 'name',
    'company name': 'name',
    customer: 'name',
    'customer name': 'name',
    'legal name': 'name',
    domain: 'domains',
    'company domain': 'domains',
    'email domain': 'domains',
    ...COMPANY_PLACE_SYNONYMS,
    'owner email': 'owner',
    'account owner': 'owner',
    'account manager': 'owner',
    'sales rep': 'owner',
    named: 'namedAccount',
    'named account': 'namedAccount',
    'target account': 'namedAccount',
    'strategic account': 'namedAccount',
    'external id': 'externalId',
    'crm id': 'externalId',
    'account id': 'externalId',
    'record id': 'externalId',
    'salesforce id': 'externalId',
    'hubspot id': 'externalId',
  },
  leads: {
    company: 'company',
    'company name': 'company',
    organisation: 'company',
    organization: 'company',
    account: 'company',
    name: 'contactName',
    'full name': 'contactName',
    contact: 'contactName',
    'contact name': 'contactName',
    'first name': 'firstName',
    'given name': 'firstName',
    'last name': 'lastName',
    surname: 'lastName',
    'family name': 'lastName',
    email: 'contactEmail',
    'e-mail': 'contactEmail',
    'email address': 'contactEmail',
    phone: 'contactPhone',
    telephone: 'contactPhone',
    'phone number': 'contactPhone',
    mobile: 'contactPhone',
    'country code': 'country',
    country: 'country',
    region: 'region',
    state: 'region',
    province: 'region',
    territory: 'territory',
    'sales territory': 'territory',
    language: 'language',
    'preferred language': 'language',
    products: 'productInterests',
    'product interest': 'productInterests',
    'product interests': 'productInterests',
    interests: 'productInterests',
    employees: 'companySize',
    'number of employees': 'companySize',
    'company size': 'companySize',
    size: 'companySize',
    industry: 'industry',
    source: 'leadSource',
    'lead source': 'leadSource',
    notes: 'notes',
    description: 'notes',
    comments: 'notes',
    message: 'notes',
    'external id': 'externalId',
    'crm id': 'externalId',
    'lead id': 'externalId',
    'record id': 'externalId',
  },
};

const REQUIRED_FOR_OWN_FORMAT: Record<ImportKind, string[]> = {
  partners: ['legalName', 'country'],
  contacts: ['firstName'],
  accounts: ['name', 'country'],
  leads: ['company'],
};

const norm = (h: string) => h.trim().toLowerCase();
const squash = (h: string) => h.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const FIELDS: Record<ImportKind, readonly string[]> = {
  partners: PartnerImportFieldValues,
  contacts: ContactImportFieldValues,
  accounts: AccountImportFieldValues,
  leads: LeadImportFieldValues,
};

export function fieldsOf(kind: ImportKind): readonly string[] {
  return FIELDS[kind];
}

/** Which export produced these headers, if any: our own format wins, then the closest CRM preset. */
export function detectPreset(kind: ImportKind, headers: readonly string[]): MappingPreset | null {
  const fields = new Set(fieldsOf(kind));
  const own = headers.filter((h) => fields.has(h) || h.startsWith(CUSTOM_ATTRIBUTE_COLUMN_PREFIX)).length;
  const required = REQUIRED_FOR_OWN_FORMAT[kind];
  if (required.every((f) => headers.includes(f)) && own >= Math.min(3, headers.length)) return 'trellis';
  const lower = new Set(headers.map(norm));
  let best: MappingPreset | null = null;
  let bestScore = 1;
  for (const preset of ['salesforce', 'hubspot'] as const) {
    const score = SIGNATURES[kind][preset].filter((h) => lower.has(h)).length;
    if (score > bestScore) {
      best = preset;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Suggested mapping: exact Trellis field names, then the detected preset's headers, then everyday names.
 * Each field is used once (the first column that claims it wins).
 */
export function suggestMapping(
  kind: ImportKind,
  headers: readonly string[],
  attributeKeys: readonly string[] = [],
): { preset: MappingPreset | null; mapping: Record<string, string> } {
  const preset = detectPreset(kind, headers);
  const fields = new Set(fieldsOf(kind));
  const attrs = new Set(attributeKeys.map((k) => `${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}${k}`));
  const presetTable = new Map<string, string>();
  const presets = PRESETS[kind];
  const ordered = preset && preset !== 'trellis' ? [presets[preset]] : [];
  ordered.push(presets.salesforce, presets.hubspot);
  for (const table of ordered) {
    for (const [h, f] of Object.entries(table)) if (!presetTable.has(norm(h))) presetTable.set(norm(h), f);
  }
  const generic = new Map(Object.entries(GENERIC[kind]).map(([h, f]) => [squash(h), f]));
  const fieldBySquash = new Map([...fields].map((f) => [squash(f), f]));
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  const claim = (header: string, field: string | undefined) => {
    if (!field || used.has(field) || header in mapping) return;
    mapping[header] = field;
    used.add(field);
  };
  for (const h of headers) if (fields.has(h) || attrs.has(h)) claim(h, h);
  for (const h of headers) claim(h, presetTable.get(norm(h)));
  for (const h of headers) claim(h, fieldBySquash.get(squash(h)) ?? generic.get(squash(h)));
  return { preset, mapping };
}
