import { and, eq, inArray } from 'drizzle-orm';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkPaidResult } from '../../src-shared/contract/payouts/finance-types';
import { engines } from '../support/engines';
import { setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { approvedPayout, paidPartner, type BuiltPayout } from '../support/finance';
import { moneyViolations, partnerMonthDrift } from '../support/money-invariants';
import { startSecondProcess, type SecondProcess } from '../support/second-process';

/**
 * kill -9 of a server process in the middle of a burst of "mark paid" calls, then a restart
 * (a new process on the same SQLite file or Postgres schema) that retries every payout: each
 * payout is paid exactly once, whole or not at all (status, its credits, its audit row and
 * partner_months together), the money invariants hold and the audit chain verifies.
 */
const crashed = engines.filter((e) => e.name !== 'pglite');

describe.each(crashed)('finance: kill -9 during a mark-paid burst on $name', (engine) => {
  let s: PartnerSuite;
  let store: { sqliteFile: string; dataDir: string } | { schema: string; dataDir: string };
  const started: SecondProcess[] = [];

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    if (engine.name === 'sqlite') store = { sqliteFile: join(s.app.deps.dataDir, 'partnerdesk.sqlite'), dataDir: s.app.deps.dataDir };
    else store = { schema: String((await s.app.database.raw('select current_schema() as schema'))[0]?.schema), dataDir: s.app.deps.dataDir };
  }, 60_000);
  afterAll(async () => {
    for (const p of started) await p.kill();
    await s?.app.dispose();
  });

  const start = async () => {
    const p = await startSecondProcess(store);
    started.push(p);
    return p;
  };
  const pay = (p: SecondProcess, payout: BuiltPayout) =>
    p.dispatch('payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: '2026-11-30', method: 'bank_transfer', reference: `CRASH-${payout.number}`.slice(0, 35) }, s.staff.finance.token);

  it('every payout paid once, whole or not at all; invariants and the audit chain hold after the restart', async () => {
    const partners = [await paidPartner(s), await paidPartner(s), await paidPartner(s)];
    const payouts: BuiltPayout[] = [];
    for (let i = 0; i < 24; i++) payouts.push(await approvedPayout(s, partners[i % 3]?.id ?? '', [{ amountMinor: 1_000 + i }, { amountMinor: 500 }]));
    const { activity, payouts: po, credits } = s.app.database.t;
    const db = s.app.database.db;
    const paidRows = async () => db.select({ id: activity.id }).from(activity).where(and(eq(activity.tenantId, s.tenantId), eq(activity.action, 'payout.paid')));

    const first = await start();
    for (const payout of payouts) void pay(first, payout);
    // Kill once some, not all, are paid.
    for (let i = 0; i < 400 && (await paidRows()).length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    const beforeRestart = (await paidRows()).length;
    expect(beforeRestart).toBeGreaterThan(0);
    expect(beforeRestart, 'the burst was cut off before its end').toBeLessThan(payouts.length);

    const restarted = await start();
    const outcomes = await Promise.all(payouts.map((p) => pay(restarted, p)));
    let again = 0;
    for (const o of outcomes) {
      if (!o.response.ok) throw new Error(JSON.stringify(o.response.error));
      const r = o.response.result as MarkPaidResult;
      if (r.paidCount === 1) again++;
      else expect(r.outcomes[0]).toMatchObject({ ok: false, code: 'invalid_transition', message: expect.stringContaining('paid already') });
    }
    expect(beforeRestart + again).toBe(payouts.length);
    await restarted.stop();

    const ids = payouts.map((p) => p.id);
    const rows = await db.select().from(po).where(inArray(po.id, ids));
    expect(rows.every((r) => r.status === 'paid' && r.version === 3)).toBe(true);
    const paidCredits = await db.select().from(credits).where(and(inArray(credits.payoutId, ids), eq(credits.status, 'paid')));
    expect(paidCredits).toHaveLength(payouts.length * 2);
    expect(await paidRows()).toHaveLength(payouts.length);
    const scope = { tenantId: s.tenantId, partnerIds: partners.map((p) => p.id) };
    expect(await moneyViolations(s.app.database, scope, { secondApprovalAboveMinor: 1_000_000 })).toEqual([]);
    expect(await partnerMonthDrift(s.app.database, scope)).toEqual([]);
    const verification = await s.app.services.activity.verify(s.tenantId);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
  }, 120_000);
});
