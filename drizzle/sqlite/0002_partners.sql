CREATE TABLE `document_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`content` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `partner_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` text,
	`verified_at` integer,
	`verified_by` text,
	`rejected_at` integer,
	`rejected_by` text,
	`rejection_reason` text,
	`expires_on` text,
	`deleted_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_documents_partner_idx` ON `partner_documents` (`tenant_id`,`partner_id`);--> statement-breakpoint
CREATE TABLE `partner_users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`invite_token_hash` text,
	`invite_expires_at` integer,
	`last_login_at` integer,
	`created_at` integer NOT NULL,
	`deactivated_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_users_tenant_email_uq` ON `partner_users` (`tenant_id`,`email`);--> statement-breakpoint
CREATE INDEX `partner_users_partner_idx` ON `partner_users` (`tenant_id`,`partner_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`code` text NOT NULL,
	`type` text NOT NULL,
	`legal_name` text NOT NULL,
	`display_name` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text,
	`address` text NOT NULL,
	`country` text NOT NULL,
	`tax_id` text,
	`commission_model` text NOT NULL,
	`rate_bp` integer NOT NULL,
	`fixed_price_minor` integer NOT NULL,
	`tier` text NOT NULL,
	`monthly_lead_quota` integer NOT NULL,
	`payout_method` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`status_changed_at` integer,
	`approved_by` text,
	`approved_at` integer,
	`kyc_status` text NOT NULL,
	`kyc_decision` text,
	`kyc_decided_at` integer,
	`kyc_decided_by` text,
	`kyc_expires_on` text,
	`banking_sealed` text,
	`banking_masked` text,
	`banking_on_hold` integer DEFAULT false NOT NULL,
	`banking_changed_by` text,
	`banking_changed_at` integer,
	`banking_verified_at` integer,
	`banking_verified_by` text,
	`search_text` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_tenant_code_uq` ON `partners` (`tenant_id`,`code`);--> statement-breakpoint
CREATE INDEX `partners_tenant_status_idx` ON `partners` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `partners_tenant_type_idx` ON `partners` (`tenant_id`,`type`);--> statement-breakpoint
CREATE INDEX `partners_tenant_tier_idx` ON `partners` (`tenant_id`,`tier`);--> statement-breakpoint
CREATE INDEX `partners_tenant_kyc_idx` ON `partners` (`tenant_id`,`kyc_status`);--> statement-breakpoint
CREATE INDEX `partners_tenant_created_idx` ON `partners` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `partners_tenant_name_idx` ON `partners` (`tenant_id`,`legal_name`);