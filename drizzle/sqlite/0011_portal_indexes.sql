CREATE INDEX `partner_users_email_idx` ON `partner_users` (`email`);--> statement-breakpoint
CREATE INDEX `partner_users_invite_idx` ON `partner_users` (`invite_token_hash`);--> statement-breakpoint
CREATE INDEX `payout_requests_partner_idx` ON `payout_requests` (`tenant_id`,`partner_id`,`decided_at`);