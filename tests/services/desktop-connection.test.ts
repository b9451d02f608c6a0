import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src-shared/live';
import { createChangeRelay, EVERYTHING } from '../../src-main/desktop/change-relay';
import { createConnectionController, createConnectionIpcHandler, type ConnectionController } from '../../src-main/desktop/connection-controller';
import { connectionFile, desktopDatabaseUrlRefusal, readConnectionSetting, writeConnectionSetting, type ConnectionSetting } from '../../src-main/desktop/connection-settings';
import { createForwardingDispatch } from '../../src-main/desktop/forwarding-dispatch';
import { call, setUpWorkspace, STRONG_PASSWORD } from '../support/actors';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { activePartner, portalUser } from '../support/portal-users';
import { partnerInput } from '../support/partners';
import { freshSession, partnerUserSession } from '../support/sessions';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { freePort, selfSignedCertificate, startTlsTerminator } from '../support/tcp-proxies';

/*
 * The desktop's side of team mode, in plain modules (no Electron binary here): where the mode
 * is kept, how a window checks and chooses a server (a real server process, real TLS), and the
 * live updates main relays to each window, locally and from a server.
 */

const dirs: string[] = [];
const newUserData = () => {
  const dir = mkdtempSync(join(tmpdir(), 'partnerdesk-desktop-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean, timeoutMs = 3000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the connection setting', () => {
  it('is unset on a first run, local for a desktop that already has local data', () => {
    expect(readConnectionSetting(newUserData())).toEqual({ mode: 'unset' });
    const existing = newUserData();
    writeFileSync(join(existing, 'partnerdesk.sqlite'), '');
    expect(readConnectionSetting(existing)).toEqual({ mode: 'local' });
  });

  it('is written owner-only and read back; a damaged file asks again instead of guessing', () => {
    const dir = newUserData();
    const setting = { mode: 'connected', serverUrl: 'https://desk.example.com', trustedCertificate: null } as const;
    writeConnectionSetting(dir, setting);
    expect(readConnectionSetting(dir)).toEqual(setting);
    expect(statSync(connectionFile(dir)).mode & 0o777).toBe(0o600);
    writeFileSync(connectionFile(dir), '{"mode":"connected","serverUrl":"https://desk.example.com/path"}');
    expect(readConnectionSetting(dir)).toEqual({ mode: 'unset' });
    writeFileSync(connectionFile(dir), 'not json');
    expect(readConnectionSetting(dir)).toEqual({ mode: 'unset' });
  });

  it('a desktop refuses DATABASE_URL and points to the server', () => {
    expect(desktopDatabaseUrlRefusal({})).toBeNull();
    expect(desktopDatabaseUrlRefusal({ DATABASE_URL: ' ' })).toBeNull();
    expect(desktopDatabaseUrlRefusal({ DATABASE_URL: 'postgres://owner@db/partnerdesk' })).toMatch(/never connects to the database itself.*server/);
  });
});

describe('choosing a server from the window', () => {
  let server: ServerProcess;
  const restarts: string[] = [];
  const window = { senderFrame: { url: 'file:///app/index.html', parent: null } };
  const controllerFor = (setting: ConnectionSetting, userData = newUserData()) => ({
    userData,
    controller: createConnectionController({ userData, setting, restart: () => restarts.push(userData) }),
  });

  beforeAll(async () => {
    server = await startServerProcess();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    restarts.length = 0;
  });

  it('before a choice, calls are refused with what to do', async () => {
    const { controller } = controllerFor({ mode: 'unset' });
    expect(controller.state()).toEqual({ mode: 'unset' });
    const outcome = await controller.dispatch('auth.session', {}, { token: null, clientKey: 'desktop' });
    expect(outcome.response).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/Choose first/) } });
  });

  it('a bad address, a closed port and a server of another kind are refused, and nothing is written', async () => {
    const { controller, userData } = controllerFor({ mode: 'unset' });
    expect(await controller.choose({ mode: 'connected', serverUrl: 'ftp://desk.example.com' })).toMatchObject({ ok: false, reason: 'invalid_url' });
    expect(await controller.probe('https://desk.example.com/some/path')).toMatchObject({ ok: false, reason: 'invalid_url' });
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await controller.choose({ mode: 'connected', serverUrl: closed })).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringContaining(closed) });
    const other = http.createServer((_request, response) => response.end('<html>a router login page</html>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      expect(await controller.choose({ mode: 'connected', serverUrl: address })).toMatchObject({ ok: false, reason: 'not_partnerdesk' });
    } finally {
      other.close();
    }
    expect(readConnectionSetting(userData)).toEqual({ mode: 'unset' });
    expect(restarts).toEqual([]);
  });

  it('a reachable server is chosen, written and applied by a restart', async () => {
    const { controller, userData } = controllerFor({ mode: 'unset' });
    expect(await controller.probe(server.url)).toMatchObject({ ok: true, serverUrl: server.url });
    expect(await controller.choose({ mode: 'connected', serverUrl: server.url })).toEqual({ mode: 'connected', serverUrl: server.url, status: 'online' });
    expect(readConnectionSetting(userData)).toEqual({ mode: 'connected', serverUrl: server.url, trustedCertificate: null });
    await until(() => restarts.length === 1);

    const after = createConnectionController({ userData, setting: readConnectionSetting(userData), restart: () => undefined });
    const status = await after.dispatch('auth.setupStatus', {}, { token: null, clientKey: 'desktop' });
    expect(status.response.ok).toBe(true);
  });

  it('a self-signed certificate is refused until the user trusts exactly its fingerprint; then it is pinned', async () => {
    const tls = await startTlsTerminator(server.port, selfSignedCertificate());
    try {
      const { controller, userData } = controllerFor({ mode: 'unset' });
      const refused = await controller.probe(tls.url);
      expect(refused).toMatchObject({ ok: false, reason: 'certificate', fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
      expect(JSON.stringify(refused)).not.toContain('BEGIN CERTIFICATE');
      const fingerprint = (refused as { fingerprint: string }).fingerprint;
      const wrong = fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00');
      expect(await controller.choose({ mode: 'connected', serverUrl: tls.url, trustFingerprint: wrong })).toMatchObject({ ok: false, reason: 'certificate' });
      expect(readConnectionSetting(userData)).toEqual({ mode: 'unset' });
      expect(await controller.choose({ mode: 'connected', serverUrl: tls.url, trustFingerprint: fingerprint })).toMatchObject({ mode: 'connected', status: 'online' });
      const saved = readConnectionSetting(userData);
      expect(saved).toMatchObject({ mode: 'connected', serverUrl: tls.url, trustedCertificate: { fingerprint } });
      expect(readFileSync(connectionFile(userData), 'utf8')).toContain('BEGIN CERTIFICATE');
    } finally {
      await tls.close();
    }
  });

  it('a connected desktop whose server went away says so, and Retry finds it back', async () => {
    const port = await freePort();
    const { controller } = controllerFor({ mode: 'connected', serverUrl: `http://127.0.0.1:${port}`, trustedCertificate: null });
    const down = await controller.dispatch('auth.setupStatus', {}, { token: null, clientKey: 'desktop' });
    expect(down.response).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/Cannot reach/) } });
    expect(controller.state()).toMatchObject({ mode: 'connected', status: 'unreachable' });
    expect(await controller.retry()).toMatchObject({ status: 'unreachable' });
    const back = await startServerProcess({ env: { PORT: String(port) } });
    try {
      expect(await controller.retry()).toMatchObject({ mode: 'connected', status: 'online' });
    } finally {
      await back.stop();
    }
  }, 90_000);

  it('the IPC handler answers a trusted window only, and only well-formed requests', async () => {
    const { controller } = controllerFor({ mode: 'unset' });
    const handle = createConnectionIpcHandler(controller as ConnectionController, (url) => url.startsWith('file:///app/'));
    expect(await handle(window, { op: 'get' })).toEqual({ mode: 'unset' });
    await expect(handle({ senderFrame: { url: 'https://evil.example', parent: null } }, { op: 'get' })).rejects.toThrow(/Untrusted/);
    await expect(handle(window, { op: 'choose', mode: 'connected' })).rejects.toThrow(/Not a connection request/);
    await expect(handle(window, { op: 'delete-everything' })).rejects.toThrow(/Not a connection request/);
  });
});

