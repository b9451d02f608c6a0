import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import type { ServiceDeps } from '../context';
import type { SessionService } from './sessions';

/**
 * Where a staff sign-in lands and what it leaves behind in the workspaces: the workspace the
 * session opens in, the workspaces whose trails hear about a failed attempt, and the record of
 * a successful sign-in.
 *
 * A membership counts once accepted. The one exception is a new account's home (the workspace
 * whose admin created it, kept in staff_users.last_tenant_id until the first sign-in): that
 * first sign-in lands there and accepts it, since the user never had anything else to accept.
 */
export function signInLanding({ database }: ServiceDeps, sessions: SessionService) {
  const { staffUsers, memberships } = database.t;

  /** The not-yet-accepted home of an account that has never signed in, or null. */
  async function newAccountHome(db: AppDb, userId: string, enabledOnly: boolean): Promise<string | null> {
    const [row] = await db
      .select({ tenantId: memberships.tenantId })
      .from(staffUsers)
      .innerJoin(memberships, and(eq(memberships.userId, staffUsers.id), eq(memberships.tenantId, staffUsers.lastTenantId)))
      .where(and(eq(staffUsers.id, userId), isNull(staffUsers.lastLoginAt), isNull(memberships.acceptedAt), ...(enabledOnly ? [isNull(memberships.disabledAt)] : [])));
    return row?.tenantId ?? null;
  }

  /**
   * The workspace a successful sign-in opens, or null when the user may act in none: the one
   * they last worked in while it is still open to them, else the first of their workspaces.
   */
  async function landingTenant(db: AppDb, userId: string): Promise<string | null> {
    const home = await newAccountHome(db, userId, true);
    if (home) return home;
    const open = await sessions.workspacesOf(db, userId);
    const [user] = await db.select({ lastTenantId: staffUsers.lastTenantId }).from(staffUsers).where(eq(staffUsers.id, userId));
    return open.find((w) => w.id === user?.lastTenantId)?.id ?? open[0]?.id ?? null;
  }

  /**
   * The workspaces that record a failed attempt on this account: those the user belongs to
   * (disabled included: a disabled user trying to get in is exactly what its admins need to
   * see), never one that merely invited them, which must not learn about the account's use.
   */
  async function failureTenants(db: AppDb, userId: string): Promise<string[]> {
    const home = await newAccountHome(db, userId, false);
    const rows = await db
      .select({ tenantId: memberships.tenantId })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), home ? or(isNotNull(memberships.acceptedAt), eq(memberships.tenantId, home)) : isNotNull(memberships.acceptedAt)));
    return rows.map((m) => m.tenantId);
  }

  /**
   * Records a successful sign-in of `userId` into `tenantId`, inside the sign-in's write: the
   * workspace becomes the last used, its membership's last sign-in moves (the other workspaces'
   * do not), and a new account's home is accepted.
   */
  async function recordSignIn(tx: AppDb, userId: string, tenantId: string, now: Date): Promise<void> {
    const home = await newAccountHome(tx, userId, true);
    await tx.update(staffUsers).set({ failedSignIns: 0, lockedUntil: null, lastLoginAt: now, lastTenantId: tenantId }).where(eq(staffUsers.id, userId));
    const membership = and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId));
    await tx.update(memberships).set(home === tenantId ? { lastSignInAt: now, acceptedAt: now } : { lastSignInAt: now }).where(membership);
  }

  return { landingTenant, failureTenants, recordSignIn };
}
