import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkPaidResult } from '../../src-shared/contract/payouts/finance-types';
import { engines } from '../support/engines';
import { call, rawCall } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { approvedPayout, paidPartner } from '../support/finance';

/**
 * Marking payouts paid on every engine: one compare-and-set per payout, the approver cannot pay,
 * only approved payouts, references unique and checked before anything is written, bulk
 * outcomes; credits become paid, partner_months.paid moves in the payment date's month, and the
 * audit row carries amount, method and reference.
 */
describe.each(engines)('finance: mark paid on $name', (engine) => {
  let s: PartnerSuite;
  const finance = () => s.staff.finance.token;
  const today = () => s.app.clock().toISOString().slice(0, 10);
  let ref = 0;
  const reference = () => `B${engine.name.slice(0, 2)}${++ref}${Date.now().toString(36).slice(-5)}`;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  async function payoutRow(id: string) {
    const [row] = await s.app.database.db.select().from(s.app.database.t.payouts).where(eq(s.app.database.t.payouts.id, id));
    if (!row) throw new Error('no payout');
    return row;
  }

  it('pays one approved payout: status, payment facts, its credits paid, partner_months.paid in the payment month, audited with amount and reference', async () => {
    const partner = await paidPartner(s);
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 15_000 }, { amountMinor: 5_000 }, { amountMinor: 2_500, status: 'rejected', note: 'Duplicate lead' }]);
    const r = reference();
    const { result, row } = await audited(s.app, s.tenantId, ['payout.paid'], () =>
      call(s.app, 'payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: '2031-03-02', method: 'bank_transfer', reference: r }, finance()),
    payout.id);
    expect(result).toMatchObject({ paidCount: 1, paidMinor: 20_000 });
    expect(result.outcomes[0]).toMatchObject({ ok: true, payout: { status: 'paid', paymentDate: '2031-03-02', paymentMethod: 'bank_transfer', paymentReference: r, approvedMinor: 20_000, paidBy: { id: s.staff.finance.userId }, version: 3 } });
    expect(row?.details).toMatchObject({ amountMinor: 20_000, currency: 'EUR', method: 'bank_transfer', reference: r, paymentDate: '2031-03-02', credits: 2 });
    const stored = await payoutRow(payout.id);
    expect(stored).toMatchObject({ status: 'paid', paidBy: s.staff.finance.userId, paymentReference: r, version: 3 });
    const c = s.app.database.t.credits;
    const credits = await s.app.database.db.select().from(c).where(eq(c.partnerId, partner.id));
    const byId = new Map(credits.map((x) => [x.id, x]));
    for (const id of payout.creditIds.slice(0, 2)) expect(byId.get(id)).toMatchObject({ status: 'paid', payoutId: payout.id, payoutStage: null, version: 2 });
    for (const id of payout.creditIds.slice(0, 2)) expect(byId.get(id)?.paidAt).toBeInstanceOf(Date);
    expect(byId.get(payout.creditIds[2] as string)).toMatchObject({ status: 'approved', payoutId: null, paidAt: null });
    const m = s.app.database.t.partnerMonths;
    const [month] = await s.app.database.db.select().from(m).where(and(eq(m.partnerId, partner.id), eq(m.month, '2031-03')));
    expect(Number(month?.paidMinor)).toBe(20_000);
  });

  it('paying twice is refused (paid already), and a stale version is a conflict; neither writes', async () => {
    const partner = await paidPartner(s);
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }]);
    const input = { payouts: [{ id: payout.id, version: payout.version }], paymentDate: today(), method: 'wire' as const, reference: reference() };
    expect((await call(s.app, 'payouts.markPaid', input, finance())).paidCount).toBe(1);
    const again = await unchanged(s.app, () => call(s.app, 'payouts.markPaid', { ...input, reference: reference() }, s.admin.token));
    expect(again.outcomes).toEqual([{ id: payout.id, ok: false, code: 'invalid_transition', message: expect.stringContaining('is paid already') }]);
    // A retry of the very same payment (its answer lost) is told the same, not that its reference is taken.
    const retry = await unchanged(s.app, () => call(s.app, 'payouts.markPaid', input, finance()));
    expect(retry.outcomes).toEqual([{ id: payout.id, ok: false, code: 'invalid_transition', message: expect.stringContaining(`reference ${input.reference}`) }]);
    const other = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }]);
    const stale = await unchanged(s.app, () => call(s.app, 'payouts.markPaid', { ...input, payouts: [{ id: other.id, version: 1 }], reference: reference() }, finance()));
    expect(stale.outcomes[0]).toMatchObject({ ok: false, code: 'conflict', message: expect.stringContaining('Someone else changed') });
  });

  it('four eyes: whoever approved (or first approved) a payout cannot mark it paid', async () => {
    const partner = await paidPartner(s);
    const byAdmin = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }], { approvedBy: s.admin.userId });
    const firstByAdmin = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }], { firstApprovedBy: s.admin.userId });
    const result = await unchanged(s.app, () =>
      call(s.app, 'payouts.markPaid', { payouts: [byAdmin, firstByAdmin].map((p) => ({ id: p.id, version: p.version })), paymentDate: today(), method: 'wire', reference: reference() }, s.admin.token),
    );
    expect(result.paidCount).toBe(0);
    for (const o of result.outcomes) expect(o).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('You approved') });
    // Another payer may.
    expect((await call(s.app, 'payouts.markPaid', { payouts: [{ id: byAdmin.id, version: byAdmin.version }], paymentDate: today(), method: 'wire', reference: reference() }, finance())).paidCount).toBe(1);
  });

  it('only approved or partially approved payouts are paid; pending and rejected are refused', async () => {
    const partner = await paidPartner(s);
    const pending = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }], { status: 'pending' });
    const rejected = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }], { status: 'rejected' });
    const partial = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }, { amountMinor: 3_000, status: 'rejected', note: 'no' }]);
    const base = reference();
    const result = await call(s.app, 'payouts.markPaid', { payouts: [pending, rejected, partial].map((p) => ({ id: p.id, version: p.version })), paymentDate: today(), method: 'check', reference: base }, finance());
    expect(result.outcomes.map((o) => (o.ok ? 'paid' : o.code))).toEqual(['invalid_transition', 'invalid_transition', 'paid']);
    expect(result.outcomes[0]).toMatchObject({ message: expect.stringContaining('is pending: only approved payouts can be paid') });
    expect(result).toMatchObject({ paidCount: 1, paidMinor: 10_000 });
    // Bulk: each payout carries <reference>/<number>.
    expect((await payoutRow(partial.id)).paymentReference).toBe(`${base}/${partial.number}`);
    expect((await payoutRow(pending.id)).status).toBe('pending');
  });

  it('a used, empty or too long reference and a future payment date are validation errors; nothing is written', async () => {
    const partner = await paidPartner(s);
    const first = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }]);
    const second = await approvedPayout(s, partner.id, [{ amountMinor: 10_000 }]);
    const used = reference();
    await call(s.app, 'payouts.markPaid', { payouts: [{ id: first.id, version: first.version }], paymentDate: today(), method: 'wire', reference: used }, finance());
    await unchanged(s.app, async () => {
      const one = [{ id: second.id, version: second.version }];
      expect(await callError(s.app, 'payouts.markPaid', { payouts: one, paymentDate: today(), method: 'wire', reference: used }, finance())).toMatchObject({ code: 'validation', field: 'reference', message: expect.stringContaining(first.number) });
      expect(await callError(s.app, 'payouts.markPaid', { payouts: one, paymentDate: today(), method: 'wire', reference: '   ' }, finance())).toMatchObject({ code: 'validation', field: 'reference' });
      expect(await callError(s.app, 'payouts.markPaid', { payouts: one, paymentDate: today(), method: 'wire', reference: 'X'.repeat(36) }, finance())).toMatchObject({ code: 'validation', field: 'reference' });
      expect(await callError(s.app, 'payouts.markPaid', { payouts: one, paymentDate: '2031-03-04', method: 'wire', reference: reference() }, finance())).toMatchObject({ code: 'validation', field: 'paymentDate' });
      expect(await callError(s.app, 'payouts.markPaid', { payouts: one, paymentDate: today(), method: 'cash', reference: reference() }, finance())).toMatchObject({ code: 'validation', field: 'method' });
      // Several payouts: the composed reference must fit 35 characters too.
      const two = [{ id: second.id, version: second.version }, { id: first.id, version: 3 }];
      expect(await callError(s.app, 'payouts.markPaid', { payouts: two, paymentDate: today(), method: 'wire', reference: 'R'.repeat(30) }, finance())).toMatchObject({ code: 'validation', field: 'reference' });
    });
  });

  it('bulk: one outcome per payout, in order; the good ones are paid, the rest say why', async () => {
    const partner = await paidPartner(s);
    const a = await approvedPayout(s, partner.id, [{ amountMinor: 1_000 }]);
    const b = await approvedPayout(s, partner.id, [{ amountMinor: 2_000 }]);
    const mine = await approvedPayout(s, partner.id, [{ amountMinor: 4_000 }], { approvedBy: s.staff.finance.userId });
    const result: MarkPaidResult = await call(
      s.app,
      'payouts.markPaid',
      { payouts: [{ id: a.id, version: a.version }, { id: 'no-such-payout', version: 0 }, { id: mine.id, version: mine.version }, { id: b.id, version: b.version }], paymentDate: today(), method: 'bank_transfer', reference: `B${ref++}${Date.now().toString(36)}` },
      finance(),
    );
    expect(result.outcomes.map((o) => [o.id, o.ok ? 'paid' : o.code])).toEqual([
      [a.id, 'paid'],
      ['no-such-payout', 'not_found'],
      [mine.id, 'forbidden'],
      [b.id, 'paid'],
    ]);
    expect(result).toMatchObject({ paidCount: 2, paidMinor: 3_000 });
  });

  it('banking on hold (changed, not re-verified): the payout is not paid', async () => {
    const partner = await paidPartner(s);
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 1_000 }]);
    await call(s.app, 'partners.banking.set', { id: partner.id, details: { method: 'iban', accountHolder: 'Mallory', bankName: 'Other Bank', iban: 'GB82WEST12345698765432', bic: 'NWBKGB2L' } }, s.admin.token);
    const result = await unchanged(s.app, () => call(s.app, 'payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: today(), method: 'wire', reference: reference() }, finance()));
    expect(result.outcomes[0]).toMatchObject({ ok: false, code: 'invalid_transition', message: expect.stringContaining('on hold') });
  });

  it('roles: finance and admin pay; manager and viewer are forbidden; another workspace sees not found', async () => {
    const partner = await paidPartner(s);
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 1_000 }]);
    const input = { payouts: [{ id: payout.id, version: payout.version }], paymentDate: today(), method: 'wire' as const, reference: reference() };
    for (const token of [s.staff.manager.token, s.staff.viewer.token]) expect(await callError(s.app, 'payouts.markPaid', input, token)).toMatchObject({ code: 'forbidden' });
    const other = await ownWorkspace(s);
    const foreign = await unchanged(s.app, () => call(s.app, 'payouts.markPaid', input, other.token));
    expect(foreign.outcomes).toEqual([{ id: payout.id, ok: false, code: 'not_found', message: 'No such payout' }]);
    expect(await callError(s.app, 'payouts.statement', { id: payout.id }, other.token)).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'payouts.export', { ids: [payout.id], format: 'csv' }, other.token)).toMatchObject({ code: 'not_found' });
    expect((await call(s.app, 'payouts.financeList', { view: 'payable' }, other.token)).rows).toEqual([]);
  });

  it('the finance list: payable oldest approval first with totals; paid most recent first', async () => {
    const own = await ownWorkspace(s);
    const list = await call(s.app, 'payouts.financeList', { view: 'payable' }, finance());
    expect(list.rows.every((r) => r.status === 'approved' || r.status === 'partially_approved')).toBe(true);
    expect(list.totals.approvedMinor).toBe(list.rows.reduce((sum, r) => sum + r.approvedMinor, 0));
    const paid = await call(s.app, 'payouts.financeList', { view: 'paid' }, finance());
    expect(paid.rows.length).toBeGreaterThan(0);
    expect(paid.rows.every((r) => r.status === 'paid' && r.paymentReference)).toBe(true);
    expect(own.token).toBeTruthy();
    // More than the limit: the first ones in the list's order, and the flag that says more wait.
    expect(paid.rows.length).toBeGreaterThanOrEqual(2);
    expect(paid.more).toBe(false);
    const first = await call(s.app, 'payouts.financeList', { view: 'paid', limit: paid.rows.length - 1 }, finance());
    expect(first.more).toBe(true);
    expect(first.rows.map((r) => r.id)).toEqual(paid.rows.slice(0, -1).map((r) => r.id));
    expect(first.totals.count).toBe(paid.rows.length - 1);
    expect((await call(s.app, 'payouts.financeList', { view: 'paid', limit: paid.rows.length }, finance())).more).toBe(false);
  });

  it('sixteen concurrent payments of one payout through the real write path: exactly one succeeds', async () => {
    const partner = await paidPartner(s);
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 7_700 }]);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        rawCall(s.app, 'payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: today(), method: 'wire', reference: `RACE-${engine.name}-${i}-${Date.now().toString(36)}` }, i % 2 ? finance() : s.admin.token),
      ),
    );
    const results = outcomes.map((o) => (o.response.ok ? (o.response.result as MarkPaidResult) : null));
    expect(results.every((r) => r !== null)).toBe(true);
    expect(results.filter((r) => r?.paidCount === 1)).toHaveLength(1);
    const trail = await s.app.database.db.select().from(s.app.database.t.activity).where(and(eq(s.app.database.t.activity.resourceId, payout.id), eq(s.app.database.t.activity.action, 'payout.paid')));
    expect(trail).toHaveLength(1);
    const m = s.app.database.t.partnerMonths;
    const months = await s.app.database.db.select().from(m).where(eq(m.partnerId, partner.id));
    expect(months.reduce((sum, x) => sum + Number(x.paidMinor), 0)).toBe(7_700);
  });
});
