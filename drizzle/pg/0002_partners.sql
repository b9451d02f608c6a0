CREATE TABLE "document_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_at" timestamp (3) with time zone NOT NULL,
	"uploaded_by" text,
	"verified_at" timestamp (3) with time zone,
	"verified_by" text,
	"rejected_at" timestamp (3) with time zone,
	"rejected_by" text,
	"rejection_reason" text,
	"expires_on" text,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "partner_users" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text,
	"invite_token_hash" text,
	"invite_expires_at" timestamp (3) with time zone,
	"last_login_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"deactivated_at" timestamp (3) with time zone,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"legal_name" text NOT NULL,
	"display_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"address" jsonb NOT NULL,
	"country" text NOT NULL,
	"tax_id" text,
	"commission_model" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"fixed_price_minor" bigint NOT NULL,
	"tier" text NOT NULL,
	"monthly_lead_quota" integer NOT NULL,
	"payout_method" text NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp (3) with time zone,
	"approved_by" text,
	"approved_at" timestamp (3) with time zone,
	"kyc_status" text NOT NULL,
	"kyc_decision" text,
	"kyc_decided_at" timestamp (3) with time zone,
	"kyc_decided_by" text,
	"kyc_expires_on" text,
	"banking_sealed" text,
	"banking_masked" jsonb,
	"banking_on_hold" boolean DEFAULT false NOT NULL,
	"banking_changed_by" text,
	"banking_changed_at" timestamp (3) with time zone,
	"banking_verified_at" timestamp (3) with time zone,
	"banking_verified_by" text,
	"search_text" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "partner_documents" ADD CONSTRAINT "partner_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_documents" ADD CONSTRAINT "partner_documents_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_users" ADD CONSTRAINT "partner_users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_users" ADD CONSTRAINT "partner_users_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_documents_partner_idx" ON "partner_documents" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_users_tenant_email_uq" ON "partner_users" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "partner_users_partner_idx" ON "partner_users" USING btree ("tenant_id","partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_tenant_code_uq" ON "partners" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "partners_tenant_status_idx" ON "partners" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "partners_tenant_type_idx" ON "partners" USING btree ("tenant_id","type");--> statement-breakpoint
CREATE INDEX "partners_tenant_tier_idx" ON "partners" USING btree ("tenant_id","tier");--> statement-breakpoint
CREATE INDEX "partners_tenant_kyc_idx" ON "partners" USING btree ("tenant_id","kyc_status");--> statement-breakpoint
CREATE INDEX "partners_tenant_created_idx" ON "partners" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "partners_tenant_name_idx" ON "partners" USING btree ("tenant_id","legal_name");