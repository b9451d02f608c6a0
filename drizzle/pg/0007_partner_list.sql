CREATE TABLE "partner_counts" (
	"tenant_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"tier" text NOT NULL,
	"kyc_status" text NOT NULL,
	"total" integer NOT NULL,
	CONSTRAINT "partner_counts_tenant_id_type_status_tier_kyc_status_pk" PRIMARY KEY("tenant_id","type","status","tier","kyc_status")
);
--> statement-breakpoint
DROP INDEX "partners_tenant_status_idx";--> statement-breakpoint
DROP INDEX "partners_tenant_type_idx";--> statement-breakpoint
DROP INDEX "partners_tenant_tier_idx";--> statement-breakpoint
DROP INDEX "partners_tenant_kyc_idx";--> statement-breakpoint
CREATE INDEX "partners_live_code_idx" ON "partners" USING btree ("tenant_id","code","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_country_idx" ON "partners" USING btree ("tenant_id","country","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_status_idx" ON "partners" USING btree ("tenant_id","status","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_tier_idx" ON "partners" USING btree ("tenant_id","tier","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_kyc_idx" ON "partners" USING btree ("tenant_id","kyc_status","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_status_created_idx" ON "partners" USING btree ("tenant_id","status","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_type_created_idx" ON "partners" USING btree ("tenant_id","type","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_tier_created_idx" ON "partners" USING btree ("tenant_id","tier","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_live_kyc_created_idx" ON "partners" USING btree ("tenant_id","kyc_status","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "partners_kyc_expiry_idx" ON "partners" USING btree ("tenant_id","kyc_expires_on") WHERE deleted_at is null and kyc_expires_on is not null;--> statement-breakpoint
-- partner_counts: live partners per (type, status, tier, stored KYC status), kept by the
-- database in the writing transaction, whichever path writes partners (services, imports, the
-- bench and demo loaders). An update touches the counters only when a counted column changed.
-- The table is named unqualified: it resolves in the schema the writer's search_path names.
CREATE FUNCTION partner_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE partner_counts SET total = total - 1
      WHERE tenant_id = OLD.tenant_id AND type = OLD.type AND status = OLD.status AND tier = OLD.tier AND kyc_status = OLD.kyc_status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
    INSERT INTO partner_counts (tenant_id, type, status, tier, kyc_status, total)
      VALUES (NEW.tenant_id, NEW.type, NEW.status, NEW.tier, NEW.kyc_status, 1)
      ON CONFLICT (tenant_id, type, status, tier, kyc_status) DO UPDATE SET total = partner_counts.total + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER partner_counts_insert_delete AFTER INSERT OR DELETE ON partners
  FOR EACH ROW EXECUTE FUNCTION partner_counts_apply();
--> statement-breakpoint
CREATE TRIGGER partner_counts_update AFTER UPDATE OF tenant_id, type, status, tier, kyc_status, deleted_at ON partners
  FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.type IS DISTINCT FROM NEW.type OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.tier IS DISTINCT FROM NEW.tier OR OLD.kyc_status IS DISTINCT FROM NEW.kyc_status
    OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION partner_counts_apply();
--> statement-breakpoint
INSERT INTO partner_counts (tenant_id, type, status, tier, kyc_status, total)
  SELECT tenant_id, type, status, tier, kyc_status, count(*) FROM partners WHERE deleted_at IS NULL
  GROUP BY tenant_id, type, status, tier, kyc_status;
--> statement-breakpoint
-- The list's text search (src-main/data/text-search.ts): pg_trgm's GIN index serves
-- search_text LIKE '%…%'. The extension lives in public, never in the schema being migrated
-- (team mode and each test run migrate a schema of their own, and tests drop theirs CASCADE,
-- which would take the extension, and every other schema's index, with it); the operator
-- class is therefore named with its schema (unquoted: migrate.ts strips only "public".).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
--> statement-breakpoint
-- fastupdate off: new entries go straight into the index instead of a pending list that every
-- search scans in full until a vacuum merges it (PGlite has no autovacuum; after a bulk load the
-- planner rightly priced the index out). Partner writes are rare; searches are not.
CREATE INDEX partners_search_trgm_idx ON partners USING gin (search_text public.gin_trgm_ops) WITH (fastupdate = off) WHERE deleted_at IS NULL;
