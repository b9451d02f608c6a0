import { eq } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import type { ServiceDeps } from '../context';
import type { SessionService } from './sessions';

/**
 * Where a staff sign-in lands and what it leaves behind in the workspaces: the workspace the
 * session opens in, the workspaces whose trails hear about a failed attempt, and the record of
 * a successful sign-in.
 */
export function signInLanding({ database }: ServiceDeps, sessions: SessionService) {
  const { staffUsers, memberships } = database.t;

  /** The workspace a successful sign-in opens, or null when the user may act in none. */
  async function landingTenant(db: AppDb, userId: string): Promise<string | null> {
    return (await sessions.workspacesOf(db, userId))[0]?.id ?? null;
  }

  /**
   * The workspaces that record a failed attempt on this account. Disabled memberships included:
   * a disabled user trying to get in is exactly what that workspace's admins need to see.
   */
  async function failureTenants(db: AppDb, userId: string): Promise<string[]> {
    return (await db.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId))).map((m) => m.tenantId);
  }

  /** Records a successful sign-in of `userId` into `tenantId`, inside the sign-in's write. */
  async function recordSignIn(tx: AppDb, userId: string, _tenantId: string, now: Date): Promise<void> {
    await tx.update(staffUsers).set({ failedSignIns: 0, lockedUntil: null, lastLoginAt: now }).where(eq(staffUsers.id, userId));
  }

  return { landingTenant, failureTenants, recordSignIn };
}
