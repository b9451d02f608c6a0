import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { PartnerInvite, PartnerUser, PartnerUserCreated, PartnerUserStatus } from '../../../src-shared/contract/partners';
import type { PartnerRole } from '../../../src-shared/contract/roles';
import type { AppDb, Database } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { hashPassword } from '../auth/passwords';
import { passwordWeakness } from '../../domain/password-policy';
import { partnerUserActions } from '../../domain/partners/partner-actions';
import { hashToken } from '../auth/sessions';
import { partnerRoleOf } from '../auth/roles';
import { invalidateSessions } from '../auth/session-cache';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { loadPartner } from './partner-rows';

type UserRow = Database['t']['partnerUsers']['$inferSelect'];

/** An invite is a one-time secret: only its hash is stored, and it expires. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const DUPLICATE_EMAIL = 'A portal user with this email already exists in this workspace';

/** The output form, with what `session`'s user may do with this portal user now (also the portal's team list). */
export function toPartnerUser(r: UserRow, session: ActiveSession): PartnerUser {
  const status: PartnerUserStatus = r.deactivatedAt ? 'deactivated' : r.passwordHash ? 'active' : 'invited';
  return {
    id: r.id,
    partnerId: r.partnerId,
    name: r.name,
    email: r.email,
    role: partnerRoleOf(r.role),
    status,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    actions: partnerUserActions(status, { userId: session.userId, role: session.role }),
  };
}

/**
 * Portal users of a partner. Deactivated, never deleted (their actions stay attributable);
 * an e-mail stays unique per workspace for the same reason.
 */
