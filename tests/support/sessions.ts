import { and, eq, isNull } from 'drizzle-orm';
import type { App } from '../../src-main/app';
import { passwordChosen } from './actors';

/**
 * A new session for a staff member in a workspace, made by the real session service but
 * without a sign-in (which costs an argon2 check): for tests that need many fresh sessions.
 */
export async function freshSession(app: App, userId: string, tenantId: string): Promise<string> {
  await passwordChosen(app, { userId });
  const { memberships } = app.database.t;
  return app.database.write(async (tx) => {
    // As the new account's first sign-in would (an invitation not accepted gives no session).
    await tx.update(memberships).set({ acceptedAt: app.deps.clock() }).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId), isNull(memberships.acceptedAt)));
    return app.services.auth.sessions.create(tx, { userKind: 'staff', userId, tenantId });
  });
}

/**
 * A session for a portal (partner) user, made by the real session service without a sign-in
 * (portal.signIn is tested in tests/services/portal-auth.test.ts): how tests act as a partner user.
 */
export function partnerUserSession(app: App, partnerUserId: string, tenantId: string): Promise<string> {
  const { partnerUsers } = app.database.t;
  return app.database.write(async (tx) => {
    // As passwordChosen for staff: a staff-set password must otherwise be changed first (tested in portal-auth.test.ts).
    await tx.update(partnerUsers).set({ mustChangePassword: false }).where(eq(partnerUsers.id, partnerUserId));
    return app.services.auth.sessions.create(tx, { userKind: 'partner', userId: partnerUserId, tenantId });
  });
}
