import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_EVENT, createEventStreamReader, EVENTS_PATH, READY_EVENT, SIGNED_OUT_EVENT, type ChangeEvent } from '../../src-shared/live';
import { createHttpApp, PORTAL_COOKIE, SESSION_COOKIE } from '../../src-main/transports/http';
import { call, setUpWorkspace } from '../support/actors';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { activePartner, portalUser } from '../support/portal-users';
import { freshSession, partnerUserSession } from '../support/sessions';

/*
 * GET /api/events over real HTTP on a real SQLite app: each stream gets the events of its own
 * workspace only, a partner user only their partner's, an event names domains and ids but no
 * data, and a stream ends with `signed_out` once its session does.
 */

interface Received {
  event: string;
  data: string;
}

/** An open event stream: what arrived so far, and a wait for the next event that matches. */
function readStream(response: Response) {
  const received: Received[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const read = createEventStreamReader((event, data) => received.push({ event, data }));
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      read(decoder.decode(value, { stream: true }));
    }
    ended = true;
  })();
  return {
    received,
    changes: () => received.filter((r) => r.event === CHANGE_EVENT).map((r) => JSON.parse(r.data) as ChangeEvent),
    async until(match: (r: Received) => boolean, timeoutMs = 3000): Promise<Received> {
      const started = Date.now();
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (ended || Date.now() - started > timeoutMs) throw new Error(`no matching event; got ${JSON.stringify(received)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    ended: () => ended,
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

describe('live updates over SSE', () => {
  let app: TestApp;
  let http: ReturnType<typeof createHttpApp>;
  let admin: { token: string; tenantId: string; userId: string };
  let otherWorkspaceToken: string;
  let partnerA: { id: string };
  let partnerB: { id: string };
  let portalA: string;
  let portalB: string;
  const streams: ReturnType<typeof readStream>[] = [];

  async function open(cookie: string, query = '') {
    const response = await http.request(`${EVENTS_PATH}${query}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const stream = readStream(response);
    streams.push(stream);
    await stream.until((r) => r.event === READY_EVENT);
    return stream;
  }

  beforeAll(async () => {
    const sqlite = engines.find((e) => e.name === 'sqlite');
    if (!sqlite) throw new Error('sqlite engine missing');
    app = await openTestApp(sqlite);
    http = createHttpApp(app.dispatch, {
      rendererDir: null,
      secureCookies: false,
      resolveSession: (token) => app.services.auth.sessions.resolve(token),
      changes: app.changes,
      eventHeartbeatMs: 200,
    });
    admin = await setUpWorkspace(app);
    const other = await call(app, 'workspaces.create', { name: 'Other Workspace', currency: 'EUR' }, admin.token);
    otherWorkspaceToken = await freshSession(app, admin.userId, other.id);
    partnerA = await activePartner(app, admin.token);
    partnerB = await activePartner(app, admin.token);
    portalA = await partnerUserSession(app, (await portalUser(app, admin.token, partnerA.id)).id, admin.tenantId);
    portalB = await partnerUserSession(app, (await portalUser(app, admin.token, partnerB.id)).id, admin.tenantId);
  });

  afterAll(async () => {
    for (const stream of streams) await stream.close();
    await app.dispose();
  });

  it('refuses a stream without a session', async () => {
    const response = await http.request(EVENTS_PATH);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('delivers a change to its workspace and its partner only, naming domains and ids, never data', async () => {
    const staff = await open(`${SESSION_COOKIE}=${admin.token}`);
    const otherWorkspace = await open(`${SESSION_COOKIE}=${otherWorkspaceToken}`);
    const ofA = await open(`${PORTAL_COOKIE}=${portalA}`, '?surface=portal');
    const ofB = await open(`${PORTAL_COOKIE}=${portalB}`, '?surface=portal');

    const renamed = `Renamed ${Date.now()}`;
    await call(app, 'partners.update', { id: partnerA.id, displayName: renamed }, admin.token);

    const seen = await staff.until((r) => r.event === CHANGE_EVENT);
    const event = JSON.parse(seen.data) as ChangeEvent;
    expect(event.domains).toContain('partners');
    expect(event.ids).toContain(partnerA.id);
    expect(Object.keys(event).sort()).toEqual(['domains', 'ids']);
    expect(seen.data).not.toContain(renamed);
    await ofA.until((r) => r.event === CHANGE_EVENT);

    // A later change everybody in the workspace sees proves the others' streams were live and delivering.
    await call(app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: true }, otherWorkspaceToken);
    await otherWorkspace.until((r) => r.event === CHANGE_EVENT);
    expect(otherWorkspace.changes().flatMap((c) => c.ids)).not.toContain(partnerA.id);
    expect(ofB.changes()).toEqual([]);
    expect(staff.changes().some((c) => c.domains.includes('workspaces'))).toBe(false);
  });

  it('a read or a refused mutation publishes nothing', async () => {
    const staff = await open(`${SESSION_COOKIE}=${admin.token}`);
    await call(app, 'partners.list', {}, admin.token);
    // Already active: approving again is refused and changes nothing.
    const refused = await app.dispatch('partners.approve', { id: partnerA.id }, { token: admin.token, clientKey: 'test' });
    expect(refused.response.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(staff.changes()).toEqual([]);
  });

  it('a stream ends with signed_out once its session has ended', async () => {
    const token = await freshSession(app, admin.userId, admin.tenantId);
    const stream = await open(`${SESSION_COOKIE}=${token}`);
    await call(app, 'auth.signOut', {}, token);
    await stream.until((r) => r.event === SIGNED_OUT_EVENT, 8000);
  }, 15_000);
});
