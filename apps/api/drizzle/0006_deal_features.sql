-- Hand-written (C4): who closed a registration as won / lost, when, and the lost reason code. The
-- first-come protection rule and the named-account refusal need no columns (deal_settings is JSON; its
-- defaults apply to existing workspaces).
ALTER TABLE "deal_registrations" ADD COLUMN "closed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "closed_by" uuid;
--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "closed_by_side" text;
--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "outcome_reason_code" text;
