import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { dealMatchKeys } from '../../db/schema/index';
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

/** How many rows one key may contribute: a very common key (a surname, "e:logist") selects little. */
export const KEY_FANOUT = 200;

export type CandidateRef = { kind: 'account' | 'opportunity' | 'registration'; id: string; partnerId: string | null };

/**
 * Candidates by key equality: each key probed on the primary key's btree with at most KEY_FANOUT rows,
 * so the cost is bounded by keys × fan-out and never scans names (README §3).
 */
export async function findCandidateRefs(tx: Tx, workspaceId: string, keys: readonly string[]): Promise<CandidateRef[]> {
  if (keys.length === 0) return [];
  const list = sql`ARRAY[${sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;
  const res = await tx.execute<{ source_kind: CandidateRef['kind']; source_id: string; partner_id: string | null }>(sql`
    SELECT DISTINCT k.source_kind, k.source_id, k.partner_id
    FROM unnest(${list}) AS q(key)
    CROSS JOIN LATERAL (
      SELECT m.source_kind, m.source_id, m.partner_id FROM deal_match_keys m
      WHERE m.workspace_id = ${workspaceId} AND m.key = q.key
      LIMIT ${KEY_FANOUT}
    ) k`);
  return res.rows.map((r) => ({ kind: r.source_kind, id: r.source_id, partnerId: r.partner_id }));
}
