import type { SchemaKit } from './kits';
import type { workspaceTables } from './workspaces';

export function staffTables(k: SchemaKit, { tenants }: ReturnType<typeof workspaceTables>) {
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

  return { staffUsers, memberships };
}
