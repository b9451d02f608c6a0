import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { PortalSignIn } from '../../../src-shared/contract/portal';
import { ACCOUNT_RULE } from '../../domain/session-policy';
import type { AuditService } from '../activity/audit';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords';
import type { SessionService } from '../auth/sessions';
import { reserveOrRefuse } from '../auth/sign-in';
import { addressKey, portalAccountKey, portalUnknownEmailKey, throttleService, type ThrottleKey } from '../auth/throttle';
import type { AppDb } from '../../data/database';
import { SYSTEM_TENANT, type Actor, type ServiceDeps } from '../context';
import { portalInviteService } from './auth-invite';

const BAD_CREDENTIALS = 'Email or password is incorrect';
/**
 * Partner-user e-mails are unique per workspace, not globally: one person may be a portal user
 * of partners in a few workspaces. Bounded, so an e-mail cannot make one attempt verify an
 * unbounded number of argon2 hashes.
 */
const MAX_CANDIDATES = 10;

export interface PortalSignedIn {
  /** Set when a session was opened (the transport stores it as the portal cookie). */
  token: string | null;
  result: PortalSignIn;
}

type Candidate = Awaited<ReturnType<ReturnType<typeof candidatesQuery>>>[number];

function candidatesQuery(deps: ServiceDeps) {
  const { partnerUsers: u, partners: p } = deps.database.t;
  return (db: AppDb, email: string) =>
    db
      .select({
        id: u.id,
        tenantId: u.tenantId,
        name: u.name,
        passwordHash: u.passwordHash,
        deactivatedAt: u.deactivatedAt,
        partnerStatus: p.status,
        partnerDeletedAt: p.deletedAt,
      })
      .from(u)
      .innerJoin(p, and(eq(p.id, u.partnerId), eq(p.tenantId, u.tenantId)))
      // An invited user without a password yet cannot sign in with one: not a candidate.
      .where(and(eq(u.email, email), isNull(u.deletedAt), isNotNull(u.passwordHash)))
      .orderBy(asc(u.createdAt), asc(u.id))
      .limit(MAX_CANDIDATES);
}

/** Why a user whose password is right may still not sign in; null: they may. Only ever said after the password check. */
function refusal(c: Candidate): { reason: string; message: string } | null {
  if (c.deactivatedAt !== null) return { reason: 'deactivated', message: 'Your portal account is deactivated; ask your partner admin' };
  if (c.partnerDeletedAt !== null || c.partnerStatus !== 'active') {
    return { reason: `partner_${c.partnerDeletedAt !== null ? 'deleted' : c.partnerStatus}`, message: "Your organisation's portal access is not active; contact your partner manager" };
  }
  return null;
}

/**
 * Portal sign-in and invite links. Only partner_users are looked at: a staff e-mail is an
 * unknown e-mail here and gets the same answer, so the portal cannot be used to probe or
 * "upgrade" staff accounts. Throttling, timing and audit follow staff sign-in
 * (services/auth/sign-in.ts): every attempt is reserved before any password is verified.
 */
