import type { PartnerStatus } from '@trellis/contracts';
import { type RoutingExclusionReason, RoutingExclusionReasonValues } from '@trellis/contracts';

/** One bit per exclusion reason, in gate order, so a candidate's reasons are one integer while routing. */
export const EXCLUSION_BIT = Object.fromEntries(RoutingExclusionReasonValues.map((r, i) => [r, 1 << i])) as Record<
  RoutingExclusionReason,
  number
>;

export const statusBit = (status: PartnerStatus): number =>
  status === 'applicant' || status === 'onboarding'
    ? EXCLUSION_BIT.not_yet_active
    : status === 'suspended'
      ? EXCLUSION_BIT.suspended
      : status === 'terminated'
        ? EXCLUSION_BIT.terminated
        : 0;

const lists = new Map<number, RoutingExclusionReason[]>();
/** The reasons in a mask, in gate order; one shared frozen list per distinct mask. */
export function reasonsOf(mask: number): RoutingExclusionReason[] {
  let list = lists.get(mask);
  if (list === undefined) {
    list = Object.freeze(
      RoutingExclusionReasonValues.filter((r) => (mask & EXCLUSION_BIT[r]) !== 0),
    ) as RoutingExclusionReason[];
    lists.set(mask, list);
  }
  return list;
}
