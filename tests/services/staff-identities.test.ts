import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { engines, type TestApp } from '../support/engines';
import { call, setUpWorkspace, signIn, STRONG_PASSWORD } from '../support/actors';
import { activityRows } from '../support/db';
import { callError } from '../support/outcomes';
import { MINUTE, openTestAppWithClock, testClock, type TestClock } from '../support/clock';

/**
 * Staff identities are global (one e-mail, one password), but a workspace learns nothing about
 * the others: adding an existing e-mail is an invitation that looks exactly like adding a new
 * one, an invitation gives no access until accepted, sign-ins and failed attempts are recorded
 * per workspace, and sign-in lands where the user last worked. On every engine.
 *
 * The world: A = "Acme Partners" (Ada admin; Max, a manager who has signed in), and B = "Zeta
 * Partners", created by Ada and sorted after A, so landing in B is never the alphabetical pick.
 */
describe.each(engines)('staff identities on $name', (engine) => {
  let app: TestApp;
  let clock: TestClock;
  let tenantA = '';
  let tenantB = '';
  let ada = '';
  let maxId = '';

  beforeEach(async () => {
    clock = testClock();
    app = await openTestAppWithClock(engine, clock);
    const admin = await setUpWorkspace(app);
    tenantA = admin.tenantId;
    ada = admin.token;
    maxId = (await call(app, 'staff.add', { name: 'Max Manager', email: 'max@acme.test', role: 'manager', password: STRONG_PASSWORD }, ada)).userId;
    await signIn(app, 'max@acme.test');
    tenantB = (await call(app, 'workspaces.create', { name: 'Zeta Partners', currency: 'USD' }, ada)).id;
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, ada);
    clock.advance(MINUTE);
  });
  afterEach(async () => {
    await app?.dispose();
  });

  const membership = async (userId: string, tenantId: string) => {
    const { memberships } = app.database.t;
    const [row] = await app.database.db.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
    return row;
  };
  /** Ada (in B) invites Max as a viewer under the name she typed. */
  const inviteMax = () => call(app, 'staff.add', { name: 'Someone Else', email: 'max@acme.test', role: 'viewer', password: 'violet harbour pepper 93' }, ada);

  it('every membership records when its role began and whether it is accepted; a role change moves role_since', async () => {
    expect(await membership(maxId, tenantA)).toMatchObject({ roleSince: expect.any(Date), acceptedAt: expect.any(Date) });
    const adaId = (await call(app, 'auth.session', {}, ada))?.user.id ?? '';
    expect((await membership(adaId, tenantB))?.acceptedAt).toEqual(expect.any(Date));
    expect((await membership(adaId, tenantB))?.roleSince).toEqual(expect.any(Date));
    const invited = await inviteMax();
    expect(await membership(invited.userId, tenantB)).toMatchObject({ acceptedAt: null, invitedName: 'Someone Else', roleSince: clock() });
    clock.advance(MINUTE);
    await call(app, 'staff.changeRole', { userId: invited.userId, role: 'finance' }, ada);
    expect((await membership(invited.userId, tenantB))?.roleSince).toEqual(clock());
  });

  it('adding an e-mail with an account elsewhere answers, lists and audits exactly like a new e-mail', async () => {
    const existing = await inviteMax();
    const fresh = await call(app, 'staff.add', { name: 'Someone Else', email: 'nina@zeta.test', role: 'viewer', password: 'violet harbour pepper 93' }, ada);
    const blank = (m: Record<string, unknown>) => ({ ...m, userId: '-', email: '-' });
    expect(Object.keys(existing).sort()).toEqual(Object.keys(fresh).sort());
    expect(blank({ ...existing })).toEqual(blank({ ...fresh }));
    expect(existing).toMatchObject({ name: 'Someone Else', invited: true, lastLoginAt: null, disabled: false });

    const listed = await call(app, 'staff.list', {}, ada);
    const [m, n] = [listed.find((x) => x.email === 'max@acme.test'), listed.find((x) => x.email === 'nina@zeta.test')];
    expect(m).toEqual(existing);
    expect(n).toEqual(fresh);
    expect(JSON.stringify(listed)).not.toContain('Max Manager');
    // The activity list names the member as this workspace knows them.
    const labelled = (await call(app, 'activity.list', { resourceId: existing.userId }, ada)).items;
    expect(labelled.map((r) => r.resourceLabel)).toEqual(['Someone Else']);

    const added = (await activityRows(app.database, tenantB)).filter((r) => r.action === 'staff.added' && r.resourceId !== null && [existing.userId, fresh.userId].includes(r.resourceId));
    expect(added.map((r) => r.details)).toEqual([
      { email: 'max@acme.test', name: 'Someone Else', role: 'viewer' },
      { email: 'nina@zeta.test', name: 'Someone Else', role: 'viewer' },
    ]);
    // The typed password never replaces the account's own.
    expect(await callError(app, 'auth.signIn', { email: 'max@acme.test', password: 'violet harbour pepper 93' })).toMatchObject({ code: 'unauthenticated' });
  });

  it('an invitation gives no access until accepted: not listed, no switch, no session there', async () => {
    await inviteMax();
    const max = await signIn(app, 'max@acme.test');
    expect((await call(app, 'auth.session', {}, max))?.workspaces.map((w) => w.id)).toEqual([tenantA]);
    expect(await callError(app, 'auth.switchWorkspace', { tenantId: tenantB }, max)).toEqual({ code: 'not_found', message: 'Workspace not found', field: 'tenantId' });
    // A session in the invited workspace (made past the procedures) is refused on load.
    const forged = await app.database.write((tx) => app.services.auth.sessions.create(tx, { userKind: 'staff', userId: maxId, tenantId: tenantB }));
    expect(await call(app, 'auth.session', {}, forged)).toBeNull();
    expect(await callError(app, 'staff.list', {}, forged)).toMatchObject({ code: 'unauthenticated' });
  });

  it('the invited user accepts at the next sign-in; the workspace then sees their own name', async () => {
    await inviteMax();
    const max = await signIn(app, 'max@acme.test');
    expect(await call(app, 'auth.invitations', {}, max)).toEqual([{ tenantId: tenantB, workspaceName: 'Zeta Partners', role: 'viewer', invitedAt: clock().toISOString() }]);
    const info = await call(app, 'auth.acceptInvitation', { tenantId: tenantB }, max);
    expect(info.workspaces.map((w) => [w.name, w.role])).toEqual([
      ['Acme Partners', 'manager'],
      ['Zeta Partners', 'viewer'],
    ]);
    expect(info.tenant.id).toBe(tenantA); // the session stays until the user switches
    expect(await call(app, 'auth.invitations', {}, max)).toEqual([]);
    expect(await callError(app, 'auth.acceptInvitation', { tenantId: tenantB }, max)).toMatchObject({ code: 'not_found' });
    expect((await activityRows(app.database, tenantB)).at(-1)).toMatchObject({ action: 'staff.invitation_accepted', actorId: maxId, details: { role: 'viewer' } });
    expect((await call(app, 'staff.list', {}, ada)).find((m) => m.userId === maxId)).toMatchObject({ name: 'Max Manager', invited: false });
    expect(await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, max)).toMatchObject({ tenant: { id: tenantB }, role: 'viewer' });
  });

  it('declining removes the membership and tells the inviting workspace nothing more than it typed', async () => {
    await inviteMax();
    const max = await signIn(app, 'max@acme.test');
    expect(await call(app, 'auth.declineInvitation', { tenantId: tenantB }, max)).toEqual({ declined: true });
    expect(await membership(maxId, tenantB)).toBeUndefined();
    expect(await call(app, 'auth.invitations', {}, max)).toEqual([]);
    expect((await call(app, 'staff.list', {}, ada)).map((m) => m.email)).not.toContain('max@acme.test');
    const row = (await activityRows(app.database, tenantB)).at(-1);
    expect(row).toMatchObject({ action: 'staff.invitation_declined', actorId: maxId, actorName: 'Someone Else', details: { email: 'max@acme.test', role: 'viewer' } });
    expect(JSON.stringify(row)).not.toContain('Max Manager');
    expect(JSON.stringify(await call(app, 'activity.list', { resourceId: maxId }, ada))).not.toContain('Max Manager');
    // Answered once only, and B may invite again.
    expect(await callError(app, 'auth.declineInvitation', { tenantId: tenantB }, max)).toMatchObject({ code: 'not_found' });
    await inviteMax();
  });

  it("a new account's member shows as invited until its first sign-in, which accepts it", async () => {
    const nina = await call(app, 'staff.add', { name: 'Nina New', email: 'nina@zeta.test', role: 'finance', password: STRONG_PASSWORD }, ada);
    expect(nina).toMatchObject({ invited: true, lastLoginAt: null });
    clock.advance(MINUTE);
    const token = await signIn(app, 'nina@zeta.test');
    expect(await call(app, 'auth.session', {}, token)).toMatchObject({ tenant: { id: tenantB }, role: 'finance' });
    expect(await call(app, 'auth.invitations', {}, token)).toEqual([]);
    expect((await call(app, 'staff.list', {}, ada)).find((m) => m.userId === nina.userId)).toMatchObject({ invited: false, lastLoginAt: clock().toISOString() });
  });

  it('last sign-in is kept per workspace: B never shows a sign-in into A', async () => {
    await inviteMax();
    const max = await signIn(app, 'max@acme.test');
    await call(app, 'auth.acceptInvitation', { tenantId: tenantB }, max);
    const signedInA = clock().toISOString();
    clock.advance(MINUTE);
    const again = await signIn(app, 'max@acme.test'); // lands in A again (B was never used)
    const inA = (await call(app, 'staff.list', {}, again)).find((m) => m.userId === maxId);
    expect(inA?.lastLoginAt).toBe(clock().toISOString());
    expect(inA?.lastLoginAt).not.toBe(signedInA);
    expect((await call(app, 'staff.list', {}, ada)).find((m) => m.userId === maxId)?.lastLoginAt).toBeNull();
    clock.advance(MINUTE);
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, max);
    expect((await call(app, 'staff.list', {}, ada)).find((m) => m.userId === maxId)?.lastLoginAt).toBe(clock().toISOString());
  });

  it('a failed sign-in is recorded only where the membership is accepted, without naming other workspaces', async () => {
    await inviteMax(); // B only invited Max
    const beforeB = await activityRows(app.database, tenantB);
    expect(await callError(app, 'auth.signIn', { email: 'max@acme.test', password: 'not the password at all' })).toMatchObject({ code: 'unauthenticated' });
    expect(await activityRows(app.database, tenantB)).toEqual(beforeB);
    const failedA = (await activityRows(app.database, tenantA)).filter((r) => r.action === 'auth.sign_in_failed');
    expect(failedA).toHaveLength(1);

    // Accepted in both: each records it, and neither row names the other workspace.
    await call(app, 'auth.acceptInvitation', { tenantId: tenantB }, await signIn(app, 'max@acme.test'));
    clock.advance(MINUTE);
    expect(await callError(app, 'auth.signIn', { email: 'max@acme.test', password: 'not the password at all' })).toMatchObject({ code: 'unauthenticated' });
    for (const [tenant, other] of [
      [tenantA, tenantB],
      [tenantB, tenantA],
    ] as const) {
      const row = (await activityRows(app.database, tenant)).filter((r) => r.action === 'auth.sign_in_failed').at(-1);
      expect(row).toMatchObject({ tenantId: tenant, details: { reason: 'wrong_password' } });
      const text = JSON.stringify(row);
      for (const secret of [other, other === tenantA ? 'Acme Partners' : 'Zeta Partners']) expect(text).not.toContain(secret);
    }
  });

  it('sign-in lands in the last-used workspace, not the alphabetically first; a closed one falls back', async () => {
    await inviteMax();
    const max = await signIn(app, 'max@acme.test');
    await call(app, 'auth.acceptInvitation', { tenantId: tenantB }, max);
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, max);
    expect(await call(app, 'auth.session', {}, await signIn(app, 'max@acme.test'))).toMatchObject({ tenant: { id: tenantB } });
    // Ada worked in B last (the set-up above switched her there).
    expect(await call(app, 'auth.session', {}, await signIn(app, 'ada@acme.test'))).toMatchObject({ tenant: { id: tenantB } });

    await call(app, 'staff.disable', { userId: maxId }, ada); // in B
    expect(await call(app, 'auth.session', {}, await signIn(app, 'max@acme.test'))).toMatchObject({ tenant: { id: tenantA } });
  });
});
