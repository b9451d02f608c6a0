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
    /** Set by an admin-set initial password or an admin reset: the next sign-in must choose a new one. */
    mustChangePassword: k.bool('must_change_password').notNull().default(false),
    passwordChangedAt: k.time('password_changed_at'),
    /** The workspace the user last worked in: sign-in lands there. */
    lastTenantId: k.text('last_tenant_id'),
  });

  const memberships = k.table(
    'memberships',
    {
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      userId: k.text('user_id').notNull().references(() => staffUsers.id),
      role: k.text('role').notNull(),
      disabledAt: k.time('disabled_at'),
      createdAt: k.time('created_at').notNull(),
      /**
       * Null while the membership is an invitation the user has not accepted yet. Staff
       * identities are global: the inviting workspace sees only what its admin typed.
       */
      acceptedAt: k.time('accepted_at'),
      /** The name the inviting admin typed; shown in this workspace until the user accepts. */
      invitedName: k.text('invited_name'),
      /** Last sign-in into this workspace (never another workspace's). */
      lastSignInAt: k.time('last_sign_in_at'),
      /** When the current role was granted: four-eyes rules compare it with the change they check. */
      roleSince: k.time('role_since'),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.userId] }), k.index('memberships_user_idx').on(t.userId)],
  );

  /**
   * Sign-in throttling, one row per key (`account:<user id>`, `email:<address>`, `ip:<address>`).
   * An attempt is reserved here (compare-and-set) before its password is verified, so a parallel
   * burst cannot verify more guesses than the window allows.
   */
  const signInThrottle = k.table('sign_in_throttle', {
    key: k.text('key').primaryKey(),
    /** Failed attempts in a row; each one lengthens the delay before the next attempt. */
    failures: k.int('failures').notNull().default(0),
    /** Attempts reserved and not yet settled (their passwords are being verified). */
    inFlight: k.int('in_flight').notNull().default(0),
    windowStartedAt: k.time('window_started_at'),
    /** Attempts started in the current window, successful or not. */
    windowAttempts: k.int('window_attempts').notNull().default(0),
    blockedUntil: k.time('blocked_until'),
    updatedAt: k.time('updated_at').notNull(),
  });

  /** One row, ever: the first run's workspace. Its primary key makes concurrent set-ups give exactly one. */
  const setupGuard = k.table('setup_guard', {
    id: k.text('id').primaryKey(),
    tenantId: k.text('tenant_id').notNull(),
    at: k.time('at').notNull(),
  });

  return { staffUsers, memberships, signInThrottle, setupGuard };
}
