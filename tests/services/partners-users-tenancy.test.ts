import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src-main/services/auth/sessions';
import type { Input } from '../../src-shared/contract';
import { engines } from '../support/engines';
import { call, STRONG_PASSWORD } from '../support/actors';
import { callError } from '../support/outcomes';
import { freshSession } from '../support/sessions';
import { actionsOf, audited, createPartner, DAY, ownWorkspace, setUpPartnerSuite, unchanged, unique, uploadDocument, type PartnerSuite } from '../support/partners';
import { tinyPdf } from '../support/files';

type CreateUserInput = Input<'partners.users.create'>;

/**
 * Portal users of partners (passwords, one-time invites, e-mail unique per workspace) and the
 * wall between workspaces: another workspace's ids answer exactly like ids that do not exist.
 * Each test works in a workspace of its own (admin, manager, viewer, two partners), and makes
 * the portal users it needs, so none depends on another having run first.
 */
describe.each(engines)('partners: portal users and tenancy on $name', (engine) => {
  let s: PartnerSuite;
  /** This test's workspace: its admin's, manager's and viewer's sessions. */
  let ws = { tenantId: '', token: '', manager: '', viewer: '' };
  const admin = () => ws.token;
  let partnerA = '';
  let partnerA2 = '';

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  beforeEach(async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const member = async (role: 'manager' | 'viewer') => {
      const added = await call(s.app, 'staff.add', { name: `${role} ${unique()}`, email: `${role}-${unique()}@acme.test`, role, password: STRONG_PASSWORD }, token);
      return freshSession(s.app, added.userId, tenantId);
    };
    ws = { tenantId, token, manager: await member('manager'), viewer: await member('viewer') };
    partnerA = (await createPartner(s.app, admin(), { legalName: 'Alpha Portal Co' })).id;
    partnerA2 = (await createPartner(s.app, admin(), { legalName: 'Second Alpha Co' })).id;
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  const userRow = async (id: string) => {
    const u = s.app.database.t.partnerUsers;
    const [row] = await s.app.database.db.select().from(u).where(eq(u.id, id));
    if (!row) throw new Error(`no partner user ${id}`);
    return row;
  };
  const newUser = (patch: Partial<CreateUserInput> = {}): CreateUserInput => ({
    partnerId: partnerA,
    name: 'Lena Lead',
    email: 'Lena@Alpha-Portal.test',
    role: 'partner_lead_manager',
    credential: { mode: 'password', password: STRONG_PASSWORD },
    ...patch,
  });
  /** Lena (a password) and, unless left out, Ivan (an invite) on partner A, as the earlier tests of this file once left them. */
  const lenaAndIvan = async (withIvan = true) => {
    const lena = (await call(s.app, 'partners.users.create', newUser(), admin())).user;
    const ivan = withIvan
      ? (await call(s.app, 'partners.users.create', newUser({ name: 'Ivan Invited', email: 'ivan@alpha-portal.test', role: 'partner_viewer', credential: { mode: 'invite' } }), admin())).user
      : null;
    return { lena, ivan };
  };

  it('creates a portal user with a password (strength checked), hashed with argon2id', async () => {
    const { app } = s;
    const { tenantId } = ws;
    await unchanged(app, async () => {
      const cases: [Partial<CreateUserInput> | Record<string, unknown>, string, RegExp][] = [
        [{ credential: { mode: 'password', password: 'short' } }, 'credential.password', /at least 12/],
        [{ credential: { mode: 'password', password: 'password1234' } }, 'credential.password', /common passwords/],
        [{ credential: { mode: 'password', password: 'lena lantern cobalt 7' } }, 'credential.password', /name or e-mail/],
        [{ credential: { mode: 'magic-link' } }, 'credential.mode', /password or an invite/],
        [{ email: 'lena-at-alpha' }, 'email', /valid email/],
        [{ name: '' }, 'name', /required/],
        [{ role: 'admin' }, 'role', /Choose admin, lead manager or viewer/],
      ];
      for (const [patch, field, message] of cases) {
        const error = await callError(app, 'partners.users.create', newUser(patch as Partial<CreateUserInput>), admin());
        expect({ patch, code: error.code, field: error.field }).toEqual({ patch, code: 'validation', field });
        expect(error.message).toMatch(message);
      }
      expect(await callError(app, 'partners.users.create', newUser(), ws.manager)).toMatchObject({ code: 'forbidden' });
      expect(await callError(app, 'partners.users.create', newUser({ partnerId: randomUUID() }), admin())).toMatchObject({ code: 'not_found', message: 'Partner not found' });
    });

    const { result, row } = await audited(app, tenantId, ['partner_user.created'], () => call(app, 'partners.users.create', newUser(), admin()), partnerA);
    expect(result).toEqual({
      user: {
        id: expect.any(String),
        partnerId: partnerA,
        name: 'Lena Lead',
        email: 'lena@alpha-portal.test',
        role: 'partner_lead_manager',
        status: 'active',
        lastLoginAt: null,
        createdAt: expect.any(String),
        // What the admin may do with her now (an active user: no new invite).
        actions: [
          { action: 'partners.users.update', enabled: true, reason: null, needsReason: false },
          { action: 'partners.users.deactivate', enabled: true, reason: null, needsReason: false },
        ],
      },
      invite: null,
    });
    expect(row?.details).toEqual({ code: expect.any(String), userId: result.user.id, email: 'lena@alpha-portal.test', role: 'partner_lead_manager', credential: 'password' });
    const stored = await userRow(result.user.id);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.inviteTokenHash).toBeNull();
    expect(JSON.stringify(stored)).not.toContain(STRONG_PASSWORD);
    expect(JSON.stringify(row)).not.toContain(STRONG_PASSWORD);
  });

  it('creates an invited user: the token is returned once and only its hash is stored', async () => {
    const { app } = s;
    const { tenantId } = ws;
    await lenaAndIvan(false);
    const { result, row } = await audited(
      app,
      tenantId,
      ['partner_user.created'],
      () => call(app, 'partners.users.create', newUser({ name: 'Ivan Invited', email: 'ivan@alpha-portal.test', role: 'partner_viewer', credential: { mode: 'invite' } }), admin()),
      partnerA,
    );
    expect(result.user).toMatchObject({ status: 'invited', role: 'partner_viewer' });
    expect(result.user.actions.map((a) => a.action)).toEqual(['partners.users.update', 'partners.users.createInvite', 'partners.users.deactivate']);
    const invite = result.invite;
    if (!invite) throw new Error('an invite was expected');
    expect(invite.userId).toBe(result.user.id);
    expect(invite.token.length).toBeGreaterThanOrEqual(32);
    expect(Date.parse(invite.expiresAt) - Date.parse(result.user.createdAt)).toBe(7 * DAY);
    expect(row?.details).toMatchObject({ credential: 'invite' });

    const stored = await userRow(result.user.id);
    expect(stored.passwordHash).toBeNull();
    expect(stored.inviteTokenHash).toBe(hashToken(invite.token));
    expect(JSON.stringify(stored)).not.toContain(invite.token);
    expect(JSON.stringify(await app.database.raw('SELECT * FROM activity'))).not.toContain(invite.token);
    // Listing never shows the token or its hash.
    const listed = await call(app, 'partners.users.list', { partnerId: partnerA }, ws.viewer);
    expect(listed.map((u) => [u.name, u.status])).toEqual([
      ['Ivan Invited', 'invited'],
      ['Lena Lead', 'active'],
    ]);
    expect(JSON.stringify(listed)).not.toContain(stored.inviteTokenHash ?? '');
    expect(listed.map((u) => u.actions)).toEqual([[], []]); // the viewer may change nobody

    // A new invite replaces the old one.
    const { result: again, row: invited } = await audited(app, tenantId, ['partner_user.invited'], () => call(app, 'partners.users.createInvite', { id: result.user.id }, admin()), partnerA);
    expect(again.token).not.toBe(invite.token);
    expect((await userRow(result.user.id)).inviteTokenHash).toBe(hashToken(again.token));
    expect(invited?.details).toEqual({ userId: result.user.id, email: 'ivan@alpha-portal.test', expiresAt: again.expiresAt });
  });

  it('keeps e-mails unique per workspace, across partners and whatever the case', async () => {
    const { app } = s;
    await lenaAndIvan();
    await unchanged(app, async () => {
      for (const input of [
        newUser({ email: 'LENA@alpha-portal.test' }),
        newUser({ partnerId: partnerA2, email: 'lena@alpha-portal.test', credential: { mode: 'invite' } }),
        newUser({ partnerId: partnerA2, email: ' Ivan@Alpha-Portal.TEST ', name: 'Other Ivan', credential: { mode: 'invite' } }),
      ]) {
        expect(await callError(app, 'partners.users.create', input, admin())).toEqual({
          code: 'validation',
          message: 'A portal user with this email already exists in this workspace',
          field: 'email',
        });
      }
    });
    const other = await call(app, 'partners.users.create', newUser({ partnerId: partnerA2, name: 'Olga Other', email: 'olga@second-alpha.test', credential: { mode: 'invite' } }), admin());
    expect(await unchanged(app, () => callError(app, 'partners.users.update', { id: other.user.id, email: 'lena@alpha-portal.test' }, admin()))).toMatchObject({
      code: 'validation',
      field: 'email',
    });
  });

  it('updates (audited from/to, no-op writes nothing), deactivates, and refuses invites to deactivated users', async () => {
    const { app } = s;
    const { tenantId } = ws;
    const { lena, ivan } = await lenaAndIvan();
    if (!ivan) throw new Error('Ivan was not invited');

    const { result: updated, row } = await audited(
      app,
      tenantId,
      ['partner_user.updated'],
      () => call(app, 'partners.users.update', { id: lena.id, name: 'Lena Leader', role: 'partner_admin', email: 'lena.leader@alpha-portal.test' }, admin()),
      partnerA,
    );
    expect(updated).toMatchObject({ id: lena.id, name: 'Lena Leader', role: 'partner_admin', email: 'lena.leader@alpha-portal.test', status: 'active' });
    expect(row?.details).toEqual({
      userId: lena.id,
      changes: {
        name: { from: 'Lena Lead', to: 'Lena Leader' },
        email: { from: 'lena@alpha-portal.test', to: 'lena.leader@alpha-portal.test' },
        role: { from: 'partner_lead_manager', to: 'partner_admin' },
      },
    });
    // The old address is free again.
    await unchanged(app, () => call(app, 'partners.users.update', { id: lena.id, name: 'Lena Leader', role: 'partner_admin' }, admin()));
    await unchanged(app, async () => {
      expect(await callError(app, 'partners.users.update', { id: lena.id, role: 'owner' }, admin())).toMatchObject({ code: 'validation', field: 'role' });
      expect(await callError(app, 'partners.users.update', { id: lena.id, name: 'X' }, ws.manager)).toMatchObject({ code: 'forbidden' });
      expect(await callError(app, 'partners.users.update', { id: randomUUID(), name: 'X' }, admin())).toEqual({ code: 'not_found', message: 'Portal user not found', field: 'id' });
    });

    const { result: gone, row: deactivated } = await audited(app, tenantId, ['partner_user.deactivated'], () => call(app, 'partners.users.deactivate', { id: ivan.id, reason: 'Left the company' }, admin()), partnerA);
    expect(gone).toMatchObject({ id: ivan.id, status: 'deactivated', actions: [] });
    expect(deactivated?.details).toEqual({ userId: ivan.id, email: 'ivan@alpha-portal.test', reason: 'Left the company' });
    const stored = await userRow(ivan.id);
    expect(stored.deactivatedAt).toBeInstanceOf(Date);
    expect(stored.inviteTokenHash).toBeNull(); // the outstanding invite dies with the account
    // Deactivating again changes nothing; inviting a deactivated user is refused.
    await unchanged(app, () => call(app, 'partners.users.deactivate', { id: ivan.id }, admin()));
    expect(await unchanged(app, () => callError(app, 'partners.users.createInvite', { id: ivan.id }, admin()))).toEqual({
      code: 'invalid_transition',
      message: 'This portal user is deactivated',
    });
    expect((await call(app, 'partners.users.list', { partnerId: partnerA }, admin())).map((u) => [u.name, u.status])).toEqual([
      ['Ivan Invited', 'deactivated'],
      ['Lena Leader', 'active'],
    ]);
  });

  it("another workspace cannot see or touch workspace A's partners: their ids answer like missing ones", async () => {
    const { app } = s;
    const { tenantId } = ws;
    await lenaAndIvan(false);
    const doc = await uploadDocument(app, admin(), partnerA, 'tax_form');
    await call(app, 'partners.banking.set', { id: partnerA, details: { method: 'paypal', paypalEmail: 'pay@alpha-portal.test' } }, admin());
    const userA = (await call(app, 'partners.users.list', { partnerId: partnerA }, admin())).find((u) => u.status === 'active');
    if (!userA) throw new Error('no active user in A');

    // Workspace B, created by A's admin; a second session of the same admin switched into it.
    const b = await call(app, 'workspaces.create', { name: 'Zeta Partners', currency: 'USD' }, admin());
    const tokenB = await freshSession(app, s.admin.userId, tenantId);
    expect(await call(app, 'auth.switchWorkspace', { tenantId: b.id }, tokenB)).toMatchObject({ tenant: { id: b.id }, role: 'admin' });
    expect(await call(app, 'partners.list', {}, tokenB)).toEqual({ rows: [], total: 0, totalExact: true, nextCursor: null });
    expect((await call(app, 'partners.list', { q: 'alpha' }, tokenB)).total).toBe(0);

    const foreign: [string, (target: string) => Record<string, unknown>, string][] = [
      ['partners.get', (t) => ({ id: t }), partnerA],
      ['partners.update', (t) => ({ id: t, legalName: 'Hijacked' }), partnerA],
      ['partners.approve', (t) => ({ id: t }), partnerA],
      ['partners.reject', (t) => ({ id: t, reason: 'x' }), partnerA],
      ['partners.delete', (t) => ({ id: t }), partnerA],
      ['partners.banking.set', (t) => ({ id: t, details: { method: 'paypal', paypalEmail: 'thief@evil.test' } }), partnerA],
      ['partners.banking.reveal', (t) => ({ id: t }), partnerA],
      ['partners.banking.verify', (t) => ({ id: t }), partnerA],
      ['partners.kyc.verify', (t) => ({ id: t }), partnerA],
      ['partners.kyc.reject', (t) => ({ id: t, reason: 'x' }), partnerA],
      ['partners.documents.list', (t) => ({ partnerId: t }), partnerA],
      ['partners.documents.upload', (t) => ({ partnerId: t, kind: 'identity', fileName: 'x.pdf', contentBase64: tinyPdf('foreign').toString('base64') }), partnerA],
      ['partners.documents.view', (t) => ({ id: t }), doc.id],
      ['partners.documents.verify', (t) => ({ id: t }), doc.id],
      ['partners.documents.reject', (t) => ({ id: t, reason: 'x' }), doc.id],
      ['partners.users.list', (t) => ({ partnerId: t }), partnerA],
      ['partners.users.create', (t) => ({ partnerId: t, name: 'Mole', email: 'mole@evil.test', role: 'partner_admin', credential: { mode: 'invite' } }), partnerA],
      ['partners.users.update', (t) => ({ id: t, role: 'partner_viewer' }), userA.id],
      ['partners.users.deactivate', (t) => ({ id: t }), userA.id],
      ['partners.users.createInvite', (t) => ({ id: t }), userA.id],
    ];
    await unchanged(app, async () => {
      for (const [name, input, target] of foreign) {
        const missing = await callError(app, name, input(randomUUID()), tokenB);
        const other = await callError(app, name, input(target), tokenB);
        expect({ name, other }).toEqual({ name, other: missing });
        expect({ name, code: other.code }).toEqual({ name, code: 'not_found' });
      }
    });
    expect(await call(app, 'activity.list', { resourceId: partnerA }, tokenB)).toEqual({ items: [], nextBeforeSeq: null });

    // B has its own code sequence and its own e-mail namespace.
    const own = await createPartner(app, tokenB, { type: 'channel_partner', legalName: 'Zeta Reseller' });
    expect(own.code).toBe((await call(app, 'partners.get', { id: partnerA }, admin())).code);
    const twin = await call(app, 'partners.users.create', newUser({ partnerId: own.id, email: userA.email, name: 'Twin In Zeta', credential: { mode: 'invite' } }), tokenB);
    expect(twin.user.email).toBe(userA.email);
    // …and A does not see B's partner either.
    expect((await call(app, 'partners.list', { q: 'zeta' }, admin())).total).toBe(0);
    expect(await callError(app, 'partners.get', { id: own.id }, admin())).toEqual(await callError(app, 'partners.get', { id: randomUUID() }, admin()));
    expect(await call(app, 'activity.verify', {}, tokenB)).toMatchObject({ ok: true, problems: [] });
  });

  it('left every portal-user action in the trail, and the chain verifies', async () => {
    const { lena, ivan } = await lenaAndIvan();
    if (!ivan) throw new Error('Ivan was not invited');
    await call(s.app, 'partners.users.update', { id: lena.id, name: 'Lena Leader' }, admin());
    await call(s.app, 'partners.users.createInvite', { id: ivan.id }, admin());
    await call(s.app, 'partners.users.deactivate', { id: ivan.id }, admin());
    const actions = await actionsOf(s.app, ws.tenantId);
    for (const action of ['partner_user.created', 'partner_user.updated', 'partner_user.deactivated', 'partner_user.invited']) expect(actions).toContain(action);
    expect(await call(s.app, 'activity.verify', {}, admin())).toMatchObject({ ok: true, problems: [] });
  });
});
