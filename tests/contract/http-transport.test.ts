import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { STRONG_PASSWORD } from '../support/actors';
import { createHttpApp, SESSION_COOKIE } from '../../src-main/transports/http';

/** Server mode's HTTP edge, in-process through Hono's request(), on a real SQLite app. */
describe('HTTP transport', () => {
  let app: TestApp;
  let http: ReturnType<typeof createHttpApp>;
  const sqlite = engines.find((e) => e.name === 'sqlite');

  beforeAll(async () => {
    if (!sqlite) throw new Error('sqlite engine missing');
    app = await openTestApp(sqlite);
    http = createHttpApp(app.dispatch, { rendererDir: null, secureCookies: false });
  });
  afterAll(() => app.dispose());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    http.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('sets an httpOnly, SameSite=Strict session cookie on set-up and sends security headers', async () => {
    const res = await post('/api/auth.setup', { workspaceName: 'Acme', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@acme.test', password: STRONG_PASSWORD, setupCode: app.setupCode });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');

    const token = /pd_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const me = await post('/api/auth.session', {}, { cookie: `${SESSION_COOKIE}=${token}` });
    expect(((await me.json()) as { result: { user: { email: string } } }).result.user.email).toBe('ada@acme.test');
  });

  it('answers errors in the one error shape with matching HTTP statuses', async () => {
    const malformed = await post('/api/auth.signIn', '{"email":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ ok: false, error: { code: 'validation', message: 'Malformed JSON body' } });

    const notJson = await http.request('/api/auth.session', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);

    const unknown = await post('/api/nope.nothing', {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');

    const signedOut = await post('/api/staff.list', {});
    expect(signedOut.status).toBe(401);
    expect(((await signedOut.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

    const get = await http.request('/api/auth.session');
    expect(get.status).toBe(404);
  });

  it('answers a throttled sign-in with 429 and when to try again', async () => {
    // Throttling is the service's (failed attempts only, per account and address: see http-client-address.test.ts).
    const statuses: number[] = [];
    let last: unknown;
    for (let i = 0; i < 3; i++) {
      const res = await post('/api/auth.signIn', { email: 'nobody@acme.test', password: 'wrong' });
      statuses.push(res.status);
      last = await res.json();
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(last).toEqual({ ok: false, error: { code: 'rate_limited', message: 'Too many failed sign-ins; try again in 1 s' } });
  });
});
