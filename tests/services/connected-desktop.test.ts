import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type net from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForwardingDispatch } from '../../src-main/desktop/forwarding-dispatch';
import { probeServer } from '../../src-main/desktop/server-probe';
import type { ServerTarget } from '../../src-main/desktop/server-target';
import { createIpcCallHandler, type IpcCallEventLike } from '../../src-main/transports/ipc';
import { CLIENT_HEADER, CONTRACT_HEADER, SESSION_HEADER } from '../../src-main/transports/desktop-clients';
import type { Dispatch } from '../../src-main/dispatch';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { freePort, selfSignedCertificate, startCuttingProxy, startTlsTerminator } from '../support/tcp-proxies';
import { STRONG_PASSWORD } from '../support/actors';

/*
 * A connected desktop end to end without the Electron binary: the forwarding dispatch (what
 * the desktop's main process runs) against a real server process over real HTTP(S).
 */

const plain = (serverUrl: string): ServerTarget => ({ serverUrl, trustedCertificate: null });
const window = (id = 1): IpcCallEventLike => ({ sender: { id, once: () => undefined }, senderFrame: { url: 'file:///app/index.html', parent: null } }) as unknown as IpcCallEventLike;

let dataDir: string;
let server: ServerProcess;
let proxyPort: number;
let setupCode: string;

async function call(dispatch: Dispatch, name: string, input: unknown, token: string | null) {
  return dispatch(name, input, { token, clientKey: 'desktop' });
}

function partnerInput(n: number) {
  return {
    type: 'channel_partner',
    code: `CP-IDEM-${n}`,
    legalName: `Idempotent ${n} GmbH`,
    displayName: `Idempotent ${n}`,
    contact: { name: 'Pat Partner', email: `pat-${n}@partner.test`, phone: '+49 30 1234567' },
    address: { line1: 'Hauptstrasse 1', city: 'Berlin', postalCode: '10115' },
    country: 'DE',
    taxId: 'DE123456789',
    terms: { commissionModel: 'hybrid', rateBp: 1500, fixedPriceMinor: 5000, tier: 'silver', monthlyLeadQuota: 10 },
    payoutMethod: 'bank_transfer',
  };
}

