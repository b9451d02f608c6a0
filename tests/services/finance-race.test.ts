import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkPaidResult } from '../../src-shared/contract/payouts/finance-types';
import type { DispatchOutcome } from '../../src-main/dispatch';
import { engines } from '../support/engines';
import { rawCall } from '../support/actors';
import { setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { approvedPayout, paidPartner, startFinanceProcess } from '../support/finance';
import type { SecondProcess } from '../support/second-process';

/**
 * Sixteen concurrent "mark paid" of one payout from several OS processes on one store: the same
 * SQLite file (each process its own writer connection, BEGIN IMMEDIATE against the others) and
 * the same Postgres schema (the compare-and-set UPDATE waits on the winner's row lock, then
 * matches nothing). Exactly one succeeds, one audit row, one paid amount. PGlite is one process
 * by construction, so it is not raced here.
 */
const raced = engines.filter((e) => e.name !== 'pglite');

describe.each(raced)('finance: mark-paid race between processes on $name', (engine) => {
  let s: PartnerSuite;
  const processes: SecondProcess[] = [];

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    for (let i = 0; i < 3; i++) processes.push(await startFinanceProcess(s));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await s?.app.dispose();
  });

  it('16 at once, from three other processes and this one: exactly one pays', async () => {
    for (let round = 0; round < 2; round++) {
      const partner = await paidPartner(s);
      const payout = await approvedPayout(s, partner.id, [{ amountMinor: 12_345 }, { amountMinor: 655 }]);
      const input = (i: number) => ({ payouts: [{ id: payout.id, version: payout.version }], paymentDate: '2026-11-30', method: 'bank_transfer', reference: `R${round}-${i}-${Date.now().toString(36)}` });
      const token = (i: number) => (i % 2 ? s.staff.finance.token : s.admin.token);
      const calls: Promise<DispatchOutcome>[] = Array.from({ length: 16 }, (_, i) => {
        const proc = processes[i % 4];
        return proc ? proc.dispatch('payouts.markPaid', input(i), token(i)) : rawCall(s.app, 'payouts.markPaid', input(i), token(i));
      });
      const outcomes = await Promise.all(calls);
      const results = outcomes.map((o) => {
        if (!o.response.ok) throw new Error(`call failed: ${JSON.stringify(o.response.error)}`);
        return o.response.result as MarkPaidResult;
      });
      expect(results.filter((r) => r.paidCount === 1)).toHaveLength(1);
      for (const r of results.filter((x) => x.paidCount === 0)) {
        expect(r.outcomes[0]).toMatchObject({ ok: false, code: expect.stringMatching(/^(invalid_transition|conflict)$/) });
      }
      const { activity, payouts, credits, partnerMonths } = s.app.database.t;
      const db = s.app.database.db;
      expect(await db.select().from(activity).where(and(eq(activity.resourceId, payout.id), eq(activity.action, 'payout.paid')))).toHaveLength(1);
      const [row] = await db.select().from(payouts).where(eq(payouts.id, payout.id));
      expect(row).toMatchObject({ status: 'paid', version: payout.version + 1 });
      const paidCredits = await db.select().from(credits).where(and(eq(credits.payoutId, payout.id), eq(credits.status, 'paid')));
      expect(paidCredits.map((c) => c.version)).toEqual([2, 2]);
      const months = await db.select().from(partnerMonths).where(eq(partnerMonths.partnerId, partner.id));
      expect(months.reduce((sum, m) => sum + Number(m.paidMinor), 0)).toBe(13_000);
    }
  }, 60_000);
});
