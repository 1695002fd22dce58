import type { CustomAttributeDefinition } from '@trellis/contracts';
import type { CustomAttributeDefinitionRow } from './custom-attribute.repo';

export function presentDefinition(r: CustomAttributeDefinitionRow): CustomAttributeDefinition {
  return {
    id: r.id,
    key: r.key,
    label: r.label,
    type: r.type,
    options: r.options,
    required: r.required,
    partnerEditable: r.partnerEditable,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What the audit log diffs for a definition. */
export const definitionSnapshot = (r: CustomAttributeDefinitionRow) => ({
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options,
  required: r.required,
  partnerEditable: r.partnerEditable,
});
