import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines, type TestApp } from '../support/engines';
import { openTestAppWithClock, testClock } from '../support/clock';
import { call, rawCall, setUpWorkspace, signIn, STRONG_PASSWORD } from '../support/actors';
import { activityRows, snapshot } from '../support/db';
import { callError } from '../support/outcomes';
import { freshSession } from '../support/sessions';

/**
 * Point 1 of issue 9, on every engine: a user's own password change (current password required,
 * policy applied, other sessions ended, audited in each workspace), an admin's reset (a one-time
 * password the user must replace before anything else, refused for a person another workspace
 * relies on), and an admin's unlock of a paused account.
 */
describe.each(engines)('password change, reset and unlock on $name', (engine) => {
  const clock = testClock('2031-03-03T08:00:00.000Z');
  let app: TestApp;
  let admin = { token: '', tenantId: '', userId: '' };
  const NEW_PASSWORD = 'violet harbour engine 31';
  const TEMPORARY = 'quartz window season 58';

  beforeEach(async () => {
    clock.set('2031-03-03T08:00:00.000Z');
    app = await openTestAppWithClock(engine, clock);
    admin = await setUpWorkspace(app);
  });
  afterEach(async () => {
    await app?.dispose();
  });

  const sessionOf = (token: string) => call(app, 'auth.session', {}, token);
  const signInRaw = (email: string, password: string) => rawCall(app, 'auth.signIn', { email, password });
  async function colleague(email = 'cole@acme.test', role: 'viewer' | 'admin' = 'viewer') {
    return (await call(app, 'staff.add', { name: 'Cole Colleague', email, role, password: STRONG_PASSWORD }, admin.token)).userId;
  }

  it('changing the password needs the current one, applies the policy, ends the other sessions and is audited in each workspace', async () => {
    const other = await signIn(app, 'ada@acme.test'); // a second desktop
    const b = await call(app, 'workspaces.create', { name: 'Beta Partners', currency: 'USD' }, admin.token);

    const wrong = await callError(app, 'auth.changePassword', { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD }, admin.token);
    expect(wrong).toEqual({ code: 'validation', message: 'The current password is not right', field: 'currentPassword' });
    expect(await sessionOf(admin.token)).not.toBeNull(); // a typo does not sign the user out
    const { signInThrottle } = app.database.t;
    const [throttled] = await app.database.db.select().from(signInThrottle).where(eq(signInThrottle.key, `account:${admin.userId}`));
    expect(throttled?.failures).toBe(1); // it counts as a failed attempt
    expect(await callError(app, 'auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: 'password1234' }, admin.token)).toMatchObject({ code: 'validation', field: 'newPassword' });
    expect(await callError(app, 'auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: STRONG_PASSWORD }, admin.token)).toMatchObject({ code: 'conflict', field: 'newPassword' });

    const info = await call(app, 'auth.changePassword', { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD }, admin.token);
    expect(info).toMatchObject({ user: { id: admin.userId }, mustChangePassword: false });
    expect(await sessionOf(admin.token)).not.toBeNull();
    expect(await sessionOf(other)).toBeNull();
    expect((await signInRaw('ada@acme.test', STRONG_PASSWORD)).response).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    clock.advance(1000);
    expect((await signInRaw('ada@acme.test', NEW_PASSWORD)).response.ok).toBe(true);

    for (const tenantId of [admin.tenantId, b.id]) {
      const changed = (await activityRows(app.database, tenantId)).filter((r) => r.action === 'auth.password_changed');
      expect(changed, tenantId).toMatchObject([{ actorId: admin.userId, resourceId: admin.userId, details: { otherSessionsEnded: 1 } }]);
      expect(JSON.stringify(changed)).not.toContain(NEW_PASSWORD);
    }
    const { staffUsers } = app.database.t;
    const [user] = await app.database.db.select().from(staffUsers).where(eq(staffUsers.id, admin.userId));
    expect(user?.passwordChangedAt?.getTime()).toBe(clock().getTime() - 1000);
    expect(info.mustChangePassword).toBe(false);
  });

  it("an admin's reset sets a one-time password: the sessions end, and the next sign-in may do nothing but choose a new one", async () => {
    const coleId = await colleague();
    const coleToken = await signIn(app, 'cole@acme.test');
    const reset = await call(app, 'staff.resetPassword', { userId: coleId, temporaryPassword: TEMPORARY }, admin.token);
    expect(reset).toEqual({ userId: coleId, mustChangePassword: true });
    expect(await sessionOf(coleToken)).toBeNull();
    const audited = (await activityRows(app.database, admin.tenantId)).filter((r) => r.action === 'staff.password_reset');
    expect(audited).toMatchObject([{ actorId: admin.userId, resourceId: coleId, details: { sessionsEnded: 1 } }]);
    expect(JSON.stringify(audited)).not.toContain(TEMPORARY);

    const first = await signInRaw('cole@acme.test', TEMPORARY);
    if (!first.response.ok || typeof first.token !== 'string') throw new Error(JSON.stringify(first.response));
    const token = first.token;
    expect(first.response.result).toMatchObject({ mustChangePassword: true });
    // Enforced by dispatch, for every procedure but the change itself, sign-out and the public ones.
    for (const [name, input] of [['staff.list', {}], ['partners.list', {}], ['auth.switchWorkspace', { tenantId: admin.tenantId }]] as const) {
      expect(await callError(app, name, input, token), name).toEqual({ code: 'forbidden', message: 'Choose a new password first' });
    }
    expect(await sessionOf(token)).toMatchObject({ mustChangePassword: true });
    expect(await callError(app, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: TEMPORARY }, token)).toMatchObject({ code: 'conflict' });
    const changed = await call(app, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: NEW_PASSWORD }, token);
    expect(changed.mustChangePassword).toBe(false);
    expect((await call(app, 'staff.list', {}, token)).length).toBeGreaterThan(0);
  });

  it('a reset is refused for a person who also works in another workspace, and changes nothing', async () => {
    // Ann is an admin of Acme only; Ada is also the admin of Beta: Ann must not be able to take over Ada's account.
    await colleague('ann@acme.test', 'admin');
    const ann = await signIn(app, 'ann@acme.test');
    await call(app, 'workspaces.create', { name: 'Beta Partners', currency: 'USD' }, admin.token);
    const before = await snapshot(app.database);
    expect(await callError(app, 'staff.resetPassword', { userId: admin.userId, temporaryPassword: TEMPORARY }, ann)).toEqual({
      code: 'forbidden',
      message: 'This person also works in another workspace; they can change their password themselves',
    });
    expect(await snapshot(app.database)).toEqual(before);
    expect(await callError(app, 'staff.resetPassword', { userId: admin.userId, temporaryPassword: TEMPORARY }, admin.token)).toMatchObject({ code: 'conflict', field: 'userId' });
  });

  it('an admin-set initial password must be changed at the first sign-in', async () => {
    await colleague();
    const first = await signInRaw('cole@acme.test', STRONG_PASSWORD);
    expect(first.response).toMatchObject({ ok: true, result: { mustChangePassword: true } });
  });

  it('unlock lifts the pause of a throttled account at once, audited; another workspace cannot reach the account', async () => {
    const coleId = await colleague();
    for (let i = 0; i < 5; i++) {
      await signInRaw('cole@acme.test', 'wrong wrong wrong');
      clock.advance(20_000);
    }
    expect((await signInRaw('cole@acme.test', STRONG_PASSWORD)).response).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await call(app, 'staff.unlock', { userId: coleId }, admin.token)).toEqual({ userId: coleId, wasLocked: true });
    expect((await signInRaw('cole@acme.test', STRONG_PASSWORD)).response.ok).toBe(true);
    expect((await activityRows(app.database, admin.tenantId)).filter((r) => r.action === 'staff.unlocked')).toMatchObject([{ resourceId: coleId, details: { wasLocked: true } }]);

    const b = await call(app, 'workspaces.create', { name: 'Beta Partners', currency: 'USD' }, admin.token);
    const outsider = await freshSession(app, admin.userId, b.id);
    await call(app, 'auth.switchWorkspace', { tenantId: b.id }, outsider);
    expect(await callError(app, 'staff.unlock', { userId: coleId }, outsider)).toMatchObject({ code: 'not_found' });
    expect(await callError(app, 'staff.resetPassword', { userId: coleId, temporaryPassword: TEMPORARY }, outsider)).toMatchObject({ code: 'not_found' });
  });
});
