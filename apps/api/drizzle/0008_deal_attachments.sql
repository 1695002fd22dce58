-- Hand-written (C4): files attached to deal registrations. The bytes live in the database (bytea), so the
-- embedded and the server engine, and their backups, hold them without a second store. Rows are immutable.
CREATE TABLE "deal_attachments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" bytea NOT NULL,
	"idempotency_key" text,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_attachments_size_check" CHECK (size_bytes > 0 AND size_bytes = octet_length(content))
);
--> statement-breakpoint
-- PDFs, images and OOXML are compressed already: keep the bytes out of line without another compression pass.
ALTER TABLE "deal_attachments" ALTER COLUMN "content" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "deal_attachments" ADD CONSTRAINT "deal_attachments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- The attachment belongs to a registration of the same workspace AND partner: the key is composite, so even raw
-- SQL as the app role cannot hang a file on another partner's (or workspace's) registration, and the foreign-key
-- check can only confirm registrations the caller's own partner owns.
CREATE UNIQUE INDEX "deal_registrations_workspace_id_id_partner_id_index" ON "deal_registrations" USING btree ("workspace_id","id","partner_id");
--> statement-breakpoint
ALTER TABLE "deal_attachments" ADD CONSTRAINT "deal_attachments_registration_fk" FOREIGN KEY ("workspace_id","registration_id","partner_id") REFERENCES "public"."deal_registrations"("workspace_id","id","partner_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "deal_attachments_workspace_id_registration_id_uploaded_at_index" ON "deal_attachments" USING btree ("workspace_id","registration_id","uploaded_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "deal_attachments_workspace_id_uploaded_by_idempotency_key_index" ON "deal_attachments" USING btree ("workspace_id","uploaded_by","idempotency_key") WHERE idempotency_key IS NOT NULL;
--> statement-breakpoint
-- Row-level security as on deal_registrations (0005): vendor staff the workspace, partner people their company.
-- Immutable: no UPDATE for the app role (a wrong file is deleted and uploaded again).
GRANT SELECT, INSERT, DELETE ON deal_attachments TO trellis_app;
--> statement-breakpoint
ALTER TABLE deal_attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deal_attachments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY deal_attachments_scoped ON deal_attachments FOR ALL
  USING (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()))
  WITH CHECK (workspace_id = app_workspace_id() AND ((SELECT app_is_vendor()) OR partner_id = app_partner_id()));
