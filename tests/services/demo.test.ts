import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, seedDemo } from '../../src-main/demo/seed';
import { call, setUpWorkspace, signIn } from '../support/actors';
import { activityRows } from '../support/db';
import { engines, openTestApp, type TestApp } from '../support/engines';

/**
 * `npm run demo` on an instance that is already set up: the demo workspace and its admin are
 * added beside the existing workspace by the auth service (no hand-written rows), audited in
 * the new workspace by the system, and the demo data then goes in through the procedures.
 * SQLite only: the demo signs in a dozen times (argon2), and the engines are covered elsewhere.
 */
describe('demo data beside an existing workspace', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp(engines.find((e) => e.name === 'sqlite') ?? (engines[0] as (typeof engines)[number]));
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('adds the demo workspace and admin through the auth service, audited by the system', async () => {
    const existing = await setUpWorkspace(app, 'Existing Workspace');
    expect(await seedDemo(app)).toEqual({ created: true });
    const token = await signIn(app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const session = await call(app, 'auth.session', {}, token);
    expect(session).toMatchObject({ tenant: { name: DEMO_WORKSPACE }, role: 'admin', workspaces: [{ name: DEMO_WORKSPACE, role: 'admin' }] });
    const demoTenant = session?.tenant.id as string;
    const trail = await activityRows(app.database, demoTenant);
    expect(trail.slice(0, 2).map((r) => [r.action, r.actorType, r.actorName])).toEqual([
      ['workspace.created', 'system', 'demo loader'],
      ['staff.added', 'system', 'demo loader'],
    ]);
    expect((await call(app, 'workspaces.settings', {}, token)).approvalNeedsVerifiedKyc).toBe(true);
    expect((await call(app, 'partners.list', { limit: 1 }, token)).total).toBeGreaterThan(0);
    // Demo leads in every status, some flagged as duplicates.
    const leadCounts = await call(app, 'leads.counts', {}, token);
    for (const n of Object.values(leadCounts.byStatus)) expect(n).toBeGreaterThan(0);
    expect(Object.values(leadCounts.duplicatesByStatus).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The existing workspace is untouched and its admin does not see the demo one.
    expect((await call(app, 'workspaces.list', {}, existing.token)).map((w) => w.name)).toEqual(['Existing Workspace']);
    expect(await call(app, 'activity.verify', {}, token)).toMatchObject({ ok: true });
    // Run again: nothing is created twice.
    expect(await seedDemo(app)).toEqual({ created: false });
    expect(await call(app, 'leads.counts', {}, token)).toEqual(leadCounts);
  }, 120_000);
});
