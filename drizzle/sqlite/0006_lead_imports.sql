CREATE TABLE `lead_import_mappings` (
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `partner_id`)
);
--> statement-breakpoint
CREATE TABLE `lead_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`file_name` text NOT NULL,
	`byte_size` integer NOT NULL,
	`encoding` text NOT NULL,
	`delimiter` text NOT NULL,
	`mapping` text NOT NULL,
	`status` text NOT NULL,
	`total_rows` integer NOT NULL,
	`accepted` integer NOT NULL,
	`refused` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`failure` text,
	`report` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lead_imports_idempotency_uq` ON `lead_imports` (`tenant_id`,`partner_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `lead_imports_recent_idx` ON `lead_imports` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `leads` ADD `import_id` text;--> statement-breakpoint
CREATE INDEX `leads_day_idx` ON `leads` (`tenant_id`,`submitted_on`);