CREATE TABLE `call_idempotency` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`procedure` text NOT NULL,
	`status` text NOT NULL,
	`response` text,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `call_idempotency_created_idx` ON `call_idempotency` (`created_at`);--> statement-breakpoint
CREATE TABLE `instance_settings` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
