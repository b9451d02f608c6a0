DROP INDEX `credits_partner_idx`;--> statement-breakpoint
CREATE INDEX `credits_partner_idx` ON `credits` (`tenant_id`,`partner_id`,`status`,`payout_stage`,`earned_on`,`amount_minor`);