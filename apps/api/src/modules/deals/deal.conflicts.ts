import type { ConflictHint, DealSettings } from '@trellis/contracts';
import type { Db } from '../../db/client';
import { inScope, type Scope } from '../../db/scope';
import { matchSettingsOf } from './deal.policy';
import { type CandidateDetail, loadCandidates } from './deal.repo';
import { findCandidates } from './match-keys.repo';
import { blockingKeys, type PreparedRecord, type RankedCandidate, rankCandidates } from './matching/index';

export type RankedConflict = RankedCandidate<string> & { detail: CandidateDetail };

/**
 * The one deliberate cross-partner read of C4: candidates among accounts, open opportunities and OTHER
 * partners' active registrations, read in a vendor-scoped transaction of the same workspace because a
 * partner's own scope (RLS) cannot see them. What leaves this function for a partner is reduced by
 * `hintOf` to "appears taken" and reason codes; who and how much stay with the vendor.
 */
export async function findConflicts(
  db: Db,
  workspaceId: string,
  query: PreparedRecord,
  exclude: { registrationId?: string | undefined; partnerId?: string | null | undefined },
  settings: Pick<DealSettings, 'conflictThreshold' | 'hintThreshold'>,
): Promise<RankedConflict[]> {
  const scope: Scope = { workspaceId, userId: null, partnerId: null, kind: 'vendor' };
  // One statement for candidates and their profiles, scoring in memory, then the details of the few that
  // rank (usually none): three round trips with BEGIN and COMMIT, four when something ranks.
  const { ranked, details } = await inScope(db, scope, async (tx) => {
    const candidates = await findCandidates(tx, workspaceId, blockingKeys(query), exclude);
    const ranked = rankCandidates(
      query,
      candidates.map((c) => ({ id: `${c.kind}:${c.id}`, record: c.profile })),
      matchSettingsOf(settings),
    );
    if (ranked.length === 0) return { ranked, details: [] };
    const ids = { account: [] as string[], opportunity: [] as string[], registration: [] as string[] };
    for (const c of candidates) if (ranked.some((r) => r.id === `${c.kind}:${c.id}`)) ids[c.kind].push(c.id);
    return { ranked, details: await loadCandidates(tx, workspaceId, ids) };
  });
  const byId = new Map(details.map((d) => [`${d.kind}:${d.id}`, d]));
  return ranked.flatMap((r) => {
    const detail = byId.get(r.id);
    return detail ? [{ ...r, id: detail.id, detail }] : [];
  });
}

/** The highest band among the candidates. */
export const topBand = (ranked: readonly { band: 'conflict' | 'hint' }[]): 'none' | 'hint' | 'conflict' =>
  ranked.some((r) => r.band === 'conflict') ? 'conflict' : ranked.length > 0 ? 'hint' : 'none';

/** C4: what a partner may learn — that the customer appears taken, and the kinds of evidence; never by whom. */
export function hintOf(ranked: readonly RankedConflict[]): ConflictHint {
  const band = topBand(ranked);
  const reasons = new Set<ConflictHint['reasons'][number]>();
  for (const r of ranked) for (const reason of r.reasons) reasons.add(reason.code);
  return { appearsTaken: band !== 'none', band, reasons: [...reasons].sort() };
}
