import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { call, passwordChosen, setUpWorkspace, STRONG_PASSWORD } from '../support/actors';
import { createHttpApp } from '../../src-main/transports/http';
import { clientAddress, parseTrustedProxies } from '../../src-main/transports/client-address';
import type { Dispatch } from '../../src-main/dispatch';
import { ADDRESS_RULE } from '../../src-main/domain/session-policy';

/**
 * The client address that sign-in throttling keys on, through the real Hono app with a faked TCP
 * peer (the node server's socket, as getConnInfo reads it), and the throttle's reach over HTTP:
 * failed attempts only, so a whole office behind one address signs in.
 */
describe('HTTP client address and sign-in throttling', () => {
  let app: TestApp;
  let adminToken = '';
  const sqlite = engines.find((e) => e.name === 'sqlite');

  beforeAll(async () => {
    if (!sqlite) throw new Error('sqlite engine missing');
    app = await openTestApp(sqlite);
    adminToken = (await setUpWorkspace(app)).token;
  });
  afterAll(() => app.dispose());

  /** A transport whose dispatch records the client key of every call. */
  function recordingHttp(trustedProxies: string[]) {
    const keys: string[] = [];
    const dispatch: Dispatch = (name, input, ctx) => {
      keys.push(ctx.clientKey);
      return app.dispatch(name, input, ctx);
    };
    return { http: createHttpApp(dispatch, { rendererDir: null, secureCookies: false, trustedProxies }), keys };
  }

  const from = (peer: string) => ({ incoming: { socket: { remoteAddress: peer, remotePort: 50000, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' } } });
  const signInVia = (http: ReturnType<typeof createHttpApp>, peer: string, body: unknown, headers: Record<string, string> = {}) =>
    http.request('/api/auth.signIn', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, from(peer));

  it('twelve colleagues behind one office address all sign in within the same minute', async () => {
    const { http, keys } = recordingHttp([]);
    for (let i = 1; i <= 12; i++) {
      await call(app, 'staff.add', { name: `Colleague ${i}`, email: `colleague${i}@acme.test`, role: 'viewer', password: STRONG_PASSWORD }, adminToken);
      await passwordChosen(app, { email: `colleague${i}@acme.test` });
    }
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await signInVia(http, '203.0.113.7', { email: `colleague${i}@acme.test`, password: STRONG_PASSWORD })).status);
    expect(statuses).toEqual(Array(12).fill(200));
    expect(new Set(keys)).toEqual(new Set(['203.0.113.7']));
  });

  it('throttles the failures of one address across accounts, and only that address', async () => {
    const { http } = recordingHttp([]);
    const statuses: number[] = [];
    // Every guess on a different (unknown) e-mail: no account pause applies, only the address's window.
    for (let i = 0; i <= ADDRESS_RULE.limit; i++) statuses.push((await signInVia(http, '198.51.100.9', { email: `spray${i}@acme.test`, password: 'not it at all' })).status);
    expect(statuses.slice(0, ADDRESS_RULE.limit)).toEqual(Array(ADDRESS_RULE.limit).fill(401));
    expect(statuses.at(-1)).toBe(429);
    // A colleague at another address is not held back.
    expect((await signInVia(http, '198.51.100.10', { email: 'colleague1@acme.test', password: STRONG_PASSWORD })).status).toBe(200);
  });

  it('uses X-Forwarded-For only when the TCP peer is a configured proxy, and then its right-most untrusted entry', async () => {
    const trusted = parseTrustedProxies(' 10.0.0.2, 10.0.0.3 ');
    const { http, keys } = recordingHttp(trusted);
    const body = { email: 'colleague2@acme.test', password: STRONG_PASSWORD };
    await signInVia(http, '10.0.0.2', body, { 'x-forwarded-for': '1.1.1.1, 192.0.2.44' });
    await signInVia(http, '::ffff:10.0.0.3', body, { 'x-forwarded-for': '192.0.2.45, 10.0.0.2' });
    await signInVia(http, '192.0.2.99', body, { 'x-forwarded-for': '192.0.2.1' }); // not a proxy: its header is the client's own words
    await signInVia(http, '10.0.0.2', body); // a proxy that sent no header
    await signInVia(http, '10.0.0.2', body, { 'x-forwarded-for': 'not-an-address, 192.0.2.46' });
    await signInVia(http, '10.0.0.2', body, { 'x-forwarded-for': '192.0.2.47, junk' });
    expect(keys).toEqual(['192.0.2.44', '192.0.2.45', '192.0.2.99', '10.0.0.2', '192.0.2.46', '10.0.0.2']);

    const { http: untrusting, keys: direct } = recordingHttp([]);
    await signInVia(untrusting, '10.0.0.2', body, { 'x-forwarded-for': '192.0.2.44' });
    expect(direct).toEqual(['10.0.0.2']);
  });

  it('refuses a trusted-proxy list that is not made of addresses', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(() => parseTrustedProxies('10.0.0.0/8')).toThrow(/not an IP address/);
    expect(clientAddress(undefined, '192.0.2.1', ['10.0.0.2'])).toBe('unknown');
  });
});
