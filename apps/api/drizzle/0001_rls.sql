-- Hand-written: the query role, row-level security policies and append-only audit (ARCHITECTURE §3.5, C18).
-- Every statement is idempotent-safe because the migrator records this file once per database.
-- trellis_app may log in (DATABASE_APP_URL): a pool logged in as the owner could RESET ROLE its way out.
-- It gets no password here; operators set one (ALTER ROLE trellis_app PASSWORD '…').
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trellis_app') THEN
    CREATE ROLE trellis_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- roles are cluster-wide: another database's migration created it a moment ago
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT trellis_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO trellis_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO trellis_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM trellis_app;
--> statement-breakpoint
CREATE FUNCTION app_workspace_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.workspace_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_partner_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.partner_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_is_vendor() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('app.actor_kind', true), '') = 'vendor' $$;
--> statement-breakpoint
CREATE FUNCTION app_invitation_token() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.invitation_token', true), '') $$;
--> statement-breakpoint
-- Workspaces: the current one, and every workspace the signed-in person belongs to (workspace switcher).
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspaces_read ON workspaces FOR SELECT USING (
  id = app_workspace_id()
  OR id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = app_user_id() AND m.status = 'active')
);
--> statement-breakpoint
CREATE POLICY workspaces_insert ON workspaces FOR INSERT WITH CHECK (id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
CREATE POLICY workspaces_update ON workspaces FOR UPDATE USING (id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
-- Memberships: vendor staff see their workspace; partner people see their own company; everyone sees their own.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_read ON memberships FOR SELECT USING (
  user_id = app_user_id()
  OR (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()))
);
--> statement-breakpoint
CREATE POLICY memberships_write ON memberships FOR ALL
  USING (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()));
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_by_token ON invitations FOR SELECT USING (token_hash = app_invitation_token());
--> statement-breakpoint
CREATE POLICY invitations_scoped ON invitations FOR ALL
  USING (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()));
--> statement-breakpoint
ALTER TABLE partners ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE partners FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY partners_scoped ON partners FOR ALL
  USING (workspace_id = app_workspace_id() AND (app_is_vendor() OR id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND (app_is_vendor() OR id = app_partner_id()));
--> statement-breakpoint
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY contacts_scoped ON contacts FOR ALL
  USING (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()));
--> statement-breakpoint
ALTER TABLE partner_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE partner_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY partner_events_scoped ON partner_events FOR ALL
  USING (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND (app_is_vendor() OR partner_id = app_partner_id()));
--> statement-breakpoint
-- Program data everyone in the workspace reads and only vendor staff change.
ALTER TABLE tiers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tiers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tiers_read ON tiers FOR SELECT USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY tiers_write ON tiers FOR ALL
  USING (workspace_id = app_workspace_id() AND app_is_vendor())
  WITH CHECK (workspace_id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
ALTER TABLE custom_attribute_definitions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE custom_attribute_definitions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY attributes_read ON custom_attribute_definitions FOR SELECT USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY attributes_write ON custom_attribute_definitions FOR ALL
  USING (workspace_id = app_workspace_id() AND app_is_vendor())
  WITH CHECK (workspace_id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
-- Vendor-only tables.
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY imports_vendor ON imports FOR ALL
  USING (workspace_id = app_workspace_id() AND app_is_vendor())
  WITH CHECK (workspace_id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_read ON audit_log FOR SELECT USING (workspace_id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
CREATE POLICY audit_append ON audit_log FOR INSERT WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Per-person tables.
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE saved_views FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY saved_views_own ON saved_views FOR ALL
  USING (workspace_id = app_workspace_id() AND user_id = app_user_id())
  WITH CHECK (workspace_id = app_workspace_id() AND user_id = app_user_id());
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_own ON notifications FOR SELECT USING (workspace_id = app_workspace_id() AND user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY notifications_mark ON notifications FOR UPDATE USING (workspace_id = app_workspace_id() AND user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY notifications_send ON notifications FOR INSERT WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY idempotency_own ON idempotency_keys FOR ALL
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- Jobs: enqueued by any actor in its workspace (the outbox); read by vendor staff; claimed by the runner
-- through SECURITY DEFINER functions, the one deliberate cross-workspace path.
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY jobs_enqueue ON jobs FOR INSERT WITH CHECK (workspace_id IS NOT DISTINCT FROM app_workspace_id());
--> statement-breakpoint
CREATE POLICY jobs_vendor_read ON jobs FOR SELECT USING (workspace_id = app_workspace_id() AND app_is_vendor());
--> statement-breakpoint
CREATE FUNCTION claim_jobs(batch integer, lease_seconds integer) RETURNS SETOF jobs
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE jobs j SET status = 'running', attempts = j.attempts + 1,
    locked_until = now() + make_interval(secs => lease_seconds)
  WHERE j.id IN (
    SELECT id FROM jobs
    WHERE (status = 'queued' AND run_at <= now()) OR (status = 'running' AND locked_until < now())
    ORDER BY run_at
    LIMIT batch
    FOR UPDATE SKIP LOCKED
  )
  RETURNING j.*;
$$;
--> statement-breakpoint
CREATE FUNCTION finish_job(job_id uuid, ok boolean, error text, retry_at timestamptz) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  UPDATE jobs SET
    status = CASE WHEN ok THEN 'succeeded' WHEN retry_at IS NULL THEN 'failed' ELSE 'queued' END,
    finished_at = CASE WHEN ok OR retry_at IS NULL THEN now() END,
    run_at = coalesce(retry_at, run_at),
    locked_until = NULL,
    last_error = error
  WHERE id = job_id;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION claim_jobs(integer, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION finish_job(uuid, boolean, text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION claim_jobs(integer, integer) TO trellis_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION finish_job(uuid, boolean, text, timestamptz) TO trellis_app;
