CREATE TABLE "activity_facets" (
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "activity_facets_tenant_id_kind_value_pk" PRIMARY KEY("tenant_id","kind","value")
);
--> statement-breakpoint
ALTER TABLE "audit_heads" ADD COLUMN "last_at" timestamp (3) with time zone;--> statement-breakpoint
INSERT INTO activity_facets (tenant_id, kind, value, label)
  SELECT DISTINCT tenant_id, 'action', action, action FROM activity;
--> statement-breakpoint
INSERT INTO activity_facets (tenant_id, kind, value, label)
  SELECT tenant_id, CASE WHEN actor_type = 'staff' THEN 'actor' ELSE 'actor:' || actor_type END, actor_id, coalesce(max(actor_name), actor_id)
  FROM activity WHERE actor_id IS NOT NULL GROUP BY tenant_id, actor_type, actor_id;
--> statement-breakpoint
UPDATE audit_heads SET last_at = (SELECT max(at) FROM activity WHERE activity.tenant_id = audit_heads.tenant_id);
