CREATE TABLE "lead_counts" (
	"tenant_id" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"duplicates" integer NOT NULL,
	CONSTRAINT "lead_counts_tenant_id_status_pk" PRIMARY KEY("tenant_id","status")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"contact_name" text NOT NULL,
	"company" text,
	"email" text,
	"phone" text,
	"country" text,
	"job_title" text,
	"product_interest" text,
	"website" text,
	"notes" text,
	"extra" jsonb NOT NULL,
	"estimated_value_minor" bigint,
	"score" integer NOT NULL,
	"queue_rank" integer NOT NULL,
	"score_breakdown" jsonb NOT NULL,
	"email_key" text,
	"phone_e164" text,
	"company_domain" text,
	"duplicate_of" text,
	"duplicate_flag" boolean NOT NULL,
	"duplicate_matches" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"submitted_by_type" text NOT NULL,
	"submitted_by" text,
	"submitted_on" text NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp (3) with time zone,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"decision_note" text,
	"crm_lead_id" text,
	"converted_value_minor" bigint,
	"converted_on" text,
	"converted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_idempotency_uq" ON "leads" USING btree ("tenant_id","partner_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "leads_email_key_idx" ON "leads" USING btree ("tenant_id","email_key","created_at") WHERE email_key is not null;--> statement-breakpoint
CREATE INDEX "leads_phone_idx" ON "leads" USING btree ("tenant_id","phone_e164","created_at") WHERE phone_e164 is not null;--> statement-breakpoint
CREATE INDEX "leads_company_domain_idx" ON "leads" USING btree ("tenant_id","company_domain","created_at") WHERE company_domain is not null;--> statement-breakpoint
CREATE INDEX "leads_queue_idx" ON "leads" USING btree ("tenant_id","queue_rank","created_at","id") WHERE status in ('submitted', 'under_review') and deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_queue_partner_idx" ON "leads" USING btree ("tenant_id","partner_id","queue_rank","created_at","id") WHERE status in ('submitted', 'under_review') and deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_list_idx" ON "leads" USING btree ("tenant_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_list_partner_idx" ON "leads" USING btree ("tenant_id","partner_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_list_status_idx" ON "leads" USING btree ("tenant_id","status","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_partner_day_idx" ON "leads" USING btree ("tenant_id","partner_id","submitted_on");--> statement-breakpoint
CREATE INDEX "leads_partner_status_idx" ON "leads" USING btree ("tenant_id","partner_id","status");