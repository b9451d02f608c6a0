import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn } from '../../src-main/app';
import type { EngineName } from '../../src-main/data/database';
import { call, setUpWorkspace, signIn, staffWithRole, STRONG_PASSWORD } from '../support/actors';
import { testClock } from '../support/clock';
import { openStore, type ScratchStore } from '../support/engines';
import type { PartnerSuite } from '../support/partners';
import { activePartner } from '../support/leads';
import { approvedCredits } from '../support/payouts';
import { startSecondProcess, type SecondProcess } from '../support/second-process';

/**
 * Two generations of the same period at once, from two OS processes on one store: (a) one
 * SQLite file, (b) one Postgres. Whatever the interleaving, no credit is in two live payouts,
 * every credit is in exactly one, and each partner got one payout from one of the two runs.
 */
const stores: EngineName[] = ['sqlite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];

describe.each(stores)('two processes generating at once on %s', (engine) => {
  let store: ScratchStore;
  let s: PartnerSuite;
  let second: SecondProcess;

  beforeAll(async () => {
    store = await openStore(engine, { label: 'payrace' });
    // The wall clock: the second process runs on it too (sessions made here must hold there).
    const app = createAppOn(store.database, store.dataDir);
    const { token, tenantId, userId } = await setUpWorkspace(app);
    const manager = await staffWithRole(app, token, 'manager');
    await call(app, 'staff.add', { name: 'Second Admin', email: 'admin2@acme.test', role: 'admin', password: STRONG_PASSWORD }, token);
    const admin2 = { token: await signIn(app, 'admin2@acme.test'), userId: '' };
    s = {
      app: { ...app, dispose: store.dispose, clock: testClock(new Date()) },
      tenantId,
      admin: { token, userId },
      staff: { manager, admin2, finance: admin2, viewer: admin2 },
    };
    second = await startSecondProcess(engine === 'sqlite' ? { sqliteFile: join(store.dataDir, 'partnerdesk.sqlite'), dataDir: store.dataDir } : { schema: store.schema ?? '', dataDir: store.dataDir });
  }, 60_000);
  afterAll(async () => {
    await second?.stop();
    await s?.app.services.payouts.whenRunsSettled();
    await store?.dispose();
  });

  async function finished(runId: string) {
    for (let i = 0; i < 600; i++) {
      const run = await call(s.app, 'payouts.run', { id: runId }, s.admin.token);
      if (run.status !== 'running') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${runId} did not finish`);
  }

  it('no credit in two live payouts; lines = credits; one payout per partner', async () => {
    const partners = 400;
    const perPartner = 6;
    const ids: string[] = [];
    for (let i = 0; i < partners; i++) {
      const p = await activePartner(s);
      ids.push(p.id);
      await approvedCredits(s, p.id, Array.from({ length: perPartner }, (_, k) => ({ amountMinor: 2_000 + k })));
    }
    const period = { periodStart: '2031-02-01', periodEnd: '2031-02-28' };
    // B (the other process) first, held back as soon as its run exists, until A has listed its partners: then
    // both work one pool at once. Left to the scheduler, B's chunks (with the SQLite busy handler's polling)
    // once kept A's first write out until B had finished.
    const there = await second.dispatch('payouts.generate', { idempotencyKey: `race-b-${Date.now()}`, ...period }, s.staff.manager.token);
    if (!there.response.ok) throw new Error(`second process refused: ${JSON.stringify(there.response)}`);
    const bId = (there.response.result as { id: string }).id;
    await second.holdWrites();
    const held = await call(s.app, 'payouts.run', { id: bId }, s.admin.token);
    expect(held.status, 'B finished before it was held: make it longer').toBe('running');
    const here = await call(s.app, 'payouts.generate', { idempotencyKey: `race-a-${Date.now()}`, ...period }, s.admin.token);
    for (let i = 0; i < 2_000 && (await call(s.app, 'payouts.run', { id: here.id }, s.admin.token)).partnersTotal === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await second.releaseWrites();
    const a = await finished(here.id);
    const b = await finished(bId);
    expect(a.partnersTotal, 'A listed no partner: no race').toBeGreaterThan(0);
    expect([a.status, b.status]).toEqual(['completed', 'completed']);
    const { payoutLines: pl, payouts: po } = s.app.database.t;
    const lines = await s.app.database.db.select().from(pl).where(eq(pl.tenantId, s.tenantId));
    const live = lines.filter((l) => l.releasedAt === null);
    const perCredit = new Map<string, number>();
    for (const l of live) perCredit.set(l.creditId, (perCredit.get(l.creditId) ?? 0) + 1);
    expect([...perCredit.values()].filter((n) => n > 1)).toEqual([]);
    expect(live).toHaveLength(partners * perPartner);
    const payouts = await s.app.database.db.select().from(po).where(eq(po.tenantId, s.tenantId));
    expect(payouts).toHaveLength(partners);
    expect(new Set(payouts.map((p) => p.partnerId))).toEqual(new Set(ids));
    expect(a.payoutsCreated + b.payoutsCreated).toBe(partners);
    // A partner the other run had taken is reported, never silently dropped.
    for (const run of [a, b]) for (const skip of run.skipped) expect(['nothing_approved', 'taken_by_concurrent_run']).toContain(skip.reason);
    expect(a.payouts.length + a.skipped.length).toBe(a.partnersDone);
    expect(b.payouts.length + b.skipped.length).toBe(b.partnersDone);
    console.log(`[payouts race] ${engine}: run A made ${a.payoutsCreated}, run B made ${b.payoutsCreated}; skipped ${a.skipped.length} + ${b.skipped.length}`);
  }, 120_000);

  it('kill -9 of the process in the middle of a tenant-month generation: no half-written payout; the run resumes at the next start and finishes exactly once', async () => {
    // Long enough (set-based, about half a millisecond a partner on SQLite) that the kill lands between chunks.
    const partners = 400;
    for (let i = 0; i < partners; i++) {
      const p = await activePartner(s);
      await approvedCredits(s, p.id, [{ amountMinor: 3_000, earnedOn: '2031-04-05' }, { amountMinor: 4_000, earnedOn: '2031-04-20' }]);
    }
    const started = await second.dispatch('payouts.generate', { idempotencyKey: `crash-${Date.now()}`, periodStart: '2031-04-01', periodEnd: '2031-04-30' }, s.admin.token);
    if (!started.response.ok) throw new Error(`second process refused: ${JSON.stringify(started.response)}`);
    const runId = (started.response.result as { id: string }).id;
    // Kill it once some chunks are committed and before the last one.
    let seen = await call(s.app, 'payouts.run', { id: runId }, s.admin.token);
    for (let i = 0; i < 2_000 && seen.partnersDone === 0; i++) seen = await call(s.app, 'payouts.run', { id: runId }, s.admin.token);
    // Held while this process checks it has work left, then let go and killed at once: the kill lands in its
    // next chunks (inside a transaction or between two), whatever else keeps this machine busy.
    await second.holdWrites();
    expect((await call(s.app, 'payouts.run', { id: runId }, s.admin.token)).status, 'the run finished before it was held: make it longer').toBe('running');
    const letGo = second.releaseWrites(); // never answered: the kill comes first
    await second.kill();
    void letGo;
    const atKill = await call(s.app, 'payouts.run', { id: runId }, s.admin.token);
    expect(atKill.status, 'the run finished before the kill: make it longer').toBe('running');
    expect(atKill.partnersDone).toBeLessThan(partners);
    // What the killed process committed is whole: every payout it made has all its lines and holds all its credits.
    const { payouts: po, payoutLines: pl, credits: cr } = s.app.database.t;
    const made = await s.app.database.db.select().from(po).where(eq(po.runId, runId));
    expect(made).toHaveLength(atKill.payoutsCreated);
    for (const p of made) {
      expect(await s.app.database.db.select().from(pl).where(eq(pl.payoutId, p.id))).toHaveLength(2);
      expect(await s.app.database.db.select().from(cr).where(eq(cr.payoutId, p.id))).toHaveLength(2);
    }
    // The next start resumes it.
    const resumed = await s.app.services.payouts.resumeInterruptedRuns();
    expect(resumed).toBeGreaterThanOrEqual(1);
    await s.app.services.payouts.whenRunsSettled(runId);
    const done = await call(s.app, 'payouts.run', { id: runId }, s.admin.token);
    expect(done).toMatchObject({ status: 'completed', partnersDone: partners, partnersTotal: partners, payoutsCreated: partners, totalMinor: partners * 7_000 });
    const lines = (await s.app.database.db.select().from(pl).where(eq(pl.tenantId, s.tenantId))).filter((l) => l.releasedAt === null);
    const perCredit = new Map<string, number>();
    for (const l of lines) perCredit.set(l.creditId, (perCredit.get(l.creditId) ?? 0) + 1);
    expect([...perCredit.values()].filter((n) => n > 1)).toEqual([]);
    const april = await s.app.database.db.select().from(po).where(eq(po.runId, runId));
    expect(new Set(april.map((p) => p.partnerId)).size).toBe(partners);
    expect(await s.app.services.activity.verify(s.tenantId)).toMatchObject({ ok: true, problems: [] });
    console.log(`[payouts crash] ${engine}: killed at ${atKill.partnersDone}/${partners} partners (${atKill.payoutsCreated} payouts), resumed to ${done.payoutsCreated}`);
    // A live second process again, for the suite's clean-up.
    second = await startSecondProcess(engine === 'sqlite' ? { sqliteFile: join(store.dataDir, 'partnerdesk.sqlite'), dataDir: store.dataDir } : { schema: store.schema ?? '', dataDir: store.dataDir });
  }, 180_000);
});
