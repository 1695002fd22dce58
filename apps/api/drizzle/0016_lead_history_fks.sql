-- Hand-written (C5, bulk routing): a routed lead writes one decision and one hop, and each of those rows
-- checked two foreign keys — its lead and its workspace. The workspace check (a key-share lock on the same
-- workspaces row, once per row: ~15 % of the database's work in a 100,000-lead bulk run, bench/README.md)
-- added nothing the lead check does not give: a decision or hop belongs to its lead (ON DELETE CASCADE),
-- the lead to its workspace (leads_workspace_id_workspaces_id_fk), and only the leads module writes these
-- rows, always with its lead's workspace, under RLS that forces workspace_id to the writer's scope. A
-- composite key (workspace_id, lead_id) → leads was measured too: its one check costs as much as the two,
-- and the unique index it needs on leads slows every routing update.
ALTER TABLE lead_events DROP CONSTRAINT IF EXISTS lead_events_workspace_id_workspaces_id_fk;
--> statement-breakpoint
ALTER TABLE lead_routing_decisions DROP CONSTRAINT IF EXISTS lead_routing_decisions_workspace_id_workspaces_id_fk;
