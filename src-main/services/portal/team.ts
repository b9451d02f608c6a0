import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { PartnerUser, PartnerUserCreated } from '../../../src-shared/contract/partners';
import type { PartnerRole } from '../../../src-shared/contract/roles';
import type { AppDb } from '../../data/database';
import { passwordWeakness } from '../../domain/password-policy';
import type { AuditService } from '../activity/audit';
import { hashPassword } from '../auth/passwords';
import type { SessionService } from '../auth/sessions';
import { invalidateSessions } from '../auth/session-cache';
import { actorOf, type ActiveSession, type PartnerSession, type ServiceDeps } from '../context';
import { partnerUserService, toPartnerUser } from '../partners/users';
import { apiKeyService } from './api-keys';
import { lockTeam, partnerOf, type UserRow } from './team-rows';

/**
 * `portal.team.*`: a partner admin manages their own organisation's portal users. Everything is
 * about the session's partner: another partner's (or workspace's) user id is "not found".
 * Changes run under a lock of the partner's row (Postgres; SQLite's writer is exclusive), so
 * two admins demoting or deactivating each other at once cannot leave the partner with no admin.
 */
export function portalTeamService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock } = deps;
  const u = database.t.partnerUsers;
  const users = partnerUserService(deps, audit);

  async function list(session: ActiveSession): Promise<PartnerUser[]> {
    const me = partnerOf(session);
    const rows = await database.db
      .select()
      .from(u)
      .where(and(eq(u.tenantId, me.tenantId), eq(u.partnerId, me.partnerId), isNull(u.deletedAt)))
      .orderBy(asc(u.name), asc(u.id));
    return rows.map((r) => toPartnerUser(r, me));
  }

  /** The staff path's own create (e-mail uniqueness, invite token, audit), for the session's partner. */
  async function invite(session: ActiveSession, input: { name: string; email: string; role: PartnerRole }): Promise<PartnerUserCreated> {
    const me = partnerOf(session);
    return users.create(me, { partnerId: me.partnerId, name: input.name, email: input.email, role: input.role, credential: { mode: 'invite' } });
  }

  /** Loads a colleague of the session's partner, locked with the team, refusing oneself where the caller says so. */
  async function colleague(tx: AppDb, me: PartnerSession, id: string, notOneself: string | null): Promise<UserRow> {
    await lockTeam(database, tx, me.tenantId, me.partnerId);
    const [row] = await tx
      .select()
      .from(u)
      .where(and(eq(u.tenantId, me.tenantId), eq(u.partnerId, me.partnerId), eq(u.id, id), isNull(u.deletedAt)));
    if (!row) throw new AppError('not_found', 'Portal user not found', 'id');
    if (notOneself && row.id === me.userId) throw new AppError('validation', notOneself, 'id');
    return row;
  }

  /** The partner keeps at least one admin who can sign in (not deactivated, password chosen) besides `leaving`. */
  async function assertAnotherAdmin(tx: AppDb, me: PartnerSession, leaving: UserRow): Promise<void> {
    if (leaving.role !== 'partner_admin' || leaving.deactivatedAt) return;
    const others = await tx
      .select({ id: u.id, passwordHash: u.passwordHash })
      .from(u)
      .where(and(eq(u.tenantId, me.tenantId), eq(u.partnerId, me.partnerId), eq(u.role, 'partner_admin'), ne(u.id, leaving.id), isNull(u.deactivatedAt), isNull(u.deletedAt)));
    if (!others.some((o) => o.passwordHash !== null)) {
      throw new AppError('validation', `${leaving.name} is the last active admin of your organisation: make someone else admin first`, 'id');
    }
  }

  async function changeRole(session: ActiveSession, input: { id: string; role: PartnerRole }): Promise<PartnerUser> {
    const me = partnerOf(session);
    return database.write(async (tx) => {
      const before = await colleague(tx, me, input.id, 'You cannot change your own role: ask another admin');
      if (before.deactivatedAt) throw new AppError('invalid_transition', `${before.name} is deactivated`, 'id');
      if (before.role === input.role) return toPartnerUser(before, me);
      if (input.role !== 'partner_admin') await assertAnotherAdmin(tx, me, before);
      const [row] = await tx.update(u).set({ role: input.role }).where(eq(u.id, before.id)).returning();
      if (!row) throw new Error('portal user vanished');
      // What their open sessions may do changes now, not at their next sign-in.
      await invalidateSessions(database, tx, { user: { kind: 'partner', id: row.id } });
      await audit.record(tx, {
        tenantId: me.tenantId,
        actor: actorOf(me),
        action: 'partner_user.role_changed',
        resourceType: 'partner',
        resourceId: me.partnerId,
        details: { userId: row.id, from: before.role, to: row.role },
      });
      return toPartnerUser(row, me);
    });
  }

  async function deactivate(session: ActiveSession, id: string): Promise<PartnerUser> {
    const me = partnerOf(session);
    return database.write(async (tx) => {
      const before = await colleague(tx, me, id, 'You cannot deactivate yourself: ask another admin');
      if (before.deactivatedAt) return toPartnerUser(before, me);
      await assertAnotherAdmin(tx, me, before);
      const [row] = await tx.update(u).set({ deactivatedAt: clock(), inviteTokenHash: null, inviteExpiresAt: null }).where(eq(u.id, before.id)).returning();
      if (!row) throw new Error('portal user vanished');
      await sessions.endForUserInTenant(tx, { userKind: 'partner', userId: row.id, tenantId: me.tenantId });
      await audit.record(tx, {
        tenantId: me.tenantId,
        actor: actorOf(me),
        action: 'partner_user.deactivated',
        resourceType: 'partner',
        resourceId: me.partnerId,
        details: { userId: row.id, email: row.email },
      });
      return toPartnerUser(row, me);
    });
  }

  /** A temporary password the colleague must replace at their next sign-in; their sessions end (as a staff reset does). */
  async function resetPassword(session: ActiveSession, input: { id: string; password: string }): Promise<PartnerUser> {
    const me = partnerOf(session);
    // Hashed before the write: argon2 takes tens of milliseconds that the writer queue should not wait for.
    const target = await database.db
      .select({ name: u.name, email: u.email })
      .from(u)
      .where(and(eq(u.tenantId, me.tenantId), eq(u.partnerId, me.partnerId), eq(u.id, input.id), isNull(u.deletedAt)));
    if (!target[0]) throw new AppError('not_found', 'Portal user not found', 'id');
    const weakness = passwordWeakness(input.password, [target[0].email, target[0].name]);
    if (weakness) throw new AppError('validation', weakness, 'password');
    const passwordHash = await hashPassword(input.password);
    return database.write(async (tx) => {
      const before = await colleague(tx, me, input.id, 'Change your own password from your account menu instead');
      if (before.deactivatedAt) throw new AppError('invalid_transition', `${before.name} is deactivated`, 'id');
      const now = clock();
      const [row] = await tx
        .update(u)
        .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, inviteTokenHash: null, inviteExpiresAt: null })
        .where(eq(u.id, before.id))
        .returning();
      if (!row) throw new Error('portal user vanished');
      await sessions.endForUserInTenant(tx, { userKind: 'partner', userId: row.id, tenantId: me.tenantId });
      // Never the password, nor its hash.
      await audit.record(tx, {
        tenantId: me.tenantId,
        actor: actorOf(me),
        action: 'partner_user.password_reset',
        resourceType: 'partner',
        resourceId: me.partnerId,
        details: { userId: row.id, email: row.email },
      });
      return toPartnerUser(row, me);
    });
  }

  return { list, invite, changeRole, deactivate, resetPassword, apiKeys: apiKeyService(deps, audit) };
}

export type PortalTeamService = ReturnType<typeof portalTeamService>;
