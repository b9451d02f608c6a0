import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { activePartner, portalUser } from '../support/leads';
import { callError } from '../support/outcomes';
import { audited, setUpPartnerSuite, unchanged, unique, type PartnerSuite } from '../support/partners';
import { partnerUserSession } from '../support/sessions';
import { hashToken } from '../../src-main/services/auth/sessions';

/**
 * portal.team.*: a partner admin manages their own organisation's portal users, through the real
 * dispatch. Each test makes a partner of its own with the users it needs.
 */
describe.each(engines)('portal team on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** An active partner with an admin (Ada), a second admin, a lead manager and a viewer, each signed in. */
  async function team() {
    const partner = await activePartner(s);
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const admin2 = await portalUser(s, partner.id, 'partner_admin');
    const manager = await portalUser(s, partner.id, 'partner_lead_manager');
    const viewer = await portalUser(s, partner.id, 'partner_viewer');
    return { partnerId: partner.id, admin, admin2, manager, viewer };
  }
  const userRow = async (id: string) => {
    const u = s.app.database.t.partnerUsers;
    const [row] = await s.app.database.db.select().from(u).where(eq(u.id, id));
    if (!row) throw new Error(`no portal user ${id}`);
    return row;
  };
  const openSessions = async (userId: string) => {
    const t = s.app.database.t.sessions;
    const rows = await s.app.database.db.select().from(t).where(and(eq(t.userKind, 'partner'), eq(t.userId, userId)));
    return rows.filter((r) => r.endedAt === null).length;
  };

  it('lists the own team only and invites a colleague with a one-time link', async () => {
    const t = await team();
    const other = await team();
    const email = `nina-${unique()}@partner.test`;
    const { result, row } = await audited(s.app, s.tenantId, ['partner_user.created'], () => call(s.app, 'portal.team.invite', { name: 'Nina New', email, role: 'partner_lead_manager' }, t.admin.token), t.partnerId);
    expect(result.user).toMatchObject({ partnerId: t.partnerId, name: 'Nina New', email, role: 'partner_lead_manager', status: 'invited' });
    expect(result.invite?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(row?.details).toMatchObject({ userId: result.user.id, credential: 'invite' });
    expect(row?.actorType).toBe('partner_user');
    expect((await userRow(result.user.id)).inviteTokenHash).toBe(hashToken(result.invite?.token ?? ''));

    const listed = await call(s.app, 'portal.team.list', {}, t.admin.token);
    expect(listed.map((u) => u.id).sort()).toEqual([t.admin.userId, t.admin2.userId, t.manager.userId, t.viewer.userId, result.user.id].sort());
    expect(listed.every((u) => u.partnerId === t.partnerId)).toBe(true);
    expect((await call(s.app, 'portal.team.list', {}, other.admin.token)).map((u) => u.id)).not.toContain(result.user.id);

    // The e-mail stays unique per workspace, across partners, as on the staff path.
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'portal.team.invite', { name: 'Nina Again', email, role: 'partner_viewer' }, other.admin.token)).toMatchObject({ code: 'validation', field: 'email' });
    });
    // Only a partner admin manages the team; staff never do (their sessions are of another kind).
    for (const token of [t.manager.token, t.viewer.token, s.admin.token]) {
      expect(await callError(s.app, 'portal.team.list', {}, token)).toMatchObject({ code: 'forbidden' });
    }
  });

  it('changes a colleague role, picked up by their session at once; never their own; another partner user is not found', async () => {
    const t = await team();
    const other = await team();
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'portal.team.changeRole', { id: t.admin.userId, role: 'partner_viewer' }, t.admin.token)).toMatchObject({ code: 'validation', field: 'id', message: expect.stringMatching(/your own role/) });
      expect(await callError(s.app, 'portal.team.changeRole', { id: other.manager.userId, role: 'partner_viewer' }, t.admin.token)).toMatchObject({ code: 'not_found', message: 'Portal user not found' });
      expect(await callError(s.app, 'portal.team.changeRole', { id: randomUUID(), role: 'partner_viewer' }, t.admin.token)).toMatchObject({ code: 'not_found', message: 'Portal user not found' });
    });
    // The lead manager could list leads and submit; as a viewer they may still read but not submit.
    await call(s.app, 'leads.list', { limit: 5 }, t.manager.token);
    const { result, row } = await audited(s.app, s.tenantId, ['partner_user.role_changed'], () => call(s.app, 'portal.team.changeRole', { id: t.manager.userId, role: 'partner_viewer' }, t.admin.token), t.partnerId);
    expect(result).toMatchObject({ id: t.manager.userId, role: 'partner_viewer' });
    expect(row?.details).toEqual({ userId: t.manager.userId, from: 'partner_lead_manager', to: 'partner_viewer' });
    expect((await call(s.app, 'auth.session', {}, t.manager.token))?.role).toBe('partner_viewer');
    expect(await callError(s.app, 'portal.team.list', {}, t.manager.token)).toMatchObject({ code: 'forbidden' });
    // The same role again changes nothing and writes nothing.
    await unchanged(s.app, () => call(s.app, 'portal.team.changeRole', { id: t.manager.userId, role: 'partner_viewer' }, t.admin.token));
  });

  it('never leaves the partner without an active admin, even for an admin acting on a stale session', async () => {
    const t = await team();
    // Both admins' sessions as dispatch resolved them before either change.
    const staleAdmin2 = await s.app.services.auth.sessions.resolve(t.admin2.token);
    if (!staleAdmin2) throw new Error('no session');
    await call(s.app, 'portal.team.changeRole', { id: t.admin2.userId, role: 'partner_lead_manager' }, t.admin.token);
    await unchanged(s.app, async () => {
      await expect(s.app.services.portal.team.changeRole(staleAdmin2, { id: t.admin.userId, role: 'partner_viewer' })).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/last active admin/) });
      await expect(s.app.services.portal.team.deactivate(staleAdmin2, t.admin.userId)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/last active admin/) });
    });
    // An invited admin who never chose a password cannot sign in: they do not count.
    const invited = await call(s.app, 'portal.team.invite', { name: 'Ivo Invited', email: `ivo-${unique()}@partner.test`, role: 'partner_admin' }, t.admin.token);
    await expect(s.app.services.portal.team.deactivate(staleAdmin2, t.admin.userId)).rejects.toMatchObject({ message: expect.stringMatching(/last active admin/) });
    // A second real admin: now the first may be demoted (by them).
    await call(s.app, 'portal.team.changeRole', { id: t.admin2.userId, role: 'partner_admin' }, t.admin.token);
    await call(s.app, 'portal.team.changeRole', { id: t.admin.userId, role: 'partner_viewer' }, t.admin2.token);
    expect((await userRow(t.admin.userId)).role).toBe('partner_viewer');
    expect((await userRow(invited.user.id)).role).toBe('partner_admin');
  });

  it('deactivation ends the colleague sessions at once and is audited', async () => {
    const t = await team();
    const second = await partnerUserSession(s.app, t.manager.userId, s.tenantId);
    await call(s.app, 'leads.list', { limit: 5 }, t.manager.token);
    expect(await openSessions(t.manager.userId)).toBe(2);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'portal.team.deactivate', { id: t.admin.userId }, t.admin.token)).toMatchObject({ code: 'validation', message: expect.stringMatching(/yourself/) });
      expect(await callError(s.app, 'portal.team.deactivate', { id: t.manager.userId }, t.viewer.token)).toMatchObject({ code: 'forbidden' });
    });
    const { result, row } = await audited(s.app, s.tenantId, ['partner_user.deactivated'], () => call(s.app, 'portal.team.deactivate', { id: t.manager.userId }, t.admin.token), t.partnerId);
    expect(result.status).toBe('deactivated');
    expect(row?.details).toMatchObject({ userId: t.manager.userId });
    expect(await openSessions(t.manager.userId)).toBe(0);
    for (const token of [t.manager.token, second]) expect(await callError(s.app, 'leads.list', { limit: 5 }, token)).toMatchObject({ code: 'unauthenticated' });
    // Once deactivated: again is a no-op; a role change is refused.
    await unchanged(s.app, () => call(s.app, 'portal.team.deactivate', { id: t.manager.userId }, t.admin.token));
    expect(await callError(s.app, 'portal.team.changeRole', { id: t.manager.userId, role: 'partner_admin' }, t.admin.token)).toMatchObject({ code: 'invalid_transition' });
  });

  it('resets a colleague password: temporary, to be changed at sign-in, their sessions ended, the password in no row', async () => {
    const t = await team();
    const other = await team();
    const temporary = 'quartz harbour window 42';
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'portal.team.resetPassword', { id: t.viewer.userId, password: 'password1234' }, t.admin.token)).toMatchObject({ code: 'validation', field: 'password' });
      expect(await callError(s.app, 'portal.team.resetPassword', { id: t.admin.userId, password: temporary }, t.admin.token)).toMatchObject({ code: 'validation', field: 'id' });
      expect(await callError(s.app, 'portal.team.resetPassword', { id: other.viewer.userId, password: temporary }, t.admin.token)).toMatchObject({ code: 'not_found' });
    });
    const before = await userRow(t.viewer.userId);
    const { rows } = await audited(s.app, s.tenantId, ['partner_user.password_reset'], () => call(s.app, 'portal.team.resetPassword', { id: t.viewer.userId, password: temporary }, t.admin.token), t.partnerId);
    const after = await userRow(t.viewer.userId);
    expect(after.mustChangePassword).toBe(true);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(await openSessions(t.viewer.userId)).toBe(0);
    expect(await callError(s.app, 'leads.list', { limit: 5 }, t.viewer.token)).toMatchObject({ code: 'unauthenticated' });
    expect(JSON.stringify(rows)).not.toContain(temporary);
    expect(JSON.stringify(rows)).not.toContain(after.passwordHash);
  });
});
