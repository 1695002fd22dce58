import {
  ContactImportFieldValues,
  CUSTOM_ATTRIBUTE_COLUMN_PREFIX,
  type CustomAttributeDefinition,
  type ImportKind,
  PartnerImportFieldValues,
} from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import type { TFunction } from '../../i18n/useT';

export const REQUIRED_FIELDS: Record<ImportKind, string[]> = {
  partners: ['legalName', 'country', 'type'],
  contacts: ['firstName'],
};

export const fieldKey = (kind: ImportKind, field: string): MessageId =>
  (kind === 'partners' ? `importField.partner.${field}` : `importField.contact.${field}`) as MessageId;

/** Every Trellis field a column can map to, labelled in the reader's language; "" ignores the column. */
export function fieldOptions(
  kind: ImportKind,
  attributes: CustomAttributeDefinition[],
  t: TFunction,
): { group: string; items: { value: string; label: string }[] }[] {
  const base = (kind === 'partners' ? PartnerImportFieldValues : ContactImportFieldValues).map((f) => ({
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
