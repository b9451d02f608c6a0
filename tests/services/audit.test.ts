import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { engines, type TestApp } from '../support/engines';
import { openTestAppWithClock, testClock, MINUTE } from '../support/clock';
import { call, setUpWorkspace, signIn, STRONG_PASSWORD } from '../support/actors';
import { activityRows, countRows, snapshot } from '../support/db';
import { callError } from '../support/outcomes';
import type { ActivityEntry } from '../../src-shared/contract';
import type { Database } from '../../src-main/data/database';
import { openPostgres } from '../../src-main/data/engines/postgres';
import { createAppOn } from '../../src-main/app';

/**
 * The audit trail on every engine: every mutation leaves its row in its own workspace, the
 * list filters and pages, the chain verifies, the database refuses edits, a rolled-back change
 * leaves no row, and edits made behind the app's back (triggers disabled) are detected.
 * The scenario (runScenario) runs once for the read-only tests; each tamper test, which breaks
 * the chain, gets a scenario of its own, so no test depends on another having run first.
 */
describe.each(engines)('audit trail on $name', (engine) => {
  let clock = testClock('2031-05-01T09:00:00.000Z');
  let app: TestApp;
  let tenantA = '';
  let tenantB = '';
  let adminId = '';
  let maxId = '';
  let beaId = '';
  let adminA = ''; // a session of Ada's in workspace A
  let at: Date[] = []; // at[i]: the clock at step i of the scenario

  /** The message of a rejection and of its causes (Drizzle wraps the driver's error). */
  async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      const messages: string[] = [];
      for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
      return messages.join(' <- ');
    }
    throw new Error('the database accepted the statement');
  }

  interface Scenario {
    app: TestApp;
    clock: ReturnType<typeof testClock>;
    at: Date[];
    tenantA: string;
    tenantB: string;
    adminId: string;
    maxId: string;
    beaId: string;
    adminA: string;
  }

  /** A fresh app on its own clock, through a fixed sequence of mutations in two workspaces. */
  async function runScenario(): Promise<Scenario> {
    const clock = testClock('2031-05-01T09:00:00.000Z');
    const at: Date[] = [];
    const step = () => {
      clock.advance(MINUTE);
      at.push(clock());
    };
    const app = await openTestAppWithClock(engine, clock);
    step(); // 0
    const admin = await setUpWorkspace(app);
    const tenantA = admin.tenantId;
    const adminId = admin.userId;
    step(); // 1
    const maxId = (await call(app, 'staff.add', { name: 'Max Manager', email: 'max@acme.test', role: 'manager', password: STRONG_PASSWORD }, admin.token)).userId;
    step(); // 2
    await call(app, 'staff.changeRole', { userId: maxId, role: 'finance' }, admin.token);
    step(); // 3
    await call(app, 'staff.disable', { userId: maxId }, admin.token);
    step(); // 4
    await call(app, 'staff.enable', { userId: maxId }, admin.token);
    step(); // 5
    await callError(app, 'auth.signIn', { email: 'max@acme.test', password: 'not the password at all' });
    step(); // 6
    await signIn(app, 'max@acme.test');
    step(); // 7
    const tenantB = (await call(app, 'workspaces.create', { name: 'Zeta Partners', currency: 'USD' }, admin.token)).id;
    step(); // 8
    await call(app, 'auth.switchWorkspace', { tenantId: tenantB }, admin.token);
    step(); // 9
    const beaId = (await call(app, 'staff.add', { name: 'Bea Beta', email: 'bea@zeta.test', role: 'viewer', password: STRONG_PASSWORD }, admin.token)).userId;
    step(); // 10
    await call(app, 'auth.signOut', {}, admin.token);
    step(); // 11
    // Sign-in lands in the last-used workspace (B here); this scenario wants Ada's new session in A.
    const { staffUsers } = app.database.t;
    await app.database.write((tx) => tx.update(staffUsers).set({ lastTenantId: tenantA }).where(eq(staffUsers.id, adminId)));
    const adminA = await signIn(app, 'ada@acme.test');
    return { app, clock, at, tenantA, tenantB, adminId, maxId, beaId, adminA };
  }

  beforeAll(async () => {
    ({ app, clock, at, tenantA, tenantB, adminId, maxId, beaId, adminA } = await runScenario());
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('every mutation writes its activity, in its own workspace, in one gap-free sequence', async () => {
    const rowsA = await activityRows(app.database, tenantA);
    expect(rowsA.map((r) => [r.seq, r.action, r.actorId, r.resourceId, r.at.toISOString()])).toEqual([
      [1, 'workspace.created', adminId, tenantA, at[0]?.toISOString()],
      [2, 'staff.added', adminId, adminId, at[0]?.toISOString()],
      [3, 'auth.signed_in', adminId, adminId, at[0]?.toISOString()],
      [4, 'staff.added', adminId, maxId, at[1]?.toISOString()],
      [5, 'staff.role_changed', adminId, maxId, at[2]?.toISOString()],
      [6, 'staff.disabled', adminId, maxId, at[3]?.toISOString()],
      [7, 'staff.enabled', adminId, maxId, at[4]?.toISOString()],
      [8, 'auth.sign_in_failed', maxId, maxId, at[5]?.toISOString()],
      [9, 'auth.signed_in', maxId, maxId, at[6]?.toISOString()],
      [10, 'workspace.created', adminId, tenantB, at[7]?.toISOString()],
      [11, 'auth.signed_in', adminId, adminId, at[11]?.toISOString()],
    ]);
    const rowsB = await activityRows(app.database, tenantB);
    expect(rowsB.map((r) => [r.seq, r.action, r.actorId, r.resourceId])).toEqual([
      [1, 'workspace.created', adminId, tenantB],
      [2, 'auth.workspace_switched', adminId, tenantB],
      [3, 'staff.added', adminId, beaId],
      [4, 'auth.signed_out', adminId, adminId],
    ]);
    expect(rowsA.every((r) => r.tenantId === tenantA && r.actorType === 'staff' && r.actorName !== null)).toBe(true);
    // Each row links to the one before it.
    for (const rows of [rowsA, rowsB]) rows.slice(1).forEach((r, i) => expect(r.prevHash).toBe(rows[i]?.hash));
  });

  it('activity.list returns the trail newest first, with what the viewer needs', async () => {
    const page = await call(app, 'activity.list', {}, adminA);
    expect(page.nextBeforeSeq).toBeNull();
    expect(page.items.map((e) => e.seq)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.items.find((e) => e.seq === 5)).toEqual({
      id: expect.any(String),
      seq: 5,
      at: (at[2] ?? new Date(0)).toISOString(),
      actorType: 'staff',
      actorId: adminId,
      actorName: 'Ada Admin',
      action: 'staff.role_changed',
      resourceType: 'staff_user',
      resourceId: maxId,
      resourceLabel: 'Max Manager',
      details: { from: 'manager', to: 'finance' },
    } satisfies ActivityEntry);
  });

  it('activity.list filters by actor, action, resource and time range', async () => {
    const seqs = async (filters: Parameters<typeof call<'activity.list'>>[2]) => (await call(app, 'activity.list', filters, adminA)).items.map((e) => e.seq);
    expect(await seqs({ actorId: maxId })).toEqual([9, 8]);
    expect(await seqs({ action: 'staff.added' })).toEqual([4, 2]);
    expect(await seqs({ action: 'auth.signed_in', actorId: adminId })).toEqual([11, 3]);
    expect(await seqs({ resourceType: 'workspace' })).toEqual([10, 1]);
    expect(await seqs({ resourceType: 'staff_user', resourceId: maxId })).toEqual([9, 8, 7, 6, 5, 4]);
    expect(await seqs({ resourceId: beaId })).toEqual([]); // B's rows stay in B
    expect(await seqs({ action: 'no.such.action' })).toEqual([]);
    // Both bounds are inclusive; offsets are honoured.
    expect(await seqs({ from: at[2]?.toISOString(), to: at[4]?.toISOString() })).toEqual([7, 6, 5]);
    const plus2 = (d: Date | undefined) => new Date((d?.getTime() ?? 0) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    expect(await seqs({ from: plus2(at[2]), to: plus2(at[4]) })).toEqual([7, 6, 5]);
    expect(await seqs({ from: at[7]?.toISOString() })).toEqual([11, 10]);
    expect(await seqs({ to: at[0]?.toISOString() })).toEqual([3, 2, 1]);
    expect(await seqs({ from: at[5]?.toISOString(), to: at[9]?.toISOString(), actorId: maxId, action: 'auth.signed_in' })).toEqual([9]);
  });

  it('activity.list pages backwards with beforeSeq until nextBeforeSeq is null', async () => {
    for (const limit of [1, 3, 5, 10, 11]) {
      const seen: number[] = [];
      let beforeSeq: number | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await call(app, 'activity.list', beforeSeq === undefined ? { limit } : { limit, beforeSeq }, adminA);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((e) => e.seq));
        if (page.nextBeforeSeq === null) break;
        expect(page.nextBeforeSeq).toBe(page.items.at(-1)?.seq);
        beforeSeq = page.nextBeforeSeq;
      }
      expect(seen, `limit ${limit}`).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    }
    const filtered = await call(app, 'activity.list', { resourceId: maxId, limit: 4 }, adminA);
    expect(filtered.items.map((e) => e.seq)).toEqual([9, 8, 7, 6]);
    expect((await call(app, 'activity.list', { resourceId: maxId, limit: 4, beforeSeq: filtered.nextBeforeSeq ?? 0 }, adminA)).items.map((e) => e.seq)).toEqual([5, 4]);
  });

  it('activity.facets lists the actions and actors of the workspace only', async () => {
    expect(await call(app, 'activity.facets', {}, adminA)).toEqual({
      actions: ['auth.sign_in_failed', 'auth.signed_in', 'staff.added', 'staff.disabled', 'staff.enabled', 'staff.role_changed', 'workspace.created'],
      actors: [
        { id: adminId, name: 'Ada Admin' },
        { id: maxId, name: 'Max Manager' },
      ],
    });
  });

  it('activity.verify finds both chains intact', async () => {
    expect(await call(app, 'activity.verify', {}, adminA)).toEqual({ ok: true, checked: 11, problems: [] });
    expect(await app.services.activity.verify(tenantB)).toEqual({ ok: true, checked: 4, problems: [] });
    expect(await app.services.activity.verify('no-such-workspace')).toEqual({ ok: true, checked: 0, problems: [] });
  });

  it('concurrent writers, in one process and from a second desktop, never fork or gap the chain', async () => {
    // A chain of its own (activity.tenant_id has no foreign key), so the scenario above stays as it is.
    const tenant = `concurrency-${engine.name}`;
    const apps: TestApp[] = [app];
    let second: Database | null = null;
    if (engine.name === 'postgres') {
      // Team mode: another desktop with its own connection pool on the same database and schema.
      const [row] = await app.database.raw('SELECT current_schema() AS s');
      second = await openPostgres(process.env.DATABASE_URL as string, { searchPath: String(row?.s) });
      apps.push({ ...createAppOn(second, app.deps.dataDir, { clock }), dispose: async () => undefined });
    }
    const round = (from: number) =>
      Promise.all(
        Array.from({ length: 40 }, (_, k) => {
          const i = from + k;
          const a = apps[i % apps.length] as TestApp;
          return a.database.write((tx) =>
            a.services.activity.record(tx, { tenantId: tenant, actor: { type: 'system', id: null, name: null }, action: 'test.concurrent', resourceType: 'test', resourceId: String(i) }),
          );
        }),
      );
    try {
      // First the race for the tenant's new chain head, then 40 more writers on the existing head.
      await round(0);
      await round(40);
    } finally {
      await second?.close();
    }
    const rows = await activityRows(app.database, tenant);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.resourceId)).size).toBe(80);
    expect(await app.services.activity.verify(tenant)).toEqual({ ok: true, checked: 80, problems: [] });
  });

  it('a clock stepping back never moves the trail back in time, and the head follows the newest entry', async () => {
    const tenant = `clock-${engine.name}`;
    const { auditHeads } = app.database.t;
    const actor = { type: 'staff' as const, id: adminId, name: 'Ada Admin' };
    const write = (details: Record<string, unknown>) =>
      app.database.write((tx) => app.services.activity.record(tx, { tenantId: tenant, actor, action: 'test.clock', resourceType: 'test', resourceId: null, details }));
    const start = clock();
    await write({ step: 1, nested: { list: [1, 'two'] } });
    clock.set(new Date(start.getTime() - 10 * MINUTE)); // the machine's clock is set back
    await write({ step: 2 });
    clock.set(new Date(start.getTime() + MINUTE));
    await write({ step: 3 });
    const rows = await activityRows(app.database, tenant);
    expect(rows.map((r) => [r.seq, r.at.toISOString(), r.details])).toEqual([
      [1, start.toISOString(), { step: 1, nested: { list: [1, 'two'] } }],
      [2, start.toISOString(), { step: 2 }],
      [3, new Date(start.getTime() + MINUTE).toISOString(), { step: 3 }],
    ]);
    const [head] = await app.database.db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenant));
    expect(head).toEqual({ tenantId: tenant, seq: 3, hash: rows[2]?.hash, lastAt: rows[2]?.at, keyedFromSeq: 1 });
    expect(await app.services.activity.verify(tenant)).toEqual({ ok: true, checked: 3, problems: [] });
  });

  it('the database itself refuses to update or delete activity rows', async () => {
    const { activity } = app.database.t;
    const before = await snapshot(app.database);
    const one = and(eq(activity.tenantId, tenantA), eq(activity.seq, 2));
    expect(await refusal(app.database.write((tx) => tx.update(activity).set({ details: { email: 'mallory@evil.test' } }).where(one)))).toMatch(/append-only/);
    expect(await refusal(app.database.write((tx) => tx.update(activity).set({ action: 'nothing.happened' })))).toMatch(/append-only/);
    expect(await refusal(app.database.write((tx) => tx.delete(activity).where(one)))).toMatch(/append-only/);
    expect(await refusal(app.database.write((tx) => tx.delete(activity)))).toMatch(/append-only/);
    if (engine.name !== 'sqlite') expect(await refusal(app.database.raw('TRUNCATE activity'))).toMatch(/append-only/);
    expect(await snapshot(app.database)).toEqual(before);
  });

  it('a failed mutation leaves no activity behind', async () => {
    // A call first: an earlier test moved the clock, so the session's once-a-minute activity
    // touch (a write of its own) lands now rather than inside the comparison below.
    await call(app, 'auth.session', {}, adminA);
    const before = await snapshot(app.database);
    // Refused inside the write transaction: a duplicate member, the last admin.
    expect(await callError(app, 'staff.add', { name: 'Max Again', email: 'max@acme.test', role: 'viewer', password: STRONG_PASSWORD }, adminA)).toMatchObject({ code: 'validation', field: 'email' });
    expect(await callError(app, 'staff.changeRole', { userId: adminId, role: 'viewer' }, adminA)).toMatchObject({ code: 'conflict' });
    expect(await callError(app, 'staff.disable', { userId: adminId }, adminA)).toMatchObject({ code: 'conflict' });
    expect(await callError(app, 'auth.switchWorkspace', { tenantId: 'no-such-workspace' }, adminA)).toMatchObject({ code: 'not_found' });
    expect(await snapshot(app.database)).toEqual(before);

    // And at the data layer: an activity recorded in a transaction that then fails is rolled back with it.
    await expect(
      app.database.write(async (tx) => {
        await app.services.activity.record(tx, { tenantId: tenantA, actor: { type: 'system', id: null, name: null }, action: 'test.rolled_back', resourceType: 'test', resourceId: null });
        throw new Error('the change failed after its activity was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await snapshot(app.database)).toEqual(before);
    expect(await call(app, 'activity.verify', {}, adminA)).toMatchObject({ ok: true, checked: 11 });
  });

  /** Tampering breaks the chain: each of these tests has a scenario of its own. */
  describe('tampering behind the app\u2019s back', () => {
    let app: TestApp;
    let tenantA = '';
    let tenantB = '';
    let adminA = '';
    beforeEach(async () => {
      ({ app, tenantA, tenantB, adminA } = await runScenario());
    });
    afterEach(async () => {
      await app?.dispose();
    });

    /** Runs statements on the database behind the app's back, with the append-only triggers out of the way. */
    async function tamper(statements: { sqlite: string; pg: string; params?: unknown[] }[]): Promise<void> {
      if (engine.name === 'sqlite') {
        const conn = new BetterSqlite3(join(app.deps.dataDir, 'partnerdesk.sqlite'));
        try {
          conn.exec('DROP TRIGGER IF EXISTS activity_no_update; DROP TRIGGER IF EXISTS activity_no_delete;');
          for (const s of statements) conn.prepare(s.sqlite).run(...(s.params ?? []));
          conn.exec(`CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;
                     CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity BEGIN SELECT RAISE(ABORT, 'activity is append-only'); END;`);
        } finally {
          conn.close();
        }
        return;
      }
      await app.database.raw('ALTER TABLE activity DISABLE TRIGGER USER');
      try {
        for (const s of statements) await app.database.raw(s.pg, s.params ?? []);
      } finally {
        await app.database.raw('ALTER TABLE activity ENABLE TRIGGER USER');
      }
    }

    const verifyA = () => call(app, 'activity.verify', {}, adminA);

    it('an edited row is detected, and only that row', async () => {
      const [original] = await app.database.raw(
        engine.name === 'sqlite' ? 'SELECT details AS d FROM activity WHERE tenant_id = ? AND seq = 2' : 'SELECT details::text AS d FROM activity WHERE tenant_id = $1 AND seq = 2',
        [tenantA],
      );
      const originalDetails = String(original?.d);
      expect(JSON.parse(originalDetails)).toEqual({ email: 'ada@acme.test', role: 'admin' });

      await tamper([
        {
          sqlite: "UPDATE activity SET details = json_set(details, '$.role', 'viewer') WHERE tenant_id = ? AND seq = 2",
          pg: `UPDATE activity SET details = jsonb_set(details, '{role}', '"viewer"') WHERE tenant_id = $1 AND seq = 2`,
          params: [tenantA],
        },
      ]);
      expect(await verifyA()).toEqual({ ok: false, checked: 11, problems: [{ seq: 2, problem: 'row content was changed' }] });

      // Put it back exactly: the chain is whole again, so the report was about that edit alone.
      await tamper([
        {
          sqlite: 'UPDATE activity SET details = ? WHERE tenant_id = ? AND seq = 2',
          pg: 'UPDATE activity SET details = $1::jsonb WHERE tenant_id = $2 AND seq = 2',
          params: [originalDetails, tenantA],
        },
      ]);
      expect(await verifyA()).toEqual({ ok: true, checked: 11, problems: [] });

      // Another column: who did it.
      await tamper([{ sqlite: "UPDATE activity SET actor_name = 'Someone Else' WHERE tenant_id = ? AND seq = 5", pg: "UPDATE activity SET actor_name = 'Someone Else' WHERE tenant_id = $1 AND seq = 5", params: [tenantA] }]);
      expect(await verifyA()).toEqual({ ok: false, checked: 11, problems: [{ seq: 5, problem: 'row content was changed' }] });
      await tamper([{ sqlite: "UPDATE activity SET actor_name = 'Ada Admin' WHERE tenant_id = ? AND seq = 5", pg: "UPDATE activity SET actor_name = 'Ada Admin' WHERE tenant_id = $1 AND seq = 5", params: [tenantA] }]);
      expect(await verifyA()).toMatchObject({ ok: true });
    });

    it('a deleted newest row is detected against the chain head', async () => {
      await tamper([{ sqlite: 'DELETE FROM activity WHERE tenant_id = ? AND seq = 11', pg: 'DELETE FROM activity WHERE tenant_id = $1 AND seq = 11', params: [tenantA] }]);
      expect(await verifyA()).toEqual({ ok: false, checked: 10, problems: [{ seq: 11, problem: 'the chain ends at 10 but 11 rows were written' }] });
    });

    it('a deleted row in the middle is detected, and the other workspace is not blamed', async () => {
      expect(await app.services.activity.verify(tenantB)).toMatchObject({ ok: true });
      await tamper([{ sqlite: 'DELETE FROM activity WHERE tenant_id = ? AND seq = 2', pg: 'DELETE FROM activity WHERE tenant_id = $1 AND seq = 2', params: [tenantB] }]);
      expect(await app.services.activity.verify(tenantB)).toEqual({
        ok: false,
        checked: 3,
        problems: [
          { seq: 3, problem: 'rows 2–2 are missing' },
          { seq: 3, problem: 'link to the previous row is broken' },
        ],
      });
      // The guard is back after tampering.
      const { activity } = app.database.t;
      expect(await refusal(app.database.write((tx) => tx.delete(activity).where(eq(activity.tenantId, tenantB))))).toMatch(/append-only/);
      expect((await countRows(app.database)).activity).toBeGreaterThan(0);
    });
  });
});
