import { useQuery } from '@tanstack/react-query';
import { useMembership } from '../api/session';
import { getPartner, partnerKeys } from '../features/partners/api';

/** The one company a partner person belongs to; the portal never asks for another. */
export function usePortalPartner() {
  const membership = useMembership();
  const partnerId = membership.partnerId ?? '';
  const query = useQuery({
    queryKey: partnerKeys.detail(partnerId),
    queryFn: () => getPartner(partnerId),
    enabled: Boolean(partnerId),
  });
  return { partnerId, ...query };
}
