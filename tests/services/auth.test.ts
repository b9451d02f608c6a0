import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines, type TestApp } from '../support/engines';
import { openTestAppWithClock, testClock, MINUTE, HOUR } from '../support/clock';
import { call, rawCall, signIn, STRONG_PASSWORD } from '../support/actors';
import { activityRows, countRows, snapshot } from '../support/db';
import { callError } from '../support/outcomes';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src-main/domain/session-policy';

/**
 * First run, sign-in/out, throttling and session lifetime, on every engine. Each test gets a
 * fresh app with a hand-moved clock; those about a set-up instance start with `setUp()`, so no
 * test depends on another having run first.
 */
describe.each(engines)('auth and sessions on $name', (engine) => {
  const START = '2031-03-03T08:00:00.000Z';
  const clock = testClock(START);
  let app: TestApp;
  let tenantId = '';
  let adminId = '';
  const SETUP = { workspaceName: 'Acme Partners', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@acme.test', password: STRONG_PASSWORD };
  const WRONG = 'definitely not the password';

  beforeEach(async () => {
    clock.set(START);
    app = await openTestAppWithClock(engine, clock);
  });
  afterEach(async () => {
    await app?.dispose();
  });

  /** First-run set-up of this test's app, as the admin; records the workspace and admin ids. */
  async function setUp(): Promise<void> {
    const outcome = await rawCall(app, 'auth.setup', { ...SETUP, setupCode: app.setupCode });
    if (!outcome.response.ok) throw new Error(JSON.stringify(outcome.response.error));
    const info = outcome.response.result as Awaited<ReturnType<typeof sessionOf>>;
    tenantId = info?.tenant.id ?? '';
    adminId = info?.user.id ?? '';
  }

  /** A manager who was disabled, whose sign-in was then refused, and who was enabled again. */
  async function disabledAndBack(adminToken: string) {
    const member = await call(app, 'staff.add', { name: 'Dee Disabled', email: 'dee@acme.test', role: 'manager', password: STRONG_PASSWORD }, adminToken);
    await call(app, 'staff.disable', { userId: member.userId }, adminToken);
    await callError(app, 'auth.signIn', { email: 'dee@acme.test', password: STRONG_PASSWORD });
    await call(app, 'staff.enable', { userId: member.userId }, adminToken);
    return member.userId;
  }

  const admin = () => signIn(app, 'ada@acme.test');
  const sessionOf = async (token: string) => call(app, 'auth.session', {}, token);

  it('a fresh instance needs set-up and has no session', async () => {
    expect(await call(app, 'auth.setupStatus', {})).toEqual({ needsSetup: true });
    expect(await call(app, 'auth.session', {})).toBeNull();
    expect(await callError(app, 'staff.list', {})).toMatchObject({ code: 'unauthenticated' });
  });

  it('set-up refuses bad input, naming the field, and writes nothing', async () => {
    const cases: { patch: Record<string, unknown>; field: string | undefined; message?: RegExp }[] = [
      { patch: { workspaceName: '' }, field: 'workspaceName' },
      { patch: { workspaceName: '    ' }, field: 'workspaceName' },
      { patch: { workspaceName: 'W'.repeat(300) }, field: 'workspaceName', message: /at most 120/ },
      { patch: { currency: 'XXY' }, field: 'currency', message: /Unknown currency/ },
      { patch: { currency: 'EURO' }, field: 'currency' },
      { patch: { currency: '' }, field: 'currency' },
      { patch: { adminName: '' }, field: 'adminName' },
      { patch: { adminEmail: 'not-an-email' }, field: 'adminEmail', message: /valid email/ },
      { patch: { adminEmail: 'ada@' }, field: 'adminEmail' },
      { patch: { password: 'short pw' }, field: 'password', message: /at least 12/ },
      { patch: { password: 'password1234' }, field: 'password', message: /common passwords/ },
      { patch: { password: 'qwertyuiop12' }, field: 'password', message: /common passwords/ },
      { patch: { password: 'aaaaaaaaaaaaaaaa' }, field: 'password', message: /easy to guess/ },
      { patch: { password: 'lovelace meadow acme 7' }, field: 'password', message: /name or e-mail/ },
      { patch: { role: 'admin' }, field: undefined, message: /Unknown field: role/ },
    ];
    const before = await snapshot(app.database);
    for (const { patch, field, message } of cases) {
      const input = { ...SETUP, adminEmail: 'ada.lovelace@acme.test', setupCode: app.setupCode, ...patch };
      const error = await callError(app, 'auth.setup', input);
      expect(error, JSON.stringify(patch).slice(0, 60)).toMatchObject({ code: 'validation' });
      expect(error.field, JSON.stringify(patch).slice(0, 60)).toBe(field);
      if (message) expect(error.message).toMatch(message);
    }
    expect(await snapshot(app.database)).toEqual(before);
    expect(await countRows(app.database)).toMatchObject({ tenants: 0, staff_users: 0, activity: 0, sessions: 0 });
    expect(await call(app, 'auth.setupStatus', {})).toEqual({ needsSetup: true });
  });

  it('set-up creates the workspace and its admin, and signs the admin in', async () => {
    const outcome = await rawCall(app, 'auth.setup', { ...SETUP, currency: ' eur ', adminEmail: ' Ada@Acme.TEST ', setupCode: app.setupCode });
    if (!outcome.response.ok) throw new Error(JSON.stringify(outcome.response.error));
    const token = outcome.token;
    if (typeof token !== 'string') throw new Error('set-up must hand a session token to the transport');
    const info = outcome.response.result as Awaited<ReturnType<typeof sessionOf>>;
    tenantId = info?.tenant.id ?? '';
    adminId = info?.user.id ?? '';
    expect(info).toMatchObject({
      user: { name: 'Ada Admin', email: 'ada@acme.test', kind: 'staff' },
      tenant: { name: 'Acme Partners', currency: 'EUR' },
      role: 'admin',
      workspaces: [{ id: tenantId, name: 'Acme Partners', currency: 'EUR', role: 'admin' }],
    });
    expect(await sessionOf(token)).toEqual(info);
    expect(await countRows(app.database)).toMatchObject({ tenants: 1, staff_users: 1, memberships: 1, sessions: 1 });

    // Secrets at rest: an argon2id hash, and the session stored under the token's SHA-256 only.
    const { staffUsers, sessions } = app.database.t;
    const [user] = await app.database.db.select().from(staffUsers);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user?.passwordHash).not.toContain(STRONG_PASSWORD);
    const [session] = await app.database.db.select().from(sessions);
    expect(session?.id).toBe(createHash('sha256').update(token).digest('hex'));

    const trail = await activityRows(app.database, tenantId);
    expect(trail.map((r) => r.action)).toEqual(['workspace.created', 'staff.added', 'auth.signed_in']);
    expect(trail.every((r) => r.actorId === adminId && r.actorType === 'staff')).toBe(true);
    expect(trail[0]).toMatchObject({ resourceType: 'workspace', resourceId: tenantId, details: { name: 'Acme Partners', currency: 'EUR', firstRun: true } });
  });

  it('a second set-up is refused with conflict and changes nothing', async () => {
    await setUp();
    const before = await snapshot(app.database);
    const error = await callError(app, 'auth.setup', { ...SETUP, workspaceName: 'Hijack', adminEmail: 'mallory@evil.test' });
    expect(error.code).toBe('conflict');
    expect(await snapshot(app.database)).toEqual(before);
    expect(await call(app, 'auth.setupStatus', {})).toEqual({ needsSetup: false });
  });

  it('sign-out ends the session; signing in again (any e-mail case) starts a new one', async () => {
    await setUp();
    const token = await admin();
    const out = await rawCall(app, 'auth.signOut', {}, token);
    expect(out.response).toEqual({ ok: true, result: { signedOut: true } });
    expect(out.token).toBeNull(); // the transport forgets the token
    expect(await sessionOf(token)).toBeNull();
    const after = await rawCall(app, 'staff.list', {}, token);
    expect(after.response).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(after.token).toBeNull();
    expect(await callError(app, 'auth.signOut', {}, token)).toMatchObject({ code: 'unauthenticated' });

    clock.advance(MINUTE);
    const again = await signIn(app, 'ADA@acme.test');
    expect(again).not.toBe(token);
    expect((await sessionOf(again))?.user.id).toBe(adminId);
    const { staffUsers } = app.database.t;
    const [user] = await app.database.db.select().from(staffUsers).where(eq(staffUsers.id, adminId));
    expect(user?.lastLoginAt?.getTime()).toBe(clock().getTime());
    const actions = (await activityRows(app.database, tenantId)).map((r) => r.action);
    expect(actions.slice(-3)).toEqual(['auth.signed_in', 'auth.signed_out', 'auth.signed_in']);
  });

  it('a wrong password is refused and audited; a right one resets the count', async () => {
    await setUp();
    const outcome = await rawCall(app, 'auth.signIn', { email: 'ada@acme.test', password: WRONG });
    expect(outcome.response).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Email or password is incorrect' } });
    expect(outcome.token).toBeUndefined();
    const last = (await activityRows(app.database, tenantId)).at(-1);
    expect(last).toMatchObject({
      action: 'auth.sign_in_failed',
      actorId: adminId,
      resourceId: adminId,
      details: { reason: 'wrong_password', consecutiveFailures: 1 },
    });
    expect(JSON.stringify(last?.details)).not.toContain(WRONG); // never log what was typed

    await admin(); // a single typo costs no pause
    const { staffUsers } = app.database.t;
    const [user] = await app.database.db.select().from(staffUsers).where(eq(staffUsers.id, adminId));
    expect(user?.failedSignIns).toBe(0);
  });

  it('failures pause the account 1 s, 2 s, 4 s …; five in a window hold even the right password until the window ends, never a day', async () => {
    await setUp();
    const adminToken = await admin();
    await call(app, 'staff.add', { name: 'Lou Locked', email: 'lou@acme.test', role: 'viewer', password: STRONG_PASSWORD }, adminToken);
    const windowStart = clock().getTime();
    for (let i = 1; i <= 5; i++) {
      expect(await callError(app, 'auth.signIn', { email: 'lou@acme.test', password: WRONG }), `failure ${i}`).toMatchObject({ code: 'unauthenticated' });
      if (i >= 2 && i < 5) {
        // Too soon: refused before the password is looked at, and not audited (a flood must not flood the trail).
        expect(await callError(app, 'auth.signIn', { email: 'lou@acme.test', password: STRONG_PASSWORD })).toEqual({ code: 'rate_limited', message: `Too many failed sign-ins; try again in ${2 ** (i - 2)} s` });
        clock.advance(1000 * 2 ** (i - 2));
      }
    }
    const failures = (await activityRows(app.database, tenantId)).filter((r) => r.action === 'auth.sign_in_failed' && r.actorName === 'Lou Locked');
    expect(failures.map((r) => [r.details.reason, r.details.consecutiveFailures, r.details.pausedForSeconds])).toEqual([1, 2, 3, 4, 5].map((n) => ['wrong_password', n, n === 1 ? undefined : 2 ** (n - 2)]));

    const elapsed = clock().getTime() - windowStart;
    const locked = await rawCall(app, 'auth.signIn', { email: 'lou@acme.test', password: STRONG_PASSWORD });
    expect(locked.response).toEqual({ ok: false, error: { code: 'rate_limited', message: `Too many failed sign-ins; try again in ${Math.ceil((15 * MINUTE - elapsed) / 1000)} s` } });
    expect(locked.token).toBeUndefined();
    clock.set(new Date(windowStart + 15 * MINUTE - 1000));
    expect(await callError(app, 'auth.signIn', { email: 'lou@acme.test', password: STRONG_PASSWORD })).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('try again in 1 s') });
    clock.set(new Date(windowStart + 15 * MINUTE));
    const token = await signIn(app, 'lou@acme.test');
    expect((await sessionOf(token))?.user.email).toBe('lou@acme.test');
  });

  it('an unknown e-mail fails exactly like a wrong password and is audited on the _system chain', async () => {
    await setUp();
    const adminToken = await admin();
    const wrongPassword = await callError(app, 'auth.signIn', { email: 'ada@acme.test', password: WRONG });
    const unknown = await callError(app, 'auth.signIn', { email: 'nobody@acme.test', password: WRONG });
    expect(unknown).toEqual(wrongPassword); // no account enumeration through the answer
    const system = await activityRows(app.database, '_system');
    expect(system.at(-1)).toMatchObject({
      tenantId: '_system',
      actorType: 'anonymous',
      actorId: null,
      action: 'auth.sign_in_failed',
      details: { email: 'nobody@acme.test', reason: 'unknown_email' },
    });
    const page = await call(app, 'activity.list', { action: 'auth.sign_in_failed', limit: 200 }, adminToken);
    expect(page.items.some((e) => e.details.email === 'nobody@acme.test')).toBe(false);
    expect(await app.services.activity.verify('_system')).toEqual({ ok: true, checked: system.length, problems: [] });
  });

  it('an idle session ends after 30 minutes without a call', async () => {
    await setUp();
    const token = await admin();
    clock.advance(SESSION_IDLE_MS - 1);
    const info = await sessionOf(token); // still alive, and this call counts as activity
    expect(info?.idleExpiresAt).toBe(new Date(clock().getTime() + SESSION_IDLE_MS).toISOString());
    clock.advance(SESSION_IDLE_MS - 1);
    expect(await sessionOf(token)).not.toBeNull();
    clock.advance(SESSION_IDLE_MS);
    expect(await sessionOf(token)).toBeNull();
    const outcome = await rawCall(app, 'staff.list', {}, token);
    expect(outcome.response).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(outcome.token).toBeNull();
  });

  it('a session ends 12 hours after sign-in, however busy', async () => {
    await setUp();
    const signedInAt = clock().getTime();
    const token = await admin();
    const absolute = new Date(signedInAt + SESSION_ABSOLUTE_MS).toISOString();
    expect((await sessionOf(token))?.absoluteExpiresAt).toBe(absolute);
    while (clock().getTime() + 25 * MINUTE < signedInAt + SESSION_ABSOLUTE_MS) {
      clock.advance(25 * MINUTE);
      expect(await sessionOf(token), new Date(clock()).toISOString()).not.toBeNull();
    }
    clock.set(new Date(signedInAt + SESSION_ABSOLUTE_MS - 1));
    const last = await sessionOf(token);
    expect(last?.idleExpiresAt).toBe(absolute); // the idle limit never reaches past the absolute one
    clock.advance(1);
    expect(await sessionOf(token)).toBeNull();
    expect(await callError(app, 'staff.list', {}, token)).toMatchObject({ code: 'unauthenticated' });
    expect(clock().getTime() - signedInAt).toBe(12 * HOUR);
  });

  it("disabling a staff user ends their session at once; enabling does not revive it", async () => {
    await setUp();
    const adminToken = await admin();
    const member = await call(app, 'staff.add', { name: 'Dee Disabled', email: 'dee@acme.test', role: 'manager', password: STRONG_PASSWORD }, adminToken);
    const token = await signIn(app, 'dee@acme.test');
    const other = await signIn(app, 'dee@acme.test'); // a second desktop
    expect((await call(app, 'staff.list', {}, token)).map((m) => m.email)).toContain('dee@acme.test');

    await call(app, 'staff.disable', { userId: member.userId }, adminToken);
    for (const t of [token, other]) {
      expect(await sessionOf(t)).toBeNull();
      expect(await callError(app, 'staff.list', {}, t)).toMatchObject({ code: 'unauthenticated' });
    }
    const refused = await callError(app, 'auth.signIn', { email: 'dee@acme.test', password: STRONG_PASSWORD });
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringContaining('disabled') });
    const everywhere = [...(await activityRows(app.database, tenantId)), ...(await activityRows(app.database, '_system'))];
    expect(everywhere.filter((r) => r.actorId === member.userId && r.action === 'auth.sign_in_failed').map((r) => r.details.reason)).toEqual(['disabled']);

    await call(app, 'staff.enable', { userId: member.userId }, adminToken);
    expect(await sessionOf(token)).toBeNull();
    const fresh = await signIn(app, 'dee@acme.test');
    expect((await sessionOf(fresh))?.role).toBe('manager');
  });

  // A user disabled everywhere who tries to sign in must show up in those workspaces' trails,
  // not only on the '_system' chain that no workspace admin can read.
  it("a disabled member's sign-in attempt appears in the workspace's own trail", async () => {
    await setUp();
    const deeId = await disabledAndBack(await admin());
    const trail = await activityRows(app.database, tenantId);
    expect(trail.filter((r) => r.actorId === deeId && r.action === 'auth.sign_in_failed').map((r) => r.details.reason)).toEqual(['disabled']);
  });
});
