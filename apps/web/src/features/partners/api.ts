import type {
  Contact,
  CustomAttributeDefinition,
  Member,
  Partner,
  PartnerDetail,
  PartnerEvent,
  SavedView,
  Tier,
} from '@trellis/contracts';
import { api } from '../../api/client';

export type Page<T> = { data: T[]; nextCursor: string | null };

export type PartnerListParams = {
  q?: string;
  status?: string[];
  type?: string[];
  country?: string[];
  tierId?: string[];
  ownerUserId?: string[];
  parentPartnerId?: string;
  tag?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
};

export const partnerKeys = {
  all: ['partners'] as const,
  list: (p: PartnerListParams) => ['partners', 'list', p] as const,
  detail: (id: string) => ['partners', 'detail', id] as const,
  events: (id: string) => ['partners', 'events', id] as const,
  contacts: (id: string) => ['partners', 'contacts', id] as const,
};

export const listPartners = (p: PartnerListParams, signal?: AbortSignal) =>
  api.get<Page<Partner>>('/partners', p, signal);
export const getPartner = (id: string) => api.get<{ partner: PartnerDetail }>(`/partners/${id}`).then((r) => r.partner);
export const listPartnerEvents = (id: string, cursor?: string | null) =>
  api.get<Page<PartnerEvent>>(`/partners/${id}/events`, { cursor, limit: 50 });
export const listContacts = (partnerId: string) =>
  api.get<Page<Contact>>(`/partners/${partnerId}/contacts`, { limit: 200 });

export const tierKeys = { all: ['tiers'] as const };
export const listTiers = () => api.get<Page<Tier>>('/tiers').then((r) => r.data);

export const attributeKeys = { all: ['custom-attributes'] as const };
export const listAttributes = () => api.get<Page<CustomAttributeDefinition>>('/custom-attributes').then((r) => r.data);

export const savedViewKeys = { all: ['saved-views'] as const };
export const listSavedViews = () => api.get<Page<SavedView>>('/saved-views').then((r) => r.data);

export const memberKeys = {
  all: ['members'] as const,
  list: (q: Record<string, string | undefined>) => ['members', q] as const,
};
export const listMembers = (q: { partnerId?: string; role?: string; status?: string; cursor?: string }) =>
  api.get<Page<Member>>('/members', { ...q, limit: 200 });

/** Vendor staff who can own partners (C1: the owner is a channel manager; admins may own too). */
export async function listOwners(): Promise<Member[]> {
  const { data } = await listMembers({ status: 'active' });
  return data.filter((m) => m.partnerId === null && (m.role === 'channel_manager' || m.role === 'admin'));
}
