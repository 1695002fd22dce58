import type { Tier } from '@trellis/contracts';
import type { TierRow } from './tier.repo';

export function presentTier(r: TierRow, partnerCount: number): Tier {
  return {
    id: r.id,
    name: r.name,
    rank: r.rank,
    description: r.description,
    benefits: r.benefits,
    partnerCount,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What the audit log diffs for a tier. */
export const tierSnapshot = (r: TierRow) => ({
  name: r.name,
  rank: r.rank,
  description: r.description,
  benefits: r.benefits,
});
