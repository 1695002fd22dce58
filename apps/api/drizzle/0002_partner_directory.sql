DROP INDEX "partner_events_workspace_id_partner_id_occurred_at_index";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "partner_events_workspace_id_partner_id_occurred_at_id_index" ON "partner_events" USING btree ("workspace_id","partner_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "partners_workspace_id_country_id_index" ON "partners" USING btree ("workspace_id","country","id");--> statement-breakpoint
CREATE INDEX "partners_workspace_id_tier_id_index" ON "partners" USING btree ("workspace_id","tier_id");