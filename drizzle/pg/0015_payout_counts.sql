CREATE TABLE "payout_counts" (
	"tenant_id" text NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"total_minor" bigint NOT NULL,
	CONSTRAINT "payout_counts_tenant_id_status_pk" PRIMARY KEY("tenant_id","status")
);
--> statement-breakpoint
-- payout_counts: payouts per (tenant, status) with their total, kept by the database in the
-- writing transaction, whichever path writes payouts (generation, review, finance, requests, the
-- bench and demo loaders). An update touches the counters only when a counted column changed.
-- The table is named unqualified: it resolves in the schema the writer's search_path names.
CREATE FUNCTION payout_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE payout_counts SET total = total - 1, total_minor = total_minor - OLD.total_minor
      WHERE tenant_id = OLD.tenant_id AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO payout_counts (tenant_id, status, total, total_minor)
      VALUES (NEW.tenant_id, NEW.status, 1, NEW.total_minor)
      ON CONFLICT (tenant_id, status) DO UPDATE SET total = payout_counts.total + 1, total_minor = payout_counts.total_minor + EXCLUDED.total_minor;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payout_counts_insert_delete AFTER INSERT OR DELETE ON payouts
  FOR EACH ROW EXECUTE FUNCTION payout_counts_apply();
--> statement-breakpoint
CREATE TRIGGER payout_counts_update AFTER UPDATE OF tenant_id, status, total_minor ON payouts
  FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.status IS DISTINCT FROM NEW.status OR OLD.total_minor IS DISTINCT FROM NEW.total_minor)
  EXECUTE FUNCTION payout_counts_apply();
--> statement-breakpoint
INSERT INTO payout_counts (tenant_id, status, total, total_minor)
  SELECT tenant_id, status, count(*), coalesce(sum(total_minor), 0) FROM payouts GROUP BY tenant_id, status;
