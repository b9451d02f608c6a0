import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { call, setUpWorkspace, signIn, STRONG_PASSWORD } from '../support/actors';
import { activityRows, countRows, snapshot } from '../support/db';
import { callError } from '../support/outcomes';

/**
 * Staff management and workspaces (tenants), on every engine. Each test gets a fresh app with
 * A = "Acme Partners" set up, and builds the rest it needs with the `given…` steps below (B =
 * "Zeta Partners", created by A's admin, sorted after A so a sign-in lands in A), so no test
 * depends on another having run first.
 */
describe.each(engines)('staff and workspaces on $name', (engine) => {
  let app: TestApp;
  let tenantA = '';
  let tenantB = '';
  let adminToken = '';
  let adminId = '';
  let ids = new Map<string, string>();
  const id = (email: string) => ids.get(email) ?? '';

  beforeEach(async () => {
    ids = new Map();
    tenantB = '';
    app = await openTestApp(engine);
    const admin = await setUpWorkspace(app);
    tenantA = admin.tenantId;
    adminToken = admin.token;
    adminId = admin.userId;
  });
  afterEach(async () => {
    await app?.dispose();
  });

  const add = async (name: string, email: string, role: 'admin' | 'manager' | 'finance' | 'viewer', token = adminToken) => {
    const member = await call(app, 'staff.add', { name, email, role, password: STRONG_PASSWORD }, token);
    ids.set(email, member.userId);
    return member;
  };

  /** Max, a manager in A (finance when `asFinance`). */
  const givenMax = async (asFinance = false) => {
    await add('Max Manager', 'max@acme.test', 'manager');
    if (asFinance) await call(app, 'staff.changeRole', { userId: id('max@acme.test'), role: 'finance' }, adminToken);
  };
  /** Workspace B, created by A's admin (whose session stays in A). */
  const givenZeta = async () => {
    tenantB = (await call(app, 'workspaces.create', { name: 'Zeta Partners', currency: 'usd' }, adminToken)).id;
  };
  /** In B (which must exist): Vic, a viewer in A and an admin in B, and Bea, a viewer in B. */
  const givenVicAndBea = async () => {
    await add('Vic Versatile', 'vic@acme.test', 'viewer');
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, adminToken);
    await add('Vic Versatile', 'vic@acme.test', 'admin');
    await add('Bea Beta', 'bea@zeta.test', 'viewer');
    await call(app, 'auth.switchWorkspace', { tenantId: tenantA }, adminToken);
  };

  it('staff.add adds a member who can sign in with the initial password', async () => {
    const member = await add('Max Manager', 'Max@Acme.test', 'manager');
    expect(member).toMatchObject({ name: 'Max Manager', email: 'max@acme.test', role: 'manager', disabled: false, lastLoginAt: null });
    expect(Number.isNaN(Date.parse(member.addedAt))).toBe(false);
    ids.set('max@acme.test', member.userId);
    const list = await call(app, 'staff.list', {}, adminToken);
    expect(list.map((m) => [m.email, m.role])).toEqual([
      ['ada@acme.test', 'admin'],
      ['max@acme.test', 'manager'],
    ]);
    const token = await signIn(app, 'max@acme.test');
    expect(await call(app, 'auth.session', {}, token)).toMatchObject({ role: 'manager', tenant: { id: tenantA } });
    expect((await activityRows(app.database, tenantA)).at(-2)).toMatchObject({
      action: 'staff.added',
      actorId: adminId,
      resourceType: 'staff_user',
      resourceId: member.userId,
      details: { email: 'max@acme.test', role: 'manager' },
    });
  });

  it('staff.add refuses bad input, naming the field, and writes nothing', async () => {
    await givenMax();
    const valid = { name: 'Nina New', email: 'nina@acme.test', role: 'viewer', password: STRONG_PASSWORD };
    const cases: { patch: Record<string, unknown>; field: string | undefined; message?: RegExp }[] = [
      { patch: { email: 'nina-at-acme' }, field: 'email' },
      { patch: { email: '' }, field: 'email' },
      { patch: { role: 'owner' }, field: 'role', message: /Unknown role/ },
      { patch: { role: 'partner_admin' }, field: 'role' },
      { patch: { name: '' }, field: 'name' },
      { patch: { name: 'N'.repeat(300) }, field: 'name' },
      { patch: { password: 'password1234' }, field: 'password', message: /common/ },
      { patch: { password: 'qwertyuiop12' }, field: 'password', message: /common/ },
      { patch: { password: 'nina lantern cobalt 7' }, field: 'password', message: /name or e-mail/ },
      { patch: { tenantId: tenantA }, field: undefined, message: /Unknown field: tenantId/ },
      // Already a member of this workspace, whatever the case of the address.
      { patch: { email: 'MAX@acme.test' }, field: 'email', message: /already exists/ },
      { patch: { email: 'ada@acme.test', role: 'admin' }, field: 'email', message: /already exists/ },
    ];
    const before = await snapshot(app.database);
    for (const { patch, field, message } of cases) {
      const error = await callError(app, 'staff.add', { ...valid, ...patch }, adminToken);
      expect(error, JSON.stringify(patch).slice(0, 60)).toMatchObject({ code: 'validation' });
      expect(error.field, JSON.stringify(patch).slice(0, 60)).toBe(field);
      if (message) expect(error.message).toMatch(message);
    }
    expect(await snapshot(app.database)).toEqual(before);
  });

  it('changeRole, disable and enable work and are audited; a no-op writes nothing', async () => {
    await givenMax();
    const max = id('max@acme.test');
    expect(await call(app, 'staff.changeRole', { userId: max, role: 'finance' }, adminToken)).toMatchObject({ userId: max, role: 'finance' });
    const counts = await countRows(app.database);
    expect(await call(app, 'staff.changeRole', { userId: max, role: 'finance' }, adminToken)).toMatchObject({ role: 'finance' });
    expect(await call(app, 'staff.enable', { userId: max }, adminToken)).toMatchObject({ disabled: false });
    expect(await countRows(app.database)).toEqual(counts);

    expect(await call(app, 'staff.disable', { userId: max }, adminToken)).toMatchObject({ disabled: true });
    expect((await call(app, 'staff.list', {}, adminToken)).find((m) => m.userId === max)).toMatchObject({ disabled: true, role: 'finance' });
    expect(await call(app, 'staff.enable', { userId: max }, adminToken)).toMatchObject({ disabled: false, role: 'finance' });

    const trail = (await activityRows(app.database, tenantA)).slice(-3);
    expect(trail.map((r) => [r.action, r.resourceId, r.actorId])).toEqual([
      ['staff.role_changed', max, adminId],
      ['staff.disabled', max, adminId],
      ['staff.enabled', max, adminId],
    ]);
    expect(trail[0]?.details).toEqual({ from: 'manager', to: 'finance' });
  });

  it('the last active admin can be neither demoted nor disabled', async () => {
    const before = await snapshot(app.database);
    expect(await callError(app, 'staff.changeRole', { userId: adminId, role: 'manager' }, adminToken)).toMatchObject({ code: 'conflict' });
    expect(await callError(app, 'staff.disable', { userId: adminId }, adminToken)).toMatchObject({ code: 'conflict' });
    expect(await snapshot(app.database)).toEqual(before);

    // A disabled second admin does not count.
    const second = await add('Sue Second', 'sue@acme.test', 'admin');
    await call(app, 'staff.disable', { userId: second.userId }, adminToken);
    expect(await callError(app, 'staff.changeRole', { userId: adminId, role: 'viewer' }, adminToken)).toMatchObject({ code: 'conflict' });

    // Nor one who has not signed in yet (an invitation manages nothing); an active one does: Ada may step down, and Sue may promote her back.
    await call(app, 'staff.enable', { userId: second.userId }, adminToken);
    expect(await callError(app, 'staff.changeRole', { userId: adminId, role: 'viewer' }, adminToken)).toMatchObject({ code: 'conflict' });
    const sue = await signIn(app, 'sue@acme.test');
    expect(await call(app, 'staff.changeRole', { userId: adminId, role: 'manager' }, adminToken)).toMatchObject({ role: 'manager' });
    expect(await call(app, 'auth.session', {}, adminToken)).toMatchObject({ role: 'manager' }); // the role follows at once
    expect(await callError(app, 'staff.add', { name: 'X', email: 'x@acme.test', role: 'viewer', password: STRONG_PASSWORD }, adminToken)).toMatchObject({ code: 'forbidden' });
    await call(app, 'staff.changeRole', { userId: adminId, role: 'admin' }, sue);
    expect(await call(app, 'auth.session', {}, adminToken)).toMatchObject({ role: 'admin' });
    // And now Sue is no longer the last one either.
    await call(app, 'staff.disable', { userId: second.userId }, adminToken);
  });

  it('workspaces.create makes its creator the admin and is audited in both workspaces', async () => {
    await givenMax(true);
    const before = await snapshot(app.database);
    expect(await callError(app, 'workspaces.create', { name: '', currency: 'USD' }, adminToken)).toMatchObject({ code: 'validation', field: 'name' });
    expect(await callError(app, 'workspaces.create', { name: 'Zeta', currency: 'XXY' }, adminToken)).toMatchObject({ code: 'validation', field: 'currency' });
    expect(await snapshot(app.database)).toEqual(before);

    const b = await call(app, 'workspaces.create', { name: 'Zeta Partners', currency: 'usd' }, adminToken);
    tenantB = b.id;
    expect(b).toEqual({ id: tenantB, name: 'Zeta Partners', currency: 'USD', role: 'admin' });
    expect(await call(app, 'workspaces.list', {}, adminToken)).toEqual([
      { id: tenantA, name: 'Acme Partners', currency: 'EUR', role: 'admin' },
      { id: tenantB, name: 'Zeta Partners', currency: 'USD', role: 'admin' },
    ]);
    // The session stays where it was until the user switches.
    expect(await call(app, 'auth.session', {}, adminToken)).toMatchObject({ tenant: { id: tenantA } });
    for (const tenant of [tenantA, tenantB]) {
      expect((await activityRows(app.database, tenant)).at(-1)).toMatchObject({ action: 'workspace.created', resourceId: tenantB, actorId: adminId });
    }
    expect(await call(app, 'workspaces.list', {}, await signIn(app, 'max@acme.test'))).toEqual([{ id: tenantA, name: 'Acme Partners', currency: 'EUR', role: 'finance' }]);
  });

  it('switchWorkspace moves the session, and the role follows the membership', async () => {
    await givenZeta();
    // Vic: a viewer in A, an admin in B (one identity, two memberships).
    await add('Vic Versatile', 'vic@acme.test', 'viewer');
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, adminToken);
    const again = await add('Vic Versatile', 'vic@acme.test', 'admin');
    expect(again.userId).toBe(id('vic@acme.test'));
    await add('Bea Beta', 'bea@zeta.test', 'viewer');
    expect((await call(app, 'staff.list', {}, adminToken)).map((m) => m.email)).toEqual(['ada@acme.test', 'bea@zeta.test', 'vic@acme.test']);
    await call(app, 'auth.switchWorkspace', { tenantId: tenantA }, adminToken);

    const vic = await signIn(app, 'vic@acme.test');
    expect(await call(app, 'auth.session', {}, vic)).toMatchObject({ tenant: { id: tenantA }, role: 'viewer' });
    await call(app, 'auth.acceptInvitation', { tenantId: tenantB }, vic);
    expect(await callError(app, 'staff.add', { name: 'Y', email: 'y@acme.test', role: 'viewer', password: STRONG_PASSWORD }, vic)).toMatchObject({ code: 'forbidden' });

    const moved = await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, vic);
    expect(moved).toMatchObject({ tenant: { id: tenantB, name: 'Zeta Partners', currency: 'USD' }, role: 'admin' });
    expect(await call(app, 'auth.session', {}, vic)).toEqual(moved);
    expect((await call(app, 'staff.list', {}, vic)).map((m) => m.email)).toContain('bea@zeta.test');
    expect(await call(app, 'staff.changeRole', { userId: id('bea@zeta.test'), role: 'finance' }, vic)).toMatchObject({ role: 'finance' });
    expect((await activityRows(app.database, tenantB)).slice(-2).map((r) => [r.action, r.actorId, r.details])).toEqual([
      ['auth.workspace_switched', id('vic@acme.test'), {}],
      ['staff.role_changed', id('vic@acme.test'), { from: 'viewer', to: 'finance' }],
    ]);

    await call(app, 'auth.switchWorkspace', { tenantId: tenantA }, vic);
    expect(await callError(app, 'staff.changeRole', { userId: id('bea@zeta.test'), role: 'viewer' }, vic)).toMatchObject({ code: 'forbidden' });
  });

  it("a workspace never sees another's staff: a foreign id behaves exactly like a missing one", async () => {
    await givenMax(true);
    await givenZeta();
    await givenVicAndBea();
    const max = await signIn(app, 'max@acme.test'); // finance in A, not a member of B
    const bea = id('bea@zeta.test');
    const random = randomUUID();
    const beforeB = await activityRows(app.database, tenantB);
    const { memberships } = app.database.t;
    const beaBefore = await app.database.db.select().from(memberships).where(eq(memberships.userId, bea));

    expect((await call(app, 'staff.list', {}, adminToken)).map((m) => m.userId)).not.toContain(bea);
    for (const [name, input] of [
      ['staff.changeRole', { role: 'viewer' }],
      ['staff.disable', {}],
      ['staff.enable', {}],
    ] as const) {
      const foreign = await callError(app, name, { ...input, userId: bea }, adminToken);
      const missing = await callError(app, name, { ...input, userId: random }, adminToken);
      expect(foreign).toEqual({ code: 'not_found', message: 'Staff user not found', field: 'userId' });
      expect(foreign).toEqual(missing);
    }
    expect((await call(app, 'activity.list', { resourceId: bea }, adminToken)).items).toEqual([]);
    expect((await call(app, 'activity.list', { actorId: id('vic@acme.test'), action: 'staff.role_changed' }, adminToken)).items).toEqual([]);

    const foreignWorkspace = await callError(app, 'auth.switchWorkspace', { tenantId: tenantB }, max);
    expect(foreignWorkspace).toEqual({ code: 'not_found', message: 'Workspace not found', field: 'tenantId' });
    expect(await callError(app, 'auth.switchWorkspace', { tenantId: random }, max)).toEqual(foreignWorkspace);
    expect(await call(app, 'auth.session', {}, max)).toMatchObject({ tenant: { id: tenantA }, role: 'finance' });

    expect(await app.database.db.select().from(memberships).where(eq(memberships.userId, bea))).toEqual(beaBefore);
    expect(await activityRows(app.database, tenantB)).toEqual(beforeB);
  });

  it('a member disabled in one workspace keeps the other, and cannot switch back into the first', async () => {
    await givenZeta();
    await givenVicAndBea();
    const vic = id('vic@acme.test');
    const vicToken = await signIn(app, 'vic@acme.test'); // lands in A
    await call(app, 'auth.acceptInvitation', { tenantId: tenantB }, vicToken);
    await call(app, 'staff.disable', { userId: vic }, adminToken); // in A
    expect(await call(app, 'auth.session', {}, vicToken)).toBeNull();
    const again = await signIn(app, 'vic@acme.test'); // only B is left
    expect(await call(app, 'auth.session', {}, again)).toMatchObject({ tenant: { id: tenantB }, role: 'admin', workspaces: [{ id: tenantB }] });
    expect(await callError(app, 'auth.switchWorkspace', { tenantId: tenantA }, again)).toMatchObject({ code: 'not_found' });
  });

  it('adding an address that already has an identity keeps its password (the initial one is ignored)', async () => {
    await givenMax();
    await givenZeta();
    // Documented behaviour: staff identities are global, one password per person.
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, adminToken);
    const member = await call(app, 'staff.add', { name: 'Someone Else', email: 'max@acme.test', role: 'viewer', password: 'violet harbour pepper 93' }, adminToken);
    // B sees only what its admin typed (tests/services/staff-identities.test.ts has the rest).
    expect(member).toMatchObject({ userId: id('max@acme.test'), name: 'Someone Else', role: 'viewer', invited: true });
    expect(await callError(app, 'auth.signIn', { email: 'max@acme.test', password: 'violet harbour pepper 93' })).toMatchObject({ code: 'unauthenticated' });
    await signIn(app, 'max@acme.test');
    await call(app, 'auth.switchWorkspace', { tenantId: tenantA }, adminToken);
  });
});
