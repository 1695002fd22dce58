-- Hand-written (C6): the opportunity pipeline (stages, positions of approved registrations, the move history)
-- and exchange rates for the forecast in the workspace's base currency. Row-level security in the InitPlan
-- form of 0003; the deals tables are read, never changed, by the pipeline module.
CREATE TABLE "pipeline_stages" (
	"workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id"),
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"probability" integer NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipeline_stages_kind_check" CHECK (kind IN ('open', 'won', 'lost')),
	CONSTRAINT "pipeline_stages_probability_check" CHECK (probability BETWEEN 0 AND 100
		AND (kind <> 'won' OR probability = 100) AND (kind <> 'lost' OR probability = 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_stages_workspace_name_unique" ON "pipeline_stages" USING btree ("workspace_id", lower("name"));
--> statement-breakpoint
CREATE TABLE "pipeline_positions" (
	"workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id"),
	"registration_id" uuid PRIMARY KEY NOT NULL REFERENCES "public"."deal_registrations"("id") ON DELETE cascade,
	"partner_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL REFERENCES "public"."pipeline_stages"("id"),
	"moved_by" uuid,
	"moved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pipeline_positions_workspace_id_stage_id_index" ON "pipeline_positions" USING btree ("workspace_id", "stage_id");
--> statement-breakpoint
CREATE TABLE "pipeline_moves" (
	"workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id"),
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL REFERENCES "public"."deal_registrations"("id") ON DELETE cascade,
	"partner_id" uuid NOT NULL,
	"from_stage_id" uuid,
	"from_stage_name" text,
	"to_stage_id" uuid NOT NULL,
	"to_stage_name" text NOT NULL,
	"moved_by" uuid,
	"moved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "pipeline_moves_workspace_id_registration_id_moved_at_index" ON "pipeline_moves" USING btree ("workspace_id", "registration_id", "moved_at");
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"workspace_id" uuid NOT NULL REFERENCES "public"."workspaces"("id"),
	"id" uuid PRIMARY KEY NOT NULL,
	"base" text NOT NULL,
	"quote" text NOT NULL,
	"rate" numeric NOT NULL,
	"rate_date" date NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_rate_check" CHECK (rate > 0),
	CONSTRAINT "exchange_rates_pair_check" CHECK (base ~ '^[A-Z]{3}$' AND quote ~ '^[A-Z]{3}$' AND base <> quote),
	CONSTRAINT "exchange_rates_source_check" CHECK (source IN ('manual', 'ecb'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_rates_workspace_id_base_quote_rate_date_index" ON "exchange_rates" USING btree ("workspace_id", "base", "quote", "rate_date");
--> statement-breakpoint
CREATE INDEX "exchange_rates_workspace_id_rate_date_id_index" ON "exchange_rates" USING btree ("workspace_id", "rate_date", "id");
--> statement-breakpoint
-- The move history is insert-only for the application.
GRANT SELECT, INSERT, UPDATE, DELETE ON pipeline_stages, pipeline_positions, exchange_rates TO trellis_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON pipeline_moves TO trellis_app;
--> statement-breakpoint
-- Stages are program data: everyone in the workspace reads them, vendor staff change them.
ALTER TABLE pipeline_stages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE pipeline_stages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pipeline_stages_read ON pipeline_stages FOR SELECT USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY pipeline_stages_write ON pipeline_stages FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
--> statement-breakpoint
-- Positions and moves: vendor staff the workspace, partner people their own company's deals. A row must carry
-- its registration's company (checked against deal_registrations, itself under RLS): nobody labels another
-- company's deal as theirs.
ALTER TABLE pipeline_positions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE pipeline_positions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pipeline_positions_scoped ON pipeline_positions FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id())
    AND EXISTS (SELECT 1 FROM deal_registrations r WHERE r.id = pipeline_positions.registration_id
      AND r.workspace_id = pipeline_positions.workspace_id AND r.partner_id = pipeline_positions.partner_id));
--> statement-breakpoint
ALTER TABLE pipeline_moves ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE pipeline_moves FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY pipeline_moves_scoped ON pipeline_moves FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id())
    AND EXISTS (SELECT 1 FROM deal_registrations r WHERE r.id = pipeline_moves.registration_id
      AND r.workspace_id = pipeline_moves.workspace_id AND r.partner_id = pipeline_moves.partner_id));
--> statement-breakpoint
-- Exchange rates: vendor staff only (the forecast is a vendor view).
ALTER TABLE exchange_rates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_rates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY exchange_rates_vendor ON exchange_rates FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
