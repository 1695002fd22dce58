import type { Lead, LeadCreateInput, LeadUpdate } from '@trellis/contracts';

export type LeadFormValues = {
  company: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  country: string | null;
  region: string;
  territory: string;
  language: string;
  productInterests: string[];
  companySize: number | string;
  notes: string;
  route: boolean;
};

export const emptyLeadForm = (): LeadFormValues => ({
  company: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  country: null,
  region: '',
  territory: '',
  language: '',
  productInterests: [],
  companySize: '',
  notes: '',
  route: true,
});

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The form as the API's create body: empty optional fields are left out, not sent as empty strings. */
export function leadCreateBody(v: LeadFormValues): LeadCreateInput {
  const body: LeadCreateInput = {
    company: v.company.trim(),
    contactName: v.contactName.trim(),
    productInterests: v.productInterests.map((p) => p.trim()).filter(Boolean),
    notes: v.notes.trim(),
    source: 'console',
    route: v.route,
  };
  const email = orNull(v.contactEmail);
  const phone = orNull(v.contactPhone);
  if (email) body.contactEmail = email;
  if (phone) body.contactPhone = phone;
  if (v.country) body.country = v.country;
  const region = orNull(v.region);
  const territory = orNull(v.territory);
  const language = orNull(v.language);
  if (region) body.region = region;
  if (territory) body.territory = territory;
  if (language) body.language = language;
  if (String(v.companySize).trim() !== '') body.companySize = Number(v.companySize);
  return body;
}

/** A lead as the edit form shows it. */
export function leadFormFromLead(l: Lead): LeadFormValues {
  return {
    company: l.company,
    contactName: l.contact.name,
    contactEmail: l.contact.email ?? '',
    contactPhone: l.contact.phone ?? '',
    country: l.country,
    region: l.region ?? '',
    territory: l.territory ?? '',
    language: l.language ?? '',
    productInterests: [...l.productInterests],
    companySize: l.companySize ?? '',
    notes: l.notes,
    route: false,
  };
}

/** PATCH body: every field the form shows, a cleared one as null (so clearing a value really clears it). */
export function leadUpdateBody(v: LeadFormValues): LeadUpdate {
  return {
    company: v.company.trim(),
    contactName: v.contactName.trim(),
    contactEmail: orNull(v.contactEmail),
    contactPhone: orNull(v.contactPhone),
    country: v.country || null,
    region: orNull(v.region),
    territory: orNull(v.territory),
    language: orNull(v.language),
    productInterests: v.productInterests.map((p) => p.trim()).filter(Boolean),
    companySize: String(v.companySize).trim() === '' ? null : Number(v.companySize),
    notes: v.notes.trim(),
  };
}
