import { AccountImportFieldValues, can, LeadImportFieldValues, type Permission, type Role } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/messages/en.json';
import type { TFunction } from '../../i18n/useT';
import { fieldKey, fieldOptions, importableKinds, initialKind } from './fields';

const asRole = (role: Role) => (p: Permission) => can(role, p);
const english: TFunction = (id) => en[id];

describe('importable kinds', () => {
  it('offers accounts and leads only to people who may also manage them; partners none', () => {
    expect(importableKinds(asRole('admin'))).toEqual(['partners', 'contacts', 'accounts', 'leads']);
    expect(importableKinds(asRole('channel_manager'))).toEqual(['partners', 'contacts', 'accounts', 'leads']);
    expect(importableKinds(asRole('finance'))).toEqual([]);
    expect(importableKinds(asRole('partner_admin'))).toEqual([]);
    expect(importableKinds((p) => p === 'partner.import')).toEqual(['partners', 'contacts']);
    expect(importableKinds((p) => p === 'partner.import' || p === 'lead.manage')).toEqual([
      'partners',
      'contacts',
      'leads',
    ]);
  });

  it('preselects the kind a link asks for (the Accounts page) when it is allowed', () => {
    expect(initialKind('accounts', ['partners', 'contacts', 'accounts'])).toBe('accounts');
    expect(initialKind('accounts', ['partners', 'contacts'])).toBe('partners');
    expect(initialKind('leads', ['partners', 'contacts', 'accounts', 'leads'])).toBe('leads');
    expect(initialKind(undefined, ['partners', 'contacts', 'accounts'])).toBe('partners');
    expect(initialKind('nonsense', ['partners', 'contacts', 'accounts'])).toBe('partners');
  });
});

describe('account field options', () => {
  it('labels every account field in English and marks name and country as required', () => {
    const [, fields] = fieldOptions('accounts', [], english);
    expect(fields?.items.map((i) => i.value)).toEqual([...AccountImportFieldValues]);
    for (const f of AccountImportFieldValues) expect(en[fieldKey('accounts', f)], f).toBeTruthy();
    const labels = Object.fromEntries((fields?.items ?? []).map((i) => [i.value, i.label]));
    expect(labels).toMatchObject({ name: 'Account name *', country: 'Country *', externalId: 'CRM record ID' });
  });
});

describe('lead field options', () => {
  it('labels every lead field in English and marks the company as required', () => {
    const [, fields] = fieldOptions('leads', [], english);
    expect(fields?.items.map((i) => i.value)).toEqual([...LeadImportFieldValues]);
    for (const f of LeadImportFieldValues) expect(en[fieldKey('leads', f)], f).toBeTruthy();
    const labels = Object.fromEntries((fields?.items ?? []).map((i) => [i.value, i.label]));
    expect(labels).toMatchObject({ company: 'Company *', contactEmail: 'E-mail' });
  });
});
