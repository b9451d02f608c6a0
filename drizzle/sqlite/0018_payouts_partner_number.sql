DROP INDEX `payouts_partner_idx`;--> statement-breakpoint
CREATE INDEX `payouts_partner_idx` ON `payouts` (`tenant_id`,`partner_id`,`generated_at`,`number`);