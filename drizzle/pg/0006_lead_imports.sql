CREATE TABLE "lead_import_mappings" (
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "lead_import_mappings_tenant_id_partner_id_pk" PRIMARY KEY("tenant_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "lead_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"encoding" text NOT NULL,
	"delimiter" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"status" text NOT NULL,
	"total_rows" integer NOT NULL,
	"accepted" integer NOT NULL,
	"refused" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"failure" text,
	"report" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "import_id" text;--> statement-breakpoint
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_imports" ADD CONSTRAINT "lead_imports_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_imports_idempotency_uq" ON "lead_imports" USING btree ("tenant_id","partner_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "lead_imports_recent_idx" ON "lead_imports" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_day_idx" ON "leads" USING btree ("tenant_id","submitted_on");