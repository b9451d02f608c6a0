DROP INDEX `partners_tenant_created_idx`;--> statement-breakpoint
DROP INDEX `partners_tenant_name_idx`;--> statement-breakpoint
CREATE INDEX `partners_live_created_idx` ON `partners` (`tenant_id`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `partners_live_name_idx` ON `partners` (`tenant_id`,`legal_name`,`id`) WHERE deleted_at is null;