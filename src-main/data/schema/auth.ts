import type { SchemaKit } from './kits';
import type { workspaceTables } from './workspaces';

/** Sessions of both kinds of user: `user_kind` says whether `user_id` is a staff user or a partner (portal) user. */
export function authTables(k: SchemaKit, { tenants }: ReturnType<typeof workspaceTables>) {
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

  return { sessions };
}
