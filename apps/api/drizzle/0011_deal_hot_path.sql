-- Hand-written (C4 at scale, bench/README.md "Deal registration"): the live conflict hint and submit in
-- fewer round trips. Both functions are SECURITY INVOKER: the caller's row-level-security policies apply
-- exactly as they did to the statements they replace.
--
-- 1. deal_conflict_candidates replaces deal_match_candidates (0007): the same key probe, stop-list and
--    candidate join, plus each account's named-account flag (so the hint never needs a second read) and,
--    as a first row of kind 'settings', the workspace's deal settings (the hint used to read them in a
--    transaction of their own). One statement, planned once per connection.
CREATE FUNCTION deal_conflict_candidates(
  p_workspace uuid, p_keys text[], p_stop int, p_max int, p_active deal_status[], p_registration uuid, p_partner uuid
) RETURNS TABLE (kind text, id uuid, partner_id uuid, named_account boolean, match_profile jsonb, key text)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT 'settings'::text, NULL::uuid, NULL::uuid, NULL::boolean, s.settings, NULL::text
  FROM deal_settings s WHERE s.workspace_id = p_workspace;
  IF coalesce(array_length(p_keys, 1), 0) = 0 THEN
    RETURN;
  END IF;
  -- The stop count applies to word keys (t:, e:) only. The identity keys — domain (d:), compact name (n:),
  -- sorted name (s:) — are what a true duplicate shares, so they are followed up to p_max records: a customer
  -- with a hundred won registrations, or a hundred accounts of one name, must still be found.
  RETURN QUERY
  WITH probe AS (
    SELECT q.key, CASE WHEN left(q.key, 2) IN ('d:', 'n:', 's:') THEN p_max ELSE p_stop END AS cap
    FROM unnest(p_keys) AS q(key)
  ), hits AS (
    SELECT q.key, q.cap, k.source_kind, k.source_id, count(*) OVER (PARTITION BY q.key) AS n
    FROM probe q
    CROSS JOIN LATERAL (
      SELECT m.source_kind, m.source_id FROM deal_match_keys m
      WHERE m.workspace_id = p_workspace AND m.key = q.key
      LIMIT q.cap + 1
    ) k
  ), refs AS (
    SELECT h.source_kind, h.source_id FROM hits h WHERE h.n <= h.cap
    GROUP BY h.source_kind, h.source_id ORDER BY min(h.n), h.source_id LIMIT p_max
  )
  SELECT 'account'::text, a.id, NULL::uuid, a.named_account, a.match_profile, NULL::text
  FROM refs r JOIN customer_accounts a ON a.id = r.source_id
  WHERE r.source_kind = 'account' AND a.workspace_id = p_workspace
  UNION ALL
  SELECT 'opportunity'::text, o.id, NULL::uuid, false, o.match_profile, NULL::text
  FROM refs r JOIN opportunities o ON o.id = r.source_id
  WHERE r.source_kind = 'opportunity' AND o.workspace_id = p_workspace AND o.stage = 'open'
  UNION ALL
  SELECT 'registration'::text, d.id, d.partner_id, false, d.match_profile, NULL::text
  FROM refs r JOIN deal_registrations d ON d.id = r.source_id
  WHERE r.source_kind = 'registration' AND d.workspace_id = p_workspace AND d.status = ANY(p_active)
    AND (p_registration IS NULL OR d.id <> p_registration)
    AND (p_partner IS NULL OR d.partner_id <> p_partner)
  UNION ALL
  SELECT DISTINCT 'stop'::text, NULL::uuid, NULL::uuid, NULL::boolean, NULL::jsonb, h.key FROM hits h WHERE h.n > h.cap;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION deal_conflict_candidates(uuid, text[], int, int, deal_status[], uuid, uuid) TO trellis_app;
