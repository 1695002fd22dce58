-- Hand-written (C4, simultaneous submits of one customer): the conflict check of a submit runs before its
-- write, in another round trip, so two partners submitting the same customer at the same moment could each
-- miss the other (no conflict rows, no first registrant, both auto-approved under first-come protection).
-- deal_submit_guard serialises the write per customer and tells the caller what its check did not see:
--   * it takes a transaction-scoped advisory lock on each identity key of the record (domain d:, compact
--     name n:, sorted name s: — what a true duplicate shares), in the order of the lock ids, so two submits
--     sharing any identity key queue one behind the other and never deadlock; the lock is released at
--     commit, after the registration's keys are written;
--   * after the locks (VOLATILE: this query takes a fresh snapshot, so it sees what the submit that held the
--     lock committed) it counts the other partners' active registrations sharing an identity key that are
--     not among those the check saw (p_seen). 0: the check stands and the caller writes in this transaction.
--     More: the caller's check is stale; it writes nothing and checks again.
-- SECURITY DEFINER because the partner's own scope (RLS) cannot see other partners' registrations; like
-- claim_jobs it is a deliberate, minimal read: the workspace and partner come from the caller's RLS scope
-- (app.workspace_id, app.partner_id), never from arguments, the registration must be the caller's own,
-- and only a count leaves it — nothing a partner's conflict hint does not already reveal.
CREATE FUNCTION deal_submit_guard(p_keys text[], p_registration uuid, p_seen uuid[], p_active deal_status[])
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_ws uuid := app_workspace_id();
  v_partner uuid := app_partner_id();
  v_lock bigint;
  v_count integer;
BEGIN
  IF v_ws IS NULL OR v_partner IS NULL THEN
    RAISE EXCEPTION 'deal_submit_guard needs a partner scope' USING ERRCODE = '42501';
  END IF;
  PERFORM 1 FROM deal_registrations d
  WHERE d.workspace_id = v_ws AND d.id = p_registration AND d.partner_id = v_partner;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  FOR v_lock IN
    SELECT DISTINCT hashtextextended('deal_submit:' || v_ws::text || ':' || k, 0) AS h
    FROM unnest(p_keys) AS k WHERE left(k, 2) IN ('d:', 'n:', 's:') ORDER BY h
  LOOP
    PERFORM pg_advisory_xact_lock(v_lock);
  END LOOP;
  SELECT count(DISTINCT d.id)::integer INTO v_count
  FROM deal_match_keys m JOIN deal_registrations d ON d.workspace_id = m.workspace_id AND d.id = m.source_id
  WHERE m.workspace_id = v_ws AND m.source_kind = 'registration'
    AND m.key = ANY(ARRAY(SELECT k FROM unnest(p_keys) AS k WHERE left(k, 2) IN ('d:', 'n:', 's:')))
    AND m.source_id <> p_registration
    AND d.partner_id <> v_partner AND d.status = ANY(p_active)
    AND d.id <> ALL(coalesce(p_seen, '{}'::uuid[]));
  RETURN v_count;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION deal_submit_guard(text[], uuid, uuid[], deal_status[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION deal_submit_guard(text[], uuid, uuid[], deal_status[]) TO trellis_app;
