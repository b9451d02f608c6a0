CREATE TABLE `payout_run_skips` (
	`run_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_code` text NOT NULL,
	`partner_name` text NOT NULL,
	`reason` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`message` text NOT NULL,
	PRIMARY KEY(`run_id`, `partner_id`),
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The reports kept so far move from the run's JSON list to their rows.
INSERT INTO `payout_run_skips` (`run_id`, `partner_id`, `tenant_id`, `partner_code`, `partner_name`, `reason`, `amount_minor`, `message`)
SELECT r.`id`, json_extract(j.value, '$.partnerId'), r.`tenant_id`, coalesce(json_extract(j.value, '$.partnerCode'), '?'), coalesce(json_extract(j.value, '$.partnerName'), 'Unknown partner'),
  json_extract(j.value, '$.reason'), coalesce(json_extract(j.value, '$.amountMinor'), 0), coalesce(json_extract(j.value, '$.message'), '')
FROM `payout_runs` r, json_each(r.`skipped`) j WHERE true ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE `payout_runs` DROP COLUMN `skipped`;