CREATE TYPE "public"."deal_action" AS ENUM('submit', 'withdraw', 'request_info', 'approve', 'reject', 'mark_won', 'mark_lost', 'expire', 'extend');--> statement-breakpoint
CREATE TYPE "public"."deal_status" AS ENUM('draft', 'submitted', 'needs_info', 'approved', 'rejected', 'withdrawn', 'won', 'lost', 'expired');--> statement-breakpoint
CREATE TYPE "public"."match_source_kind" AS ENUM('account', 'opportunity', 'registration');--> statement-breakpoint
CREATE TYPE "public"."opportunity_stage" AS ENUM('open', 'won', 'lost');--> statement-breakpoint
CREATE TABLE "customer_accounts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"domains" text[] DEFAULT '{}' NOT NULL,
	"country" text NOT NULL,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_user_id" uuid,
	"named_account" boolean DEFAULT false NOT NULL,
	"search_name" text DEFAULT '' NOT NULL,
	"match_profile" jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_conflicts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"check_id" uuid NOT NULL,
	"source_kind" "match_source_kind" NOT NULL,
	"source_id" uuid NOT NULL,
	"score" real NOT NULL,
	"band" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_match_keys" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"source_kind" "match_source_kind" NOT NULL,
	"source_id" uuid NOT NULL,
	"partner_id" uuid,
	CONSTRAINT "deal_match_keys_workspace_id_key_source_kind_source_id_pk" PRIMARY KEY("workspace_id","key","source_kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "deal_registration_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"action" "deal_action" NOT NULL,
	"from_status" "deal_status",
	"to_status" "deal_status" NOT NULL,
	"actor_user_id" uuid,
	"reason" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_registrations" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"status" "deal_status" DEFAULT 'draft' NOT NULL,
	"customer_name" text NOT NULL,
	"customer_domain" text,
	"customer_country" text NOT NULL,
	"customer_address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contact" jsonb,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_amount_minor" bigint,
	"total_currency" text,
	"expected_close_date" date,
	"notes" text DEFAULT '' NOT NULL,
	"match_profile" jsonb NOT NULL,
	"conflict_check_id" uuid,
	"conflict_flag" text DEFAULT 'none' NOT NULL,
	"last_reason" text,
	"auto_approved" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"first_submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"protected_until" timestamp with time zone,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"extension_requested_at" timestamp with time zone,
	"review_reminded_at" timestamp with time zone,
	"review_escalated_at" timestamp with time zone,
	"created_by" uuid,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"account_id" uuid,
	"customer_name" text NOT NULL,
	"domains" text[] DEFAULT '{}' NOT NULL,
	"country" text NOT NULL,
	"address" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"amount_minor" bigint,
	"currency" text,
	"expected_close_date" date,
	"stage" "opportunity_stage" DEFAULT 'open' NOT NULL,
	"owner_user_id" uuid,
	"match_profile" jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD CONSTRAINT "customer_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_registration_id_deal_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."deal_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_match_keys" ADD CONSTRAINT "deal_match_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registration_events" ADD CONSTRAINT "deal_registration_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registration_events" ADD CONSTRAINT "deal_registration_events_registration_id_deal_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."deal_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_settings" ADD CONSTRAINT "deal_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_account_id_customer_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_accounts_workspace_id_search_name_id_index" ON "customer_accounts" USING btree ("workspace_id","search_name","id");--> statement-breakpoint
CREATE INDEX "customer_accounts_workspace_id_owner_user_id_index" ON "customer_accounts" USING btree ("workspace_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "deal_conflicts_workspace_id_registration_id_check_id_index" ON "deal_conflicts" USING btree ("workspace_id","registration_id","check_id");--> statement-breakpoint
CREATE INDEX "deal_conflicts_workspace_id_source_kind_source_id_index" ON "deal_conflicts" USING btree ("workspace_id","source_kind","source_id");--> statement-breakpoint
CREATE INDEX "deal_match_keys_workspace_id_source_kind_source_id_index" ON "deal_match_keys" USING btree ("workspace_id","source_kind","source_id");--> statement-breakpoint
CREATE INDEX "deal_registration_events_workspace_id_registration_id_occurred_at_index" ON "deal_registration_events" USING btree ("workspace_id","registration_id","occurred_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_workspace_id_partner_id_created_at_id_index" ON "deal_registrations" USING btree ("workspace_id","partner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deal_registrations_workspace_id_status_submitted_at_index" ON "deal_registrations" USING btree ("workspace_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_workspace_id_created_at_id_index" ON "deal_registrations" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deal_registrations_workspace_id_protected_until_index" ON "deal_registrations" USING btree ("workspace_id","protected_until") WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX "opportunities_workspace_id_created_at_id_index" ON "opportunities" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "opportunities_workspace_id_account_id_index" ON "opportunities" USING btree ("workspace_id","account_id");