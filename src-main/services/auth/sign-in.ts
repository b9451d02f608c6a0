import { eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { throttledMessage } from '../../domain/session-policy';
import { burnPasswordCheck, verifyPassword } from './passwords';
import type { AuditService } from '../activity/audit';
import type { SessionService } from './sessions';
import type { AppDb } from '../../data/database';
import { SYSTEM_TENANT, type Actor, type ServiceDeps } from '../context';
import { signInLanding } from './sign-in-landing';
import type { SignedIn } from './auth';
import { accountKey, addressKey, unknownEmailKey, type ThrottleKey, type ThrottleService } from './throttle';

const BAD_CREDENTIALS = 'Email or password is incorrect';

/** Refuses a throttled attempt before any password is looked at; the same answer for a real account and an unknown e-mail. */
export async function reserveOrRefuse(throttle: ThrottleService, keys: ThrottleKey[]): Promise<void> {
  const reserved = await throttle.reserve(keys);
  if (!reserved.allowed) throw new AppError('rate_limited', throttledMessage(reserved.retryAfterMs));
}

/**
 * Staff sign-in: the password check, its throttling, and the session it opens. Every attempt is
 * reserved on the account (or the unknown e-mail) and on the client's address before its
 * password is verified, and settled after; refused attempts write no audit rows (a flood of them
 * must not flood the trail), the failure that starts a pause records it.
 */
export function signInService(deps: ServiceDeps, audit: AuditService, sessions: SessionService, throttle: ThrottleService) {
  const { database, clock } = deps;
  const { staffUsers } = database.t;
  const landing = signInLanding(deps, sessions);

  async function signIn(input: { email: string; password: string }, clientKey: string): Promise<SignedIn> {
    const [user] = await database.db.select().from(staffUsers).where(eq(staffUsers.email, input.email));
    const address = addressKey(clientKey);
    const keys = [user ? accountKey(user.id) : unknownEmailKey(input.email), ...(address ? [address] : [])];
    await reserveOrRefuse(throttle, keys);
    if (!user) {
      // The same work as a real account's failure: an argon2 check, then settle and audit in one write.
      await burnPasswordCheck(input.password);
      await database.write(async (tx) => {
        await throttle.settle(tx, keys, false);
        await audit.record(tx, { tenantId: SYSTEM_TENANT, actor: { type: 'anonymous', id: null, name: null }, action: 'auth.sign_in_failed', resourceType: 'staff_user', resourceId: null, details: { email: input.email, reason: 'unknown_email' } });
      });
      throw new AppError('unauthenticated', BAD_CREDENTIALS);
    }
    const memberOf = await landing.failureTenants(database.db, user.id);
    const auditEverywhere = async (tx: AppDb, action: string, details: Record<string, unknown>) => {
      const actor: Actor = { type: 'staff', id: user.id, name: user.name };
      for (const tenantId of memberOf.length ? memberOf : [SYSTEM_TENANT]) {
        await audit.record(tx, { tenantId, actor, action, resourceType: 'staff_user', resourceId: user.id, details });
      }
    };
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok) {
      await database.write(async (tx) => {
        const [account] = await throttle.settle(tx, keys, false);
        const pause = account?.blockedUntil ? Math.ceil((account.blockedUntil.getTime() - clock().getTime()) / 1000) : 0;
        await auditEverywhere(tx, 'auth.sign_in_failed', { reason: 'wrong_password', consecutiveFailures: account?.failures ?? 1, ...(pause > 0 ? { pausedForSeconds: pause } : {}) });
      });
      throw new AppError('unauthenticated', BAD_CREDENTIALS);
    }
    const now = clock();
    const tenantId = await landing.landingTenant(database.db, user.id);
    if (!tenantId) {
      await database.write(async (tx) => {
        await throttle.settle(tx, keys, true);
        await auditEverywhere(tx, 'auth.sign_in_failed', { reason: 'disabled' });
      });
      throw new AppError('forbidden', 'Your account is disabled in every workspace; ask an admin');
    }
    return database.write(async (tx) => {
      await throttle.settle(tx, keys, true);
      await landing.recordSignIn(tx, user.id, tenantId, now);
      const token = await sessions.create(tx, { userKind: 'staff', userId: user.id, tenantId });
      await audit.record(tx, { tenantId, actor: { type: 'staff', id: user.id, name: user.name }, action: 'auth.signed_in', resourceType: 'staff_user', resourceId: user.id });
      const session = await sessions.created(tx, token);
      return { token, info: await sessions.info(session, tx) };
    });
  }

  return { signIn };
}
