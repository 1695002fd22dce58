import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  Lead,
  LeadBoard,
  LeadDetail,
  LeadInboxDetail,
  LeadInboxItem,
  LeadRoutingDecision,
  LeadRoutingSettings,
  LeadSource,
  LeadStats,
  LeadStatus,
} from '@trellis/contracts';
import { api } from '../../api/client';

export type LeadPage = { data: Lead[]; nextCursor: string | null };
export type InboxPage = { data: LeadInboxItem[]; nextCursor: string | null };

/** The leads API (apps/api/src/modules/leads/*.routes.ts), in one place. */
export const leadPaths = {
  list: '/leads',
  one: (id: string) => `/leads/${id}`,
  decision: (id: string, decisionId: string) => `/leads/${id}/decisions/${decisionId}`,
  route: (id: string) => `/leads/${id}/route`,
  assign: (id: string) => `/leads/${id}/assign`,
  recall: (id: string) => `/leads/${id}/recall`,
  bulkRoute: '/leads/bulk-route',
  board: '/leads/board',
  stats: '/leads/stats',
  settings: '/leads/routing-settings',
  partnerProfile: (partnerId: string) => `/leads/partner-profiles/${partnerId}`,
  inbox: '/lead-inbox',
  inboxOne: (id: string) => `/lead-inbox/${id}`,
  accept: (id: string) => `/lead-inbox/${id}/accept`,
  decline: (id: string) => `/lead-inbox/${id}/decline`,
  status: (id: string) => `/lead-inbox/${id}/status`,
  convert: (id: string) => `/lead-inbox/${id}/convert`,
} as const;

export const leadKeys = {
  all: ['leads'] as const,
  list: (query: LeadListFilters) => ['leads', 'list', query] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  decision: (id: string, decisionId: string) => ['leads', 'decision', id, decisionId] as const,
  board: ['leads', 'board'] as const,
  stats: (days: number) => ['leads', 'stats', days] as const,
  settings: ['lead-routing-settings'] as const,
  inbox: (status: readonly LeadStatus[]) => ['lead-inbox', 'list', status] as const,
  inboxAll: ['lead-inbox'] as const,
  inboxDetail: (id: string) => ['lead-inbox', 'detail', id] as const,
};

export type LeadListFilters = {
  status?: LeadStatus[];
  partnerId?: string;
  country?: string[];
  source?: LeadSource[];
  q?: string;
  /** Offered leads whose SLA ends before this instant. */
  slaDueBefore?: string;
};

/** The vendor's list of leads, a page at a time (cursor paging). */
export function useLeadList(filters: LeadListFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: leadKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<LeadPage>(leadPaths.list, { ...filters, limit: 50, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKeys.detail(id),
    queryFn: () => api.get<{ lead: LeadDetail }>(leadPaths.one(id)).then((r) => r.lead),
  });
}

/** An earlier routing decision of a lead (a routed or fallback hop), explained. */
export function useLeadDecision(id: string, decisionId: string | null) {
  return useQuery({
    queryKey: leadKeys.decision(id, decisionId ?? ''),
    queryFn: () =>
      api.get<{ decision: LeadRoutingDecision }>(leadPaths.decision(id, decisionId ?? '')).then((r) => r.decision),
    enabled: Boolean(decisionId),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useLeadBoard(enabled = true) {
  return useQuery({
    queryKey: leadKeys.board,
    queryFn: () => api.get<{ board: LeadBoard }>(leadPaths.board).then((r) => r.board),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useLeadStats(days: number, enabled = true) {
  return useQuery({
    queryKey: leadKeys.stats(days),
    queryFn: () => api.get<{ stats: LeadStats }>(leadPaths.stats, { days }).then((r) => r.stats),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useLeadRoutingSettings(enabled = true) {
  return useQuery({
    queryKey: leadKeys.settings,
    queryFn: () => api.get<{ settings: LeadRoutingSettings }>(leadPaths.settings).then((r) => r.settings),
    enabled,
  });
}

export function useLeadInbox(status: readonly LeadStatus[]) {
  return useInfiniteQuery({
    queryKey: leadKeys.inbox(status),
    queryFn: ({ pageParam }) =>
      api.get<InboxPage>(leadPaths.inbox, { status, limit: 50, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useInboxLead(id: string) {
  return useQuery({
    queryKey: leadKeys.inboxDetail(id),
    queryFn: () => api.get<{ lead: LeadInboxDetail }>(leadPaths.inboxOne(id)).then((r) => r.lead),
  });
}
