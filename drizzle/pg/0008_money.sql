CREATE TABLE "credits" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"kind" text NOT NULL,
	"calculation" text NOT NULL,
	"base_minor" bigint,
	"rate_bp" integer,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"source_key" text,
	"justification" text,
	"clawback_of" text,
	"earned_on" text NOT NULL,
	"created_by_type" text NOT NULL,
	"created_by" text,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"reason" text,
	"payout_id" text,
	"payout_stage" text,
	"paid_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_months" (
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"month" text NOT NULL,
	"leads_submitted" integer NOT NULL,
	"leads_approved" integer NOT NULL,
	"leads_rejected" integer NOT NULL,
	"leads_converted" integer NOT NULL,
	"score_sum" integer NOT NULL,
	"earned_minor" bigint NOT NULL,
	"paid_minor" bigint NOT NULL,
	CONSTRAINT "partner_months_tenant_id_partner_id_month_pk" PRIMARY KEY("tenant_id","partner_id","month")
);
--> statement-breakpoint
CREATE TABLE "payout_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"payout_id" text NOT NULL,
	"credit_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"released_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "payout_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"reason" text,
	"payout_id" text
);
--> statement-breakpoint
CREATE TABLE "payout_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"period_start" text NOT NULL,
	"period_end" text NOT NULL,
	"partner_id" text,
	"request_id" text,
	"status" text NOT NULL,
	"partners_total" integer NOT NULL,
	"partners_done" integer NOT NULL,
	"payouts_created" integer NOT NULL,
	"total_minor" bigint NOT NULL,
	"skipped" jsonb NOT NULL,
	"failure" text,
	"idempotency_key" text NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"run_id" text,
	"request_id" text,
	"number" text NOT NULL,
	"period_start" text NOT NULL,
	"period_end" text NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"line_count" integer NOT NULL,
	"total_minor" bigint NOT NULL,
	"approved_minor" bigint,
	"generated_by" text NOT NULL,
	"generated_at" timestamp (3) with time zone NOT NULL,
	"first_approved_by" text,
	"first_approved_at" timestamp (3) with time zone,
	"approved_by" text,
	"approved_at" timestamp (3) with time zone,
	"rejected_by" text,
	"rejected_at" timestamp (3) with time zone,
	"notes" text,
	"paid_by" text,
	"paid_at" timestamp (3) with time zone,
	"payment_date" text,
	"payment_method" text,
	"payment_reference" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_lines" ADD CONSTRAINT "payout_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_requests" ADD CONSTRAINT "payout_requests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credits_source_uq" ON "credits" USING btree ("tenant_id","source_key") WHERE source_key is not null;--> statement-breakpoint
CREATE INDEX "credits_queue_idx" ON "credits" USING btree ("tenant_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "credits_partner_idx" ON "credits" USING btree ("tenant_id","partner_id","status","payout_stage","earned_on");--> statement-breakpoint
CREATE INDEX "credits_lead_idx" ON "credits" USING btree ("tenant_id","lead_id");--> statement-breakpoint
CREATE INDEX "credits_payout_idx" ON "credits" USING btree ("tenant_id","payout_id") WHERE payout_id is not null;--> statement-breakpoint
CREATE INDEX "partner_months_month_idx" ON "partner_months" USING btree ("tenant_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_lines_live_credit_uq" ON "payout_lines" USING btree ("credit_id") WHERE released_at is null;--> statement-breakpoint
CREATE INDEX "payout_lines_payout_idx" ON "payout_lines" USING btree ("tenant_id","payout_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_requests_open_uq" ON "payout_requests" USING btree ("tenant_id","partner_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "payout_requests_status_idx" ON "payout_requests" USING btree ("tenant_id","status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_runs_idempotency_uq" ON "payout_runs" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payout_runs_recent_idx" ON "payout_runs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_number_uq" ON "payouts" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_run_partner_uq" ON "payouts" USING btree ("run_id","partner_id") WHERE run_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_reference_uq" ON "payouts" USING btree ("tenant_id","payment_reference") WHERE payment_reference is not null;--> statement-breakpoint
CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("tenant_id","status","generated_at","id");--> statement-breakpoint
CREATE INDEX "payouts_partner_idx" ON "payouts" USING btree ("tenant_id","partner_id","generated_at");--> statement-breakpoint
-- The lead figures of the months before this migration, from the leads themselves (their cohort month); money figures start at zero: no credit existed.
INSERT INTO partner_months (tenant_id, partner_id, month, leads_submitted, leads_approved, leads_rejected, leads_converted, score_sum, earned_minor, paid_minor)
SELECT tenant_id, partner_id, substr(submitted_on, 1, 7), count(*), sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END), sum(CASE WHEN status = 'converted' THEN 1 ELSE 0 END), sum(score), 0, 0
FROM leads WHERE deleted_at IS NULL GROUP BY tenant_id, partner_id, substr(submitted_on, 1, 7);
