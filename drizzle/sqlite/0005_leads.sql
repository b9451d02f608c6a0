CREATE TABLE `lead_counts` (
	`tenant_id` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`duplicates` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `status`)
);
--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`contact_name` text NOT NULL,
	`company` text,
	`email` text,
	`phone` text,
	`country` text,
	`job_title` text,
	`product_interest` text,
	`website` text,
	`notes` text,
	`extra` text NOT NULL,
	`estimated_value_minor` integer,
	`score` integer NOT NULL,
	`queue_rank` integer NOT NULL,
	`score_breakdown` text NOT NULL,
	`email_key` text,
	`phone_e164` text,
	`company_domain` text,
	`duplicate_of` text,
	`duplicate_flag` integer NOT NULL,
	`duplicate_matches` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`submitted_by_type` text NOT NULL,
	`submitted_by` text,
	`submitted_on` text NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`rejection_reason` text,
	`decision_note` text,
	`crm_lead_id` text,
	`converted_value_minor` integer,
	`converted_on` text,
	`converted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`version` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_idempotency_uq` ON `leads` (`tenant_id`,`partner_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `leads_email_key_idx` ON `leads` (`tenant_id`,`email_key`,`created_at`) WHERE email_key is not null;--> statement-breakpoint
CREATE INDEX `leads_phone_idx` ON `leads` (`tenant_id`,`phone_e164`,`created_at`) WHERE phone_e164 is not null;--> statement-breakpoint
CREATE INDEX `leads_company_domain_idx` ON `leads` (`tenant_id`,`company_domain`,`created_at`) WHERE company_domain is not null;--> statement-breakpoint
CREATE INDEX `leads_queue_idx` ON `leads` (`tenant_id`,`queue_rank`,`created_at`,`id`) WHERE status in ('submitted', 'under_review') and deleted_at is null;--> statement-breakpoint
CREATE INDEX `leads_queue_partner_idx` ON `leads` (`tenant_id`,`partner_id`,`queue_rank`,`created_at`,`id`) WHERE status in ('submitted', 'under_review') and deleted_at is null;--> statement-breakpoint
CREATE INDEX `leads_list_idx` ON `leads` (`tenant_id`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `leads_list_partner_idx` ON `leads` (`tenant_id`,`partner_id`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `leads_list_status_idx` ON `leads` (`tenant_id`,`status`,`created_at`,`id`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `leads_partner_day_idx` ON `leads` (`tenant_id`,`partner_id`,`submitted_on`);--> statement-breakpoint
CREATE INDEX `leads_partner_status_idx` ON `leads` (`tenant_id`,`partner_id`,`status`);