CREATE TABLE "payout_run_skips" (
	"run_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_code" text NOT NULL,
	"partner_name" text NOT NULL,
	"reason" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "payout_run_skips_run_id_partner_id_pk" PRIMARY KEY("run_id","partner_id")
);
--> statement-breakpoint
ALTER TABLE "payout_run_skips" ADD CONSTRAINT "payout_run_skips_run_id_payout_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."payout_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_run_skips" ADD CONSTRAINT "payout_run_skips_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The reports kept so far move from the run's JSON list to their rows.
INSERT INTO "payout_run_skips" ("run_id", "partner_id", "tenant_id", "partner_code", "partner_name", "reason", "amount_minor", "message")
SELECT r."id", j.value->>'partnerId', r."tenant_id", coalesce(j.value->>'partnerCode', '?'), coalesce(j.value->>'partnerName', 'Unknown partner'),
  j.value->>'reason', coalesce((j.value->>'amountMinor')::bigint, 0), coalesce(j.value->>'message', '')
FROM "payout_runs" r, jsonb_array_elements(r."skipped") j ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "payout_runs" DROP COLUMN "skipped";