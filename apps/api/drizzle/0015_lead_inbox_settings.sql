-- Hand-written (C5, the partner lead inbox): a partner's inbox needs two of its workspace's lead settings
-- (hide contact details until accepted, pre-approve converted deals), but lead_routing_settings is vendor
-- only (its rules name other partners), so the inbox used to switch to a vendor scope for them first.
-- lead_inbox_settings returns just those two flags, inside the partner's own scoped read, in the same way
-- as lead_form_workspace and deal_submit_guard: SECURITY DEFINER for a deliberate, minimal read. It answers
-- only for the caller's own workspace (ws must equal app.workspace_id; any other workspace, or no scope,
-- gets no row) and never anything else of the row (rules, fallback queue, SLA, cursors). No row: the
-- workspace has no settings yet and the caller applies the defaults.
CREATE FUNCTION lead_inbox_settings(ws uuid) RETURNS TABLE (hide_contact boolean, pre_approve boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.hide_contact_until_accepted, s.pre_approve_converted_deals
  FROM lead_routing_settings s
  WHERE s.workspace_id = ws AND ws = app_workspace_id();
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lead_inbox_settings(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lead_inbox_settings(uuid) TO trellis_app;
