-- Hand-written: C5 leads — the lead, its hops, stored routing decisions, routing settings and per-partner
-- routing facts, with row-level security in the InitPlan form of 0003/0005.
CREATE TYPE "public"."lead_status" AS ENUM('new', 'unassigned', 'offered', 'accepted', 'contacted', 'qualified', 'converted', 'lost');--> statement-breakpoint
CREATE TYPE "public"."lead_source" AS ENUM('console', 'api', 'import', 'web_form');--> statement-breakpoint
CREATE TYPE "public"."lead_event_type" AS ENUM('created', 'routed', 'fallback', 'assigned', 'reassigned', 'recalled', 'declined', 'accepted', 'status_changed', 'converted', 'sla_reminder', 'updated');--> statement-breakpoint
CREATE TABLE "leads" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"status" "lead_status" DEFAULT 'new' NOT NULL,
	"company" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"country" text,
	"region" text,
	"territory" text,
	"language" text,
	"product_interests" text[] DEFAULT '{}' NOT NULL,
	"company_size" integer,
	"source" "lead_source" NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"partner_id" uuid,
	"fallback_queue_id" text,
	"assigned_at" timestamp with time zone,
	"sla_due_at" timestamp with time zone,
	"sla_reminded_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"lost_reason" text,
	"lost_note" text,
	"deal_registration_id" uuid,
	"declined_partner_ids" uuid[] DEFAULT '{}' NOT NULL,
	"recalled_partner_ids" uuid[] DEFAULT '{}' NOT NULL,
	"recall_count" integer DEFAULT 0 NOT NULL,
	"assignment_version" integer DEFAULT 0 NOT NULL,
	"last_decision_id" uuid,
	"dedupe_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL,
	"partner_id" uuid,
	"type" "lead_event_type" NOT NULL,
	"from_status" "lead_status",
	"to_status" "lead_status",
	"reason_code" text,
	"reason" text,
	"decision_id" uuid,
	"actor_user_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_routing_decisions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"outcome" text NOT NULL,
	"partner_id" uuid,
	"rule_id" text,
	"engine_version" integer NOT NULL,
	"explanation" json NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_routing_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fallback_queue" jsonb NOT NULL,
	"sla" jsonb NOT NULL,
	"hide_contact_until_accepted" boolean DEFAULT true NOT NULL,
	"pre_approve_converted_deals" boolean DEFAULT false NOT NULL,
	"fairness_window_days" integer DEFAULT 30 NOT NULL,
	"cursors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_partner_profiles" (
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"capacity" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_partner_profiles_workspace_id_partner_id_pk" PRIMARY KEY("workspace_id","partner_id")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_events" ADD CONSTRAINT "lead_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_routing_decisions" ADD CONSTRAINT "lead_routing_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_routing_decisions" ADD CONSTRAINT "lead_routing_decisions_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_routing_settings" ADD CONSTRAINT "lead_routing_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_partner_profiles" ADD CONSTRAINT "lead_partner_profiles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_partner_profiles" ADD CONSTRAINT "lead_partner_profiles_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_workspace_id_status_id_index" ON "leads" USING btree ("workspace_id","status","id");--> statement-breakpoint
CREATE INDEX "leads_workspace_id_partner_id_status_index" ON "leads" USING btree ("workspace_id","partner_id","status");--> statement-breakpoint
CREATE INDEX "leads_workspace_id_sla_due_at_index" ON "leads" USING btree ("workspace_id","sla_due_at") WHERE "leads"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "leads_workspace_id_dedupe_key_created_at_index" ON "leads" USING btree ("workspace_id","dedupe_key","created_at") WHERE "leads"."dedupe_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "lead_events_workspace_id_lead_id_occurred_at_index" ON "lead_events" USING btree ("workspace_id","lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "lead_events_workspace_id_type_occurred_at_index" ON "lead_events" USING btree ("workspace_id","type","occurred_at");--> statement-breakpoint
CREATE INDEX "lead_routing_decisions_workspace_id_decided_at_index" ON "lead_routing_decisions" USING btree ("workspace_id","decided_at");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON leads, lead_events, lead_routing_decisions, lead_routing_settings,
  lead_partner_profiles TO trellis_app;
--> statement-breakpoint
-- Leads: vendor staff the workspace; partner people only the leads their company holds now. A partner's
-- write may never hand a lead to anyone else (WITH CHECK); declining and the re-route that follows run in
-- a vendor-scoped transaction after the module checked, under a row lock, that the partner holds the lead.
ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE leads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY leads_scoped ON leads FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
--> statement-breakpoint
-- Hops: a partner reads only the hops that concern its own company (offered, recalled from, declined by…),
-- which is how it learns that a lead it opens was recalled.
ALTER TABLE lead_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lead_events_scoped ON lead_events FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
--> statement-breakpoint
-- Decisions name every candidate partner and its score: vendor staff only.
ALTER TABLE lead_routing_decisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_routing_decisions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lead_routing_decisions_vendor ON lead_routing_decisions FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
-- Rules carry partner ids and weights: vendor staff only. The one setting partners need (hide contact
-- details until accepted) is read by the module in a vendor-scoped read and applied in code.
ALTER TABLE lead_routing_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_routing_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lead_routing_settings_vendor ON lead_routing_settings FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
ALTER TABLE lead_partner_profiles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_partner_profiles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lead_partner_profiles_vendor ON lead_partner_profiles FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
-- Web-to-lead: the public form names its workspace by slug or id; this resolves it to the id and nothing
-- else (a deliberate, minimal cross-workspace read, like claim_jobs). The form then writes in that scope.
CREATE FUNCTION lead_form_workspace(workspace_key text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id FROM workspaces WHERE slug = workspace_key OR id::text = workspace_key LIMIT 1;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION lead_form_workspace(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION lead_form_workspace(text) TO trellis_app;
