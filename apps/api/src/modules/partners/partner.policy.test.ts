import { PartnerProfileFieldValues, type Permission, ROLE_PERMISSIONS, type Role } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context';
import {
  describeTransitionProblem,
  domainFromWebsite,
  forbiddenProfileFields,
  likeTokens,
  nextTags,
  partnerAbilities,
  partnerSearchName,
  statusTransitionProblem,
} from './partner.policy';

const OWN = '01900000-0000-7000-8000-000000000001';
const OTHER = '01900000-0000-7000-8000-000000000002';

function actor(role: Role, partnerId: string | null = null): Actor {
  return {
    userId: '01900000-0000-7000-8000-00000000000a',
    email: 'x@example.com',
    name: 'X',
    workspaceId: '01900000-0000-7000-8000-00000000000b',
    membershipId: '01900000-0000-7000-8000-00000000000c',
    role,
    partnerId,
    permissions: new Set<Permission>(ROLE_PERMISSIONS[role]),
  };
}
const settings = { partnerEditableFields: ['displayName', 'phone'] as ('displayName' | 'phone')[] };

describe('partnerAbilities', () => {
  it('gives vendor managers every profile field and the status moves of the machine', () => {
    const a = partnerAbilities(actor('channel_manager'), { id: OWN, status: 'active' }, settings);
    expect(a).toEqual({
      update: true,
      updateProfileFields: [...PartnerProfileFieldValues],
      changeStatusTo: ['suspended', 'terminated'],
      manageContacts: true,
      manageTeam: true,
    });
    expect(partnerAbilities(actor('admin'), { id: OWN, status: 'terminated' }, settings).changeStatusTo).toEqual([]);
  });

  it('gives read-only vendor roles nothing to change', () => {
    for (const role of ['viewer', 'finance', 'marketing'] as const) {
      expect(partnerAbilities(actor(role), { id: OWN, status: 'active' }, settings)).toEqual({
        update: false,
        updateProfileFields: [],
        changeStatusTo: [],
        manageContacts: false,
        manageTeam: false,
      });
    }
  });

  it('gives a partner admin the workspace’s open fields on their own company only', () => {
    const own = partnerAbilities(actor('partner_admin', OWN), { id: OWN, status: 'active' }, settings);
    expect(own).toEqual({
      update: false,
      updateProfileFields: ['displayName', 'phone'],
      changeStatusTo: [],
      manageContacts: true,
      manageTeam: true,
    });
    const other = partnerAbilities(actor('partner_admin', OWN), { id: OTHER, status: 'active' }, settings);
    expect(other.updateProfileFields).toEqual([]);
    expect(other.manageContacts).toBe(false);
    expect(partnerAbilities(actor('partner_user', OWN), { id: OWN, status: 'active' }, settings).manageContacts).toBe(
      false,
    );
  });
});

describe('status machine', () => {
  it('allows the machine’s moves and explains refusals', () => {
    expect(statusTransitionProblem('applicant', 'onboarding')).toBeNull();
    expect(statusTransitionProblem('suspended', 'active')).toBeNull();
    const p = statusTransitionProblem('applicant', 'active');
    expect(p).toEqual({ from: 'applicant', to: 'active', allowed: ['onboarding', 'terminated'] });
    expect(describeTransitionProblem(p as NonNullable<typeof p>)).toBe(
      'a partner cannot go from applicant to active; allowed from applicant: onboarding, terminated',
    );
    const final = statusTransitionProblem('terminated', 'active');
    expect(describeTransitionProblem(final as NonNullable<typeof final>)).toContain('terminated is final');
  });
});

describe('forbiddenProfileFields', () => {
  const defs = [
    { key: 'linkedin', partnerEditable: true },
    { key: 'credit_limit', partnerEditable: false },
  ];
  it('names closed fields and closed attributes, leaving unknown attributes to validation', () => {
    expect(
      forbiddenProfileFields(
        { displayName: 'x', legalName: 'y', customAttributes: { linkedin: 'a', credit_limit: 1, unknown: 2 } },
        settings,
        defs,
      ),
    ).toEqual(['legalName', 'customAttributes.credit_limit']);
    expect(forbiddenProfileFields({ phone: null, customAttributes: { linkedin: null } }, settings, defs)).toEqual([]);
  });
});

describe('derived fields', () => {
  it('takes the domain from the website host without www', () => {
    expect(domainFromWebsite('https://www.Example.COM/path?q=1')).toBe('example.com');
    expect(domainFromWebsite('http://shop.example.co.uk')).toBe('shop.example.co.uk');
    expect(domainFromWebsite('https://www.example.com.:8443/')).toBe('example.com');
    expect(domainFromWebsite(null)).toBeNull();
    expect(domainFromWebsite('not a url')).toBeNull();
  });

  it('folds display name, legal name and domain into the search key', () => {
    expect(partnerSearchName({ displayName: 'Giải pháp Số', legalName: 'Công ty Đông Á', domain: 'dongA.vn' })).toBe(
      'giai phap so cong ty dong a donga.vn',
    );
  });

  it('adds tags at the end without repeats and removes them keeping order', () => {
    expect(nextTags(['a', 'b'], 'add_tags', ['b', 'c', 'c'])).toEqual(['a', 'b', 'c']);
    expect(nextTags(['a', 'b', 'c'], 'remove_tags', ['b', 'z'])).toEqual(['a', 'c']);
  });

  it('makes LIKE patterns of folded words with wildcards escaped', () => {
    expect(likeTokens('  Giải  PHÁP ')).toEqual(['%giai%', '%phap%']);
    expect(likeTokens('100%_off\\')).toEqual(['%100\\%\\_off\\\\%']);
    expect(likeTokens('   ')).toEqual([]);
  });
});
