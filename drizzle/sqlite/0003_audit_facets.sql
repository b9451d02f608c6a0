CREATE TABLE `activity_facets` (
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`label` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `kind`, `value`)
);
--> statement-breakpoint
ALTER TABLE `audit_heads` ADD `last_at` integer;--> statement-breakpoint
INSERT INTO activity_facets (tenant_id, kind, value, label)
  SELECT DISTINCT tenant_id, 'action', action, action FROM activity;
--> statement-breakpoint
INSERT INTO activity_facets (tenant_id, kind, value, label)
  SELECT tenant_id, CASE WHEN actor_type = 'staff' THEN 'actor' ELSE 'actor:' || actor_type END, actor_id, coalesce(max(actor_name), actor_id)
  FROM activity WHERE actor_id IS NOT NULL GROUP BY tenant_id, actor_type, actor_id;
--> statement-breakpoint
UPDATE audit_heads SET last_at = (SELECT max(at) FROM activity WHERE activity.tenant_id = audit_heads.tenant_id);
