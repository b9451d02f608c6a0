import type { SchemaKit } from './kits';

export function activityTables(k: SchemaKit) {
  /**
   * The audit trail. Append-only (triggers refuse UPDATE/DELETE), hash-chained per tenant:
   * hash = HMAC-SHA-256 under the audit key (plain SHA-256 before the head's keyed_from_seq) of
   * prev_hash + canonical row (domain/audit-chain.ts). tenant_id is not a foreign key so that events
   * with no workspace (a failed sign-in for an unknown e-mail) live in the '_system' chain.
   */
  const activity = k.table(
    'activity',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull(),
      seq: k.int('seq').notNull(),
      at: k.time('at').notNull(),
      actorType: k.text('actor_type').notNull(),
      actorId: k.text('actor_id'),
      actorName: k.text('actor_name'),
      action: k.text('action').notNull(),
      resourceType: k.text('resource_type').notNull(),
      resourceId: k.text('resource_id'),
      details: k.json<Record<string, unknown>>('details').notNull(),
      prevHash: k.text('prev_hash').notNull(),
      hash: k.text('hash').notNull(),
    },
    (t) => [
      k.uniqueIndex('activity_tenant_seq_uq').on(t.tenantId, t.seq),
      k.index('activity_tenant_action_idx').on(t.tenantId, t.action, t.seq),
      k.index('activity_tenant_actor_idx').on(t.tenantId, t.actorId, t.seq),
      k.index('activity_tenant_resource_idx').on(t.tenantId, t.resourceType, t.resourceId, t.seq),
      k.index('activity_tenant_at_idx').on(t.tenantId, t.at),
    ],
  );

  /** The head of each tenant's chain; its row lock serialises concurrent audit writers on Postgres. */
  const auditHeads = k.table('audit_heads', {
    tenantId: k.text('tenant_id').primaryKey(),
    seq: k.int('seq').notNull(),
    hash: k.text('hash').notNull(),
    /** The newest entry's time: entries never go back in time, so a date range maps to a seq range. */
    lastAt: k.time('last_at'),
    /**
     * Entries from this seq on are chained with HMAC-SHA-256 under a key kept outside the
     * database; older entries (written before the chain was keyed) with plain SHA-256. Fixed
     * once set (a trigger), like the head's forward-only seq.
     */
    keyedFromSeq: k.int('keyed_from_seq').notNull().default(1),
  });

  /** The distinct actions and actors of each trail, for filter pickers without scanning the trail. */
  const activityFacets = k.table(
    'activity_facets',
    {
      tenantId: k.text('tenant_id').notNull(),
      kind: k.text('kind').notNull(),
      value: k.text('value').notNull(),
      label: k.text('label').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.kind, t.value] })],
  );

  return { activity, auditHeads, activityFacets };
}
