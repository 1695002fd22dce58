import type { ConflictHint, DealSettings } from '@trellis/contracts';
import { DEFAULT_DEAL_SETTINGS } from '@trellis/contracts';
import type { Db } from '../../db/client';
import { readInScope, type Scope } from '../../db/scope';
import { matchSettingsOf, namedAccountIssue } from './deal.policy';
import { type CandidateDetail, loadCandidates } from './deal.repo';
import { type Candidate, findCandidates } from './match-keys.repo';
import { type PreparedRecord, queryKeys, type RankedCandidate, rankCandidates } from './matching/index';

export type RankedConflict = RankedCandidate<string> & { detail: CandidateDetail };
/** A ranked candidate with what the candidate read returned (no details: enough for the partner's hint). */
export type RankedCandidateRef = RankedCandidate<string> & { candidate: Candidate };
type Exclude = { registrationId?: string | undefined; partnerId?: string | null | undefined };

const vendorScope = (workspaceId: string): Scope => ({ workspaceId, userId: null, partnerId: null, kind: 'vendor' });

/**
 * The one deliberate cross-partner read of C4: candidates among accounts, open opportunities and OTHER
 * partners' active registrations, read in the vendor scope of the same workspace because a partner's own
 * scope (RLS) cannot see them, and ranked in memory with the workspace's thresholds, which come back with
 * the candidates. One statement on the scoped read pool (one round trip; scoped-reads.ts). What leaves
 * this module for a partner is reduced by `hintOf` to "appears taken" and reason codes; who and how much
 * stay with the vendor.
 */
export async function rankConflictCandidates(
  db: Db,
  workspaceId: string,
  query: PreparedRecord,
  exclude: Exclude,
): Promise<{ ranked: RankedCandidateRef[]; settings: DealSettings; seen: string[] }> {
  const found = await readInScope(db, vendorScope(workspaceId), (tx) =>
    findCandidates(tx, workspaceId, queryKeys(query), exclude),
  );
  const settings: DealSettings = found.settings
    ? ({ ...DEFAULT_DEAL_SETTINGS, ...found.settings } as DealSettings)
    : DEFAULT_DEAL_SETTINGS;
  const byId = new Map(found.candidates.map((c) => [`${c.kind}:${c.id}`, c]));
  const ranked = rankCandidates(
    query,
    found.candidates.map((c) => ({ id: `${c.kind}:${c.id}`, record: c.profile })),
    matchSettingsOf(settings),
  ).flatMap((r) => {
    const candidate = byId.get(r.id);
    return candidate ? [{ ...r, candidate }] : [];
  });
  const seen = found.candidates.flatMap((c) => (c.kind === 'registration' ? [c.id] : []));
  return { ranked, settings, seen };
}

/**
 * The conflict check with the details of the candidates that rank (usually none; a second read only
 * when something ranks): what submit stores and tells the owners about. `seen` lists the other partners'
 * registrations the check read (ranked or not): submit's write re-checks, under a per-customer lock, that
 * no registration outside it appeared meanwhile (deal_submit_guard, migration 0014).
 */
export async function findConflicts(
  db: Db,
  workspaceId: string,
  query: PreparedRecord,
  exclude: Exclude,
): Promise<{ ranked: RankedConflict[]; settings: DealSettings; seen: string[] }> {
  const { ranked, settings, seen } = await rankConflictCandidates(db, workspaceId, query, exclude);
  if (ranked.length === 0) return { ranked: [], settings, seen };
  const ids = { account: [] as string[], opportunity: [] as string[], registration: [] as string[] };
  for (const r of ranked) ids[r.candidate.kind].push(r.candidate.id);
  const details = await readInScope(db, vendorScope(workspaceId), (tx) => loadCandidates(tx, workspaceId, ids));
  const byId = new Map(details.map((d) => [`${d.kind}:${d.id}`, d]));
  return {
    ranked: ranked.flatMap(({ candidate: _, ...r }) => {
      const detail = byId.get(r.id);
      return detail ? [{ ...r, id: detail.id, detail }] : [];
    }),
    settings,
    seen,
  };
}

/** The highest band among the candidates. */
export const topBand = (ranked: readonly { band: 'conflict' | 'hint' }[]): 'none' | 'hint' | 'conflict' =>
  ranked.some((r) => r.band === 'conflict') ? 'conflict' : ranked.length > 0 ? 'hint' : 'none';

/** C4: what a partner may learn — that the customer appears taken, and the kinds of evidence; never by whom. */
export function hintOf(ranked: readonly Pick<RankedCandidate<string>, 'band' | 'reasons'>[]): ConflictHint {
  const band = topBand(ranked);
  const reasons = new Set<ConflictHint['reasons'][number]>();
  for (const r of ranked) for (const reason of r.reasons) reasons.add(reason.code);
  return { appearsTaken: band !== 'none', band, reasons: [...reasons].sort() };
}

/** The live hint's "reserved": a named account in the conflict band (submit would be refused). */
export const reservedIn = (ranked: readonly RankedCandidateRef[]): boolean =>
  namedAccountIssue(ranked.map((r) => ({ band: r.band, detail: r.candidate }))) !== null;
