import { and, eq, gt, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { SessionInfo } from '../../../src-shared/contract/auth';
import type { PortalInvite } from '../../../src-shared/contract/portal';
import { passwordWeakness } from '../../domain/password-policy';
import type { AuditService } from '../activity/audit';
import { hashPassword } from '../auth/passwords';
import { hashToken, type SessionService } from '../auth/sessions';
import { invalidateSessions } from '../auth/session-cache';
import type { AppDb } from '../../data/database';
import type { ServiceDeps } from '../context';

const INVALID_INVITE = 'This invite link is not valid or has expired; ask your admin for a new one';
const PARTNER_NOT_ACTIVE = "Your organisation's portal access is not active; contact your partner manager";

/**
 * One-time invite links (made by partners.users.create/createInvite and portal.team.invite):
 * only the token's SHA-256 is stored. Unknown, expired, spent and a deactivated user's links all
 * answer the same not_found. Accepting spends the link by a compare-and-set on its hash in the
 * UPDATE's WHERE, so of two accepts of one link exactly one sets the password.
 */
export function portalInviteService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock } = deps;
  const { partnerUsers: u, partners: p, tenants } = database.t;

  // invite_token_hash has no index (migration 0010 did not add one): the lookup walks the
  // workspace-wide partner_users table, which is small (portal users, not leads).
  async function findLive(db: AppDb, token: string) {
    const [row] = await db
      .select({
        id: u.id,
        tenantId: u.tenantId,
        partnerId: u.partnerId,
        name: u.name,
        email: u.email,
        inviteExpiresAt: u.inviteExpiresAt,
        partnerName: p.displayName,
        partnerStatus: p.status,
        partnerDeletedAt: p.deletedAt,
        workspaceName: tenants.name,
      })
      .from(u)
      .innerJoin(p, and(eq(p.id, u.partnerId), eq(p.tenantId, u.tenantId)))
      .innerJoin(tenants, eq(tenants.id, u.tenantId))
      .where(and(eq(u.inviteTokenHash, hashToken(token)), gt(u.inviteExpiresAt, clock()), isNull(u.deactivatedAt), isNull(u.deletedAt)));
    if (!row) throw new AppError('not_found', INVALID_INVITE);
    // Said only to whoever holds a valid link: a suspended partner's colleague cannot start using the portal.
    if (row.partnerDeletedAt !== null || row.partnerStatus !== 'active') throw new AppError('forbidden', PARTNER_NOT_ACTIVE);
    return row;
  }

  async function invite(token: string): Promise<PortalInvite> {
    const row = await findLive(database.db, token);
    return { name: row.name, email: row.email, partnerName: row.partnerName, workspaceName: row.workspaceName, expiresAt: (row.inviteExpiresAt as Date).toISOString() };
  }

  async function acceptInvite(input: { token: string; password: string }): Promise<{ token: string; info: SessionInfo }> {
    const before = await findLive(database.db, input.token);
    const weakness = passwordWeakness(input.password, [before.email, before.name]);
    if (weakness) throw new AppError('validation', weakness, 'password');
    // argon2 outside the write: a SQLite write transaction stays short and synchronous.
    const passwordHash = await hashPassword(input.password);
    return database.write(async (tx) => {
      const row = await findLive(tx, input.token);
      const now = clock();
      const spent = await tx
        .update(u)
        .set({ passwordHash, inviteTokenHash: null, inviteExpiresAt: null, mustChangePassword: false, passwordChangedAt: now, lastLoginAt: now })
        // The compare-and-set: a concurrent accept that committed first has cleared the hash.
        .where(and(eq(u.id, row.id), eq(u.inviteTokenHash, hashToken(input.token)), isNull(u.deactivatedAt)))
        .returning({ id: u.id });
      if (spent.length !== 1) throw new AppError('not_found', INVALID_INVITE);
      // A re-invite of a user who had a password replaces it: their earlier sessions end.
      const s = database.t.sessions;
      await tx.update(s).set({ endedAt: now }).where(and(eq(s.userKind, 'partner'), eq(s.userId, row.id), isNull(s.endedAt)));
      await invalidateSessions(database, tx, { user: { kind: 'partner', id: row.id } });
      const actor = { type: 'partner_user' as const, id: row.id, name: row.name };
      await audit.record(tx, { tenantId: row.tenantId, actor, action: 'partner_user.invite_accepted', resourceType: 'partner', resourceId: row.partnerId, details: { userId: row.id, email: row.email } });
      const token = await sessions.create(tx, { userKind: 'partner', userId: row.id, tenantId: row.tenantId });
      await audit.record(tx, { tenantId: row.tenantId, actor, action: 'auth.signed_in', resourceType: 'partner_user', resourceId: row.id, details: { surface: 'portal', via: 'invite' } });
      const session = await sessions.created(tx, token);
      return { token, info: await sessions.info(session, tx) };
    });
  }

  return { invite, acceptInvite };
}
