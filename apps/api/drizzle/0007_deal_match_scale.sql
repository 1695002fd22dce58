-- Hand-written (C4 at scale, bench/README.md "Deal registration"): the conflict check probes deal_match_keys
-- as the app role, whose row-level-security policy reads partner_id. Without partner_id in the probed index
-- every key entry cost a heap fetch (2,500 random reads per check at 1M accounts); with it as an INCLUDE
-- column of the primary key the probe is an index-only scan. Same name and key columns, so the Drizzle
-- schema (which cannot express INCLUDE) is unchanged; the keys themselves are unchanged (no rebuild).
-- On a large existing table this rebuilds one index under an exclusive lock: run it in a quiet hour.
ALTER TABLE deal_match_keys DROP CONSTRAINT deal_match_keys_workspace_id_key_source_kind_source_id_pk;
--> statement-breakpoint
ALTER TABLE deal_match_keys ADD CONSTRAINT deal_match_keys_workspace_id_key_source_kind_source_id_pk
  PRIMARY KEY (workspace_id, key, source_kind, source_id) INCLUDE (partner_id);
--> statement-breakpoint
-- The candidate read of the conflict check (match-keys.repo.ts findCandidates) as a PL/pgSQL function: its
-- statement is planned once per connection and then reused, where the same SQL sent as text was planned on
-- every check (2–9 ms with the row-level-security policies, more than it takes to run). SECURITY INVOKER:
-- the caller's policies apply as before. Keys above p_stop entries are skipped (a stop-list learned from the
-- data) and returned as kind 'stop', so the caller can leave them out of later checks.
CREATE FUNCTION deal_match_candidates(
  p_workspace uuid, p_keys text[], p_stop int, p_max int, p_active deal_status[], p_registration uuid, p_partner uuid
) RETURNS TABLE (kind text, id uuid, partner_id uuid, match_profile jsonb, key text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH hits AS (
    SELECT q.key, k.source_kind, k.source_id, count(*) OVER (PARTITION BY q.key) AS n
    FROM unnest(p_keys) AS q(key)
    CROSS JOIN LATERAL (
      SELECT m.source_kind, m.source_id FROM deal_match_keys m
      WHERE m.workspace_id = p_workspace AND m.key = q.key
      LIMIT p_stop + 1
    ) k
  ), refs AS (
    SELECT h.source_kind, h.source_id FROM hits h WHERE h.n <= p_stop
    GROUP BY h.source_kind, h.source_id ORDER BY min(h.n), h.source_id LIMIT p_max
  )
  SELECT 'account'::text, a.id, NULL::uuid, a.match_profile, NULL::text
  FROM refs r JOIN customer_accounts a ON a.id = r.source_id
  WHERE r.source_kind = 'account' AND a.workspace_id = p_workspace
  UNION ALL
  SELECT 'opportunity'::text, o.id, NULL::uuid, o.match_profile, NULL::text
  FROM refs r JOIN opportunities o ON o.id = r.source_id
  WHERE r.source_kind = 'opportunity' AND o.workspace_id = p_workspace AND o.stage = 'open'
  UNION ALL
  SELECT 'registration'::text, d.id, d.partner_id, d.match_profile, NULL::text
  FROM refs r JOIN deal_registrations d ON d.id = r.source_id
  WHERE r.source_kind = 'registration' AND d.workspace_id = p_workspace AND d.status = ANY(p_active)
    AND (p_registration IS NULL OR d.id <> p_registration)
    AND (p_partner IS NULL OR d.partner_id <> p_partner)
  UNION ALL
  SELECT DISTINCT 'stop'::text, NULL::uuid, NULL::uuid, NULL::jsonb, h.key FROM hits h WHERE h.n > p_stop;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION deal_match_candidates(uuid, text[], int, int, deal_status[], uuid, uuid) TO trellis_app;
--> statement-breakpoint
-- Deleting a record's keys (every submit, edit and expiry) filters by source_kind, an enum whose equality
-- operator is not leakproof, so under row-level security PostgreSQL may not use it as an index condition:
-- the old (workspace_id, source_kind, source_id) index was scanned across the whole workspace (~300 ms per
-- delete at 1M accounts). source_id (uuid equality is leakproof) right after workspace_id finds the rows.
DROP INDEX IF EXISTS deal_match_keys_workspace_id_source_kind_source_id_index;
--> statement-breakpoint
CREATE INDEX deal_match_keys_workspace_id_source_id_index ON deal_match_keys USING btree (workspace_id, source_id);
