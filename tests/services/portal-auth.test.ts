import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from '../support/engines';
import { call, STRONG_PASSWORD } from '../support/actors';
import { callError } from '../support/outcomes';
import { activityOf, ownWorkspace, setUpPartnerSuite, unique, type PartnerSuite } from '../support/partners';
import { activePartner, portalUser } from '../support/portal-users';
import { activityRows } from '../support/db';
import { FAILURES_BEFORE_LOCK } from '../../src-main/domain/session-policy';
import { SYSTEM_TENANT } from '../../src-main/services/context';
import type { Input } from '../../src-shared/contract';

/**
 * portal.signIn on every engine: partner users only, throttled and audited like staff sign-in,
 * refused (after the password check) for a deactivated user or a partner that is not active,
 * and a workspace choice when one e-mail and password open portal users of several workspaces.
 */
describe.each(engines)('portal sign-in on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;
  const WRONG = 'definitely not the password';

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** Each test its own client address: the address rule (30 failures per window) must not couple tests. */
  const signIn = (input: Input<'portal.signIn'>, clientKey = `addr-${unique()}`) => s.app.dispatch('portal.signIn', input, { token: null, clientKey });
  const codeOf = (o: Awaited<ReturnType<typeof signIn>>) => (o.response.ok ? 'ok' : o.response.error.code);
  const failuresOf = async (tenantId: string, userId: string | null) =>
    (await activityRows(s.app.database, tenantId)).filter((r) => r.action === 'auth.sign_in_failed' && r.resourceType === 'partner_user' && r.resourceId === userId);

  it('signs a portal user in: a partner session in the partner workspace, last login set, audited', async () => {
    const partner = await activePartner(s.app, admin());
    const user = await portalUser(s.app, admin(), partner.id, { role: 'partner_admin' });
    const { result: outcome, rows } = await activityOf(s.app, s.tenantId, () => signIn({ email: user.email, password: STRONG_PASSWORD }));
    expect(outcome.response.ok).toBe(true);
    if (!outcome.response.ok) return;
    expect(outcome.response.result).toMatchObject({ kind: 'signed_in', session: { user: { id: user.id, kind: 'partner' }, tenant: { id: s.tenantId }, role: 'partner_admin', workspaces: [], mustChangePassword: false } });
    expect(typeof outcome.token).toBe('string');
    const session = await s.app.services.auth.sessions.resolve(outcome.token as string);
    expect(session).toMatchObject({ userKind: 'partner', userId: user.id, partnerId: partner.id, tenantId: s.tenantId });
    expect(rows.map((r) => [r.action, r.resourceType, r.resourceId, r.actorType])).toEqual([['auth.signed_in', 'partner_user', user.id, 'partner_user']]);
    const u = s.app.database.t.partnerUsers;
    const [row] = await s.app.database.db.select().from(u).where(eq(u.id, user.id));
    expect(row?.lastLoginAt).not.toBeNull();
    // The e-mail is matched as the schema normalises it (trimmed, lower case).
    expect(codeOf(await signIn({ email: `  ${user.email.toUpperCase()} `, password: STRONG_PASSWORD }))).toBe('ok');
  });

  it('a wrong password, an unknown e-mail and a staff e-mail all get the same answer, each audited where it belongs', async () => {
    const partner = await activePartner(s.app, admin());
    const user = await portalUser(s.app, admin(), partner.id);
    const expected = { ok: false, error: { code: 'unauthenticated', message: 'Email or password is incorrect' } };
    const wrong = await signIn({ email: user.email, password: WRONG });
    expect(wrong.response).toEqual(expected);
    expect(wrong.token).toBeUndefined();
    expect((await failuresOf(s.tenantId, user.id)).map((r) => r.details)).toEqual([{ reason: 'wrong_password', consecutiveFailures: 1 }]);

    const nobody = `nobody-${unique()}@partner.test`;
    expect((await signIn({ email: nobody, password: WRONG })).response).toEqual(expected);
    const unknownRows = (await failuresOf(SYSTEM_TENANT, null)).filter((r) => r.details.email === nobody);
    expect(unknownRows.map((r) => r.details)).toEqual([{ email: nobody, reason: 'unknown_email', surface: 'portal' }]);

    // Staff accounts are never looked at: the admin's real e-mail and password open nothing here.
    const staffTry = await s.app.dispatch('portal.signIn', { email: 'ada@acme.test', password: STRONG_PASSWORD }, { token: admin(), clientKey: `addr-${unique()}` });
    expect(staffTry.response).toEqual(expected);
    expect(typeof staffTry.token).not.toBe('string');
    // …and the staff session it was sent with is untouched in the store (no "upgrade", no sign-out; over HTTP
    // a portal call holds the portal cookie, never this one: tests/contract/portal-sessions.test.ts).
    expect(await s.app.services.auth.sessions.resolve(admin())).toMatchObject({ userKind: 'staff', role: 'admin' });
  });

  it('refuses a deactivated user and the users of a suspended or inactive partner, only once the password is right', async () => {
    const partner = await activePartner(s.app, admin());
    const gone = await portalUser(s.app, admin(), partner.id);
    await call(s.app, 'partners.users.deactivate', { id: gone.id, reason: 'Left' }, admin());
    // A guesser learns nothing: the wrong password of a deactivated user is the usual answer.
    expect((await signIn({ email: gone.email, password: WRONG })).response).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await signIn({ email: gone.email, password: STRONG_PASSWORD })).response).toEqual({ ok: false, error: { code: 'forbidden', message: 'Your portal account is deactivated; ask your partner admin' } });

    const stays = await portalUser(s.app, admin(), partner.id);
    await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Under review' }, admin());
    const suspended = await signIn({ email: stays.email, password: STRONG_PASSWORD });
    expect(suspended.response).toEqual({ ok: false, error: { code: 'forbidden', message: "Your organisation's portal access is not active; contact your partner manager" } });
    expect(suspended.token).toBeUndefined();
    expect((await failuresOf(s.tenantId, stays.id)).at(-1)?.details).toEqual({ reason: 'partner_suspended' });
    await call(s.app, 'partners.deactivate', { id: partner.id, reason: 'Contract ended' }, admin());
    expect(codeOf(await signIn({ email: stays.email, password: STRONG_PASSWORD }))).toBe('forbidden');
    await call(s.app, 'partners.reinstate', { id: partner.id }, admin());
    expect(codeOf(await signIn({ email: stays.email, password: STRONG_PASSWORD }))).toBe('ok');
  });

  it('an invited user without a password yet cannot sign in with any password', async () => {
    const partner = await activePartner(s.app, admin());
    const invited = await portalUser(s.app, admin(), partner.id, { password: null });
    expect(codeOf(await signIn({ email: invited.email, password: STRONG_PASSWORD }))).toBe('unauthenticated');
  });

  it('throttles brute force on the account: 5 verified failures, then refused without a check, the right password too', async () => {
    const partner = await activePartner(s.app, admin());
    const user = await portalUser(s.app, admin(), partner.id);
    // A parallel burst, each guess from another address: the account's own key is what stops them,
    // reserved before any password is verified (sequential guesses meet the growing pause sooner).
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn({ email: user.email, password: `${WRONG} ${i}` })));
    const tallyOf = (outcomes: typeof burst) => outcomes.map(codeOf).reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});
    expect(tallyOf(burst)).toEqual({ unauthenticated: FAILURES_BEFORE_LOCK, rate_limited: 12 - FAILURES_BEFORE_LOCK });
    const right = await signIn({ email: user.email, password: STRONG_PASSWORD });
    expect(right.response).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(right.response.ok ? '' : right.response.error.message).toMatch(/^Too many failed sign-ins; try again in \d+ s$/);
    // Only the verified guesses reached the trail; refused attempts write nothing.
    expect(await failuresOf(s.tenantId, user.id)).toHaveLength(FAILURES_BEFORE_LOCK);
    // The portal key is its own: the throttled portal user's e-mail does not pause a staff account, nor the reverse.
    const staffOk = await s.app.dispatch('auth.signIn', { email: 'ada@acme.test', password: STRONG_PASSWORD }, { token: null, clientKey: `addr-${unique()}` });
    expect(staffOk.response.ok).toBe(true);
    // A parallel burst at an unknown e-mail is bounded the same way.
    const ghost = `ghost-${unique()}@partner.test`;
    const ghostBurst = await Promise.all(Array.from({ length: 12 }, () => signIn({ email: ghost, password: WRONG })));
    expect(tallyOf(ghostBurst)).toEqual({ unauthenticated: FAILURES_BEFORE_LOCK, rate_limited: 12 - FAILURES_BEFORE_LOCK });
  });

  it('one e-mail and password in two workspaces: choose_workspace, then signed in where the caller chose', async () => {
    const email = `twice-${unique()}@partner.test`;
    const partnerA = await activePartner(s.app, admin());
    const inA = await portalUser(s.app, admin(), partnerA.id, { email });
    const other = await ownWorkspace(s, `Other ${unique()}`);
    const partnerB = await activePartner(s.app, other.token);
    const inB = await portalUser(s.app, other.token, partnerB.id, { email });

    // A wrong password learns nothing about the workspaces; each account counts its failure in its own workspace.
    expect(codeOf(await signIn({ email, password: WRONG }))).toBe('unauthenticated');
    expect(await failuresOf(s.tenantId, inA.id)).toHaveLength(1);
    expect(await failuresOf(other.tenantId, inB.id)).toHaveLength(1);

    const first = await signIn({ email, password: STRONG_PASSWORD });
    expect(first.token).toBeUndefined();
    expect(first.response.ok && first.response.result).toEqual({ kind: 'choose_workspace', workspaces: [{ id: s.tenantId, name: 'Acme Partners' }, { id: other.tenantId, name: expect.stringMatching(/^Other /) as string }] });
    const chosen = await signIn({ email, password: STRONG_PASSWORD, tenantId: other.tenantId });
    expect(chosen.response.ok && chosen.response.result).toMatchObject({ kind: 'signed_in', session: { user: { id: inB.id }, tenant: { id: other.tenantId } } });
    // A workspace where the e-mail has no portal user is an unknown e-mail there.
    const elsewhere = await ownWorkspace(s, `Empty ${unique()}`);
    expect(codeOf(await signIn({ email, password: STRONG_PASSWORD, tenantId: elsewhere.tenantId }))).toBe('unauthenticated');

    // When one of the two may not sign in, the other is signed in directly.
    await call(s.app, 'partners.users.deactivate', { id: inA.id, reason: 'Moved' }, admin());
    const direct = await signIn({ email, password: STRONG_PASSWORD });
    expect(direct.response.ok && direct.response.result).toMatchObject({ kind: 'signed_in', session: { user: { id: inB.id } } });
  });

  it('a password right in one workspace neither counts as a failure nor clears failures of the same e-mail elsewhere', async () => {
    const email = `split-${unique()}@partner.test`;
    const partnerA = await activePartner(s.app, admin());
    await portalUser(s.app, admin(), partnerA.id, { email });
    const other = await ownWorkspace(s, `Split ${unique()}`);
    const partnerB = await activePartner(s.app, other.token);
    const inB = await portalUser(s.app, other.token, partnerB.id, { email, password: 'violet harbour copper 88' });
    const throttle = s.app.database.t.signInThrottle;
    const stateOfB = async () => (await s.app.database.db.select().from(throttle).where(eq(throttle.key, `portal:${inB.id}`)))[0];
    expect(codeOf(await signIn({ email, password: WRONG }))).toBe('unauthenticated');
    expect((await stateOfB())?.failures).toBe(1);
    for (let i = 0; i < 6; i++) expect(codeOf(await signIn({ email, password: STRONG_PASSWORD }))).toBe('ok');
    expect(await stateOfB()).toMatchObject({ failures: 1, inFlight: 0 });
    expect(codeOf(await signIn({ email, password: 'violet harbour copper 88', tenantId: other.tenantId }))).toBe('ok');
  });

  it('a partner session ends at its next call once the user is deactivated or the partner suspended', async () => {
    const partner = await activePartner(s.app, admin());
    const a = await portalUser(s.app, admin(), partner.id);
    const b = await portalUser(s.app, admin(), partner.id);
    const tokenOf = async (email: string) => (await signIn({ email, password: STRONG_PASSWORD })).token as string;
    const [ta, tb] = [await tokenOf(a.email), await tokenOf(b.email)];
    expect(await call(s.app, 'leads.list', {}, ta)).toBeDefined();
    await call(s.app, 'partners.users.deactivate', { id: a.id, reason: 'Left' }, admin());
    expect(await callError(s.app, 'leads.list', {}, ta)).toMatchObject({ code: 'unauthenticated' });
    expect(await call(s.app, 'leads.list', {}, tb)).toBeDefined();
    await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Under review' }, admin());
    expect(await callError(s.app, 'leads.list', {}, tb)).toMatchObject({ code: 'unauthenticated' });
  });
});
