import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from '../support/engines';
import { call, rawCall, STRONG_PASSWORD } from '../support/actors';
import { callError } from '../support/outcomes';
import { activityOf, setUpPartnerSuite, unique, unchanged, type PartnerSuite } from '../support/partners';
import { activePartner, portalUser } from '../support/portal-users';
import { activityRows } from '../support/db';

const NEW_PASSWORD = 'copper willow lantern 19';
const INVALID = { code: 'not_found', message: 'This invite link is not valid or has expired; ask your admin for a new one' };

/**
 * Invite links (portal.invite, portal.acceptInvite), a portal user's own password change
 * (auth.changePassword from a partner session) and the forced change of a password staff typed,
 * on every engine.
 */
describe.each(engines)('portal invites and passwords on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  const userRow = async (id: string) => {
    const u = s.app.database.t.partnerUsers;
    const [row] = await s.app.database.db.select().from(u).where(eq(u.id, id));
    if (!row) throw new Error('no such portal user');
    return row;
  };
  const portalSignIn = (email: string, password: string) => s.app.dispatch('portal.signIn', { email, password }, { token: null, clientKey: `addr-${unique()}` });

  it('an invite link says what it is for, sets the password once, signs in, and is spent', async () => {
    const partner = await activePartner(s.app, admin());
    const user = await portalUser(s.app, admin(), partner.id, { password: null, role: 'partner_admin' });
    const token = user.invite?.token ?? '';
    expect(await call(s.app, 'portal.invite', { token })).toEqual({ name: 'Pia Portal', email: user.email, partnerName: partner.displayName, workspaceName: 'Acme Partners', expiresAt: user.invite?.expiresAt });

    // A weak password is refused before the link is spent.
    expect(await unchanged(s.app, () => callError(s.app, 'portal.acceptInvite', { token, password: user.email }))).toMatchObject({ code: 'validation', field: 'password' });

    const { result: outcome, rows } = await activityOf(s.app, s.tenantId, () => rawCall(s.app, 'portal.acceptInvite', { token, password: NEW_PASSWORD }));
    expect(outcome.response.ok && outcome.response.result).toMatchObject({ user: { id: user.id, kind: 'partner' }, role: 'partner_admin', mustChangePassword: false });
    expect(typeof outcome.token).toBe('string');
    expect(await s.app.services.auth.sessions.resolve(outcome.token as string)).toMatchObject({ userKind: 'partner', userId: user.id, partnerId: partner.id });
    expect(rows.map((r) => [r.action, r.resourceId])).toEqual([['partner_user.invite_accepted', partner.id], ['auth.signed_in', user.id]]);
    const row = await userRow(user.id);
    expect(row).toMatchObject({ inviteTokenHash: null, inviteExpiresAt: null, mustChangePassword: false });
    expect(row.passwordChangedAt).not.toBeNull();

    // One-time: a second use of the link, and its preview, are not found; nothing is written.
    expect(await unchanged(s.app, () => callError(s.app, 'portal.acceptInvite', { token, password: 'another strong phrase 77' }))).toEqual(INVALID);
    expect(await callError(s.app, 'portal.invite', { token })).toEqual(INVALID);
    // The chosen password signs in.
    expect((await portalSignIn(user.email, NEW_PASSWORD)).response.ok).toBe(true);
  });

  it('an unknown, expired or deactivated user’s link is not found; a suspended partner’s is refused', async () => {
    expect(await callError(s.app, 'portal.invite', { token: 'x'.repeat(32) })).toEqual(INVALID);
    const partner = await activePartner(s.app, admin());
    const expired = await portalUser(s.app, admin(), partner.id, { password: null });
    const u = s.app.database.t.partnerUsers;
    // Its expiry has passed (set in the row: moving the suite's clock 7 days would end every session of the suite).
    await s.app.database.write((tx) => tx.update(u).set({ inviteExpiresAt: new Date(s.app.clock().getTime() - 1000) }).where(eq(u.id, expired.id)));
    expect(await unchanged(s.app, () => callError(s.app, 'portal.acceptInvite', { token: expired.invite?.token ?? '', password: NEW_PASSWORD }))).toEqual(INVALID);

    const gone = await portalUser(s.app, admin(), partner.id, { password: null });
    const invite = await call(s.app, 'partners.users.createInvite', { id: gone.id }, admin());
    await call(s.app, 'partners.users.deactivate', { id: gone.id, reason: 'Left' }, admin());
    expect(await callError(s.app, 'portal.acceptInvite', { token: invite.token, password: NEW_PASSWORD })).toEqual(INVALID);

    const waiting = await portalUser(s.app, admin(), partner.id, { password: null });
    await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Under review' }, admin());
    expect(await unchanged(s.app, () => callError(s.app, 'portal.acceptInvite', { token: waiting.invite?.token ?? '', password: NEW_PASSWORD }))).toMatchObject({ code: 'forbidden' });
    await call(s.app, 'partners.reinstate', { id: partner.id }, admin());
    expect((await rawCall(s.app, 'portal.acceptInvite', { token: waiting.invite?.token ?? '', password: NEW_PASSWORD })).response.ok).toBe(true);
  });

  it('two accepts of one link at once: exactly one sets the password', async () => {
    const partner = await activePartner(s.app, admin());
    const user = await portalUser(s.app, admin(), partner.id, { password: null });
    const token = user.invite?.token ?? '';
    const passwords = ['first racer password 11', 'second racer password 22'];
    const outcomes = await Promise.all(passwords.map((password) => rawCall(s.app, 'portal.acceptInvite', { token, password })));
    const codes = outcomes.map((o) => (o.response.ok ? 'ok' : o.response.error.code)).sort();
    expect(codes).toEqual(['not_found', 'ok']);
    const winner = passwords[outcomes.findIndex((o) => o.response.ok)] ?? '';
    const loser = passwords.find((p) => p !== winner) ?? '';
    expect((await portalSignIn(user.email, winner)).response.ok).toBe(true);
    expect((await portalSignIn(user.email, loser)).response.ok).toBe(false);
    const accepted = (await activityRows(s.app.database, s.tenantId)).filter((r) => r.action === 'partner_user.invite_accepted' && r.details.userId === user.id);
    expect(accepted).toHaveLength(1);
  });

  it('a password staff typed must be changed first; the change ends the other sessions and is audited', async () => {
    const partner = await activePartner(s.app, admin());
    const user = await portalUser(s.app, admin(), partner.id, { chosen: false });
    expect((await userRow(user.id)).mustChangePassword).toBe(true);
    const first = await portalSignIn(user.email, STRONG_PASSWORD);
    expect(first.response.ok && first.response.result).toMatchObject({ kind: 'signed_in', session: { mustChangePassword: true } });
    const token = first.token as string;
    const other = (await portalSignIn(user.email, STRONG_PASSWORD)).token as string;
    // Dispatch opens nothing but the change (and sign-out) until then.
    expect(await callError(s.app, 'leads.list', {}, token)).toEqual({ code: 'forbidden', message: 'Choose a new password first' });
    expect(await call(s.app, 'auth.session', {}, token)).toMatchObject({ mustChangePassword: true });

    // A wrong current password: a field error, the session stays, audited as a failed change.
    const { result: wrong, rows: failed } = await activityOf(s.app, s.tenantId, () => callError(s.app, 'auth.changePassword', { currentPassword: 'not it at all', newPassword: NEW_PASSWORD }, token));
    expect(wrong).toMatchObject({ code: 'validation', field: 'currentPassword' });
    expect(failed.map((r) => [r.action, r.resourceType, r.resourceId])).toEqual([['auth.password_change_failed', 'partner_user', user.id]]);
    expect(await callError(s.app, 'auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: 'password' }, token)).toMatchObject({ code: 'validation', field: 'newPassword' });

    const { result: info, rows } = await activityOf(s.app, s.tenantId, () => call(s.app, 'auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }, token));
    expect(info).toMatchObject({ user: { id: user.id, kind: 'partner' }, mustChangePassword: false });
    expect(rows.map((r) => [r.action, r.resourceType, r.details])).toEqual([['auth.password_changed', 'partner_user', { otherSessionsEnded: 1 }]]);
    const row = await userRow(user.id);
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt).not.toBeNull();
    // This session goes on, now unrestricted; the other one has ended.
    expect(await call(s.app, 'leads.list', {}, token)).toBeDefined();
    expect(await callError(s.app, 'leads.list', {}, other)).toMatchObject({ code: 'unauthenticated' });
    expect((await portalSignIn(user.email, STRONG_PASSWORD)).response.ok).toBe(false);
    expect((await portalSignIn(user.email, NEW_PASSWORD)).response.ok).toBe(true);
    // Staff password change is unchanged by all this: the admin's account still signs in as before.
    expect((await s.app.dispatch('auth.signIn', { email: 'ada@acme.test', password: STRONG_PASSWORD }, { token: null, clientKey: `addr-${unique()}` })).response.ok).toBe(true);
  });
});
