CREATE INDEX "partner_users_email_idx" ON "partner_users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "partner_users_invite_idx" ON "partner_users" USING btree ("invite_token_hash");--> statement-breakpoint
CREATE INDEX "payout_requests_partner_idx" ON "payout_requests" USING btree ("tenant_id","partner_id","decided_at");