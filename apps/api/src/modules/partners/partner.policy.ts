import {
  PARTNER_STATUS_TRANSITIONS,
  type PartnerProfileField,
  PartnerProfileFieldValues,
  type PartnerStatus,
  type WorkspaceSettings,
} from '@trellis/contracts';
import { searchKey } from '../../lib/search-key';
import type { Actor } from '../../platform/context';

export type PartnerAbilities = {
  update: boolean;
  updateProfileFields: PartnerProfileField[];
  changeStatusTo: PartnerStatus[];
  manageContacts: boolean;
  manageTeam: boolean;
};

const isOwnCompany = (actor: Actor, partnerId: string) => actor.partnerId === partnerId;
const isVendor = (actor: Actor) => actor.partnerId === null;

/** What the actor may do with one visible partner; the UI renders from it (ARCHITECTURE §3.4). */
export function partnerAbilities(
  actor: Actor,
  partner: { id: string; status: PartnerStatus },
  settings: Pick<WorkspaceSettings, 'partnerEditableFields'>,
): PartnerAbilities {
  const vendorUpdate = isVendor(actor) && actor.permissions.has('partner.update');
  const ownProfile = isOwnCompany(actor, partner.id) && actor.permissions.has('partner.update_own_profile');
  const inScope = isVendor(actor) || isOwnCompany(actor, partner.id);
  return {
    update: vendorUpdate,
    updateProfileFields: vendorUpdate
      ? [...PartnerProfileFieldValues]
      : ownProfile
        ? PartnerProfileFieldValues.filter((f) => settings.partnerEditableFields.includes(f))
        : [],
    changeStatusTo:
      isVendor(actor) && actor.permissions.has('partner.change_status')
        ? [...PARTNER_STATUS_TRANSITIONS[partner.status]]
        : [],
    manageContacts: inScope && actor.permissions.has('contact.manage'),
    manageTeam: inScope && actor.permissions.has('member.invite'),
  };
}

/** Only a partner admin's abilities depend on the workspace settings (which profile fields are open). */
export function abilitiesNeedSettings(actor: Actor): boolean {
  return actor.partnerId !== null && actor.permissions.has('partner.update_own_profile');
}

/** C2: the status machine; null when the move is allowed, else the targets that are. */
export function statusTransitionProblem(
  from: PartnerStatus,
  to: PartnerStatus,
): { from: PartnerStatus; to: PartnerStatus; allowed: PartnerStatus[] } | null {
  const allowed = PARTNER_STATUS_TRANSITIONS[from];
  return allowed.includes(to) ? null : { from, to, allowed: [...allowed] };
}

export function describeTransitionProblem(p: { from: PartnerStatus; to: PartnerStatus; allowed: PartnerStatus[] }) {
  return `a partner cannot go from ${p.from} to ${p.to}; ${
    p.allowed.length > 0 ? `allowed from ${p.from}: ${p.allowed.join(', ')}` : `${p.from} is final`
  }`;
}

/**
 * Which fields of a partner_admin's profile edit the workspace does not open to partners: the listed
 * top-level fields plus `customAttributes.<key>` for attributes not marked partnerEditable. Unknown
 * attribute keys are left to validation (422), not refused here.
 */
export function forbiddenProfileFields(
  patch: Record<string, unknown>,
  settings: Pick<WorkspaceSettings, 'partnerEditableFields'>,
  definitions: readonly { key: string; partnerEditable: boolean }[],
): string[] {
  const allowed = new Set<string>(settings.partnerEditableFields);
  const out: string[] = [];
  for (const key of Object.keys(patch)) {
    if (key === 'customAttributes') continue;
    if (!allowed.has(key)) out.push(key);
  }
  const values = patch.customAttributes;
  if (values && typeof values === 'object') {
    const byKey = new Map(definitions.map((d) => [d.key, d]));
    for (const key of Object.keys(values)) {
      const def = byKey.get(key);
      if (def && !def.partnerEditable) out.push(`customAttributes.${key}`);
    }
  }
  return out;
}

/** The domain a website lives on: lower-case host name without a leading `www.`. */
export function domainFromWebsite(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const host = new URL(website).hostname.toLowerCase().replace(/\.$/, '');
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** The search column: display name, legal name and domain, folded (C1 search, diacritics ignored). */
export function partnerSearchName(p: { displayName: string; legalName: string; domain: string | null }): string {
  return searchKey(`${p.displayName} ${p.legalName} ${p.domain ?? ''}`);
}

export function contactSearchName(c: { firstName: string; lastName: string; email: string | null }): string {
  return searchKey(`${c.firstName} ${c.lastName} ${c.email ?? ''}`);
}

/** Tags after a bulk add or remove, keeping the existing order and adding new ones at the end. */
export function nextTags(current: readonly string[], action: 'add_tags' | 'remove_tags', tags: readonly string[]) {
  if (action === 'remove_tags') return current.filter((t) => !tags.includes(t));
  const out = [...current];
  for (const t of tags) if (!out.includes(t)) out.push(t);
  return out;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likeTokens(query: string): string[] {
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
