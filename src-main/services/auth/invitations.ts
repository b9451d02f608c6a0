import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Invitation, SessionInfo } from '../../../src-shared/contract/auth';
import type { AppDb } from '../../data/database';
import type { AuditService } from '../activity/audit';
import type { SessionService } from './sessions';
import { staffRoleOf } from './roles';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';

/**
 * Invitations: a workspace that added the e-mail of an existing account (staff.add) holds a
 * membership with accepted_at null until the user answers. Accepting makes it a workspace like
 * any other; declining removes the row, so the workspace can invite again later. Both are
 * audited in the inviting workspace only.
 */
export function invitationService({ database, clock }: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { tenants, memberships, staffUsers } = database.t;

  const pending = (userId: string, tenantId?: string) =>
    and(eq(memberships.userId, userId), isNull(memberships.acceptedAt), ...(tenantId ? [eq(memberships.tenantId, tenantId)] : []));

  async function list(session: ActiveSession): Promise<Invitation[]> {
    if (session.userKind !== 'staff') return [];
    const rows = await database.db
      .select({ tenantId: tenants.id, workspaceName: tenants.name, role: memberships.role, invitedAt: memberships.createdAt })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      // A new account's home is accepted at its first sign-in; one disabled before the user answered is not offered.
      .where(and(pending(session.userId), isNull(memberships.disabledAt)))
      .orderBy(memberships.createdAt, tenants.id);
    return rows.map((r) => ({ ...r, role: staffRoleOf(r.role), invitedAt: r.invitedAt.toISOString() }));
  }

  /** The invitation being answered; another user's, an accepted one and a missing one look the same. */
  async function invitation(tx: AppDb, session: ActiveSession, tenantId: string) {
    const [row] = session.userKind === 'staff' ? await tx.select().from(memberships).where(and(pending(session.userId, tenantId), isNull(memberships.disabledAt))) : [];
    if (!row) throw new AppError('not_found', 'Invitation not found', 'tenantId');
    return row;
  }

  async function accept(session: ActiveSession, tenantId: string): Promise<SessionInfo> {
    return database.write(async (tx) => {
      const row = await invitation(tx, session, tenantId);
      await tx.update(memberships).set({ acceptedAt: clock() }).where(pending(session.userId, tenantId));
      await audit.record(tx, { tenantId, actor: actorOf(session), action: 'staff.invitation_accepted', resourceType: 'staff_user', resourceId: session.userId, details: { role: row.role } });
      return sessions.info(session, tx);
    });
  }

  async function decline(session: ActiveSession, tenantId: string): Promise<{ declined: true }> {
    return database.write(async (tx) => {
      const row = await invitation(tx, session, tenantId);
      // Declining tells the inviting workspace nothing about the account: its trail shows the name its admin typed.
      const [user] = await tx.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, session.userId));
      await tx.delete(memberships).where(pending(session.userId, tenantId));
      await audit.record(tx, {
        tenantId,
        actor: { type: 'staff', id: session.userId, name: row.invitedName ?? user?.email ?? null },
        action: 'staff.invitation_declined',
        resourceType: 'staff_user',
        resourceId: session.userId,
        details: { email: user?.email ?? null, role: row.role },
      });
      return { declined: true as const };
    });
  }

  return { list, accept, decline };
}
