import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { rawQuery } from '../../db/prepared';
import { dealMatchKeys } from '../../db/schema/index';
import { KEYED_STATES } from './deal.policy';
import { blockingKeys, type PreparedRecord } from './matching/index';

type Source = {
  workspaceId: string;
  kind: 'account' | 'opportunity' | 'registration';
  id: string;
  partnerId?: string | null;
};

/** Rewrites a record's blocking keys in the caller's transaction (C4: keys are written with the record). */
export async function replaceMatchKeys(tx: Tx, source: Source, profile: PreparedRecord | null): Promise<void> {
  await deleteMatchKeys(tx, source);
  if (!profile) return;
  const keys = blockingKeys(profile);
  if (keys.length === 0) return;
  await tx
    .insert(dealMatchKeys)
    .values(
      keys.map((key) => ({
        workspaceId: source.workspaceId,
        key,
        sourceKind: source.kind,
        sourceId: source.id,
        partnerId: source.partnerId ?? null,
      })),
    )
    .onConflictDoNothing();
}

export async function deleteMatchKeys(tx: Tx, source: Source): Promise<void> {
  await tx
    .delete(dealMatchKeys)
    .where(
      and(
        eq(dealMatchKeys.workspaceId, source.workspaceId),
        eq(dealMatchKeys.sourceKind, source.kind),
        eq(dealMatchKeys.sourceId, source.id),
      ),
    );
}

/**
 * C4 stop-list, learned from the data: a key stored for more than this many records of the workspace (a
 * common word such as "t:minh" or "e:logist" among 1M accounts) selects nothing useful, so it is skipped.
 * The candidate query counts each key's entries only up to this limit (an index-only scan of at most
 * KEY_STOP_COUNT + 1 entries) and reports the keys above it, which this process then leaves out of later
 * queries for STOP_KEY_TTL_MS — after warm-up a check probes only selective keys. The count applies to word
 * keys (t:, e:); the identity keys a true duplicate shares (d:, n:, s:) are followed up to MAX_CANDIDATES
 * records, so a customer with a hundred won registrations or a name held by a hundred accounts is still
 * found; bench/README.md measures what skipping costs at 1M accounts.
 */
export const KEY_STOP_COUNT = 100;
/** At most this many candidates are scored per check, those found by the rarest keys first. */
export const MAX_CANDIDATES = 300;
const STOP_KEY_TTL_MS = 10 * 60_000;
/** Per workspace; beyond it the oldest entries go (Map keeps insertion order). */
const STOP_KEYS_PER_WORKSPACE = 50_000;

const stopKeys = new Map<string, Map<string, number>>();

function isStopKey(workspaceId: string, key: string, now: number): boolean {
  const until = stopKeys.get(workspaceId)?.get(key);
  if (until === undefined) return false;
  if (until > now) return true;
  stopKeys.get(workspaceId)?.delete(key);
  return false;
}

function learnStopKeys(workspaceId: string, keys: readonly string[], now: number): void {
  if (keys.length === 0) return;
  let ws = stopKeys.get(workspaceId);
  if (!ws) {
    ws = new Map();
    stopKeys.set(workspaceId, ws);
  }
  for (const k of keys) {
    ws.delete(k);
    ws.set(k, now + STOP_KEY_TTL_MS);
  }
  for (const k of ws.keys()) {
    if (ws.size <= STOP_KEYS_PER_WORKSPACE) break;
    ws.delete(k);
  }
}

/** Forgets what this process learned (tests that change the data under the same workspace). */
export function clearStopKeys(): void {
  stopKeys.clear();
}

export type Candidate = {
  kind: 'account' | 'opportunity' | 'registration';
  id: string;
  partnerId: string | null;
  /** Accounts only: a named account (rules of engagement); false for the other kinds. */
  namedAccount: boolean;
  profile: PreparedRecord;
};

type CandidateRow = {
  kind: Candidate['kind'] | 'stop' | 'settings';
  id: string | null;
  partner_id: string | null;
  named_account: boolean | null;
  match_profile: unknown;
  key: string | null;
};

const CANDIDATES_SQL = `SELECT kind, id, partner_id, named_account, match_profile, key
  FROM deal_conflict_candidates($1::uuid, $2::text[], $3::int, $4::int, $5::deal_status[], $6::uuid, $7::uuid)`;

/**
 * Candidates by key equality with their stored profiles, and the workspace's deal settings, in ONE
 * statement (deal_conflict_candidates, migration 0011), sent as a prepared statement: each key not known
 * to be common is probed on the primary key's btree (index-only, at most KEY_STOP_COUNT + 1 entries), keys
 * above the stop count are dropped (and reported, to be skipped next time), then the records are joined
 * by id — accounts (with their named-account flag), open opportunities, and active registrations other
 * than `exclude.registrationId` and other than the partner's own (C4: a partner never conflicts with
 * itself). Never scans names. `settings` is the stored settings document (null when none is stored).
 */
export async function findCandidates(
  tx: Tx,
  workspaceId: string,
  allKeys: readonly string[],
  exclude: { registrationId?: string | undefined; partnerId?: string | null | undefined } = {},
): Promise<{ candidates: Candidate[]; settings: Record<string, unknown> | null }> {
  const now = Date.now();
  const keys = allKeys.filter((k) => !isStopKey(workspaceId, k, now));
  const rows = await rawQuery<CandidateRow>(tx, 'deal_conflict_candidates', CANDIDATES_SQL, [
    workspaceId,
    keys,
    KEY_STOP_COUNT,
    MAX_CANDIDATES,
    KEYED_STATES,
    exclude.registrationId ?? null,
    exclude.partnerId ?? null,
  ]);
  const candidates: Candidate[] = [];
  const common: string[] = [];
  let settings: Record<string, unknown> | null = null;
  for (const r of rows) {
    if (r.kind === 'stop') {
      if (r.key) common.push(r.key);
    } else if (r.kind === 'settings') {
      settings = jsonOf(r.match_profile) as Record<string, unknown> | null;
    } else if (r.id && r.match_profile) {
      candidates.push({
        kind: r.kind,
        id: r.id,
        partnerId: r.partner_id,
        namedAccount: r.named_account === true,
        profile: jsonOf(r.match_profile) as PreparedRecord,
      });
    }
  }
  learnStopKeys(workspaceId, common, now);
  return { candidates, settings };
}

const jsonOf = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
