import { and, eq, isNull, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { SessionInfo } from '../../../src-shared/contract/auth';
import { passwordWeakness } from '../../domain/password-policy';
import { hashPassword, verifyPassword } from './passwords';
import type { AuditService } from '../activity/audit';
import type { SessionService } from './sessions';
import { actorOf, type PartnerSession, type ServiceDeps } from '../context';
import { invalidateSessions } from './session-cache';
import { addressKey, portalAccountKey, type ThrottleService } from './throttle';
import { reserveOrRefuse } from './sign-in';

/**
 * A portal user's own password change (auth.changePassword from a partner session): the same
 * rules as staff (services/auth/password-change.ts) on partner_users, throttled on the portal
 * account's key, audited in the partner's workspace (a portal user belongs to one).
 */
export function partnerPasswordChangeService(deps: ServiceDeps, audit: AuditService, sessions: SessionService, throttle: ThrottleService) {
  const { database, clock } = deps;
  const { partnerUsers: u, sessions: sessionTable } = database.t;

  return async function changePartnerPassword(session: PartnerSession, input: { currentPassword: string; newPassword: string }, clientKey: string): Promise<SessionInfo> {
    const [user] = await database.db.select().from(u).where(and(eq(u.id, session.userId), eq(u.tenantId, session.tenantId)));
    if (!user) throw new AppError('not_found', 'Portal user not found');
    // Checked on the two inputs alone, before any password is verified: a refusal here reveals nothing about the current one.
    if (input.newPassword === input.currentPassword) throw new AppError('conflict', 'Choose a password different from the current one', 'newPassword');
    const weakness = passwordWeakness(input.newPassword, [user.email, user.name]);
    if (weakness) throw new AppError('validation', weakness, 'newPassword');
    const address = addressKey(clientKey);
    const keys = [portalAccountKey(user.id), ...(address ? [address] : [])];
    await reserveOrRefuse(throttle, keys);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      await database.write(async (tx) => {
        const [account] = await throttle.settle(tx, keys, false);
        await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'auth.password_change_failed', resourceType: 'partner_user', resourceId: user.id, details: { reason: 'wrong_password', consecutiveFailures: account?.failures ?? 1 } });
      });
      // validation, not unauthenticated: a mistyped current password must not sign the user out.
      throw new AppError('validation', 'The current password is not right', 'currentPassword');
    }
    const passwordHash = await hashPassword(input.newPassword);
    return database.write(async (tx) => {
      const now = clock();
      await throttle.settle(tx, keys, true);
      await tx.update(u).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now }).where(eq(u.id, user.id));
      const ended = await tx
        .update(sessionTable)
        .set({ endedAt: now })
        .where(and(eq(sessionTable.userKind, 'partner'), eq(sessionTable.userId, user.id), isNull(sessionTable.endedAt), ne(sessionTable.id, session.sessionId)))
        .returning({ id: sessionTable.id });
      // The user's own session is dropped from the cache too: it must stop carrying mustChangePassword.
      await invalidateSessions(database, tx, { user: { kind: 'partner', id: user.id } });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'auth.password_changed', resourceType: 'partner_user', resourceId: user.id, details: { otherSessionsEnded: ended.length } });
      return sessions.info({ ...session, mustChangePassword: false }, tx);
    });
  };
}
