-- Hand-written: bulk routing stores an explanation (~1.7 KB of JSON) with every decision, 100,000 in a run.
-- lz4 compresses them several times faster than the default pglz at about the same size on disk
-- (bench/benches/leads.ts). Only new values use it; existing ones stay pglz and read the same. A server built
-- without lz4 (PGlite's WebAssembly build, PostgreSQL configured --without-lz4) keeps pglz.
DO $$
BEGIN
  ALTER TABLE lead_routing_decisions ALTER COLUMN explanation SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
--> statement-breakpoint
-- Decisions are read by id only (a lead's last decision, a hop's decision); nothing lists them by time, so the
-- (workspace_id, decided_at) index only cost one more btree insert per routed lead.
DROP INDEX IF EXISTS "lead_routing_decisions_workspace_id_decided_at_index";
