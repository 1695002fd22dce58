import type { Partner, PartnerDetail, PartnerEvent, WorkspaceSettings } from '@trellis/contracts';
import type { Actor } from '../../platform/context';
import { partnerAbilities } from './partner.policy';
import type { PartnerRow, PartnerViewRow } from './partner.repo';

const summary = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

export function presentPartner(r: PartnerViewRow): Partner {
  return {
    id: r.id,
    legalName: r.legalName,
    displayName: r.displayName,
    website: r.website,
    domain: r.domain,
    country: r.country,
    region: r.region,
    address: r.address,
    phone: r.phone,
    type: r.type,
    sizeBand: r.sizeBand,
    industries: r.industries,
    capabilities: r.capabilities,
    territories: r.territories,
    status: r.status,
    tier: summary(r.tierId, r.tierName),
    owner: summary(r.ownerUserId, r.ownerName),
    // A partner person cannot see other companies (RLS), so their distributor shows as no parent.
    parent: summary(r.parentPartnerId, r.parentName),
    tags: r.tags,
    customAttributes: r.customAttributes,
    logoUrl: r.logoUrl,
    metadata: r.metadata,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const NO_SETTINGS: Pick<WorkspaceSettings, 'partnerEditableFields'> = { partnerEditableFields: [] };

export function presentPartnerDetail(
  r: PartnerViewRow & { settings: WorkspaceSettings | null },
  actor: Actor,
): PartnerDetail {
  return { ...presentPartner(r), abilities: partnerAbilities(actor, r, r.settings ?? NO_SETTINGS) };
}

/** The stored fields a person can change: what the audit log diffs. */
export function partnerSnapshot(r: PartnerRow) {
  return {
    legalName: r.legalName,
    displayName: r.displayName,
    website: r.website,
    domain: r.domain,
    country: r.country,
    region: r.region,
    address: r.address,
    phone: r.phone,
    type: r.type,
    sizeBand: r.sizeBand,
    industries: r.industries,
    capabilities: r.capabilities,
    territories: r.territories,
    tierId: r.tierId,
    ownerUserId: r.ownerUserId,
    parentPartnerId: r.parentPartnerId,
    status: r.status,
    tags: r.tags,
    customAttributes: r.customAttributes,
    logoUrl: r.logoUrl,
    metadata: r.metadata,
  };
}
export type PartnerSnapshot = ReturnType<typeof partnerSnapshot>;

export function presentPartnerEvent(r: {
  id: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  actorId: string | null;
  actorName: string | null;
}): PartnerEvent {
  return {
    id: r.id,
    type: r.type,
    occurredAt: r.occurredAt.toISOString(),
    actor: summary(r.actorId, r.actorName),
    data: r.data,
  };
}
