CREATE TABLE `partner_counts` (
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`tier` text NOT NULL,
	`kyc_status` text NOT NULL,
	`total` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `type`, `status`, `tier`, `kyc_status`)
);
--> statement-breakpoint
DROP INDEX `partners_tenant_status_idx`;--> statement-breakpoint
DROP INDEX `partners_tenant_type_idx`;--> statement-breakpoint
DROP INDEX `partners_tenant_tier_idx`;--> statement-breakpoint
DROP INDEX `partners_tenant_kyc_idx`;--> statement-breakpoint
CREATE INDEX `partners_live_code_idx` ON `partners` (`tenant_id`,`code`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_country_idx` ON `partners` (`tenant_id`,`country`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_status_idx` ON `partners` (`tenant_id`,`status`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_tier_idx` ON `partners` (`tenant_id`,`tier`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_kyc_idx` ON `partners` (`tenant_id`,`kyc_status`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_status_created_idx` ON `partners` (`tenant_id`,`status`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_type_created_idx` ON `partners` (`tenant_id`,`type`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_tier_created_idx` ON `partners` (`tenant_id`,`tier`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_kyc_created_idx` ON `partners` (`tenant_id`,`kyc_status`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_kyc_expiry_idx` ON `partners` (`tenant_id`,`kyc_expires_on`) WHERE deleted_at is null and kyc_expires_on is not null;--> statement-breakpoint
-- partner_counts: live partners per (type, status, tier, stored KYC status), kept by the
-- database in the writing transaction, whichever path writes partners (services, imports, the
-- bench and demo loaders). An update touches the counters only when a counted column changed.
CREATE TRIGGER partner_counts_insert AFTER INSERT ON partners WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO partner_counts (tenant_id, type, status, tier, kyc_status, total)
    SELECT new.tenant_id, new.type, new.status, new.tier, new.kyc_status, 1 WHERE true
    ON CONFLICT (tenant_id, type, status, tier, kyc_status) DO UPDATE SET total = total + 1;
END;
--> statement-breakpoint
CREATE TRIGGER partner_counts_update AFTER UPDATE OF tenant_id, type, status, tier, kyc_status, deleted_at ON partners
  WHEN old.tenant_id IS NOT new.tenant_id OR old.type IS NOT new.type OR old.status IS NOT new.status OR old.tier IS NOT new.tier
    OR old.kyc_status IS NOT new.kyc_status OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
  UPDATE partner_counts SET total = total - 1
    WHERE old.deleted_at IS NULL AND tenant_id = old.tenant_id AND type = old.type AND status = old.status
      AND tier = old.tier AND kyc_status = old.kyc_status;
  INSERT INTO partner_counts (tenant_id, type, status, tier, kyc_status, total)
    SELECT new.tenant_id, new.type, new.status, new.tier, new.kyc_status, 1 WHERE new.deleted_at IS NULL
    ON CONFLICT (tenant_id, type, status, tier, kyc_status) DO UPDATE SET total = total + 1;
END;
--> statement-breakpoint
CREATE TRIGGER partner_counts_delete AFTER DELETE ON partners WHEN old.deleted_at IS NULL
BEGIN
  UPDATE partner_counts SET total = total - 1
    WHERE tenant_id = old.tenant_id AND type = old.type AND status = old.status AND tier = old.tier AND kyc_status = old.kyc_status;
END;
--> statement-breakpoint
INSERT INTO partner_counts (tenant_id, type, status, tier, kyc_status, total)
  SELECT tenant_id, type, status, tier, kyc_status, count(*) FROM partners WHERE deleted_at IS NULL
  GROUP BY tenant_id, type, status, tier, kyc_status;
--> statement-breakpoint
-- The list's text search (src-main/data/text-search.ts): FTS5 trigram over search_text, an
-- external-content table (the text is not stored twice) keyed by the partners' rowid. Deleted
-- partners stay indexed (the query filters them), so a soft delete or restore costs nothing here.
-- partners has no INTEGER PRIMARY KEY, so a VACUUM may renumber its rowids: run
-- INSERT INTO partners_fts(partners_fts) VALUES ('rebuild') after one (the app never vacuums).
CREATE VIRTUAL TABLE partners_fts USING fts5(search_text, content='partners', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER partners_fts_insert AFTER INSERT ON partners
BEGIN
  INSERT INTO partners_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER partners_fts_update AFTER UPDATE OF search_text ON partners WHEN old.search_text IS NOT new.search_text
BEGIN
  INSERT INTO partners_fts (partners_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO partners_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER partners_fts_delete AFTER DELETE ON partners
BEGIN
  INSERT INTO partners_fts (partners_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
--> statement-breakpoint
INSERT INTO partners_fts (partners_fts) VALUES ('rebuild');
