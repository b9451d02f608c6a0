import { sql } from 'drizzle-orm';
import type { SchemaKit } from './kits';

/**
 * The logical description of every table, built once per dialect by `defineSchema(kit)`.
 * Conventions: snake_case columns, text UUIDv7 ids, every business row carries tenant_id,
 * money in integer minor units, rates in basis points, soft delete via deleted_at.
 */
export function defineSchema(k: SchemaKit) {
  const tenants = k.table('tenants', {
    id: k.text('id').primaryKey(),
    name: k.text('name').notNull(),
    currency: k.text('currency').notNull(),
    settings: k.json<TenantSettings>('settings').notNull(),
    createdAt: k.time('created_at').notNull(),
  });

  /** Staff identities are global (one e-mail, one password); roles live in memberships. */
  const staffUsers = k.table('staff_users', {
    id: k.text('id').primaryKey(),
    email: k.text('email').notNull().unique(),
    name: k.text('name').notNull(),
    passwordHash: k.text('password_hash').notNull(),
    failedSignIns: k.int('failed_sign_ins').notNull().default(0),
    lockedUntil: k.time('locked_until'),
    lastLoginAt: k.time('last_login_at'),
    createdAt: k.time('created_at').notNull(),
  });

  const memberships = k.table(
    'memberships',
    {
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      userId: k.text('user_id').notNull().references(() => staffUsers.id),
      role: k.text('role').notNull(),
      disabledAt: k.time('disabled_at'),
      createdAt: k.time('created_at').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.userId] }), k.index('memberships_user_idx').on(t.userId)],
  );

  /** A session's id is the SHA-256 of its bearer token: a leaked table grants no access. */
  const sessions = k.table(
    'sessions',
    {
      id: k.text('id').primaryKey(),
      userKind: k.text('user_kind').notNull(),
      userId: k.text('user_id').notNull(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      createdAt: k.time('created_at').notNull(),
      lastSeenAt: k.time('last_seen_at').notNull(),
      absoluteExpiresAt: k.time('absolute_expires_at').notNull(),
      endedAt: k.time('ended_at'),
    },
    (t) => [k.index('sessions_user_idx').on(t.userId)],
  );

  /**
   * The audit trail. Append-only (triggers refuse UPDATE/DELETE), hash-chained per tenant:
   * hash = SHA-256(prev_hash + canonical row). tenant_id is not a foreign key so that events
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
  });

  return { tenants, staffUsers, memberships, sessions, activity, auditHeads };
}

export interface TenantSettings {
  /** Partners can be approved only when their KYC status is `verified`. */
  approvalNeedsVerifiedKyc: boolean;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = { approvalNeedsVerifiedKyc: true };

// Referenced by later partial indexes; kept here so both dialects share it.
export const notDeleted = sql`deleted_at is null`;
