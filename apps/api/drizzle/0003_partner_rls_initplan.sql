-- Hand-written: the partner-scoped policies of partners, contacts and partner_events, unchanged in meaning
-- (ARCHITECTURE §3.5, C18), with app_is_vendor() read once per statement as an InitPlan. Inline, that
-- clause has no column in it, so the planner gives it the default selectivity of 0.005: a vendor's list of
-- 10,000 partners was estimated at 50 rows and sorted in full instead of read in index order (C1 list,
-- 21 ms → 0.15 ms). As a sub-select it is a parameter the planner estimates at 0.5, and it is evaluated
-- once per statement instead of once per row.
ALTER POLICY partners_scoped ON partners
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR id = app_partner_id()));
--> statement-breakpoint
ALTER POLICY contacts_scoped ON contacts
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
--> statement-breakpoint
ALTER POLICY partner_events_scoped ON partner_events
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
