CREATE TABLE `setup_guard` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`in_flight` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer,
	`window_attempts` integer DEFAULT 0 NOT NULL,
	`blocked_until` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_heads` ADD `keyed_from_seq` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `accepted_at` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `invited_name` text;--> statement-breakpoint
ALTER TABLE `memberships` ADD `last_sign_in_at` integer;--> statement-breakpoint
ALTER TABLE `memberships` ADD `role_since` integer;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `must_change_password` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `password_changed_at` integer;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `last_tenant_id` text;--> statement-breakpoint
-- Existing memberships were accepted when made; their role dates from then; last sign-in per
-- workspace comes from that workspace's own trail, never from another workspace's.
UPDATE `memberships` SET `accepted_at` = `created_at`, `role_since` = `created_at`,
  `last_sign_in_at` = (SELECT max(`at`) FROM `activity` WHERE `activity`.`tenant_id` = `memberships`.`tenant_id` AND `activity`.`action` = 'auth.signed_in' AND `activity`.`actor_id` = `memberships`.`user_id`);
--> statement-breakpoint
UPDATE `staff_users` SET `last_tenant_id` = (SELECT `tenant_id` FROM `sessions` WHERE `sessions`.`user_kind` = 'staff' AND `sessions`.`user_id` = `staff_users`.`id` ORDER BY `created_at` DESC LIMIT 1);
--> statement-breakpoint
INSERT INTO `setup_guard` (`id`, `tenant_id`, `at`) SELECT 'first-run', `id`, `created_at` FROM `tenants` ORDER BY `created_at` LIMIT 1;
--> statement-breakpoint
-- Entries written so far were chained with plain SHA-256; from the next one on, keyed.
UPDATE `audit_heads` SET `keyed_from_seq` = `seq` + 1;
--> statement-breakpoint
-- A head only moves forward and keeps where its keyed chain starts; it is never deleted.
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE ON audit_heads
WHEN NEW.tenant_id <> OLD.tenant_id OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) OR NEW.keyed_from_seq <> OLD.keyed_from_seq
BEGIN
  SELECT RAISE(ABORT, 'audit heads only move forward');
END;
--> statement-breakpoint
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
BEGIN
  SELECT RAISE(ABORT, 'audit heads cannot be deleted');
END;
