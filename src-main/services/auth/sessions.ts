import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import { log } from '../../log';
import { idleExpiry, sessionExpired, SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS } from '../../domain/session-policy';
import type { SessionInfo, WorkspaceSummary } from '../../../src-shared/contract/auth';
import type { ActiveSession, ServiceDeps, UserKind } from '../context';

/** How long a call waits for its session's activity to be written before going on without it. */
const TOUCH_WAIT_MS = 100;
import { partnerRoleOf, staffRoleOf } from './roles';

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
  const { sessions, staffUsers, memberships, tenants, partnerUsers, partners } = database.t;

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
  async function load(db: AppDb, id: string) {
    const [row] = await db
      .select({
        session: sessions,
        staffName: staffUsers.name,
        staffEmail: staffUsers.email,
        staffRole: memberships.role,
        staffDisabledAt: memberships.disabledAt,
        portalName: partnerUsers.name,
        portalEmail: partnerUsers.email,
        portalRole: partnerUsers.role,
        portalDeactivatedAt: partnerUsers.deactivatedAt,
        portalDeletedAt: partnerUsers.deletedAt,
        partnerId: partners.id,
        partnerStatus: partners.status,
        partnerDeletedAt: partners.deletedAt,
      })
      .from(sessions)
      .leftJoin(staffUsers, and(eq(sessions.userKind, 'staff'), eq(staffUsers.id, sessions.userId)))
      .leftJoin(memberships, and(eq(sessions.userKind, 'staff'), eq(memberships.userId, sessions.userId), eq(memberships.tenantId, sessions.tenantId)))
      .leftJoin(partnerUsers, and(eq(sessions.userKind, 'partner'), eq(partnerUsers.id, sessions.userId), eq(partnerUsers.tenantId, sessions.tenantId)))
      .leftJoin(partners, and(eq(partners.id, partnerUsers.partnerId), eq(partners.tenantId, sessions.tenantId)))
      .where(eq(sessions.id, id));
    return row ?? null;
  }

  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

  /**
   * The session as services see it, or null when its user may not act: a staff user needs an
   * enabled membership in the session's workspace; a portal user must be neither deactivated
   * nor deleted, and their partner live and active (a suspended, inactive or deleted partner's
   * users are locked out, as the partner is).
   */
  function toActive(row: Loaded, lastSeenAt: Date): ActiveSession | null {
    const { session } = row;
    const base = { sessionId: session.id, userId: session.userId, tenantId: session.tenantId, lastSeenAt, absoluteExpiresAt: session.absoluteExpiresAt };
    if (session.userKind === 'staff') {
      if (row.staffName === null || row.staffEmail === null || row.staffRole === null || row.staffDisabledAt !== null) return null;
      return { ...base, userKind: 'staff', userName: row.staffName, email: row.staffEmail, role: staffRoleOf(row.staffRole), partnerId: null };
    }
    if (session.userKind === 'partner') {
      if (row.portalName === null || row.portalEmail === null || row.portalRole === null || row.portalDeactivatedAt !== null || row.portalDeletedAt !== null) return null;
      if (row.partnerId === null || row.partnerDeletedAt !== null || row.partnerStatus !== 'active') return null;
      return { ...base, userKind: 'partner', userName: row.portalName, email: row.portalEmail, role: partnerRoleOf(row.portalRole), partnerId: row.partnerId };
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
    const row = await load(database.db, id);
    const now = clock();
    if (!row || sessionExpired(row.session, now)) return null;
    const active = toActive(row, row.session.lastSeenAt);
    if (!active) return null;
    if (now.getTime() - active.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
      active.lastSeenAt = now;
      await touch(id, now);
    }
    return active;
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
  }

  /** Ends every open session of one user (of one kind) in one tenant: a disabled membership or a deactivated portal user. */
  async function endForUserInTenant(tx: AppDb, owner: SessionOwner): Promise<void> {
    await tx
      .update(sessions)
      .set({ endedAt: clock() })
      .where(and(eq(sessions.userKind, owner.userKind), eq(sessions.userId, owner.userId), eq(sessions.tenantId, owner.tenantId), isNull(sessions.endedAt)));
  }

  /** A staff user's enabled workspaces; portal users belong to their partner's only and have none to switch to. */
  async function workspacesOf(db: AppDb, userId: string): Promise<WorkspaceSummary[]> {
    const rows = await db
      .select({ id: tenants.id, name: tenants.name, currency: tenants.currency, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.disabledAt)))
      .orderBy(tenants.name);
    return rows.map((r) => ({ ...r, role: staffRoleOf(r.role) }));
  }

  async function info(session: ActiveSession, db: AppDb = database.db): Promise<SessionInfo> {
    const workspaces = session.userKind === 'staff' ? await workspacesOf(db, session.userId) : [];
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, session.tenantId));
    if (!tenant) throw new Error('session tenant missing');
    return {
      user: { id: session.userId, name: session.userName, email: session.email, kind: session.userKind },
      tenant: { id: tenant.id, name: tenant.name, currency: tenant.currency },
      role: session.role,
      workspaces,
      idleExpiresAt: idleExpiry(session.lastSeenAt, session.absoluteExpiresAt).toISOString(),
      absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
    };
  }

  return { create, created, resolve, end, endForUserInTenant, workspacesOf, info };
}

export type SessionService = ReturnType<typeof sessionService>;
