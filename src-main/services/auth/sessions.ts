import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import { idleExpiry, sessionExpired, SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS } from '../../domain/session-policy';
import type { SessionInfo, WorkspaceSummary } from '../../../src-shared/contract/auth';
import type { StaffRole } from '../../../src-shared/contract/roles';
import type { ActiveSession, ServiceDeps } from '../context';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions live in the database (shared by IPC and HTTP, and by every desktop in team mode). */
export function sessionService({ database, clock }: ServiceDeps) {
  const { sessions, staffUsers, memberships, tenants } = database.t;

  /** Creates a session inside the caller's transaction; returns the bearer token (never stored). */
  async function create(tx: AppDb, userId: string, tenantId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = clock();
    await tx.insert(sessions).values({
      id: hashToken(token),
      userKind: 'staff',
      userId,
      tenantId,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    return token;
  }

  /** The session row with its user and membership, read on `db` (a transaction sees its own new rows). */
  async function load(db: AppDb, id: string) {
    const [row] = await db
      .select({
        session: sessions,
        name: staffUsers.name,
        email: staffUsers.email,
        role: memberships.role,
        disabledAt: memberships.disabledAt,
      })
      .from(sessions)
      .innerJoin(staffUsers, eq(staffUsers.id, sessions.userId))
      .innerJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.tenantId, sessions.tenantId)))
      .where(eq(sessions.id, id));
    return row ?? null;
  }

  function toActive(row: NonNullable<Awaited<ReturnType<typeof load>>>, lastSeenAt: Date): ActiveSession {
    return {
      sessionId: row.session.id,
      userKind: 'staff',
      userId: row.session.userId,
      userName: row.name,
      email: row.email,
      tenantId: row.session.tenantId,
      role: row.role as StaffRole,
      lastSeenAt,
      absoluteExpiresAt: row.session.absoluteExpiresAt,
    };
  }

  /** A session just created inside `tx`, for the sign-in answer. */
  async function created(tx: AppDb, token: string): Promise<ActiveSession> {
    const row = await load(tx, hashToken(token));
    if (!row) throw new Error('new session missing');
    return toActive(row, row.session.lastSeenAt);
  }

  /**
   * The session behind a token, or null when it is unknown, ended, idle for too long, past
   * its absolute limit, or its user is disabled in the session's workspace.
   */
  async function resolve(token: string | null | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 200) return null;
    const id = hashToken(token);
    const row = await load(database.db, id);
    const now = clock();
    if (!row || row.disabledAt !== null || sessionExpired(row.session, now)) return null;
    let lastSeenAt = row.session.lastSeenAt;
    if (now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
      lastSeenAt = now;
      await database.write((tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)));
    }
    return toActive(row, lastSeenAt);
  }

  async function end(tx: AppDb, sessionId: string): Promise<void> {
    await tx.update(sessions).set({ endedAt: clock() }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  }

  async function endForUserInTenant(tx: AppDb, userId: string, tenantId: string): Promise<void> {
    await tx
      .update(sessions)
      .set({ endedAt: clock() })
      .where(and(eq(sessions.userId, userId), eq(sessions.tenantId, tenantId), isNull(sessions.endedAt)));
  }

  async function workspacesOf(db: AppDb, userId: string): Promise<WorkspaceSummary[]> {
    const rows = await db
      .select({ id: tenants.id, name: tenants.name, currency: tenants.currency, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.disabledAt)))
      .orderBy(tenants.name);
    return rows.map((r) => ({ ...r, role: r.role as StaffRole }));
  }

  async function info(session: ActiveSession, db: AppDb = database.db): Promise<SessionInfo> {
    const workspaces = await workspacesOf(db, session.userId);
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
