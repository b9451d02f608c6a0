import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSessionCache } from '../../src-main/services/auth/session-cache';
import type { ActiveSession } from '../../src-main/services/context';
import { engines, openStore, type ScratchStore } from '../support/engines';
import { call, setUpWorkspace, signIn, staffWithRole, STRONG_PASSWORD } from '../support/actors';
import { HOUR, openTestAppWithClock, testClock, type TestClock } from '../support/clock';
import type { TestApp } from '../support/engines';
import { createAppOn } from '../../src-main/app';
import { startSecondProcess } from '../support/second-process';
import { LISTENER_NAME } from '../../src-main/data/engines/pg-listener';

/**
 * The in-process session cache (services/auth/session-cache.ts): hits answer from memory, and
 * every change that ends or narrows a session takes effect on the very next call, in this
 * process at once and in another process (Postgres) through NOTIFY.
 */
describe.each(engines)('session cache on $name', (engine) => {
  let app: TestApp;
  let clock: TestClock;
  let admin: { token: string; tenantId: string; userId: string };

  beforeAll(async () => {
    clock = testClock();
    app = await openTestAppWithClock(engine, clock);
    admin = await setUpWorkspace(app);
  });
  afterAll(async () => {
    await app?.dispose();
  });

  /** auth.session answers null for a token that no longer resolves. */
  const sessionOf = (token: string) => call(app, 'auth.session', {}, token);

  it('serves a session from memory: a change made behind the services’ back shows only after the TTL', async () => {
    const manager = await staffWithRole(app, admin.token, 'manager', 'behind');
    expect((await call(app, 'auth.session', {}, manager.token))?.role).toBe('manager');
    // Ends the session without telling the cache: the cached entry still answers…
    const { sessions } = app.database.t;
    await app.database.write((tx) => tx.update(sessions).set({ endedAt: clock() }).where(eq(sessions.userId, manager.userId)));
    expect((await call(app, 'auth.session', {}, manager.token))?.role).toBe('manager');
    // …until the backstop TTL has passed, then the database decides again.
    clock.advance(5_000);
    expect(await sessionOf(manager.token)).toBeNull();
  });

  it('a role change, a workspace switch, a disable and a sign-out each show on the next call', async () => {
    const member = await staffWithRole(app, admin.token, 'manager', 'changes');
    await call(app, 'auth.session', {}, member.token);
    await call(app, 'staff.changeRole', { userId: member.userId, role: 'viewer' }, admin.token);
    expect((await call(app, 'auth.session', {}, member.token))?.role).toBe('viewer');

    const other = await call(app, 'workspaces.create', { name: 'Second Workspace', currency: 'EUR' }, admin.token);
    await call(app, 'auth.session', {}, admin.token);
    await call(app, 'auth.switchWorkspace', { tenantId: other.id }, admin.token);
    expect((await call(app, 'auth.session', {}, admin.token))?.tenant.id).toBe(other.id);
    await call(app, 'auth.switchWorkspace', { tenantId: admin.tenantId }, admin.token);

    await call(app, 'staff.disable', { userId: member.userId }, admin.token);
    expect(await sessionOf(member.token)).toBeNull();

    const again = await staffWithRole(app, admin.token, 'viewer', 'signout');
    await call(app, 'auth.session', {}, again.token);
    await call(app, 'auth.signOut', {}, again.token);
    expect(await sessionOf(again.token)).toBeNull();
  });

  it('checks idle and absolute expiry on every hit, not only when it reads the database', async () => {
    const busy = await staffWithRole(app, admin.token, 'viewer', 'expiry');
    // Busy for almost 12 hours (one call every 20 minutes keeps it from idling)…
    for (let t = 0; t < 12 * 3 - 1; t++) {
      clock.advance(HOUR / 3);
      expect((await call(app, 'auth.session', {}, busy.token))?.user.id).toBe(busy.userId);
    }
    clock.advance(HOUR / 3 - 2_000);
    await call(app, 'auth.session', {}, busy.token); // fills the cache 2 s before the absolute limit
    clock.advance(3_000); // within the TTL, past the limit
    expect(await sessionOf(busy.token)).toBeNull();
  });

  it('a load that raced an invalidation does not fill the cache with what it read', async () => {
    const cache = createSessionCache<ActiveSession>(app.database, () => clock().getTime());
    try {
      const entry = { userKind: 'staff', userId: 'u1', partnerId: null } as unknown as ActiveSession;
      const since = cache.epoch();
      cache.invalidate({ user: { kind: 'staff', id: 'someone-else' } }); // any invalidation while the load ran
      cache.fill('s1', entry, since);
      expect(cache.get('s1')).toBeUndefined();
      cache.fill('s1', entry, cache.epoch());
      expect(cache.get('s1')).toBe(entry);
      cache.invalidate({ user: { kind: 'staff', id: 'u1' } });
      expect(cache.get('s1')).toBeUndefined();
    } finally {
      cache.stop();
    }
  });
});

