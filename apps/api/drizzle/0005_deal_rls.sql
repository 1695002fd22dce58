-- Hand-written: row-level security for deal registration (C4, ARCHITECTURE §3.5), in the InitPlan form of
-- 0003 ((SELECT app_is_vendor()) is read once per statement). Tables created after 0001 need their grants.
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_accounts, opportunities, deal_registrations, deal_registration_events,
  deal_match_keys, deal_conflicts, deal_settings TO trellis_app;
--> statement-breakpoint
-- The vendor's own customers: vendor staff only. Partners learn about them only through the conflict hint,
-- which the deals module computes in a vendor-scoped read and reduces to "appears taken" plus reason codes.
ALTER TABLE customer_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customer_accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY customer_accounts_vendor ON customer_accounts FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
ALTER TABLE opportunities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE opportunities FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY opportunities_vendor ON opportunities FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
-- Registrations, their history and their own match keys: vendor staff the workspace, partner people their company.
ALTER TABLE deal_registrations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deal_registrations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deal_registrations_scoped ON deal_registrations FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
--> statement-breakpoint
ALTER TABLE deal_registration_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deal_registration_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deal_registration_events_scoped ON deal_registration_events FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
--> statement-breakpoint
ALTER TABLE deal_match_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deal_match_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deal_match_keys_scoped ON deal_match_keys FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
--> statement-breakpoint
-- Conflicts name other parties: vendor staff read them; a partner's submit may only add rows of its own
-- registrations and can never read one back.
ALTER TABLE deal_conflicts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deal_conflicts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deal_conflicts_vendor ON deal_conflicts FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
CREATE POLICY deal_conflicts_partner_add ON deal_conflicts FOR INSERT
  WITH CHECK (workspace_id = app_workspace_id() AND partner_id = app_partner_id());
--> statement-breakpoint
-- Program settings: everyone in the workspace reads them (partners see the protection rules), vendors write.
ALTER TABLE deal_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deal_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deal_settings_read ON deal_settings FOR SELECT USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY deal_settings_write ON deal_settings FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
