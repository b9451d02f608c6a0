import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import { prepared, slot } from '../../data/prepared';
import { log } from '../../log';
import { idleExpiry, sessionExpired, SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS } from '../../domain/session-policy';
import type { SessionInfo, WorkspaceSummary } from '../../../src-shared/contract/auth';
import type { ActiveSession, ServiceDeps, UserKind } from '../context';
import { partnerRoleOf, staffRoleOf } from './roles';
import { createSessionCache, invalidateSessions } from './session-cache';

/** How long a call waits for its session's activity to be written before going on without it. */
const TOUCH_WAIT_MS = 100;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Who a new session is for: a staff user in one of their workspaces, or a portal user in their partner's. */
export interface SessionOwner {
  userKind: UserKind;
  userId: string;
  tenantId: string;
}

/**
 * Sessions live in the database (shared by IPC and HTTP, and by every desktop in team mode).
 * One table for both kinds of user; `user_kind` says which table `user_id` points into.
 */
export function sessionService({ database, clock }: ServiceDeps) {
  const { sessions } = database.t;

  /** Creates a session inside the caller's transaction; returns the bearer token (never stored). */
  async function create(tx: AppDb, owner: SessionOwner): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock();
    await tx.insert(sessions).values({
      id: hashToken(token),
      userKind: owner.userKind,
      userId: owner.userId,
      tenantId: owner.tenantId,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    return token;
  }

  /**
   * The session row with its user, read on `db` (a transaction sees its own new rows), in one
   * query for both kinds: each kind's tables are joined only when user_kind says so, and a
   * portal user only within the session's tenant.
   */
  const loadStatement = prepared(database, 'session_by_id', (db, t) =>
    db
      .select({
        session: t.sessions,
        staffName: t.staffUsers.name,
        staffEmail: t.staffUsers.email,
        staffMustChangePassword: t.staffUsers.mustChangePassword,
        staffRole: t.memberships.role,
        staffDisabledAt: t.memberships.disabledAt,
        staffAcceptedAt: t.memberships.acceptedAt,
        portalName: t.partnerUsers.name,
        portalEmail: t.partnerUsers.email,
        portalRole: t.partnerUsers.role,
        portalMustChangePassword: t.partnerUsers.mustChangePassword,
        portalDeactivatedAt: t.partnerUsers.deactivatedAt,
        portalDeletedAt: t.partnerUsers.deletedAt,
        partnerId: t.partners.id,
        partnerStatus: t.partners.status,
        partnerDeletedAt: t.partners.deletedAt,
      })
      .from(t.sessions)
      .leftJoin(t.staffUsers, and(eq(t.sessions.userKind, 'staff'), eq(t.staffUsers.id, t.sessions.userId)))
      .leftJoin(t.memberships, and(eq(t.sessions.userKind, 'staff'), eq(t.memberships.userId, t.sessions.userId), eq(t.memberships.tenantId, t.sessions.tenantId)))
      .leftJoin(t.partnerUsers, and(eq(t.sessions.userKind, 'partner'), eq(t.partnerUsers.id, t.sessions.userId), eq(t.partnerUsers.tenantId, t.sessions.tenantId)))
      .leftJoin(t.partners, and(eq(t.partners.id, t.partnerUsers.partnerId), eq(t.partners.tenantId, t.sessions.tenantId)))
      .where(eq(t.sessions.id, slot('id'))),
  );

  async function load(db: AppDb, id: string) {
    const [row] = await loadStatement.run(db, { id });
    return row ?? null;
  }

  const cache = createSessionCache<ActiveSession>(database, () => clock().getTime());

  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

  /**
   * The session as services see it, or null when its user may not act: a staff user needs an
   * enabled, accepted membership in the session's workspace; a portal user must be neither deactivated
   * nor deleted, and their partner live and active (a suspended, inactive or deleted partner's
   * users are locked out, as the partner is).
   */
  function toActive(row: Loaded, lastSeenAt: Date): ActiveSession | null {
    const { session } = row;
    const base = { sessionId: session.id, userId: session.userId, tenantId: session.tenantId, lastSeenAt, absoluteExpiresAt: session.absoluteExpiresAt, mustChangePassword: false };
    if (session.userKind === 'staff') {
      if (row.staffName === null || row.staffEmail === null || row.staffRole === null || row.staffDisabledAt !== null || row.staffAcceptedAt === null) return null;
      return { ...base, userKind: 'staff', userName: row.staffName, email: row.staffEmail, role: staffRoleOf(row.staffRole), partnerId: null, mustChangePassword: row.staffMustChangePassword === true };
    }
    if (session.userKind === 'partner') {
      if (row.portalName === null || row.portalEmail === null || row.portalRole === null || row.portalDeactivatedAt !== null || row.portalDeletedAt !== null) return null;
      if (row.partnerId === null || row.partnerDeletedAt !== null || row.partnerStatus !== 'active') return null;
      return { ...base, userKind: 'partner', userName: row.portalName, email: row.portalEmail, role: partnerRoleOf(row.portalRole), partnerId: row.partnerId, mustChangePassword: row.portalMustChangePassword === true };
    }
    return null;
  }

  /** A session just created inside `tx`, for the sign-in answer. */
  async function created(tx: AppDb, token: string): Promise<ActiveSession> {
    const row = await load(tx, hashToken(token));
    const session = row && toActive(row, row.session.lastSeenAt);
    if (!session) throw new Error('new session missing or its user may not sign in');
    return session;
  }

  /**
   * The session behind a token, or null when it is unknown, ended, idle for too long, past
   * its absolute limit, or its user may no longer act (see toActive).
   */
  async function resolve(token: string | null | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 200) return null;
    const id = hashToken(token);
    const now = clock();
    // A cached session still passes expiry here; one that looks idle is read again (another
    // process may have recorded activity this one has not seen).
    let active = cache.get(id);
    if (active && sessionExpired({ ...active, endedAt: null }, now)) active = undefined;
    if (!active) {
      const since = cache.epoch();
      const row = await load(database.db, id);
      if (!row || sessionExpired(row.session, now)) return null;
      const loaded = toActive(row, row.session.lastSeenAt);
      if (!loaded) return null;
      cache.fill(id, loaded, since);
      active = loaded;
    }
    if (now.getTime() - active.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
      // The cached entry moves with the write, so the next hits do not touch again.
      active.lastSeenAt = now;
      await touch(id, now);
    }
    return { ...active };
  }

  /**
   * Records activity for idle expiry, once a minute per session. It waits for the write queue at
   * most TOUCH_WAIT_MS: behind a long write (a CSV import's transaction holds SQLite's writer for
   * seconds) a read would otherwise wait for the whole import just to move a timestamp. Late, the
   * touch still lands; idle expiry is counted in minutes, so a touch seconds late changes nothing.
   */
  async function touch(id: string, now: Date): Promise<void> {
    const written = database.write((tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id))).then(
      () => undefined,
      (error: unknown) => log.warn(`could not record session activity: ${error instanceof Error ? error.message : 'unknown error'}`),
    );
    await Promise.race([written, new Promise<void>((resolve) => setTimeout(resolve, TOUCH_WAIT_MS).unref())]);
  }

  async function end(tx: AppDb, sessionId: string): Promise<void> {
    await tx.update(sessions).set({ endedAt: clock() }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
    await invalidateSessions(database, tx, { session: sessionId });
  }

  /** Ends every open session of one user (of one kind) in one tenant: a disabled membership or a deactivated portal user. */
  async function endForUserInTenant(tx: AppDb, owner: SessionOwner): Promise<void> {
    await tx
      .update(sessions)
      .set({ endedAt: clock() })
      .where(and(eq(sessions.userKind, owner.userKind), eq(sessions.userId, owner.userId), eq(sessions.tenantId, owner.tenantId), isNull(sessions.endedAt)));
    await invalidateSessions(database, tx, { user: { kind: owner.userKind, id: owner.userId } });
  }

  /** A staff user's enabled workspaces; portal users belong to their partner's only and have none to switch to. */
  const workspacesStatement = prepared(database, 'workspaces_of_user', (db, t) =>
    db
      .select({ id: t.tenants.id, name: t.tenants.name, currency: t.tenants.currency, role: t.memberships.role })
      .from(t.memberships)
      .innerJoin(t.tenants, eq(t.tenants.id, t.memberships.tenantId))
      // An invitation not yet accepted gives no access.
      .where(and(eq(t.memberships.userId, slot('userId')), isNull(t.memberships.disabledAt), isNotNull(t.memberships.acceptedAt)))
      .orderBy(t.tenants.name),
  );

  const tenantStatement = prepared(database, 'tenant_by_id', (db, t) =>
    db.select({ id: t.tenants.id, name: t.tenants.name, currency: t.tenants.currency }).from(t.tenants).where(eq(t.tenants.id, slot('id'))),
  );

  async function workspacesOf(db: AppDb, userId: string): Promise<WorkspaceSummary[]> {
    const rows = await workspacesStatement.run(db, { userId });
    return rows.map((r) => ({ ...r, role: staffRoleOf(r.role) }));
  }

  async function info(session: ActiveSession, db: AppDb = database.db): Promise<SessionInfo> {
    const workspaces = session.userKind === 'staff' ? await workspacesOf(db, session.userId) : [];
    const [tenant] = await tenantStatement.run(db, { id: session.tenantId });
    if (!tenant) throw new Error('session tenant missing');
    return {
      user: { id: session.userId, name: session.userName, email: session.email, kind: session.userKind },
      tenant,
      role: session.role,
      workspaces,
      idleExpiresAt: idleExpiry(session.lastSeenAt, session.absoluteExpiresAt).toISOString(),
      absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      mustChangePassword: session.mustChangePassword,
    };
  }

  return { create, created, resolve, end, endForUserInTenant, workspacesOf, info };
}

export type SessionService = ReturnType<typeof sessionService>;
