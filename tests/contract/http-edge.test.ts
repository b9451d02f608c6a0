import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { setUpWorkspace, staffWithRole } from '../support/actors';
import { createHttpApp, SECURE_SESSION_COOKIE, SESSION_COOKIE, type HttpOptions } from '../../src-main/transports/http';
import { DEFAULT_BODY_LIMIT, parsePublicOrigins } from '../../src-main/transports/http-edge';
import type { Dispatch } from '../../src-main/dispatch';

/**
 * Server mode's edge (issue 9, point 8), in-process through Hono's request() on a real SQLite
 * app: Host allow-list, Origin / Sec-Fetch-Site on POSTs, body limits decided before a byte of a
 * large body is read, headers, and the session cookie's name and flags by the bound interface.
 */
describe('HTTP edge', () => {
  let app: TestApp;
  let adminToken = '';
  let viewerToken = '';
  const sqlite = engines.find((e) => e.name === 'sqlite');
  const PORT = 5304;
  const LOCAL = `127.0.0.1:${PORT}`;

  beforeAll(async () => {
    if (!sqlite) throw new Error('sqlite engine missing');
    app = await openTestApp(sqlite);
    adminToken = (await setUpWorkspace(app)).token;
    viewerToken = (await staffWithRole(app, adminToken, 'viewer')).token;
  });
  afterAll(() => app.dispose());

  /** A transport on PORT whose dispatch records the procedures it was handed. */
  function edge(options: Partial<HttpOptions> = {}) {
    const calls: string[] = [];
    const dispatch: Dispatch = (name, input, ctx) => {
      calls.push(name);
      return app.dispatch(name, input, ctx);
    };
    const resolved: (string | null)[] = [];
    const http = createHttpApp(dispatch, {
      rendererDir: null,
      secureCookies: false,
      port: PORT,
      resolveSession: (token) => {
        resolved.push(token);
        return app.services.auth.sessions.resolve(token);
      },
      ...options,
    });
    return { http, calls, resolved };
  }

  const peer = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 50000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } });
  const post = (http: ReturnType<typeof createHttpApp>, path: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}, env?: unknown) =>
    http.request(`http://${headers.host ?? LOCAL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', host: LOCAL, ...headers }, body, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit, env);
  const errorCode = async (res: Response) => ((await res.json()) as { error?: { code: string } }).error?.code;

  it('answers only loopback names with the listening port, and the configured public origins (DNS rebinding gets 403)', async () => {
    const { http, calls } = edge({ publicOrigins: parsePublicOrigins('https://desk.example.com, https://portal.example.com:8443') });
    for (const host of [LOCAL, `localhost:${PORT}`, `[::1]:${PORT}`, 'desk.example.com', 'portal.example.com:8443', `LOCALHOST:${PORT}`]) {
      expect((await post(http, '/api/auth.session', '{}', { host })).status, host).toBe(200);
    }
    for (const host of ['evil.example', `evil.example:${PORT}`, '127.0.0.1:9999', '127.0.0.1', 'desk.example.com:8443', `192.168.1.20:${PORT}`]) {
      const res = await post(http, '/api/auth.session', '{}', { host });
      expect(res.status, host).toBe(403);
      expect(await errorCode(res)).toBe('forbidden');
    }
    // GETs too: a rebound page must not read the app either.
    expect((await http.request(`http://evil.example/`, { headers: { host: 'evil.example' } })).status).toBe(403);
    expect(calls.length).toBe(6);
  });

  it('refuses a POST from another origin, a cross-site fetch, and a browser request without Origin; tools without either pass', async () => {
    const { http, calls } = edge({ publicOrigins: ['https://desk.example.com'] });
    const refused: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: `http://127.0.0.1:${PORT + 1}` },
      { origin: `http://${LOCAL}`, 'sec-fetch-site': 'cross-site' },
      { origin: `http://${LOCAL}`, 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of refused) {
      const res = await post(http, '/api/auth.session', '{}', headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(calls).toEqual([]);
    const accepted: Record<string, string>[] = [
      {},
      { origin: `http://${LOCAL}`, 'sec-fetch-site': 'same-origin' },
      { origin: `http://localhost:${PORT}`, host: `localhost:${PORT}` },
      { origin: 'https://desk.example.com', 'sec-fetch-site': 'same-origin', host: 'desk.example.com' },
      { origin: `http://${LOCAL}`, 'sec-fetch-site': 'none' },
    ];
    for (const headers of accepted) expect((await post(http, '/api/auth.session', '{}', headers)).status, JSON.stringify(headers)).toBe(200);
  });

  it('limits every body to 64 KiB, declared or streamed, before parsing it', async () => {
    const { http, calls } = edge();
    const big = JSON.stringify({ pad: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    const declared = await post(http, '/api/staff.list', big, { 'content-length': String(big.length) });
    expect(declared.status).toBe(413);
    // No Content-Length (chunked): counted as it arrives. Malformed JSON too: 413, not 400 (never parsed).
    const chunk = new TextEncoder().encode('{"x":"' + 'y'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await post(http, '/api/staff.list', stream, { cookie: `${SESSION_COOKIE}=${adminToken}` });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(10); // stopped at the limit, not read to its end
    expect(calls).toEqual([]);
    // Just under the limit is read (and fails on its merits, here as unknown keys).
    const under = JSON.stringify({ pad: 'x'.repeat(DEFAULT_BODY_LIMIT - 20) });
    expect((await post(http, '/api/staff.list', under, { cookie: `${SESSION_COOKIE}=${adminToken}` })).status).toBe(400);
  });

  it('gives the document upload its large limit only once the session is resolved and its role may upload', async () => {
    const body = JSON.stringify({ partnerId: 'no-such-partner', kind: 'tax_form', fileName: 'scan.pdf', contentBase64: Buffer.alloc(600 * 1024, 7).toString('base64') });
    const { http, calls, resolved } = edge();
    const anonymous = await post(http, '/api/partners.documents.upload', body);
    expect(anonymous.status).toBe(413);
    const viewer = await post(http, '/api/partners.documents.upload', body, { cookie: `${SESSION_COOKIE}=${viewerToken}` });
    expect(viewer.status).toBe(413);
    const stale = await post(http, '/api/partners.documents.upload', body, { cookie: `${SESSION_COOKIE}=not-a-session` });
    expect(stale.status).toBe(413);
    expect(calls).toEqual([]);
    const admin = await post(http, '/api/partners.documents.upload', body, { cookie: `${SESSION_COOKIE}=${adminToken}` });
    expect(admin.status).toBe(404); // read, parsed and dispatched: the partner does not exist
    expect(calls).toEqual(['partners.documents.upload']);
    expect(resolved).toEqual([viewerToken, 'not-a-session', adminToken]);
    // The large limit belongs to the upload only: the admin's big body elsewhere is still 413.
    expect((await post(http, '/api/partners.get', body, { cookie: `${SESSION_COOKIE}=${adminToken}` })).status).toBe(413);
    // A lead at its limits in a non-Latin script is over 64 KiB of UTF-8, and valid.
    const lead = JSON.stringify({ type: 'new_lead', idempotencyKey: 'edge-large-lead', contactName: 'Ли Вэй', notes: '東'.repeat(5000), extra: Array.from({ length: 40 }, (_, i) => ({ key: `f${i}`, value: 'значение'.repeat(120) })) });
    expect(Buffer.byteLength(lead)).toBeGreaterThan(DEFAULT_BODY_LIMIT);
    expect((await post(http, '/api/leads.submit', lead, { cookie: `${SESSION_COOKIE}=${adminToken}` })).status).not.toBe(413);
    // Without the hook (nothing can resolve a session) no large body is accepted at all.
    const { http: noHook } = edge({ resolveSession: undefined });
    expect((await post(noHook, '/api/partners.documents.upload', body, { cookie: `${SESSION_COOKIE}=${adminToken}` })).status).toBe(413);
  });

  it('sends X-Frame-Options DENY, a Permissions-Policy, and HSTS only for an https public origin reached through the trusted proxy', async () => {
    const { http } = edge({ publicOrigins: ['https://desk.example.com', 'http://lan-desk:5304'], trustedProxies: ['10.0.0.2'] });
    const local = await post(http, '/api/auth.session', '{}');
    expect(local.headers.get('x-frame-options')).toBe('DENY');
    expect(local.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) expect(local.headers.get('permissions-policy')).toContain(feature);
    expect(local.headers.get('strict-transport-security')).toBeNull();
    const viaProxy = await post(http, '/api/auth.session', '{}', { host: 'desk.example.com' }, peer('10.0.0.2'));
    expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const mappedProxy = await post(http, '/api/auth.session', '{}', { host: 'desk.example.com' }, peer('::ffff:10.0.0.2'));
    expect(mappedProxy.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const notProxy = await post(http, '/api/auth.session', '{}', { host: 'desk.example.com' }, peer('10.0.0.3'));
    expect(notProxy.headers.get('strict-transport-security')).toBeNull();
    const plainHttp = await post(http, '/api/auth.session', '{}', { host: 'lan-desk:5304' }, peer('10.0.0.2'));
    expect(plainHttp.headers.get('strict-transport-security')).toBeNull();
    expect((await http.request(`http://${LOCAL}/`, { headers: { host: LOCAL } })).headers.get('x-frame-options')).toBe('DENY');
  });

  it('names the session cookie __Host-pd_session with Secure unless the server is bound to loopback', async () => {
    const signIn = JSON.stringify({ email: 'viewer@acme.test', password: 'orbit lantern cobalt meadow 7' });
    const loopback = await post(edge({ host: '127.0.0.1' }).http, '/api/auth.signIn', signIn);
    const loopbackCookie = loopback.headers.get('set-cookie') ?? '';
    expect(loopbackCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(loopbackCookie).not.toMatch(/Secure/i);

    const { http: exposed } = edge({ host: '0.0.0.0', publicOrigins: ['https://desk.example.com'] });
    const res = await post(exposed, '/api/auth.signIn', signIn, { host: 'desk.example.com' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SECURE_SESSION_COOKIE}=`));
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const token = new RegExp(`${SECURE_SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1] ?? '';
    const me = await post(exposed, '/api/auth.session', '{}', { host: 'desk.example.com', cookie: `${SECURE_SESSION_COOKIE}=${token}` });
    expect(((await me.json()) as { result: { user: { email: string } } | null }).result?.user.email).toBe('viewer@acme.test');
    // The loopback name is not read there: a cookie planted without the prefix does not count.
    const planted = await post(exposed, '/api/staff.list', '{}', { host: 'desk.example.com', cookie: `${SESSION_COOKIE}=${token}` });
    expect(planted.status).toBe(401);
  });

  it('authenticates and authorises before it validates: a signed-out or unauthorised caller learns nothing of the input rules', async () => {
    const { http } = edge();
    const garbage = JSON.stringify({ name: 42, email: 'not an email', role: 'emperor', surprise: true });
    const anonymous = await post(http, '/api/staff.add', garbage);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'Your session has ended; please sign in again' } });
    const viewer = await post(http, '/api/staff.add', garbage, { cookie: `${SESSION_COOKIE}=${viewerToken}` });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toEqual({ ok: false, error: { code: 'forbidden', message: 'Your role does not allow this' } });
    // The same body from an admin is judged on its merits; a public procedure validates for anyone.
    expect(await errorCode(await post(http, '/api/staff.add', garbage, { cookie: `${SESSION_COOKIE}=${adminToken}` }))).toBe('validation');
    expect(await errorCode(await post(http, '/api/auth.signIn', JSON.stringify({ email: 'x' })))).toBe('validation');
  });

  it('refuses public origins that are not bare http(s) origins', () => {
    expect(parsePublicOrigins(' https://Desk.Example.com , https://portal.example.com:8443/ ')).toEqual(['https://desk.example.com', 'https://portal.example.com:8443']);
    for (const bad of ['desk.example.com', 'ftp://desk.example.com', 'https://desk.example.com/app', 'https://u:p@desk.example.com', 'https://desk.example.com?x=1']) {
      expect(() => parsePublicOrigins(bad), bad).toThrow(/PARTNERDESK_PUBLIC_ORIGINS/);
    }
  });
});