describe('live updates relayed to desktop windows', () => {
  let app: TestApp;
  beforeAll(async () => {
    const sqlite = engines.find((e) => e.name === 'sqlite');
    if (!sqlite) throw new Error('sqlite engine missing');
    app = await openTestApp(sqlite);
  });
  afterAll(() => app?.dispose());

  it('locally: each window hears its own workspace, a partner user only their partner, nothing once signed out', async () => {
    const admin = await setUpWorkspace(app);
    const other = await call(app, 'workspaces.create', { name: 'Elsewhere', currency: 'EUR' }, admin.token);
    const partner = await activePartner(app, admin.token);
    const otherPartner = await activePartner(app, admin.token);
    const heard = new Map<number, ChangeEvent[]>();
    const relay = createChangeRelay({ kind: 'local', feed: app.changes, resolve: (token) => app.services.auth.sessions.resolve(token) }, (id, event) => heard.set(id, [...(heard.get(id) ?? []), event]));
    try {
      relay.windowSession(1, admin.token);
      relay.windowSession(2, await freshSession(app, admin.userId, other.id));
      relay.windowSession(3, await partnerUserSession(app, (await portalUser(app, admin.token, partner.id)).id, admin.tenantId));
      relay.windowSession(4, await partnerUserSession(app, (await portalUser(app, admin.token, otherPartner.id)).id, admin.tenantId));
      await new Promise((r) => setTimeout(r, 100)); // the sessions resolve before the relay subscribes
      heard.clear();
      await call(app, 'partners.update', { id: partner.id, displayName: 'Relayed' }, admin.token);
      await until(() => (heard.get(1)?.length ?? 0) > 0 && (heard.get(3)?.length ?? 0) > 0);
      expect(heard.get(1)?.[0]).toMatchObject({ domains: expect.arrayContaining(['partners']), ids: expect.arrayContaining([partner.id]) });
      expect(heard.get(2)).toBeUndefined();
      expect(heard.get(4)).toBeUndefined();

      relay.windowSession(1, null);
      heard.clear();
      await call(app, 'partners.update', { id: partner.id, displayName: 'Relayed again' }, admin.token);
      await until(() => (heard.get(3)?.length ?? 0) > 0);
      expect(heard.get(1)).toBeUndefined();
    } finally {
      relay.close();
    }
  });

  it('connected: a window hears the server stream for its token, and "everything" once the stream is back after a restart', async () => {
    const dataDir = newUserData();
    let server = await startServerProcess({ dataDir });
    const port = server.port;
    const target = { serverUrl: server.url, trustedCertificate: null };
    const relay = createChangeRelay({ kind: 'server', target, follow: { retryMs: [200] } }, (_id, event) => heard.push(event));
    const heard: ChangeEvent[] = [];
    try {
      const forward = createForwardingDispatch(target);
      const setup = await forward('auth.setup', { workspaceName: 'Relay Ltd', currency: 'EUR', adminName: 'Ada Admin', adminEmail: 'ada@relay.test', password: STRONG_PASSWORD, setupCode: server.setupCode ?? '' }, { token: null, clientKey: 'desktop' });
      const token = setup.token as string;
      relay.windowSession(9, token);
      await new Promise((r) => setTimeout(r, 300));
      const created = await forward('partners.create', partnerInput(), { token, clientKey: 'desktop' });
      expect(created.response.ok).toBe(true);
      await until(() => heard.some((e) => e.domains.includes('partners')), 2000);
      expect(heard.find((e) => e.domains.includes('partners'))?.ids).toContain((created.response as { result: { id: string } }).result.id);

      // The server restarts on the same data: the stream comes back by itself, and the window refetches everything.
      await server.stop();
      server = await startServerProcess({ dataDir, env: { PORT: String(port) } });
      await until(() => heard.some((e) => e.domains.length === EVERYTHING.domains.length), 10_000);
    } finally {
      relay.close();
      await server.stop();
    }
  }, 90_000);
});
