import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engines, type ScratchStore } from '../support/engines';
import { createHttpApp } from '../../src-main/transports/http';
import { storeHealth } from '../../src-main/data/store-health';
import type { Database } from '../../src-main/data/database';
import type { Dispatch } from '../../src-main/dispatch';

/**
 * GET /healthz on every engine, through the real HTTP app on a real store: 200 with all parts
 * ok; 503 naming the part once the database is closed, or a migration of this build is missing
 * from its history, or it does not answer within the bound; never a driver's message.
 */
const dispatch: Dispatch = async () => ({ response: { ok: true, result: null } });
const appFor = (check: () => Promise<unknown>) =>
  createHttpApp(dispatch, { rendererDir: null, secureCookies: false, health: check as never });

async function healthz(http: ReturnType<typeof createHttpApp>, host = 'localhost') {
  const res = await http.request('http://localhost/healthz', { headers: { host } });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: (await res.json()) as Record<string, unknown> };
}

describe.each(engines)('/healthz on $name', (engine) => {
  let store: ScratchStore | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await store?.dispose();
    store = undefined;
  });

  it('answers 200 on a migrated store, and 503 "unreachable" once the database is closed', async () => {
    store = await engine.open();
    const http = appFor(storeHealth(store.database));
    const healthy = await healthz(http);
    expect(healthy).toEqual({ status: 200, cacheControl: 'no-store', body: { ok: true, database: 'ok', migrations: 'current' } });

    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await store.database.close();
    // dispose() would close it a second time (PGlite and a pg pool refuse that): once is enough.
    store.database.close = async () => undefined;
    const down = await healthz(http);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ ok: false, database: 'unreachable', migrations: 'unknown' });
    // Logged once per change of state, not per probe.
    await healthz(http);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain('health check failed: database unreachable');
  });

  it('answers 503 "pending" when the history lacks a migration of this build', async () => {
    store = await engine.open();
    const [last] = await store.database.raw('SELECT idx FROM pd_migrations ORDER BY idx DESC LIMIT 1');
    if (store.engine === 'sqlite') {
      // The app's reader is read-only: delete through a connection of our own.
      const conn = new BetterSqlite3(join(store.dataDir, 'partnerdesk.sqlite'));
      conn.prepare('DELETE FROM pd_migrations WHERE idx = ?').run(last?.idx);
      conn.close();
    } else {
      await store.database.raw('DELETE FROM pd_migrations WHERE idx = $1', [last?.idx]);
    }
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await healthz(appFor(storeHealth(store.database)));
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ok: false, database: 'ok', migrations: 'pending' });
  });

  it('answers 503 "diverged" when the history holds a migration this build does not know', async () => {
    store = await engine.open();
    const insert = 'INSERT INTO pd_migrations (idx, tag, hash, applied_at) VALUES (9999, \'9999_from_a_newer_build\', \'x\', \'now\')';
    if (store.engine === 'sqlite') {
      const conn = new BetterSqlite3(join(store.dataDir, 'partnerdesk.sqlite'));
      conn.exec(insert);
      conn.close();
    } else {
      await store.database.raw(insert);
    }
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await healthz(appFor(storeHealth(store.database)));
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ ok: false, database: 'ok', migrations: 'diverged' });
  });

  it('answers 503 "unreachable" when select 1 takes longer than the bound, without the driver message', async () => {
    store = await engine.open();
    const real = store.database;
    const secret = 'password authentication failed for user "owner" at 10.0.0.3 (params: ada@acme.test)';
    const hanging: Database = { ...real, raw: () => new Promise(() => undefined) };
    const failing: Database = {
      ...real,
      raw: async () => {
        throw Object.assign(new Error(secret), { severity: 'FATAL', code: '28P01' });
      },
    };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    const slow = await healthz(appFor(storeHealth(hanging, { timeoutMs: 100 })));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(slow).toMatchObject({ status: 503, body: { ok: false, database: 'unreachable', migrations: 'unknown' } });

    const refused = await healthz(appFor(storeHealth(failing)));
    expect(refused.status).toBe(503);
    expect(JSON.stringify(refused.body)).not.toContain('password');
    const printed = logged.mock.calls.flat().map(String).join('\n');
    expect(printed).toContain('28P01');
    expect(printed).not.toContain('password');
    expect(printed).not.toContain('ada@acme.test');
  });
});

describe('/healthz at the edge', () => {
  it('answers a probe that names the process by IP address (no public origin lists it); other paths still get the Host check', async () => {
    const http = appFor(async () => ({ ok: true, database: 'ok', migrations: 'current' }));
    expect((await healthz(http, '10.0.0.5:5180')).status).toBe(200);
    expect((await http.request('http://localhost/api/version', { headers: { host: '10.0.0.5:5180' } })).status).toBe(403);
  });

  it('is absent without a checker', async () => {
    const http = createHttpApp(dispatch, { rendererDir: null, secureCookies: false });
    const res = await http.request('http://localhost/healthz', { headers: { host: 'localhost' } });
    expect(await res.text()).toContain('renderer is not built'); // the app's fallback, not a health report
  });
});
