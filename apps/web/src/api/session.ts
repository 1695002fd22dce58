import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { Me, Permission, Role } from '@trellis/contracts';
import { ApiError, api, setWorkspaceHeader } from './client';

export type Membership = Me['memberships'][number];

/** GET /me; a signed-out visitor is `null`, not an error. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const { me } = await api.get<{ me: Me }>('/me');
      setWorkspaceHeader(me.activeWorkspaceId);
      return me;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  staleTime: 60_000,
});

export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe needs a signed-in person (the route guard ensures one)');
  return data;
}

export function activeMembership(me: Me): Membership | null {
  return me.memberships.find((m) => m.workspace.id === me.activeWorkspaceId) ?? null;
}

export function useMembership(): Membership {
  const m = activeMembership(useMe());
  if (!m) throw new Error('no active workspace');
  return m;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

/** Where a person lands after signing in: the portal for partner people, the console for vendor staff. */
export function homeFor(me: Me | null): '/sign-in' | '/portal' | '/console' | '/no-workspace' {
  if (!me) return '/sign-in';
  const m = activeMembership(me);
  if (!m) return '/no-workspace';
  return isPartnerRole(m.role) ? '/portal' : '/console';
}

/**
 * Partner roles are the `partner_*` ones (contracts' PartnerRoleValues). Tested against that list; written
 * as a prefix test so the first-load bundle does not pull in the schema library.
 */
export function isPartnerRole(role: Role): boolean {
  return role.startsWith('partner_');
}

export function isVendor(role: Role): boolean {
  return !isPartnerRole(role);
}

export function setMe(queryClient: QueryClient, me: Me | null): void {
  setWorkspaceHeader(me?.activeWorkspaceId ?? null);
  queryClient.setQueryData(meQuery.queryKey, me);
}