export function partnerUserService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const u = database.t.partnerUsers;

  const toUser = toPartnerUser;

  async function loadUser(db: AppDb, tenantId: string, id: string): Promise<UserRow> {
    const [row] = await db
      .select()
      .from(u)
      .where(and(eq(u.tenantId, tenantId), eq(u.id, id), isNull(u.deletedAt)));
    if (!row) throw new AppError('not_found', 'Portal user not found', 'id');
    return row;
  }

  async function assertEmailFree(db: AppDb, tenantId: string, email: string, exceptId?: string): Promise<void> {
    const [row] = await db.select({ id: u.id }).from(u).where(and(eq(u.tenantId, tenantId), eq(u.email, email)));
    if (row && row.id !== exceptId) throw new AppError('validation', DUPLICATE_EMAIL, 'email');
  }

  function newInvite(now: Date) {
    const token = randomBytes(24).toString('base64url');
    return { token, hash: hashToken(token), expiresAt: new Date(now.getTime() + INVITE_TTL_MS) };
  }

  async function list(session: ActiveSession, partnerId: string): Promise<PartnerUser[]> {
    await loadPartner(database, database.db, session.tenantId, partnerId);
    const rows = await database.db
      .select()
      .from(u)
      .where(and(eq(u.tenantId, session.tenantId), eq(u.partnerId, partnerId), isNull(u.deletedAt)))
      .orderBy(asc(u.name));
    return rows.map((r) => toUser(r, session));
  }

  async function create(
    session: ActiveSession,
    input: { partnerId: string; name: string; email: string; role: PartnerRole; credential: { mode: 'password'; password: string } | { mode: 'invite' } },
  ): Promise<PartnerUserCreated> {
    let passwordHash: string | null = null;
    if (input.credential.mode === 'password') {
      // The field is named by its input path, like the schema's own errors, so the form shows it beside the password.
      const weakness = passwordWeakness(input.credential.password, [input.email, input.name]);
      if (weakness) throw new AppError('validation', weakness, 'credential.password');
      passwordHash = await hashPassword(input.credential.password);
    }
    try {
      return await database.write(async (tx) => {
        const partner = await loadPartner(database, tx, session.tenantId, input.partnerId, true);
        await assertEmailFree(tx, session.tenantId, input.email);
        const now = clock();
        const invite = passwordHash ? null : newInvite(now);
        const row: UserRow = {
          id: newId(),
          tenantId: session.tenantId,
          partnerId: partner.id,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          inviteTokenHash: invite?.hash ?? null,
          inviteExpiresAt: invite?.expiresAt ?? null,
          lastLoginAt: null,
          createdAt: now,
          deactivatedAt: null,
          deletedAt: null,
          // A password someone else typed is replaced at the first portal sign-in, as for staff.
          mustChangePassword: passwordHash !== null,
          passwordChangedAt: null,
          notificationsSeenAt: null,
        };
        await tx.insert(u).values(row);
        await audit.record(tx, {
          tenantId: session.tenantId,
          actor: actorOf(session),
          action: 'partner_user.created',
          resourceType: 'partner',
          resourceId: partner.id,
          details: { code: partner.code, userId: row.id, email: row.email, role: row.role, credential: input.credential.mode },
        });
        return {
          user: toUser(row, session),
          invite: invite ? { userId: row.id, token: invite.token, expiresAt: invite.expiresAt.toISOString() } : null,
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('validation', DUPLICATE_EMAIL, 'email');
      throw error;
    }
  }

  async function update(session: ActiveSession, input: { id: string; name?: string; email?: string; role?: PartnerRole }): Promise<PartnerUser> {
    return database.write(async (tx) => {
      const before = await loadUser(tx, session.tenantId, input.id);
      await loadPartner(database, tx, session.tenantId, before.partnerId);
      if (input.email && input.email !== before.email) await assertEmailFree(tx, session.tenantId, input.email, before.id);
      const next = { name: input.name ?? before.name, email: input.email ?? before.email, role: input.role ?? before.role };
      const changes = Object.fromEntries(
        Object.entries(next)
          .filter(([k, v]) => before[k as keyof typeof next] !== v)
          .map(([k, v]) => [k, { from: before[k as keyof typeof next], to: v }]),
      );
      if (Object.keys(changes).length === 0) return toUser(before, session);
      const [row] = await tx.update(u).set(next).where(eq(u.id, before.id)).returning();
      if (!row) throw new Error('user vanished');
      await invalidateSessions(database, tx, { user: { kind: 'partner', id: row.id } });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'partner_user.updated', resourceType: 'partner', resourceId: row.partnerId, details: { userId: row.id, changes } });
      return toUser(row, session);
    });
  }

  async function deactivate(session: ActiveSession, id: string, reason: string | undefined): Promise<PartnerUser> {
    return database.write(async (tx) => {
      const before = await loadUser(tx, session.tenantId, id);
      if (before.deactivatedAt) return toUser(before, session);
      const now = clock();
      const [row] = await tx.update(u).set({ deactivatedAt: now, inviteTokenHash: null, inviteExpiresAt: null }).where(eq(u.id, before.id)).returning();
      if (!row) throw new Error('user vanished');
      const s = database.t.sessions;
      await tx.update(s).set({ endedAt: now }).where(and(eq(s.userKind, 'partner'), eq(s.userId, row.id), isNull(s.endedAt)));
      await invalidateSessions(database, tx, { user: { kind: 'partner', id: row.id } });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'partner_user.deactivated', resourceType: 'partner', resourceId: row.partnerId, details: { userId: row.id, email: row.email, ...(reason ? { reason } : {}) } });
      return toUser(row, session);
    });
  }

  async function createInvite(session: ActiveSession, id: string): Promise<PartnerInvite> {
    return database.write(async (tx) => {
      const before = await loadUser(tx, session.tenantId, id);
      if (before.deactivatedAt) throw new AppError('invalid_transition', 'This portal user is deactivated');
      const now = clock();
      const invite = newInvite(now);
      await tx.update(u).set({ inviteTokenHash: invite.hash, inviteExpiresAt: invite.expiresAt }).where(eq(u.id, before.id));
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'partner_user.invited', resourceType: 'partner', resourceId: before.partnerId, details: { userId: before.id, email: before.email, expiresAt: invite.expiresAt.toISOString() } });
      return { userId: before.id, token: invite.token, expiresAt: invite.expiresAt.toISOString() };
    });
  }

  return { list, create, update, deactivate, createInvite };
}
