import { describe, expect, it } from 'vitest';
import { convertBody, convertFormErrors, convertFormFromLead, domainFromEmail } from './convertForm';
import { leadCreateBody } from './leadForm';
import { fairnessGap } from './stats';

const lead = {
  contact: { name: 'Nguyễn Văn An', email: 'an.nguyen@mekong-agri.vn', phone: null },
  productInterests: ['Trellis Cloud', 'Onboarding'],
  notes: 'Wants a pilot in Cần Thơ',
};

describe('converting a lead to a deal registration', () => {
  it('is pre-filled from the lead: a line per product interest, its notes and its e-mail domain', () => {
    const v = convertFormFromLead(lead);
    expect(v.domain).toBe('mekong-agri.vn');
    expect(v.lines.map((l) => l.product)).toEqual(['Trellis Cloud', 'Onboarding']);
    expect(v.notes).toBe('Wants a pilot in Cần Thơ');
    expect(v.submit).toBe(true);
  });

  it('does not take a free mail provider for the customer’s domain', () => {
    expect(domainFromEmail('someone@gmail.com')).toBe('');
    // The same list the API matches with: a QQ or Inbox.lv address names no customer either.
    expect(domainFromEmail('wang@qq.com')).toBe('');
    expect(domainFromEmail('janis@inbox.lv')).toBe('');
    expect(domainFromEmail(null)).toBe('');
  });

  it('sends exact minor units in the base currency, skipping empty lines', () => {
    const v = convertFormFromLead(lead);
    v.lines[0] = { ...v.lines[0], amount: '12500.50', quantity: 25 } as (typeof v.lines)[number];
    v.lines[1] = { ...v.lines[1], product: '', amount: '' } as (typeof v.lines)[number];
    v.closeDate = '2027-03-31';
    const { body, positions, badAmounts } = convertBody(v, 'USD');
    expect(badAmounts).toEqual([]);
    expect(positions).toEqual([0]);
    expect(body).toEqual({
      products: [{ product: 'Trellis Cloud', quantity: 25, amount: { amountMinor: 1_250_050, currency: 'USD' } }],
      expectedCloseDate: '2027-03-31',
      notes: 'Wants a pilot in Cần Thơ',
      domain: 'mekong-agri.vn',
      submit: true,
    });
    expect(convertBody({ ...v, country: 'VN' }, 'USD').body.country).toBe('VN');
  });

  it('refuses an amount that is not valid for the currency, naming the line', () => {
    const v = convertFormFromLead(lead);
    v.lines[1] = { ...v.lines[1], amount: '10.5' } as (typeof v.lines)[number];
    expect(convertBody(v, 'VND').badAmounts).toEqual(['lines.0.amount', 'lines.1.amount']);
  });

  it('puts the API’s product errors on the form line they came from', () => {
    expect(
      convertFormErrors(
        { 'products.0.amount.amountMinor': 'too small', expectedCloseDate: 'required', domain: 'bad' },
        [1],
      ),
    ).toEqual({ 'lines.1.amount': 'too small', closeDate: 'required', domain: 'bad' });
  });
});

describe('the new lead form', () => {
  it('leaves empty optional fields out rather than sending empty strings', () => {
    expect(
      leadCreateBody({
        company: ' Mekong Agri ',
        contactName: 'An',
        contactEmail: '',
        contactPhone: '+84 28 3822 1234',
        country: 'VN',
        region: '',
        territory: ' South ',
        language: 'vi',
        productInterests: ['Cloud', ' '],
        companySize: '',
        notes: '',
        route: false,
      }),
    ).toEqual({
      company: 'Mekong Agri',
      contactName: 'An',
      contactPhone: '+84 28 3822 1234',
      country: 'VN',
      territory: 'South',
      language: 'vi',
      productInterests: ['Cloud'],
      notes: '',
      source: 'console',
      route: false,
    });
  });
});

describe('fairness figures', () => {
  it('measures the gap to the weight share in percentage points, fair within tolerance', () => {
    expect(fairnessGap(0.5, 0.75)).toEqual({ points: -25, tone: 'under' });
    expect(fairnessGap(0.26, 0.25)).toEqual({ points: 1, tone: 'fair' });
    expect(fairnessGap(0.4, 0.25)?.tone).toBe('over');
    expect(fairnessGap(0.4, null)).toBeNull();
  });
});

describe('editing a lead', () => {
  it('sends every field, a cleared one as null, so clearing really clears', async () => {
    const { leadFormFromLead, leadUpdateBody } = await import('./leadForm');
    const v = leadFormFromLead({
      id: '01900000-0000-7000-8000-0000000000a1',
      status: 'unassigned',
      company: 'Mekong Agri',
      contact: { name: 'An', email: 'an@mekong-agri.vn', phone: '+84 28 3822 1234' },
      country: 'TW',
      region: 'APAC',
      territory: null,
      language: 'vi',
      productInterests: ['Cloud'],
      companySize: 120,
      source: 'console',
      notes: '',
      metadata: {},
      partner: null,
      fallbackQueue: { id: 'default', name: 'Unassigned leads' },
      assignedAt: null,
      slaDueAt: null,
      acceptedAt: null,
      lostReason: null,
      lostNote: null,
      dealRegistrationId: null,
      recallCount: 0,
      declinedCount: 0,
      createdAt: '2026-11-23T08:00:00.000Z',
      updatedAt: '2026-11-23T08:00:00.000Z',
    });
    expect(leadUpdateBody({ ...v, country: 'VN', region: '', contactPhone: ' ', companySize: '' })).toEqual({
      company: 'Mekong Agri',
      contactName: 'An',
      contactEmail: 'an@mekong-agri.vn',
      contactPhone: null,
      country: 'VN',
      region: null,
      territory: null,
      language: 'vi',
      productInterests: ['Cloud'],
      companySize: null,
      notes: '',
    });
  });
});
