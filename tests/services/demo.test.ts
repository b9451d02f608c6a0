import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE, seedDemo } from '../../src-main/demo/seed';
import { DemoLoadRefused, loadDemo, workspacesBesideDemo } from '../../src-main/demo/load-guard';
import { call, setUpWorkspace, signIn } from '../support/actors';
import { activityRows } from '../support/db';
import { engines, openTestApp, type TestApp } from '../support/engines';
import type { Output } from '../../src-shared/contract';
import { readFileSync } from 'node:fs';
import { decodeCsvBytes } from '../../src-main/domain/leads/import/csv-decoding';
import { parseCsvRecords } from '../../src-main/domain/leads/import/csv-records';
import { suggestMapping } from '../../src-main/domain/leads/import/column-mapping';
import { parseLeadCsv } from '../../src-main/domain/leads/import/parse-lead-csv';

const DAY = 86_400_000;

/**
 * `npm run demo` on an instance that is already set up: the demo workspace and its admin are
 * added beside the existing workspace by the auth service (no hand-written rows), audited in
 * the new workspace by the system, and the demo data then goes in through the procedures
 * (six months of leads, backdated through a second app on a set clock).
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

  async function demoLeads(token: string) {
    const rows = [];
    let cursor: string | null = null;
    do {
      const page: Output<'leads.list'> = await call(app, 'leads.list', { limit: 200, ...(cursor ? { cursor } : {}) }, token);
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  /** The demo workspace's money rows: credits and payouts per status, generation runs, payment references. */
  async function demoMoneyRows(tenantId: string) {
    const { credits, payouts, payoutRuns } = app.database.t;
    const db = app.database.db;
    const perStatus = (rows: { status: string }[]) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    const payoutRows = await db.select({ status: payouts.status, reference: payouts.paymentReference }).from(payouts).where(eq(payouts.tenantId, tenantId));
    return {
      credits: perStatus(await db.select({ status: credits.status }).from(credits).where(eq(credits.tenantId, tenantId))),
      payouts: perStatus(payoutRows),
      references: payoutRows.map((p) => p.reference).filter((r) => r !== null),
      runs: (await db.select({ id: payoutRuns.id }).from(payoutRuns).where(eq(payoutRuns.tenantId, tenantId))).length,
    };
  }

  it('adds the demo workspace and admin through the auth service, audited by the system', async () => {
    const existing = await setUpWorkspace(app, 'Existing Workspace');
    // `npm run demo` without --force refuses, naming the workspace and the way out, and writes nothing.
    const { tenants, staffUsers, activity } = app.database.t;
    const counts = async () => ({
      tenants: (await app.database.db.select().from(tenants)).length,
      staff: (await app.database.db.select().from(staffUsers)).length,
      activity: (await app.database.db.select().from(activity)).length,
    });
    const before = await counts();
    const refused = loadDemo(app, { teamMode: false, force: false });
    await expect(refused).rejects.toBeInstanceOf(DemoLoadRefused);
    await expect(refused).rejects.toThrow(/"Existing Workspace".*--force/);
    expect(await counts()).toEqual(before);
    expect(await loadDemo(app, { teamMode: false, force: true })).toEqual({ created: true });
    expect(await workspacesBesideDemo(app)).toEqual(['Existing Workspace']);
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
    // Demo leads: six months of them in every status, some flagged as duplicates of another partner's lead.
    const leadCounts = await call(app, 'leads.counts', {}, token);
    for (const n of Object.values(leadCounts.byStatus)) expect(n).toBeGreaterThan(0);
    expect(Object.values(leadCounts.byStatus).reduce((a, b) => a + b, 0)).toBe(120);
    expect(Object.values(leadCounts.duplicatesByStatus).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10);
    const leads = await demoLeads(token);
    const ages = leads.map((l) => (Date.now() - Date.parse(l.submittedAt)) / DAY);
    expect(Math.max(...ages)).toBeGreaterThan(175);
    expect(Math.max(...ages)).toBeLessThan(190);
    // Spread over the months, not bunched: every month of the six has leads, the last one the most.
    const months = new Set(leads.map((l) => l.submittedAt.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    expect(ages.filter((a) => a <= 30).length).toBeGreaterThan(ages.filter((a) => a > 150).length);
    // A few leads have waited for weeks (the dashboard's oldest, the queue's age filter).
    expect((await call(app, 'leads.queue', { olderThanDays: 30, limit: 200 }, token)).rows.length).toBeGreaterThan(0);
    const details = await Promise.all(leads.filter((l) => l.status === 'rejected' || l.status === 'converted' || l.duplicateFlag).map((l) => call(app, 'leads.get', { id: l.id }, token)));
    const { rejectionReasons } = await call(app, 'leads.settings', {}, token);
    for (const d of details) {
      if (d.status === 'rejected') expect(rejectionReasons).toContain(d.rejectionReason);
      if (d.status === 'converted') {
        expect(d.convertedValueMinor).toBeGreaterThan(0);
        expect(d.convertedOn && d.convertedOn >= d.submittedAt.slice(0, 10)).toBe(true);
      }
      if (d.duplicate?.view === 'staff') {
        // The earlier lead is another partner's, inside the 90-day window.
        expect(d.duplicate.duplicateOf.partner.id).not.toBe(d.partner.id);
        expect(Date.parse(d.submittedAt) - Date.parse(d.duplicate.duplicateOf.submittedAt)).toBeLessThan(90 * DAY);
      }
    }
    expect(details.filter((d) => d.duplicate?.view === 'staff').length).toBeGreaterThanOrEqual(10);
    // The existing workspace is untouched and its admin does not see the demo one.
    expect((await call(app, 'workspaces.list', {}, existing.token)).map((w) => w.name)).toEqual(['Existing Workspace']);
    expect(await call(app, 'activity.verify', {}, token)).toMatchObject({ ok: true });
    // Demo money (src-main/demo/seed-money.ts): credits decided, last month's payout run, one payout approved, one paid with a reference.
    const money = await demoMoneyRows(demoTenant);
    expect(money.credits.approved).toBeGreaterThan(0);
    expect(money.credits.pending_approval).toBeGreaterThan(0);
    expect(money.runs).toBeGreaterThanOrEqual(1);
    expect(money.payouts.paid).toBe(1);
    expect((money.payouts.approved ?? 0) + (money.payouts.partially_approved ?? 0)).toBeGreaterThanOrEqual(1);
    expect(money.references).toEqual([expect.stringMatching(/^NW-/)]);
    const monthly = await call(app, 'payouts.monthly', {}, token);
    expect(monthly.total.earnedMinor).toBeGreaterThan(0);
    expect(monthly.total.paidMinor).toBeGreaterThan(0);
    // Run again: nothing is created twice.
    expect(await seedDemo(app)).toEqual({ created: false });
    expect(await call(app, 'leads.counts', {}, token)).toEqual(leadCounts);
    expect(await demoMoneyRows(demoTenant)).toEqual(money);
  }, 120_000);

  it('refuses team mode without --force even on an empty database, and counts no workspace beside the demo there', async () => {
    const fresh = await openTestApp(engines.find((e) => e.name === 'sqlite') ?? (engines[0] as (typeof engines)[number]));
    try {
      expect(await workspacesBesideDemo(fresh)).toEqual([]);
      await expect(loadDemo(fresh, { teamMode: true, force: false })).rejects.toThrow(/DATABASE_URL.*--force/);
      expect(await fresh.services.auth.needsSetup()).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });

  it('ships a Windows-1252, semicolon-delimited sample CSV whose bad rows the import refuses, each with its reason', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../demo/leads-import-sample.csv', import.meta.url)));
    const { text, encoding } = decodeCsvBytes(bytes);
    expect(encoding).toBe('windows-1252');
    const { headers, delimiter } = parseCsvRecords(text);
    expect(delimiter).toBe(';');
    expect(headers).toEqual(['Contact name', 'Company', 'Email', 'Phone', 'Country', 'Job title', 'Product interest', 'Website', 'Estimated value', 'Notes', 'Source']);
    for (const word of ['Müller', 'Société Générale', 'São Paulo']) expect(text).toContain(word);
    const mapping = suggestMapping(headers);
    expect(mapping.find((m) => m.header === 'Source')?.target).toBe('extra');
    const parsed = parseLeadCsv(bytes, mapping, 'EUR');
    expect(parsed.totalRows).toBe(60);
    expect(parsed.refused.map((r) => r.contactName)).toEqual(['', 'Karl Förster', 'Dieter Rößler', 'Märta Olsson']);
    expect(parsed.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/name/i), expect.stringMatching(/email/i), expect.stringMatching(/country|phone/i), expect.stringMatching(/negative/i)]);
    // The formula is data: accepted as text here, neutralised in any CSV the app writes.
    expect(parsed.accepted.some((a) => a.lead.notes?.startsWith('=HYPERLINK('))).toBe(true);
  });
});
