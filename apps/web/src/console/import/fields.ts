import {
  AccountImportFieldValues,
  ContactImportFieldValues,
  CUSTOM_ATTRIBUTE_COLUMN_PREFIX,
  type CustomAttributeDefinition,
  type ImportKind,
  LeadImportFieldValues,
  PartnerImportFieldValues,
  type Permission,
} from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import type { TFunction } from '../../i18n/useT';

export const REQUIRED_FIELDS: Record<ImportKind, string[]> = {
  partners: ['legalName', 'country', 'type'],
  contacts: ['firstName'],
  accounts: ['name', 'country'],
  leads: ['company'],
};

const FIELDS: Record<ImportKind, readonly string[]> = {
  partners: PartnerImportFieldValues,
  contacts: ContactImportFieldValues,
  accounts: AccountImportFieldValues,
  leads: LeadImportFieldValues,
};
const FIELD_MESSAGES: Record<ImportKind, string> = {
  partners: 'importField.partner',
  contacts: 'importField.contact',
  accounts: 'importField.account',
  leads: 'importField.lead',
};

export const fieldKey = (kind: ImportKind, field: string): MessageId => `${FIELD_MESSAGES[kind]}.${field}` as MessageId;

/** Every Trellis field a column can map to, labelled in the reader's language; "" ignores the column. */
export function fieldOptions(
  kind: ImportKind,
  attributes: CustomAttributeDefinition[],
  t: TFunction,
): { group: string; items: { value: string; label: string }[] }[] {
  const base = FIELDS[kind].map((f) => ({
    value: f,
    label: `${t(fieldKey(kind, f))}${REQUIRED_FIELDS[kind].includes(f) ? ' *' : ''}`,
  }));
  const groups = [
    { group: t('import.map.ignoreGroup'), items: [{ value: '', label: t('import.map.ignore') }] },
    { group: t('import.map.fieldsGroup'), items: base },
  ];
  if (kind === 'partners' && attributes.length > 0) {
    groups.push({
      group: t('import.map.attributesGroup'),
      items: attributes.map((a) => ({ value: `${CUSTOM_ATTRIBUTE_COLUMN_PREFIX}${a.key}`, label: a.label })),
    });
  }
  return groups;
}

/**
 * The kinds this person may import (the API checks the same): partners and contacts with partner.import,
 * customer accounts when they may also manage accounts, leads when they may also manage leads.
 */
export function importableKinds(can: (p: Permission) => boolean): ImportKind[] {
  if (!can('partner.import')) return [];
  return [
    'partners',
    'contacts',
    ...(can('account.manage') ? (['accounts'] as const) : []),
    ...(can('lead.manage') ? (['leads'] as const) : []),
  ];
}

/** The kind a link asks for (?kind=accounts from the Accounts page, ?kind=leads from the Leads board), if this person may import it. */
export function initialKind(requested: string | undefined, kinds: readonly ImportKind[]): ImportKind {
  const hit = kinds.find((k) => k === requested);
  return hit ?? kinds[0] ?? 'partners';
}
