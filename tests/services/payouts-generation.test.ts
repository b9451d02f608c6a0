import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn } from '../../src-main/app';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { actionsOf, ownWorkspace, setUpPartnerSuite, unchanged, unique, type PartnerSuite } from '../support/partners';
import { activePartner } from '../support/leads';
import { approvedCredits, creditRows, generateAndWait, liveLineCounts, partnerWithCredits } from '../support/payouts';

/**
 * Payout generation on every engine: worked examples, netting and carry-over, every skip
 * reason, the minimum, idempotency, resumption after a crash, chunked transactions (the longest
 * one measured), bad input, cross-tenant.
 */
describe.each(engines)('payout generation on $name', (engine) => {
  let s: PartnerSuite;
  const manager = () => s.staff.manager.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('one partner: one payout with one line per credit, credits held at stage pending, default period February', async () => {
    const { partner, creditIds } = await partnerWithCredits(s, [{ amountMinor: 15_000 }, { amountMinor: 5_000, earnedOn: '2031-02-28' }, { amountMinor: 7_000, earnedOn: '2031-03-01' }]);
    const run = await generateAndWait(s, manager(), { partnerId: partner.id });
    expect(run).toMatchObject({ status: 'completed', period: { start: '2031-02-01', end: '2031-02-28' }, partnersTotal: 1, partnersDone: 1, payoutsCreated: 1, totalMinor: 20_000, skipped: [] });
    const [made] = run.payouts;
    expect(made).toMatchObject({ number: `PO-2031-02-${partner.code}`, totalMinor: 20_000, lineCount: 2 });
    const payout = await call(s.app, 'payouts.get', { id: made!.id }, manager());
    expect(payout).toMatchObject({ status: 'pending', totalMinor: 20_000, approvedMinor: null, lineCount: 2, generatedBy: { id: s.staff.manager.userId }, runId: run.id });
    expect(payout.lines.map((l) => [l.creditId, l.amountMinor, l.status])).toEqual(
      expect.arrayContaining([
        [creditIds[0], 15_000, 'pending'],
        [creditIds[1], 5_000, 'pending'],
      ]),
    );
    const rows = await creditRows(s, creditIds);
    expect(rows.map((r) => [r.payoutId, r.payoutStage])).toEqual([
      [made!.id, 'pending'],
      [made!.id, 'pending'],
      [null, null],
    ]);
    expect([...(await actionsOf(s.app, s.tenantId))]).toEqual(expect.arrayContaining(['payout_run.started', 'payout.generated', 'payout_run.completed']));
    // The activity trail names them for people.
    const generated = (await call(s.app, 'activity.list', { action: 'payout.generated', resourceId: made!.id, limit: 1 }, s.admin.token)).items[0];
    expect(generated?.resourceLabel).toBe(`${made!.number} · ${partner.displayName}`);
    expect(generated?.details).toMatchObject({ totalMinor: 20_000, lineCount: 2 });
    const completed = (await call(s.app, 'activity.list', { action: 'payout_run.completed', resourceId: run.id, limit: 1 }, s.admin.token)).items[0];
    expect(completed?.resourceLabel).toBe('Payout run 2031-02-01 – 2031-02-28');
  });

  it('netting: clawbacks of earlier days net while the total stays ≥ 0, the rest carries over to a later payout', async () => {
    const { partner, creditIds } = await partnerWithCredits(s, [
      { amountMinor: 15_000 },
      { amountMinor: 5_000 },
      { amountMinor: -12_000, earnedOn: '2031-01-20' },
      { amountMinor: -10_000, earnedOn: '2031-02-01' },
    ]);
    const run = await generateAndWait(s, manager(), { partnerId: partner.id });
    expect(run.payouts[0]).toMatchObject({ totalMinor: 8_000, lineCount: 3 });
    const rows = await creditRows(s, creditIds);
    expect(rows[3]).toMatchObject({ payoutId: null, payoutStage: null, status: 'approved' });
    // In March: new credits of 60.00; the carried clawback nets against them.
    await approvedCredits(s, partner.id, [{ amountMinor: 16_000, earnedOn: '2031-03-02' }]);
    const march = await generateAndWait(s, manager(), { partnerId: partner.id, periodStart: '2031-03-01', periodEnd: '2031-03-31' });
    expect(march.payouts[0]).toMatchObject({ totalMinor: 6_000, lineCount: 2, number: `PO-2031-03-${partner.code}` });
  });

  it('every skip reason, with its sentence; the minimum carries small balances over', async () => {
    const own = await ownWorkspace(s);
    const wsToken = own.token;
    const mk = async (amount: number) => {
      const p = await activePartner(s, {}, wsToken);
      await approvedCredits(s, p.id, [{ amountMinor: amount }], { tenantId: own.tenantId, token: wsToken });
      return p;
    };
    const ok = await mk(9_000);
    const small = await mk(4_999);
    const suspended = await mk(9_000);
    await call(s.app, 'partners.suspend', { id: suspended.id, reason: 'Audit' }, wsToken);
    const inactive = await mk(9_000);
    await call(s.app, 'partners.deactivate', { id: inactive.id, reason: 'Left the programme' }, wsToken);
    const onHold = await mk(9_000);
    await s.app.database.write(async (tx) => {
      await tx.update(s.app.database.t.partners).set({ bankingOnHold: true }).where(eq(s.app.database.t.partners.id, onHold.id));
    });
    const future = await activePartner(s, {}, wsToken);
    await approvedCredits(s, future.id, [{ amountMinor: 9_000, earnedOn: '2031-03-02' }], { tenantId: own.tenantId, token: wsToken });
    const run = await generateAndWaitIn(own.token);
    expect(run.payouts.map((p) => p.partner.id)).toEqual([ok.id]);
    const reasons = Object.fromEntries(run.skipped.map((k) => [k.partner.id, k.reason]));
    expect(reasons).toEqual({ [small.id]: 'below_minimum', [suspended.id]: 'suspended', [inactive.id]: 'not_active', [onHold.id]: 'banking_on_hold', [future.id]: 'nothing_approved' });
    expect(run.skipped.find((k) => k.partner.id === small.id)?.message).toMatch(/49\.99 is below the minimum payout of .*50\.00/);
    expect(run).toMatchObject({ partnersTotal: 6, partnersDone: 6, payoutsCreated: 1, skippedCount: 5 });
    // KYC not verified, when the workspace requires it for approval.
    await call(s.app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: true }, wsToken);
    const kyc = await generateAndWaitIn(wsToken, { partnerId: small.id });
    expect(kyc.skipped.map((k) => k.reason)).toEqual(['kyc_not_verified']);
    await call(s.app, 'workspaces.updateSettings', { approvalNeedsVerifiedKyc: false }, wsToken);
    // The run's report stays viewable later, and in the runs list.
    const runs = await call(s.app, 'payouts.runs', {}, wsToken);
    expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining([run.id, kyc.id]));
    expect(runs.find((r) => r.id === run.id)).toMatchObject({ skippedCount: 5, payoutsCreated: 1 });
    expect((await call(s.app, 'payouts.run', { id: run.id }, wsToken)).skipped).toHaveLength(5);
  });

  async function generateAndWaitIn(token: string, input: { partnerId?: string; idempotencyKey?: string } = {}) {
    const started = await call(s.app, 'payouts.generate', { idempotencyKey: `gen-${unique()}`, ...input }, token);
    await s.app.services.payouts.whenRunsSettled(started.id);
    return call(s.app, 'payouts.run', { id: started.id }, token);
  }

  it('idempotent: the same key returns the same run; generating the period again finds nothing new', async () => {
    const { partner } = await partnerWithCredits(s, [{ amountMinor: 10_000 }]);
    const key = `same-${unique()}`;
    const first = await call(s.app, 'payouts.generate', { idempotencyKey: key, partnerId: partner.id }, manager());
    const again = await call(s.app, 'payouts.generate', { idempotencyKey: key, partnerId: partner.id }, manager());
    expect(again.id).toBe(first.id);
    await s.app.services.payouts.whenRunsSettled();
    const second = await generateAndWait(s, manager(), { partnerId: partner.id });
    expect(second).toMatchObject({ payoutsCreated: 0, skipped: [{ reason: 'nothing_approved' }] });
    const p = s.app.database.t.payouts;
    expect(await s.app.database.db.select().from(p).where(and(eq(p.tenantId, s.tenantId), eq(p.partnerId, partner.id)))).toHaveLength(1);
  });

  it('resumes a run left running by a crash, with half its partners done: no doubles, the rest generated', async () => {
    const own = await ownWorkspace(s);
    const made: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await activePartner(s, {}, own.token);
      await approvedCredits(s, p.id, [{ amountMinor: 10_000 + i }], { tenantId: own.tenantId, token: own.token });
      made.push(p.id);
    }
    const runKey = `resume-${unique()}`;
    const run = await generateAndWaitIn(own.token, { idempotencyKey: runKey });
    expect(run.payoutsCreated).toBe(6);
    // Simulate the crash: undo the last three partners' payouts as their chunk's rollback would have, and leave the run running at 3 of 6.
    const { payouts, payoutLines, credits, payoutRuns } = s.app.database.t;
    const sorted = [...made].sort();
    const undone = sorted.slice(3);
    await s.app.database.write(async (tx) => {
      for (const partnerId of undone) {
        const [po] = await tx.select().from(payouts).where(and(eq(payouts.runId, run.id), eq(payouts.partnerId, partnerId)));
        await tx.delete(payoutLines).where(eq(payoutLines.payoutId, po!.id));
        await tx.update(credits).set({ payoutId: null, payoutStage: null }).where(eq(credits.payoutId, po!.id));
        await tx.delete(payouts).where(eq(payouts.id, po!.id));
      }
      await tx.update(payoutRuns).set({ status: 'running', partnersDone: 3, payoutsCreated: 3, finishedAt: null }).where(eq(payoutRuns.id, run.id));
    });
    // Generating again with the same key resumes it (as the next start of the app would: resumeInterruptedRuns, below).
    const again = await call(s.app, 'payouts.generate', { idempotencyKey: runKey }, own.token);
    expect(again.id).toBe(run.id);
    await s.app.services.payouts.whenRunsSettled(run.id);
    const resumed = await call(s.app, 'payouts.run', { id: run.id }, own.token);
    expect(resumed).toMatchObject({ status: 'completed', partnersDone: 6, partnersTotal: 6, payoutsCreated: 6 });
    expect(new Set(resumed.payouts.map((p) => p.partner.id))).toEqual(new Set(made));
    const counts = await liveLineCounts(s, own.tenantId);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(6);
  });

  it('a chunk that loses its credits to a concurrent run rolls back; its partners retry alone; the one that loses again is reported, the others get their payouts', async () => {
    const own = await ownWorkspace(s);
    const a = await activePartner(s, {}, own.token);
    const b = await activePartner(s, {}, own.token);
    const [lost] = await approvedCredits(s, a.id, [{ amountMinor: 9_000 }], { tenantId: own.tenantId, token: own.token });
    await approvedCredits(s, b.id, [{ amountMinor: 8_000 }], { tenantId: own.tenantId, token: own.token });
    const release = await creditTakenByAnotherRun(lost!);
    try {
      const run = await generateAndWaitIn(own.token);
      expect(run).toMatchObject({ status: 'completed', partnersDone: 2, payoutsCreated: 1 });
      expect(run.payouts.map((p) => p.partner.id)).toEqual([b.id]);
      expect(run.skipped).toMatchObject([{ partner: { id: a.id }, reason: 'taken_by_concurrent_run' }]);
      // Nothing half-written for A: no payout, no line, the credit still in the pool.
      const counts = await liveLineCounts(s, own.tenantId);
      expect(counts.has(lost!)).toBe(false);
      expect((await creditRows({ ...s, tenantId: own.tenantId }, [lost!]))[0]).toMatchObject({ payoutId: null, payoutStage: null });
    } finally {
      await release();
    }
  });

  it('one partner whose credit a concurrent run takes: the one-transaction run rolls back whole, the chunked path reports it; one run, audited once', async () => {
    const own = await ownWorkspace(s);
    const a = await activePartner(s, {}, own.token);
    const [lost] = await approvedCredits(s, a.id, [{ amountMinor: 9_000 }], { tenantId: own.tenantId, token: own.token });
    const release = await creditTakenByAnotherRun(lost!);
    try {
      const key = `lost-${unique()}`;
      const run = await generateAndWaitIn(own.token, { partnerId: a.id, idempotencyKey: key });
      expect(run).toMatchObject({ status: 'completed', partnersDone: 1, payoutsCreated: 0, skipped: [{ partner: { id: a.id }, reason: 'taken_by_concurrent_run' }] });
      const r = s.app.database.t.payoutRuns;
      expect(await s.app.database.db.select({ id: r.id }).from(r).where(and(eq(r.tenantId, own.tenantId), eq(r.idempotencyKey, key)))).toEqual([{ id: run.id }]);
      const trail = await call(s.app, 'activity.list', { resourceType: 'payout_run', resourceId: run.id }, own.token);
      expect(trail.items.map((i: { action: string }) => i.action).sort()).toEqual(['payout_run.completed', 'payout_run.started']);
      expect((await creditRows({ ...s, tenantId: own.tenantId }, [lost!]))[0]).toMatchObject({ payoutId: null, payoutStage: null });
    } finally {
      await release();
    }
  });

  /** Stand-in for another run: the update that takes `creditId` affects no row, as if that run had just taken it. Returns the undo. */
  async function creditTakenByAnotherRun(creditId: string): Promise<() => Promise<void>> {
    // SQLite: a connection of its own (the app's reader is read-only).
    const raw = async (sqlText: string) => {
      if (engine.name !== 'sqlite') return void (await s.app.database.raw(sqlText));
      const conn = new BetterSqlite3(join(s.app.deps.dataDir, 'partnerdesk.sqlite'));
      try {
        conn.exec(sqlText);
      } finally {
        conn.close();
      }
    };
    if (engine.name === 'sqlite') {
      await raw(`create trigger take_lost before update of payout_id on credits when old.id = '${creditId}' and new.payout_id is not null begin select raise(ignore); end`);
    } else {
      await raw(`create function take_lost() returns trigger language plpgsql as $$ begin if old.id = '${creditId}' and new.payout_id is not null then return null; end if; return new; end $$`);
      await raw('create trigger take_lost before update on credits for each row execute function take_lost()');
    }
    return async () => {
      await raw('drop trigger take_lost' + (engine.name === 'sqlite' ? '' : ' on credits'));
      if (engine.name !== 'sqlite') await raw('drop function take_lost()');
    };
  }

  it('closing the app stops a run after its current chunk; the next start resumes it', async () => {
    const own = await ownWorkspace(s);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const p = await activePartner(s, {}, own.token);
      await approvedCredits(s, p.id, [{ amountMinor: 6_000 }], { tenantId: own.tenantId, token: own.token });
      ids.push(p.id);
    }
    // A second app on the same store plays the desktop that is closed.
    const closing = createAppOn(s.app.database, s.app.deps.dataDir, { clock: s.app.deps.clock });
    const started = await closing.dispatch('payouts.generate', { idempotencyKey: `close-${unique()}` }, { token: own.token, clientKey: 'test' });
    if (!started.response.ok) throw new Error(JSON.stringify(started.response));
    const runId = (started.response.result as { id: string }).id;
    await closing.services.payouts.stopRuns();
    const stopped = await call(s.app, 'payouts.run', { id: runId }, own.token);
    expect(stopped.status).toBe('running');
    expect(stopped.partnersDone).toBeLessThan(60);
    // While it runs: its counts, not yet its report.
    expect(stopped).toMatchObject({ payouts: [], skipped: [], skippedCount: 0, payoutsCreated: stopped.partnersDone });
    expect(await s.app.services.payouts.resumeInterruptedRuns()).toBeGreaterThanOrEqual(1);
    await s.app.services.payouts.whenRunsSettled(runId);
    const done = await call(s.app, 'payouts.run', { id: runId }, own.token);
    expect(done).toMatchObject({ status: 'completed', partnersDone: 60, payoutsCreated: 60, skippedCount: 0 });
    expect(done.payouts).toHaveLength(60);
  });

  it('bad input: a period ending before it starts, an unknown partner, another tenant’s partner; nothing written', async () => {
    const other = await ownWorkspace(s);
    const stranger = await activePartner(s, {}, other.token);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.generate', { idempotencyKey: `bad-${unique()}`, periodStart: '2031-02-10', periodEnd: '2031-02-01' }, manager())).toMatchObject({ code: 'validation', field: 'periodEnd' });
      expect(await callError(s.app, 'payouts.generate', { idempotencyKey: `bad-${unique()}`, partnerId: 'nope' }, manager())).toMatchObject({ code: 'not_found', field: 'partnerId' });
      expect(await callError(s.app, 'payouts.generate', { idempotencyKey: `bad-${unique()}`, partnerId: stranger.id }, manager())).toMatchObject({ code: 'not_found', field: 'partnerId' });
      expect(await callError(s.app, 'payouts.generate', { idempotencyKey: `bad-${unique()}` }, s.staff.finance.token)).toMatchObject({ code: 'forbidden' });
      expect(await callError(s.app, 'payouts.run', { id: 'nope' }, manager())).toMatchObject({ code: 'not_found' });
    });
  });

  it('chunked: a tenant-month of many partners never holds one write transaction long (the longest is measured)', async () => {
    const own = await ownWorkspace(s);
    const partners = 120;
    const ids: string[] = [];
    for (let i = 0; i < partners; i++) ids.push((await activePartner(s, {}, own.token)).id);
    for (const id of ids) await approvedCredits(s, id, Array.from({ length: 10 }, (_, k) => ({ amountMinor: 1_000 + k })), { tenantId: own.tenantId, token: own.token });
    let runMs = 0;
    const { longest, writes } = await measuringWrites(async () => {
      const t0 = performance.now();
      const run = await generateAndWaitIn(own.token);
      runMs = performance.now() - t0;
      expect(run).toMatchObject({ status: 'completed', payoutsCreated: partners, partnersDone: partners });
    });
    console.log(`[payouts] ${engine.name}: ${partners} partners × 10 credits in ${runMs.toFixed(0)} ms (${(runMs / partners).toFixed(2)} ms a partner), longest write transaction of the run ${longest.toFixed(1)} ms`);
    // Chunked: many short transactions, never one for the month.
    expect(writes).toBeGreaterThanOrEqual(Math.ceil(partners / 50) + 2);
    // The bound on wall-clock time holds on the real engines; PGlite (Postgres in WebAssembly, on the test's own thread,
    // beside the other engines' suites) has no bound here: its timing measures the machine's load, not the chunking.
    if (engine.name === 'sqlite') expect(longest).toBeLessThan(100);
    if (engine.name === 'postgres') expect(longest).toBeLessThan(200);
  });

  /** Runs `fn` with every database.write's body timed; returns the longest and how many there were. */
  async function measuringWrites(fn: () => Promise<void>): Promise<{ longest: number; writes: number }> {
    const database = s.app.database as { write: typeof s.app.database.write };
    const original = database.write.bind(database);
    let longest = 0;
    let writes = 0;
    database.write = ((body: Parameters<typeof original>[0]) =>
      original(async (tx) => {
        writes++;
        const t0 = performance.now();
        try {
          return await body(tx);
        } finally {
          longest = Math.max(longest, performance.now() - t0);
        }
      })) as typeof original;
    try {
      await fn();
    } finally {
      database.write = original;
    }
    return { longest, writes };
  }
});