/**
 * Postgres with several processes: a second OS process on the same store caches the session,
 * and learns of a disable made here within a second (NOTIFY), well inside the 5 s TTL.
 */
describe.skipIf(!process.env.DATABASE_URL)('session cache across processes on postgres', () => { // skip reason: needs a real Postgres server (DATABASE_URL) for two processes to share
  let store: ScratchStore;
  let app: ReturnType<typeof createAppOn>;
  let second: Awaited<ReturnType<typeof startSecondProcess>>;

  beforeAll(async () => {
    store = await openStore('postgres', { label: 'cache' });
    app = createAppOn(store.database, store.dataDir);
    second = await startSecondProcess(store.schema ?? '');
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await store?.dispose();
  });

  it('a user disabled here is refused by the second process within 1 s', async () => {
    const admin = await setUpWorkspace(app);
    const member = await call(app, 'staff.add', { name: 'Remote Ruth', email: 'ruth@acme.test', role: 'manager', password: STRONG_PASSWORD }, admin.token);
    const signedIn = await second.dispatch('auth.signIn', { email: 'ruth@acme.test', password: STRONG_PASSWORD }, null);
    const token = signedIn.token;
    if (typeof token !== 'string') throw new Error('sign-in on the second process failed');
    expect((await second.dispatch('auth.session', {}, token)).response.ok).toBe(true);
    expect((await second.dispatch('auth.session', {}, token)).response.ok).toBe(true); // now cached there
    // The token also works here: one session store for both processes.
    expect((await call(app, 'auth.session', {}, token))?.user.id).toBe(member.userId);

    await call(app, 'staff.disable', { userId: member.userId }, admin.token);
    const disabledAt = Date.now();
    let refusedAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - disabledAt < 3_000) {
      const outcome = await second.dispatch('auth.session', {}, token);
      if (outcome.response.ok && outcome.response.result === null) {
        refusedAfter = Date.now() - disabledAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(refusedAfter).toBeLessThan(1_000);
    // And a sign-in there after the change sees it too.
    expect((await second.dispatch('auth.signIn', { email: 'ruth@acme.test', password: STRONG_PASSWORD }, null)).response.ok).toBe(false);
    await signIn(app, 'ada@acme.test');
  }, 30_000);

  it('a change made while the listener was cut off is not missed: the cache is dropped and refilled from the database', async () => {
    const admin = await signIn(app, 'ada@acme.test');
    await call(app, 'staff.add', { name: 'Cut Off', email: 'cutoff@acme.test', role: 'manager', password: STRONG_PASSWORD }, admin);
    const signedIn = await second.dispatch('auth.signIn', { email: 'cutoff@acme.test', password: STRONG_PASSWORD }, null);
    const token = signedIn.token as string;
    const userId = (signedIn.response as { ok: true; result: { user: { id: string } } }).result.user.id;
    expect((await second.dispatch('auth.session', {}, token)).response.ok).toBe(true);
    // Every listener of this database loses its connection; the NOTIFY of the disable below reaches none of them.
    await store.database.raw(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER_NAME]);
    await call(app, 'staff.disable', { userId }, admin);
    // Well inside the 5 s TTL: refused because the cut-off cache neither serves nor survives the reconnect.
    const outcome = await second.dispatch('auth.session', {}, token);
    expect(outcome.response).toEqual({ ok: true, result: null });
  }, 30_000);
});