--> statement-breakpoint
DROP FUNCTION IF EXISTS deal_match_candidates(uuid, text[], int, int, deal_status[], uuid, uuid);
--> statement-breakpoint
-- 2. deal_submit_apply: every write of a submit in one statement (it was ~25 round trips): the state
--    change, guarded by the state and version the caller checked (optimistic: nothing is written when the
--    registration changed meanwhile), the conflict rows of this check, the registration's match keys
--    (obsolete ones deleted, new ones added), the status history, the partner timeline, the audit rows
--    and the outbox jobs (timers, and one alert job that tells the people concerned after commit). The
--    rows are built by the caller; the function only writes them, under the caller's RLS scope. Returns
--    {"state": "changed", "status": …} or {"state": "missing"} when nothing was written, else
--    {"state": "ok", "events": […]} — the registration's whole history with actor names.
CREATE FUNCTION deal_submit_apply(p jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_ws uuid := (p->>'workspace_id')::uuid;
  v_id uuid := (p->>'registration_id')::uuid;
  v_partner uuid := (p->>'partner_id')::uuid;
  v_now timestamptz := (p->>'now')::timestamptz;
  v_keys text[] := ARRAY(SELECT jsonb_array_elements_text(p->'keys'));
  v_set jsonb := p->'set';
  v_status deal_status;
BEGIN
  UPDATE deal_registrations d SET
    status = (v_set->>'status')::deal_status,
    submitted_at = v_now,
    first_submitted_at = coalesce(d.first_submitted_at, v_now),
    conflict_check_id = (v_set->>'conflict_check_id')::uuid,
    conflict_flag = v_set->>'conflict_flag',
    review_reminded_at = NULL,
    review_escalated_at = NULL,
    auto_approved = CASE WHEN v_set ? 'auto_approved' THEN (v_set->>'auto_approved')::boolean ELSE d.auto_approved END,
    decided_at = CASE WHEN v_set ? 'decided_at' THEN (v_set->>'decided_at')::timestamptz ELSE d.decided_at END,
    decided_by = CASE WHEN v_set ? 'decided_at' THEN NULL ELSE d.decided_by END,
    protected_until = CASE WHEN v_set ? 'protected_until' THEN (v_set->>'protected_until')::timestamptz ELSE d.protected_until END,
    last_reason = CASE WHEN v_set ? 'last_reason' THEN v_set->>'last_reason' ELSE d.last_reason END,
    updated_at = v_now
  WHERE d.workspace_id = v_ws AND d.id = v_id AND d.partner_id = v_partner
    AND d.status = (p->>'seen_status')::deal_status
    AND date_trunc('milliseconds', d.updated_at) = (p->>'seen_updated_at')::timestamptz;
  IF NOT FOUND THEN
    SELECT d.status INTO v_status FROM deal_registrations d
    WHERE d.workspace_id = v_ws AND d.id = v_id AND d.partner_id = v_partner;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('state', 'missing');
    END IF;
    RETURN jsonb_build_object('state', 'changed', 'status', v_status);
  END IF;

  INSERT INTO deal_conflicts (workspace_id, id, registration_id, partner_id, check_id, source_kind, source_id, score, band, reasons, detected_at)
  SELECT v_ws, c.id, v_id, v_partner, (v_set->>'conflict_check_id')::uuid, c.source_kind, c.source_id, c.score, c.band, c.reasons, v_now
  FROM jsonb_to_recordset(p->'conflicts') AS c(id uuid, source_kind match_source_kind, source_id uuid, score real, band text, reasons jsonb);

  DELETE FROM deal_match_keys m
  WHERE m.workspace_id = v_ws AND m.source_id = v_id AND m.source_kind = 'registration' AND m.key <> ALL(v_keys);
  INSERT INTO deal_match_keys (workspace_id, key, source_kind, source_id, partner_id)
  SELECT v_ws, k, 'registration', v_id, v_partner FROM unnest(v_keys) AS k
  ON CONFLICT DO NOTHING;

  INSERT INTO deal_registration_events (workspace_id, id, registration_id, partner_id, action, from_status, to_status, actor_user_id, reason, occurred_at)
  SELECT v_ws, e.id, v_id, v_partner, e.action, e.from_status, e.to_status, e.actor_user_id, e.reason, v_now
  FROM jsonb_to_recordset(p->'events') AS e(id uuid, action deal_action, from_status deal_status, to_status deal_status, actor_user_id uuid, reason text);

  INSERT INTO partner_events (workspace_id, id, partner_id, type, actor_user_id, data, occurred_at)
  SELECT v_ws, e.id, v_partner, e.type, e.actor_user_id, e.data, v_now
  FROM jsonb_to_recordset(p->'partner_events') AS e(id uuid, type text, actor_user_id uuid, data jsonb);

  INSERT INTO audit_log (workspace_id, id, actor_user_id, action, target_type, target_id, before, after, request_id, ip, occurred_at)
  SELECT v_ws, a.id, a.actor_user_id, a.action, a.target_type, a.target_id, a.before, a.after, a.request_id, a.ip, v_now
  FROM jsonb_to_recordset(p->'audit') AS a(id uuid, actor_user_id uuid, action text, target_type text, target_id text, before jsonb, after jsonb, request_id text, ip inet);

  INSERT INTO jobs (id, workspace_id, type, payload, run_at, max_attempts)
  SELECT j.id, v_ws, j.type, j.payload, j.run_at, j.max_attempts
  FROM jsonb_to_recordset(p->'jobs') AS j(id uuid, type text, payload jsonb, run_at timestamptz, max_attempts int);

  RETURN jsonb_build_object('state', 'ok', 'events', (
    SELECT coalesce(jsonb_agg(jsonb_build_object(
      'id', e.id, 'action', e.action, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'reason', e.reason,
      'occurredAt', e.occurred_at, 'actorId', e.actor_user_id, 'actorName', u.name) ORDER BY e.occurred_at, e.id), '[]'::jsonb)
    FROM deal_registration_events e LEFT JOIN users u ON u.id = e.actor_user_id
    WHERE e.workspace_id = v_ws AND e.registration_id = v_id));
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION deal_submit_apply(jsonb) TO trellis_app;
