import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ConflictHint,
  DealRegistration,
  DealRegistrationDetail,
  DealSettings,
  DealStatus,
  Workspace,
} from '@trellis/contracts';
import { api } from '../../api/client';

export type DealPage = { data: DealRegistration[]; nextCursor: string | null };

export const dealKeys = {
  all: ['deals'] as const,
  list: (query: Record<string, unknown>) => ['deals', 'list', query] as const,
  detail: (id: string) => ['deals', 'detail', id] as const,
};

export function useDealList(query: { queue?: 'mine' | 'all'; status?: DealStatus[] }) {
  return useQuery({
    queryKey: dealKeys.list(query),
    queryFn: () => api.get<DealPage>('/deal-registrations', { queue: query.queue, status: query.status, limit: 100 }),
    placeholderData: keepPreviousData,
  });
}

export function useDeal(id: string) {
  return useQuery({
    queryKey: dealKeys.detail(id),
    queryFn: () =>
      api.get<{ registration: DealRegistrationDetail }>(`/deal-registrations/${id}`).then((r) => r.registration),
  });
}

export function useDealSettings(enabled = true) {
  return useQuery({
    queryKey: ['deal-settings'],
    queryFn: () => api.get<{ settings: DealSettings }>('/deal-settings').then((r) => r.settings),
    enabled,
  });
}

/** The workspace's base currency, the default of a new product line. */
export function useBaseCurrency(): string {
  const ws = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api.get<{ workspace: Workspace }>('/workspace').then((r) => r.workspace),
    retry: false,
  });
  return ws.data?.baseCurrency ?? 'USD';
}

export function fetchConflictHint(
  body: { name: string; domain?: string; country?: string; registrationId?: string },
  signal?: AbortSignal,
): Promise<ConflictHint> {
  return api.post<{ hint: ConflictHint }>('/deal-registrations/conflict-hint', body, { signal }).then((r) => r.hint);
}

/** Whole days from now until `iso`, counted in calendar days of the person's time zone (0 on the last day). */
export function daysLeft(iso: string, timeZone: string, now = new Date()): number {
  const ymd = (d: Date) => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(d);
    return Date.parse(`${parts}T00:00:00Z`);
  };
  return Math.round((ymd(new Date(iso)) - ymd(now)) / 86_400_000);
}

/** Every ISO 4217 code the browser knows, for the currency pickers. */
export function currencyCodes(): string[] {
  const withValues = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return withValues.supportedValuesOf?.('currency') ?? ['USD', 'EUR', 'VND', 'TWD', 'JPY', 'GBP'];
}