export function portalAuthService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock } = deps;
  const { partnerUsers: u, tenants } = database.t;
  const throttle = throttleService(deps);
  const candidates = candidatesQuery(deps);
  const actorFor = (c: { id: string; name: string }): Actor => ({ type: 'partner_user', id: c.id, name: c.name });

  async function signIn(input: { email: string; password: string; tenantId?: string | undefined }, clientKey: string): Promise<PortalSignedIn> {
    const all = await candidates(database.db, input.email);
    // A workspace named up front narrows the check to its user (the second step after choose_workspace).
    const users = input.tenantId ? all.filter((c) => c.tenantId === input.tenantId) : all;
    const address = addressKey(clientKey);
    const accountKeys = users.map((c) => portalAccountKey(c.id));
    const keys = [...(users.length ? accountKeys : [portalUnknownEmailKey(input.email)]), ...(address ? [address] : [])];
    await reserveOrRefuse(throttle, keys);

    if (!users.length) {
      // The same work as a real account's failure: an argon2 check, then settle and audit in one write.
      await burnPasswordCheck(input.password);
      await database.write(async (tx) => {
        await throttle.settle(tx, keys, false);
        await audit.record(tx, { tenantId: SYSTEM_TENANT, actor: { type: 'anonymous', id: null, name: null }, action: 'auth.sign_in_failed', resourceType: 'partner_user', resourceId: null, details: { email: input.email, reason: 'unknown_email', surface: 'portal' } });
      });
      throw new AppError('unauthenticated', BAD_CREDENTIALS);
    }

    const matched: Candidate[] = [];
    for (const c of users) if (c.passwordHash && (await verifyPassword(c.passwordHash, input.password))) matched.push(c);

    if (!matched.length) {
      await database.write(async (tx) => {
        const settled = await throttle.settle(tx, keys, false);
        for (const [i, c] of users.entries()) {
          const account = settled[i];
          const pause = account?.blockedUntil ? Math.ceil((account.blockedUntil.getTime() - clock().getTime()) / 1000) : 0;
          await audit.record(tx, { tenantId: c.tenantId, actor: actorFor(c), action: 'auth.sign_in_failed', resourceType: 'partner_user', resourceId: c.id, details: { reason: 'wrong_password', consecutiveFailures: account?.failures ?? 1, ...(pause > 0 ? { pausedForSeconds: pause } : {}) } });
        }
      });
      throw new AppError('unauthenticated', BAD_CREDENTIALS);
    }

    // The password is right for `matched`: their keys settle as a success. The other candidates'
    // reservations are released without counting a failure or clearing theirs: one workspace's
    // password must neither lock out nor launder the same e-mail's account in another.
    const matchedIds = new Set(matched.map((c) => c.id));
    const settleKeys: ThrottleKey[] = keys.map((k, i) => (i < users.length && !matchedIds.has(users[i]?.id ?? '') ? { key: k.key, rule: { ...ACCOUNT_RULE, successClears: false } } : k));
    const usable = matched.filter((c) => refusal(c) === null);

    if (!usable.length) {
      const first = matched[0] as Candidate;
      const why = refusal(first) ?? { reason: 'refused', message: BAD_CREDENTIALS };
      await database.write(async (tx) => {
        await throttle.settle(tx, settleKeys, true);
        for (const c of matched) await audit.record(tx, { tenantId: c.tenantId, actor: actorFor(c), action: 'auth.sign_in_failed', resourceType: 'partner_user', resourceId: c.id, details: { reason: refusal(c)?.reason ?? 'refused' } });
      });
      throw new AppError('forbidden', why.message);
    }

    if (usable.length > 1) {
      const rows = await database.db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(inArray(tenants.id, usable.map((c) => c.tenantId))).orderBy(asc(tenants.name));
      // Nothing signed in yet: the throttle's bookkeeping only (the next call, with tenantId, is audited).
      await database.write((tx) => throttle.settle(tx, settleKeys, true));
      return { token: null, result: { kind: 'choose_workspace', workspaces: rows } };
    }

    const user = usable[0] as Candidate;
    return database.write(async (tx) => {
      await throttle.settle(tx, settleKeys, true);
      await tx.update(u).set({ lastLoginAt: clock() }).where(eq(u.id, user.id));
      const token = await sessions.create(tx, { userKind: 'partner', userId: user.id, tenantId: user.tenantId });
      await audit.record(tx, { tenantId: user.tenantId, actor: actorFor(user), action: 'auth.signed_in', resourceType: 'partner_user', resourceId: user.id, details: { surface: 'portal' } });
      const session = await sessions.created(tx, token);
      return { token, result: { kind: 'signed_in' as const, session: await sessions.info(session, tx) } };
    });
  }

  return { signIn, ...portalInviteService(deps, audit, sessions) };
}