function countPartners(code: string): number {
  const db = new Database(join(dataDir, 'partnerdesk.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from partners where code = ?').get(code) as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'partnerdesk-connected-'));
  proxyPort = await freePort();
  server = await startServerProcess({ dataDir, env: { PARTNERDESK_PUBLIC_ORIGINS: `http://127.0.0.1:${proxyPort}` } });
  setupCode = server.setupCode ?? '';
  expect(setupCode).not.toBe('');
}, 90_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a desktop connected to a server', () => {
  let token: string;

  it('checks the server first: it is PartnerDesk, the same contract, reachable', async () => {
    const probe = await probeServer(plain(server.url));
    expect(probe).toMatchObject({ ok: true, serverUrl: server.url });
  });

  it('sets up, signs in and calls through the server; the token stays in main, never in a result', async () => {
    const forward = createForwardingDispatch(plain(server.url));
    const setup = await call(forward, 'auth.setup', { workspaceName: 'Connected Ltd', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@connected.test', password: STRONG_PASSWORD, setupCode }, null);
    expect(setup.response.ok).toBe(true);
    expect(typeof setup.token).toBe('string');
    token = setup.token as string;
    expect(JSON.stringify(setup.response)).not.toContain(token);

    // Through the IPC handler as the window uses it: the renderer sends no token and gets none.
    const ipc = createIpcCallHandler(forward, () => true);
    const signIn = await ipc(window(7), 'auth.signIn', { email: 'ada@connected.test', password: STRONG_PASSWORD });
    expect(signIn.ok).toBe(true);
    const session = await ipc(window(7), 'auth.session', {});
    expect(session).toMatchObject({ ok: true, result: { user: { email: 'ada@connected.test' } } });
    expect(await ipc(window(8), 'auth.session', {})).toMatchObject({ ok: true, result: null });

    const list = await call(forward, 'partners.list', {}, token);
    expect(list.response.ok).toBe(true);
  });

  it('answers with the same error shape as a local desktop', async () => {
    const forward = createForwardingDispatch(plain(server.url));
    const invalid = await call(forward, 'partners.create', { ...partnerInput(0), country: 'Atlantis' }, token);
    expect(invalid.response).toMatchObject({ ok: false, error: { code: 'validation', field: 'country' } });
    const signedOut = await call(forward, 'partners.list', {}, null);
    expect(signedOut.response).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('an expired session asks to sign in again and the window forgets its token', { timeout: 20_000 }, async () => {
    const forward = createForwardingDispatch(plain(server.url));
    const signIn = await call(forward, 'auth.signIn', { email: 'ada@connected.test', password: STRONG_PASSWORD }, null);
    const expiring = signIn.token as string;
    expect((await call(forward, 'partners.list', {}, expiring)).response.ok).toBe(true);
    const db = new Database(join(dataDir, 'partnerdesk.sqlite'));
    db.prepare('update sessions set absolute_expires_at = ? where ended_at is null and absolute_expires_at > ?').run(Date.now() - 1000, Date.now() + 11 * 3600_000);
    db.close();
    // The server caches resolved sessions for 5 s at most (expiry is exact on every hit, of the cached times).
    await sleep(5_200);
    // Every session but the newest few hours' was pushed into the past: at least this one.
    const after = await call(forward, 'partners.list', {}, expiring);
    expect(after.response).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(after.token).toBeNull();
    token = (await call(forward, 'auth.signIn', { email: 'ada@connected.test', password: STRONG_PASSWORD }, null)).token as string;
  });

  it('refuses a desktop of another version with a clear message', async () => {
    const response = await fetch(`${server.url}/api/auth.session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'desktop/0.0.1', [CONTRACT_HEADER]: '0123456789abcdef', authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/different versions/);
  });

  it('never gives a browser the token in a header', async () => {
    const response = await fetch(`${server.url}/api/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'desktop/1', origin: server.url, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: 'ada@connected.test', password: STRONG_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get(SESSION_HEADER)).toBeNull();
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  });

  it('a mutation whose answer is lost is asked again with its key: done once, answered once', async () => {
    const proxy = await startCuttingProxy(server.port, proxyPort);
    try {
      const forward = createForwardingDispatch(plain(proxy.url));
      proxy.cutNextAnswer();
      const created = await call(forward, 'partners.create', partnerInput(1), token);
      expect(created.response).toMatchObject({ ok: true });
      expect(proxy.connections()).toBe(2);
      expect(countPartners('CP-IDEM-1')).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('two racing calls with one key run once', async () => {
    const send = () =>
      fetch(`${server.url}/api/partners.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'desktop/1', authorization: `Bearer ${token}`, 'idempotency-key': 'race-key-0001' },
        body: JSON.stringify(partnerInput(2)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean } }));
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.some((a) => a.body.ok)).toBe(true);
    expect(answers.every((a) => a.body.ok || a.status === 409)).toBe(true);
    expect(countPartners('CP-IDEM-2')).toBe(1);
  });

  it('server down: a clear "cannot reach" answer, and the same token works once it is back', async () => {
    const port = server.port;
    await server.stop();
    const forward = createForwardingDispatch(plain(`http://127.0.0.1:${port}`));
    const down = await call(forward, 'partners.list', {}, token);
    expect(down.response).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/Cannot reach the PartnerDesk server/) } });
    expect(down.token).toBeUndefined();
    const probe = await probeServer(plain(`http://127.0.0.1:${port}`));
    expect(probe).toMatchObject({ ok: false, reason: 'unreachable' });

    server = await startServerProcess({ dataDir, env: { PORT: String(port), PARTNERDESK_PUBLIC_ORIGINS: `http://127.0.0.1:${proxyPort}` } });
    const back = await call(forward, 'partners.list', {}, token);
    expect(back.response.ok).toBe(true);
  }, 90_000);
});

describe('checking a server URL', () => {
  async function fakeServer(answer: (response: http.ServerResponse) => void) {
    const fake = http.createServer((_request, response) => answer(response));
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(fake.address() as net.AddressInfo).port}`, close: () => new Promise((r) => fake.close(r)) };
  }

  it('tells a web site that is not PartnerDesk, and a PartnerDesk of another version', async () => {
    const site = await fakeServer((response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    const older = await fakeServer((response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ app: 'partnerdesk', version: '0.0.1', contract: 'ffffffffffffffff' })));
    try {
      expect(await probeServer(plain(site.url))).toMatchObject({ ok: false, reason: 'not_partnerdesk' });
      const mismatch = await probeServer(plain(older.url));
      expect(mismatch).toMatchObject({ ok: false, reason: 'version_mismatch', message: expect.stringMatching(/0\.0\.1/) });
    } finally {
      await site.close();
      await older.close();
    }
  });

  it('refuses a self-signed certificate until that exact certificate is trusted', async () => {
    const certificate = selfSignedCertificate();
    const tls = await startTlsTerminator(server.port, certificate);
    try {
      const refused = await probeServer(plain(tls.url));
      expect(refused).toMatchObject({ ok: false, reason: 'certificate', fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
      const seen = (refused as { certificate?: { pem: string; fingerprint: string } }).certificate;
      expect(seen?.pem).toContain('BEGIN CERTIFICATE');

      const trusted: ServerTarget = { serverUrl: tls.url, trustedCertificate: seen ?? null };
      expect(await probeServer(trusted)).toMatchObject({ ok: true });
      const forward = createForwardingDispatch(trusted);
      expect((await call(forward, 'auth.setupStatus', {}, null)).response).toMatchObject({ ok: true, result: { needsSetup: false } });

      // Another certificate on the same address (a man in the middle) is refused, even though it is also self-signed.
      const other = selfSignedCertificate();
      const impostor = await startTlsTerminator(server.port, other);
      try {
        const pinnedElsewhere: ServerTarget = { serverUrl: impostor.url, trustedCertificate: seen ?? null };
        expect(await probeServer(pinnedElsewhere)).toMatchObject({ ok: false, reason: 'certificate' });
        const refusedCall = await call(createForwardingDispatch(pinnedElsewhere), 'auth.setupStatus', {}, null);
        expect(refusedCall.response).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      } finally {
        await impostor.close();
      }
    } finally {
      await tls.close();
    }
  });
});
