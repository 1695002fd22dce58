-- Hand-written (C5, fairness figures): what weighted routing promised each partner, per UTC day. Each lead a
-- weighted rule assigns splits one unit among its eligible candidates in proportion to their weights; the
-- figure "leads against weight" compares a partner's offers with the sum of its parts. It used to be summed
-- from the stored explanations, but a bulk-routed lead's explanation keeps only its top three candidates
-- (for size), so the partners further down a pool were promised nothing and the figure flattered the
-- winners. Routing now adds every eligible candidate's part here as it writes the decisions (one upsert per
-- routing transaction). Vendor-only, like the decisions it summarises.
CREATE TABLE "lead_promised_shares" (
	"workspace_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"promised" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "lead_promised_shares_workspace_id_partner_id_day_pk" PRIMARY KEY("workspace_id","partner_id","day")
);
--> statement-breakpoint
ALTER TABLE "lead_promised_shares" ADD CONSTRAINT "lead_promised_shares_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "lead_promised_shares" ADD CONSTRAINT "lead_promised_shares_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON lead_promised_shares TO trellis_app;
--> statement-breakpoint
ALTER TABLE lead_promised_shares ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lead_promised_shares FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY lead_promised_shares_vendor ON lead_promised_shares FOR ALL
  USING (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()))
  WITH CHECK (workspace_id = app_workspace_id() AND (SELECT app_is_vendor()));
