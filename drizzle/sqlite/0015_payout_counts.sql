CREATE TABLE `payout_counts` (
	`tenant_id` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`total_minor` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `status`)
);
--> statement-breakpoint
-- payout_counts: payouts per (tenant, status) with their total, kept by the database in the
-- writing transaction, whichever path writes payouts (generation, review, finance, requests, the
-- bench and demo loaders). An update touches the counters only when a counted column changed.
CREATE TRIGGER payout_counts_insert AFTER INSERT ON payouts
BEGIN
  INSERT INTO payout_counts (tenant_id, status, total, total_minor)
    SELECT new.tenant_id, new.status, 1, new.total_minor WHERE true
    ON CONFLICT (tenant_id, status) DO UPDATE SET total = total + 1, total_minor = total_minor + excluded.total_minor;
END;
--> statement-breakpoint
CREATE TRIGGER payout_counts_update AFTER UPDATE OF tenant_id, status, total_minor ON payouts
  WHEN old.tenant_id IS NOT new.tenant_id OR old.status IS NOT new.status OR old.total_minor IS NOT new.total_minor
BEGIN
  UPDATE payout_counts SET total = total - 1, total_minor = total_minor - old.total_minor
    WHERE tenant_id = old.tenant_id AND status = old.status;
  INSERT INTO payout_counts (tenant_id, status, total, total_minor)
    SELECT new.tenant_id, new.status, 1, new.total_minor WHERE true
    ON CONFLICT (tenant_id, status) DO UPDATE SET total = total + 1, total_minor = total_minor + excluded.total_minor;
END;
--> statement-breakpoint
CREATE TRIGGER payout_counts_delete AFTER DELETE ON payouts
BEGIN
  UPDATE payout_counts SET total = total - 1, total_minor = total_minor - old.total_minor
    WHERE tenant_id = old.tenant_id AND status = old.status;
END;
--> statement-breakpoint
INSERT INTO payout_counts (tenant_id, status, total, total_minor)
  SELECT tenant_id, status, count(*), coalesce(sum(total_minor), 0) FROM payouts GROUP BY tenant_id, status;
