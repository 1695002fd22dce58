import { describe, expect, it } from 'vitest';
import {
  isKnownCountry,
  LeadBulkRouteSchema,
  LeadCreateSchema,
  LeadDeclineSchema,
  LeadListQuerySchema,
  LeadStatusUpdateSchema,
  LeadWebFormSchema,
} from './leads.schemas';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues.map((i) => i.path.join('.')) ?? []).sort();

describe('lead contracts', () => {
  it('knows countries by name, not by shape: XX, ZZ and groupings like EU are refused', () => {
    for (const c of ['VN', 'TW', 'LV', 'XK']) expect(isKnownCountry(c), c).toBe(true);
    for (const c of ['XX', 'ZZ', 'EU', 'UN', 'UK', 'vn', 'VNM']) expect(isKnownCountry(c), c).toBe(false);
  });

  it('a lead needs a way to reach its contact; e-mails and phones are checked', () => {
    const ok = LeadCreateSchema.parse({ company: 'Sao Việt', contactName: 'Mai', contactPhone: '+84 28 3822 1234' });
    expect(ok).toMatchObject({ route: true, source: 'api', productInterests: [], notes: '', metadata: {} });
    expect(paths(LeadCreateSchema.safeParse({ company: 'A', contactName: 'B' }))).toEqual(['contactEmail']);
    const bad = LeadCreateSchema.safeParse({
      company: 'A',
      contactName: 'B',
      contactEmail: 'b@',
      contactPhone: '12-34',
      country: 'QQ',
      companySize: 1.5,
    });
    expect(paths(bad)).toEqual(['companySize', 'contactEmail', 'contactPhone', 'country']);
  });

  it('declining needs words when the reason is other; lost needs a reason code', () => {
    expect(paths(LeadDeclineSchema.safeParse({ reasonCode: 'other' }))).toEqual(['reason']);
    expect(LeadDeclineSchema.safeParse({ reasonCode: 'no_capacity' }).success).toBe(true);
    expect(paths(LeadStatusUpdateSchema.safeParse({ status: 'lost' }))).toEqual(['reasonCode']);
    expect(LeadStatusUpdateSchema.safeParse({ status: 'converted' }).success).toBe(false);
  });

  it('list filters take comma lists; bulk routing takes ids or every waiting lead', () => {
    expect(LeadListQuerySchema.parse({ status: 'offered,accepted', country: 'VN' })).toMatchObject({
      status: ['offered', 'accepted'],
      country: ['VN'],
      limit: 50,
    });
    expect(LeadListQuerySchema.safeParse({ status: 'offered,bogus' }).success).toBe(false);
    expect(LeadBulkRouteSchema.parse({ allUnassigned: true })).toEqual({ allUnassigned: true, limit: 5000 });
    expect(LeadBulkRouteSchema.safeParse({ leadIds: [] }).success).toBe(false);
  });

  it('the web form ignores unknown fields and keeps the honeypot for the server to judge', () => {
    const f = LeadWebFormSchema.parse({
      company: 'Web Co',
      name: 'An',
      email: 'an@web.vn',
      utm_source: 'ads',
      website_url: 'http://spam',
      companySize: '120',
    });
    expect(f).toMatchObject({ website_url: 'http://spam', companySize: 120, productInterests: [] });
    expect(f).not.toHaveProperty('utm_source');
  });
});
