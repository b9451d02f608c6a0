import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { FAILURES_BEFORE_LOCK, lockDurationMs } from '../../domain/session-policy';
import { burnPasswordCheck, verifyPassword } from './passwords';
import type { AuditService } from '../activity/audit';
import type { SessionService } from './sessions';
import type { AppDb } from '../../data/database';
import { SYSTEM_TENANT, type Actor, type ServiceDeps } from '../context';
import { signInLanding } from './sign-in-landing';
import type { SignedIn } from './auth';

const BAD_CREDENTIALS = 'Email or password is incorrect';

/** Staff sign-in: the password check, its throttling, and the session it opens. */
export function signInService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock } = deps;
  const { staffUsers } = database.t;
  const landing = signInLanding(deps, sessions);

  async function signIn(input: { email: string; password: string }): Promise<SignedIn> {
    const [user] = await database.db.select().from(staffUsers).where(eq(staffUsers.email, input.email));
    if (!user) {
      await burnPasswordCheck(input.password);
      await database.write((tx) =>
        audit.record(tx, { tenantId: SYSTEM_TENANT, actor: { type: 'anonymous', id: null, name: null }, action: 'auth.sign_in_failed', resourceType: 'staff_user', resourceId: null, details: { email: input.email, reason: 'unknown_email' } }),
      );
      throw new AppError('unauthenticated', BAD_CREDENTIALS);
    }
    const now = clock();
    const memberOf = await landing.failureTenants(database.db, user.id);
    const auditEverywhere = async (tx: AppDb, action: string, details: Record<string, unknown>) => {
      const actor: Actor = { type: 'staff', id: user.id, name: user.name };
      for (const tenantId of memberOf.length ? memberOf : [SYSTEM_TENANT]) {
        await audit.record(tx, { tenantId, actor, action, resourceType: 'staff_user', resourceId: user.id, details });
      }
    };
    if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
      await database.write((tx) => auditEverywhere(tx, 'auth.sign_in_failed', { reason: 'locked' }));
      const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000);
      throw new AppError('rate_limited', `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`);
    }
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok) {
      await database.write(async (tx) => {
        const [updated] = await tx
          .update(staffUsers)
          .set({ failedSignIns: sql`${staffUsers.failedSignIns} + 1` })
          .where(eq(staffUsers.id, user.id))
          .returning({ failures: staffUsers.failedSignIns });
        const failures = updated?.failures ?? FAILURES_BEFORE_LOCK;
        const lockMs = lockDurationMs(failures);
        if (lockMs > 0) await tx.update(staffUsers).set({ lockedUntil: new Date(now.getTime() + lockMs) }).where(eq(staffUsers.id, user.id));
        await auditEverywhere(tx, 'auth.sign_in_failed', { reason: 'wrong_password', consecutiveFailures: failures, ...(lockMs ? { lockedForMinutes: lockMs / 60000 } : {}) });
      });
      throw new AppError('unauthenticated', BAD_CREDENTIALS);
    }
    const tenantId = await landing.landingTenant(database.db, user.id);
    if (!tenantId) {
      await database.write((tx) => auditEverywhere(tx, 'auth.sign_in_failed', { reason: 'disabled' }));
      throw new AppError('forbidden', 'Your account is disabled in every workspace; ask an admin');
    }
    return database.write(async (tx) => {
      await landing.recordSignIn(tx, user.id, tenantId, now);
      const token = await sessions.create(tx, { userKind: 'staff', userId: user.id, tenantId });
      await audit.record(tx, { tenantId, actor: { type: 'staff', id: user.id, name: user.name }, action: 'auth.signed_in', resourceType: 'staff_user', resourceId: user.id });
      const session = await sessions.created(tx, token);
      return { token, info: await sessions.info(session, tx) };
    });
  }


  return { signIn };
}
