import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { setUpWorkspace, STRONG_PASSWORD } from '../support/actors';
import { activePartner, portalUser } from '../support/portal-users';
import { createHttpApp, PORTAL_COOKIE, SECURE_PORTAL_COOKIE, SECURE_SESSION_COOKIE, SESSION_COOKIE, SURFACE_HEADER } from '../../src-main/transports/http';

/**
 * Staff and portal sessions never mix in one browser: over real HTTP (Hono's request() on a real
 * SQLite app) a /portal page's calls (header x-partnerdesk-surface: portal) and every portal.*
 * procedure read and set pd_portal; everything else reads pd_session. And the roles keep them
 * apart even when a cookie is planted in the other's place.
 */
describe('portal and staff sessions over HTTP', () => {
  let app: TestApp;
  let http: ReturnType<typeof createHttpApp>;
  let staffToken = '';
  let portalEmail = '';
  const sqlite = engines.find((e) => e.name === 'sqlite');
  const PORTAL = { [SURFACE_HEADER]: 'portal' };

  beforeAll(async () => {
    if (!sqlite) throw new Error('sqlite engine missing');
    app = await openTestApp(sqlite);
    staffToken = (await setUpWorkspace(app)).token;
    const partner = await activePartner(app, staffToken);
    portalEmail = (await portalUser(app, staffToken, partner.id, { role: 'partner_admin' })).email;
    http = createHttpApp(app.dispatch, { rendererDir: null, secureCookies: false });
  });
  afterAll(() => app.dispose());

  const post = (to: typeof http, path: string, body: unknown, headers: Record<string, string> = {}) =>
    to.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const cookieValue = (res: Response, name: string) => new RegExp(`(?:^|, )${name.replace(/[-]/g, '\\-')}=([^;]*)`).exec(res.headers.get('set-cookie') ?? '')?.[1];
  const json = async (res: Response) => (await res.json()) as { ok: boolean; result?: { user?: { kind: string; email: string }; kind?: string } | null; error?: { code: string } };

  async function portalSignIn(to = http, headers: Record<string, string> = PORTAL) {
    const res = await post(to, '/api/portal.signIn', { email: portalEmail, password: STRONG_PASSWORD }, headers);
    expect(res.status).toBe(200);
    return res;
  }

  it('portal sign-in sets pd_portal (httpOnly, SameSite=Strict), never the staff cookie, even without the header', async () => {
    for (const headers of [PORTAL, {}]) {
      const res = await portalSignIn(http, headers);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(new RegExp(`^${PORTAL_COOKIE}=`));
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      expect(setCookie).not.toMatch(new RegExp(`${SESSION_COOKIE}=`));
      expect((await json(res)).result?.kind).toBe('signed_in');
    }
  });

  it('one browser holding both cookies: each surface sees its own session, and signing out of one keeps the other', async () => {
    const portal = cookieValue(await portalSignIn(), PORTAL_COOKIE) ?? '';
    const both = { cookie: `${SESSION_COOKIE}=${staffToken}; ${PORTAL_COOKIE}=${portal}` };
    expect((await json(await post(http, '/api/auth.session', {}, both))).result?.user).toMatchObject({ kind: 'staff', email: 'ada@acme.test' });
    expect((await json(await post(http, '/api/auth.session', {}, { ...both, ...PORTAL }))).result?.user).toMatchObject({ kind: 'partner', email: portalEmail });
    expect((await post(http, '/api/staff.list', {}, both)).status).toBe(200);
    expect((await post(http, '/api/leads.list', {}, { ...both, ...PORTAL })).status).toBe(200);

    const out = await post(http, '/api/auth.signOut', {}, { ...both, ...PORTAL });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie') ?? '').toMatch(new RegExp(`^${PORTAL_COOKIE}=;`));
    expect(out.headers.get('set-cookie') ?? '').not.toMatch(new RegExp(`${SESSION_COOKIE}=`));
    expect((await json(await post(http, '/api/auth.session', {}, { ...both, ...PORTAL }))).result).toBeNull();
    expect((await json(await post(http, '/api/auth.session', {}, both))).result?.user?.kind).toBe('staff');
  });

  it('a staff cookie is not read by portal calls, and a planted one is refused by role; a partner session cannot call staff procedures', async () => {
    // The staff cookie alone: a portal page is signed out, a portal procedure too (the header aside).
    expect((await post(http, '/api/leads.list', {}, { cookie: `${SESSION_COOKIE}=${staffToken}`, ...PORTAL })).status).toBe(401);
    expect((await post(http, '/api/portal.home', {}, { cookie: `${SESSION_COOKIE}=${staffToken}` })).status).toBe(401);
    // A staff token planted in the portal cookie: a valid session, but staff roles may not call portal procedures.
    const planted = await post(http, '/api/portal.home', {}, { cookie: `${PORTAL_COOKIE}=${staffToken}` });
    expect(planted.status).toBe(403);
    expect((await json(planted)).error?.code).toBe('forbidden');
    // And the reverse: a partner session (in either cookie) calling a staff procedure.
    const portal = cookieValue(await portalSignIn(), PORTAL_COOKIE) ?? '';
    for (const headers of [{ cookie: `${PORTAL_COOKIE}=${portal}`, ...PORTAL }, { cookie: `${SESSION_COOKIE}=${portal}` }]) {
      const res = await post(http, '/api/staff.list', {}, headers);
      expect(res.status).toBe(403);
      expect((await json(res)).error?.code).toBe('forbidden');
    }
    // A staff session cannot "upgrade" through portal.signIn: its own e-mail and password are unknown there.
    const upgrade = await post(http, '/api/portal.signIn', { email: 'ada@acme.test', password: STRONG_PASSWORD }, { cookie: `${SESSION_COOKIE}=${staffToken}` });
    expect(upgrade.status).toBe(401);
    expect(upgrade.headers.get('set-cookie') ?? '').not.toMatch(new RegExp(`${SESSION_COOKIE}=`));
    expect((await post(http, '/api/staff.list', {}, { cookie: `${SESSION_COOKIE}=${staffToken}` })).status).toBe(200);
  });

  it('names the portal cookie __Host-pd_portal with Secure unless bound to loopback', async () => {
    const exposed = createHttpApp(app.dispatch, { rendererDir: null, secureCookies: false, host: '0.0.0.0', publicOrigins: ['https://partners.example.com'] });
    const res = await portalSignIn(exposed, { ...PORTAL, host: 'partners.example.com' });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SECURE_PORTAL_COOKIE}=`));
    expect(setCookie).toMatch(/; Secure/i);
    const token = cookieValue(res, SECURE_PORTAL_COOKIE) ?? '';
    const me = await post(exposed, '/api/auth.session', {}, { ...PORTAL, host: 'partners.example.com', cookie: `${SECURE_PORTAL_COOKIE}=${token}` });
    expect((await json(me)).result?.user?.kind).toBe('partner');
    // Neither the unprefixed name nor the staff cookie's name is read for a portal call there.
    for (const name of [PORTAL_COOKIE, SECURE_SESSION_COOKIE]) {
      const other = await post(exposed, '/api/auth.session', {}, { ...PORTAL, host: 'partners.example.com', cookie: `${name}=${token}` });
      expect((await json(other)).result).toBeNull();
    }
  });
});
