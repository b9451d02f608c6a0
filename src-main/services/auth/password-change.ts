import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { SessionInfo } from '../../../src-shared/contract/auth';
import { passwordWeakness } from '../../domain/password-policy';
import { hashPassword, verifyPassword } from './passwords';
import type { AuditService } from '../activity/audit';
import type { SessionService } from './sessions';
import type { AppDb } from '../../data/database';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { invalidateSessions } from './session-cache';
import { accountKey, addressKey, type ThrottleService } from './throttle';
import { reserveOrRefuse } from './sign-in';
import { partnerPasswordChangeService } from './partner-password-change';

const CROSS_WORKSPACE = 'This person also works in another workspace; they can change their password themselves';

function assertStrong(password: string, personal: string[], field: string): void {
  const weakness = passwordWeakness(password, personal);
  if (weakness) throw new AppError('validation', weakness, field);
}

/**
 * A user's own password change, an admin's reset of a colleague's, and an admin's unlock of a
 * throttled account. Staff identities are global: a reset is refused when the person also
 * works in another workspace, so an admin of one workspace cannot take over an account that
 * another workspace relies on (perhaps as its admin).
 */
export function passwordChangeService(deps: ServiceDeps, audit: AuditService, sessions: SessionService, throttle: ThrottleService) {
  const { database, clock } = deps;
  const { staffUsers, memberships, sessions: sessionTable } = database.t;
  const changePartnerPassword = partnerPasswordChangeService(deps, audit, sessions, throttle);

  /** Workspaces whose trail hears about the user's own change: the ones they joined (never a pending invitation's). */
  async function joinedTenants(tx: AppDb, userId: string, current: string): Promise<string[]> {
    const rows = await tx.select({ tenantId: memberships.tenantId }).from(memberships).where(and(eq(memberships.userId, userId), isNotNull(memberships.acceptedAt)));
    return [...new Set([current, ...rows.map((r) => r.tenantId)])];
  }

  async function changePassword(session: ActiveSession, input: { currentPassword: string; newPassword: string }, clientKey: string): Promise<SessionInfo> {
    // Portal users change theirs in partner_users (the same rules, their own table and keys).
    if (session.userKind === 'partner') return changePartnerPassword(session, input, clientKey);
    const [user] = await database.db.select().from(staffUsers).where(eq(staffUsers.id, session.userId));
    if (!user) throw new AppError('not_found', 'Staff user not found');
    // Checked on the two inputs alone, before any password is verified: a refusal here reveals nothing about the current one.
    if (input.newPassword === input.currentPassword) throw new AppError('conflict', 'Choose a password different from the current one', 'newPassword');
    assertStrong(input.newPassword, [user.email, user.name], 'newPassword');
    const address = addressKey(clientKey);
    const keys = [accountKey(user.id), ...(address ? [address] : [])];
    await reserveOrRefuse(throttle, keys);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await database.write(async (tx) => {
        const [account] = await throttle.settle(tx, keys, false);
        await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'auth.password_change_failed', resourceType: 'staff_user', resourceId: user.id, details: { reason: 'wrong_password', consecutiveFailures: account?.failures ?? 1 } });
      });
      // validation, not unauthenticated: a mistyped current password must not sign the user out.
      throw new AppError('validation', 'The current password is not right', 'currentPassword');
    }
    const passwordHash = await hashPassword(input.newPassword);
    return database.write(async (tx) => {
      const now = clock();
      await throttle.settle(tx, keys, true);
      await tx.update(staffUsers).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null }).where(eq(staffUsers.id, user.id));
      const ended = await tx
        .update(sessionTable)
        .set({ endedAt: now })
        .where(and(eq(sessionTable.userKind, 'staff'), eq(sessionTable.userId, user.id), isNull(sessionTable.endedAt), ne(sessionTable.id, session.sessionId)))
        .returning({ id: sessionTable.id });
      // The user's own session is dropped from the cache too: it must stop carrying mustChangePassword.
      await invalidateSessions(database, tx, { user: { kind: 'staff', id: user.id } });
      for (const tenantId of await joinedTenants(tx, user.id, session.tenantId)) {
        await audit.record(tx, { tenantId, actor: actorOf(session), action: 'auth.password_changed', resourceType: 'staff_user', resourceId: user.id, details: { otherSessionsEnded: ended.length } });
      }
      return sessions.info({ ...session, mustChangePassword: false }, tx);
    });
  }

  /** The target's membership in the admin's workspace; another workspace's member and a missing id look the same. */
  async function memberHere(tx: AppDb, session: ActiveSession, userId: string) {
    const rows = await tx.select().from(memberships).where(eq(memberships.userId, userId));
    const here = rows.find((m) => m.tenantId === session.tenantId);
    if (!here) throw new AppError('not_found', 'Staff user not found', 'userId');
    return { here, others: rows.filter((m) => m.tenantId !== session.tenantId) };
  }

  async function resetPassword(session: ActiveSession, input: { userId: string; temporaryPassword: string }): Promise<{ userId: string; mustChangePassword: true }> {
    if (input.userId === session.userId) throw new AppError('conflict', 'Use "Change password" for your own account', 'userId');
    const [target] = await database.db.select({ email: staffUsers.email, name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, input.userId));
    // The password policy is checked before the membership, so the hash can be made outside the write.
    assertStrong(input.temporaryPassword, target ? [target.email, target.name] : [], 'temporaryPassword');
    const passwordHash = await hashPassword(input.temporaryPassword);
    return database.write(async (tx) => {
      const { here, others } = await memberHere(tx, session, input.userId);
      // An invitation not yet accepted is of an identity another workspace made: not this admin's to reset (and
      // the answer does not say whether it is used elsewhere). An identity made here and not yet signed in is.
      if (here.acceptedAt === null && others.length > 0) throw new AppError('forbidden', 'This person has not joined the workspace yet; they can change their password themselves');
      // Any other membership, even one not yet accepted: once accepted, that workspace would rely on a password this admin knows.
      if (others.length > 0) throw new AppError('forbidden', CROSS_WORKSPACE);
      const now = clock();
      await tx.update(staffUsers).set({ passwordHash, mustChangePassword: true, failedSignIns: 0, lockedUntil: null }).where(eq(staffUsers.id, input.userId));
      const ended = await tx
        .update(sessionTable)
        .set({ endedAt: now })
        .where(and(eq(sessionTable.userKind, 'staff'), eq(sessionTable.userId, input.userId), isNull(sessionTable.endedAt)))
        .returning({ id: sessionTable.id });
      await invalidateSessions(database, tx, { user: { kind: 'staff', id: input.userId } });
      // A reset also lifts a pause: the person is about to sign in with the new one-time password.
      await throttle.clearAccount(tx, input.userId);
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'staff.password_reset', resourceType: 'staff_user', resourceId: input.userId, details: { sessionsEnded: ended.length } });
      return { userId: input.userId, mustChangePassword: true as const };
    });
  }

  async function unlock(session: ActiveSession, userId: string): Promise<{ userId: string; wasLocked: boolean }> {
    return database.write(async (tx) => {
      await memberHere(tx, session, userId);
      const { wasThrottled } = await throttle.clearAccount(tx, userId);
      await tx.update(staffUsers).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staffUsers.id, userId));
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'staff.unlocked', resourceType: 'staff_user', resourceId: userId, details: { wasLocked: wasThrottled } });
      return { userId, wasLocked: wasThrottled };
    });
  }

  return { changePassword, resetPassword, unlock };
}
