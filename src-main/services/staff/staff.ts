import { and, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { StaffMember } from '../../../src-shared/contract/staff';
import type { StaffRole } from '../../../src-shared/contract/roles';
import type { AppDb } from '../../data/database';
import { hashPassword } from '../auth/passwords';
import { assertStrongPassword } from '../auth/auth';
import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import { staffRoleOf } from '../auth/roles';
import { invalidateSessions } from '../auth/session-cache';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';

export function staffService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock } = deps;
  const { staffUsers, memberships } = database.t;

  const memberColumns = {
    userId: staffUsers.id,
    name: staffUsers.name,
    invitedName: memberships.invitedName,
    acceptedAt: memberships.acceptedAt,
    email: staffUsers.email,
    role: memberships.role,
    disabledAt: memberships.disabledAt,
    lastSignInAt: memberships.lastSignInAt,
    addedAt: memberships.createdAt,
  };

  type MemberRow = { userId: string; name: string; invitedName: string | null; acceptedAt: Date | null; email: string; role: string; disabledAt: Date | null; lastSignInAt: Date | null; addedAt: Date };
  // Until the user accepts, the workspace sees only what its admin typed: the account's own name
  // (and its sign-ins elsewhere) would tell it about the user's other workspaces.
  const toMember = (r: MemberRow): StaffMember => ({
    userId: r.userId,
    name: r.acceptedAt === null ? (r.invitedName ?? r.name) : r.name,
    email: r.email,
    role: staffRoleOf(r.role),
    disabled: r.disabledAt !== null,
    invited: r.acceptedAt === null,
    lastLoginAt: r.lastSignInAt?.toISOString() ?? null,
    addedAt: r.addedAt.toISOString(),
  });

  async function member(db: AppDb, tenantId: string, userId: string): Promise<StaffMember> {
    const [row] = await db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(staffUsers, eq(staffUsers.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    if (!row) throw new AppError('not_found', 'Staff user not found', 'userId');
    return toMember(row);
  }

  async function list(session: ActiveSession): Promise<StaffMember[]> {
    const rows = await database.db
      .select(memberColumns)
      .from(memberships)
      .innerJoin(staffUsers, eq(staffUsers.id, memberships.userId))
      .where(eq(memberships.tenantId, session.tenantId));
    // Sorted by the name shown: ordering by the account's own name would hint at it.
    return rows.map(toMember).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.userId < b.userId ? -1 : 1));
  }

  /**
   * Adds a staff user to the workspace. Staff identities are global (one e-mail, one password,
   * several workspaces): an e-mail that already has an account elsewhere becomes an invitation
   * (accepted or declined at the user's next sign-in), and the admin's initial password is
   * ignored. Either way the answer, the list and the audit row carry only what the admin typed,
   * so the adding workspace cannot tell whether the e-mail had an account.
   */
  async function add(session: ActiveSession, input: { name: string; email: string; role: StaffRole; password: string }): Promise<StaffMember> {
    assertStrongPassword(input.password, [input.email, input.name]);
    // Hashed for an existing account too: the answer must not come back faster for one.
    const passwordHash = await hashPassword(input.password);
    return database.write(async (tx) => {
      const now = clock();
      let [user] = await tx.select().from(staffUsers).where(eq(staffUsers.email, input.email));
      if (user) {
        const [existing] = await tx.select().from(memberships).where(and(eq(memberships.tenantId, session.tenantId), eq(memberships.userId, user.id)));
        if (existing) throw new AppError('validation', 'A staff user with this email already exists in this workspace', 'email');
      } else {
        // The creating workspace is the new account's home: its first sign-in lands there and accepts it (see sign-in-landing.ts).
        [user] = await tx
          .insert(staffUsers)
          .values({ id: deps.newId(), email: input.email, name: input.name, passwordHash, createdAt: now, mustChangePassword: true, lastTenantId: session.tenantId })
          .returning();
      }
      if (!user) throw new Error('insert failed');
      await tx.insert(memberships).values({ tenantId: session.tenantId, userId: user.id, role: input.role, createdAt: now, acceptedAt: null, invitedName: input.name, roleSince: now });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'staff.added', resourceType: 'staff_user', resourceId: user.id, details: { email: input.email, name: input.name, role: input.role } });
      return member(tx, session.tenantId, user.id);
    });
  }

  /** A workspace must keep at least one enabled admin, or nobody could manage it. */
  async function assertAnotherAdmin(tx: AppDb, tenantId: string, userId: string): Promise<void> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      // An invited admin who has not accepted cannot manage anything yet.
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'admin'), isNull(memberships.disabledAt), isNotNull(memberships.acceptedAt), ne(memberships.userId, userId)));
    if (Number(row?.n ?? 0) === 0) throw new AppError('conflict', 'A workspace needs at least one active admin');
  }

  async function changeRole(session: ActiveSession, input: { userId: string; role: StaffRole }): Promise<StaffMember> {
    return database.write(async (tx) => {
      const current = await member(tx, session.tenantId, input.userId);
      if (current.role === input.role) return current;
      if (current.role === 'admin' && !current.disabled) await assertAnotherAdmin(tx, session.tenantId, input.userId);
      await tx.update(memberships).set({ role: input.role, roleSince: clock() }).where(and(eq(memberships.tenantId, session.tenantId), eq(memberships.userId, input.userId)));
      await invalidateSessions(database, tx, { user: { kind: 'staff', id: input.userId } });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'staff.role_changed', resourceType: 'staff_user', resourceId: input.userId, details: { from: current.role, to: input.role } });
      return member(tx, session.tenantId, input.userId);
    });
  }

  async function setDisabled(session: ActiveSession, userId: string, disabled: boolean): Promise<StaffMember> {
    return database.write(async (tx) => {
      const current = await member(tx, session.tenantId, userId);
      if (current.disabled === disabled) return current;
      if (disabled && current.role === 'admin') await assertAnotherAdmin(tx, session.tenantId, userId);
      await tx
        .update(memberships)
        .set({ disabledAt: disabled ? clock() : null })
        .where(and(eq(memberships.tenantId, session.tenantId), eq(memberships.userId, userId)));
      if (disabled) await sessions.endForUserInTenant(tx, { userKind: 'staff', userId, tenantId: session.tenantId });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: disabled ? 'staff.disabled' : 'staff.enabled', resourceType: 'staff_user', resourceId: userId, details: { email: current.email } });
      return member(tx, session.tenantId, userId);
    });
  }

  return {
    list,
    add,
    changeRole,
    disable: (s: ActiveSession, userId: string) => setDisabled(s, userId, true),
    enable: (s: ActiveSession, userId: string) => setDisabled(s, userId, false),
  };
}
