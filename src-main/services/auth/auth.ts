import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { SessionInfo } from '../../../src-shared/contract/auth';
import { passwordWeakness } from '../../domain/password-policy';
import { DEFAULT_TENANT_SETTINGS } from '../../data/schema/logical';
import { hashPassword } from './passwords';
import { signInService } from './sign-in';
import { throttleService } from './throttle';
import { passwordChangeService } from './password-change';
import { newSetupCode, setupCodeMatches } from './setup-code';
import { isUniqueViolation } from '../../data/errors';
import type { AuditService } from '../activity/audit';
import type { SessionService } from './sessions';
import type { AppDb } from '../../data/database';
import { actorOf, type ActiveSession, type Actor, type ServiceDeps, type StaffSession } from '../context';
import { staffRoleOf } from './roles';
import { invalidateSessions } from './session-cache';

export interface SignedIn {
  token: string;
  info: SessionInfo;
}

export function assertStrongPassword(password: string, personal: string[]): void {
  const weakness = passwordWeakness(password, personal);
  if (weakness) throw new AppError('validation', weakness, 'password');
}

export function authService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock, newId } = deps;
  const { tenants, staffUsers, memberships, setupGuard } = database.t;
  const throttle = throttleService(deps);
  /** Held in this process only: printed on the console at start, typed (or passed by the desktop's transport) at set-up. */
  const setupCode = newSetupCode();

  async function needsSetup(): Promise<boolean> {
    const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(tenants);
    return Number(row?.n ?? 0) === 0;
  }

  type NewWorkspace = { workspaceName: string; currency: string; adminName: string; adminEmail: string; password: string };

  /**
   * A workspace with its first admin (a new staff identity), audited in that workspace, inside
   * the caller's write. `actor` is who did it: the admin themself on first run, the system for
   * the demo loader.
   */
  async function insertWorkspaceWithAdmin(tx: AppDb, input: NewWorkspace, passwordHash: string, actorOf: (userId: string) => Actor, details: Record<string, unknown>, signsIn: boolean, tenantId = newId()) {
    const now = clock();
    const userId = newId();
    await tx.insert(tenants).values({ id: tenantId, name: input.workspaceName, currency: input.currency, settings: DEFAULT_TENANT_SETTINGS, createdAt: now });
    await tx.insert(staffUsers).values({ id: userId, email: input.adminEmail, name: input.adminName, passwordHash, createdAt: now, lastLoginAt: signsIn ? now : null });
    await tx.insert(memberships).values({ tenantId, userId, role: 'admin', createdAt: now, acceptedAt: now, roleSince: now, ...(signsIn ? { lastSignInAt: now } : {}) });
    const actor = actorOf(userId);
    await audit.record(tx, { tenantId, actor, action: 'workspace.created', resourceType: 'workspace', resourceId: tenantId, details: { name: input.workspaceName, currency: input.currency, ...details } });
    await audit.record(tx, { tenantId, actor, action: 'staff.added', resourceType: 'staff_user', resourceId: userId, details: { email: input.adminEmail, role: 'admin' } });
    return { tenantId, userId, actor };
  }

  async function setup(input: NewWorkspace, givenCode: string | null | undefined): Promise<SignedIn> {
    const alreadySetUp = new AppError('conflict', 'PartnerDesk is already set up; sign in instead');
    if (!(await needsSetup())) throw alreadySetUp;
    if (!setupCodeMatches(setupCode, givenCode)) {
      throw new AppError('forbidden', 'The set-up code is wrong; it is printed on the console where PartnerDesk was started', 'setupCode');
    }
    assertStrongPassword(input.password, [input.adminEmail, input.adminName]);
    const passwordHash = await hashPassword(input.password);
    try {
      return await database.write(async (tx) => {
        // Checked inside the write: two first-run screens racing cannot both create an admin.
        const [existing] = await tx.select({ id: tenants.id }).from(tenants).limit(1);
        if (existing) throw alreadySetUp;
        // The guard row comes first: on Postgres a concurrent set-up (another server on the same
        // database) waits here on its primary key and fails when this one commits.
        const tenantId = newId();
        await tx.insert(setupGuard).values({ id: 'first-run', tenantId, at: clock() });
        return await firstAdmin(tx, input, passwordHash, tenantId);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadySetUp;
      throw error;
    }
  }

  /** The first run's workspace and admin, signed in, inside the set-up's write. */
  async function firstAdmin(tx: AppDb, input: NewWorkspace, passwordHash: string, newTenantId: string): Promise<SignedIn> {
    const { tenantId, userId, actor } = await insertWorkspaceWithAdmin(tx, input, passwordHash, (id) => ({ type: 'staff', id, name: input.adminName }), { firstRun: true }, true, newTenantId);
    const token = await sessions.create(tx, { userKind: 'staff', userId, tenantId });
    await audit.record(tx, { tenantId, actor, action: 'auth.signed_in', resourceType: 'staff_user', resourceId: userId });
    const session = await sessions.created(tx, token);
    return { token, info: await sessions.info(session, tx) };
  }

  /**
   * A further workspace with a new admin on an instance already set up, made by the system (no
   * procedure: the demo loader uses it). Refused when the e-mail already has a staff account.
   */
  async function addWorkspaceWithAdmin(input: NewWorkspace, by: string): Promise<{ tenantId: string; userId: string }> {
    assertStrongPassword(input.password, [input.adminEmail, input.adminName]);
    const passwordHash = await hashPassword(input.password);
    return database.write(async (tx) => {
      const [taken] = await tx.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, input.adminEmail));
      if (taken) throw new AppError('conflict', 'A staff user with this email already exists', 'adminEmail');
      const { tenantId, userId } = await insertWorkspaceWithAdmin(tx, input, passwordHash, () => ({ type: 'system', id: null, name: by }), {}, false);
      return { tenantId, userId };
    });
  }

  async function signOut(session: ActiveSession): Promise<void> {
    await database.write(async (tx) => {
      await sessions.end(tx, session.sessionId);
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'auth.signed_out', resourceType: session.userKind === 'staff' ? 'staff_user' : 'partner_user', resourceId: session.userId });
    });
  }

  async function switchWorkspace(session: ActiveSession, tenantId: string): Promise<SessionInfo> {
    // Portal users belong to their partner's workspace only.
    if (session.userKind !== 'staff') throw new AppError('forbidden', 'Only staff users can switch workspaces');
    return database.write(async (tx) => {
      const [membership] = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, session.userId), eq(memberships.tenantId, tenantId), isNull(memberships.disabledAt), isNotNull(memberships.acceptedAt)));
      // Another tenant's id, a missing one and an invitation not yet accepted look the same.
      if (!membership) throw new AppError('not_found', 'Workspace not found', 'tenantId');
      const { sessions: sessionTable } = database.t;
      await tx.update(sessionTable).set({ tenantId }).where(eq(sessionTable.id, session.sessionId));
      // The next sign-in lands here; the membership's last sign-in counts arriving by a switch too.
      await tx.update(staffUsers).set({ lastTenantId: tenantId }).where(eq(staffUsers.id, session.userId));
      await tx.update(memberships).set({ lastSignInAt: clock() }).where(and(eq(memberships.userId, session.userId), eq(memberships.tenantId, tenantId)));
      await invalidateSessions(database, tx, { session: session.sessionId });
      await audit.record(tx, { tenantId, actor: actorOf(session), action: 'auth.workspace_switched', resourceType: 'workspace', resourceId: tenantId });
      const moved: StaffSession = { ...session, tenantId, role: staffRoleOf(membership.role) };
      return sessions.info(moved, tx);
    });
  }

  return {
    needsSetup,
    setup,
    setupCode: () => setupCode,
    addWorkspaceWithAdmin,
    signIn: signInService(deps, audit, sessions, throttle).signIn,
    signOut,
    switchWorkspace,
    ...passwordChangeService(deps, audit, sessions, throttle),
  };
}
