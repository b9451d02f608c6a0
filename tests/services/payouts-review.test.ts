import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from '../support/engines';
import { call, rawCall, STRONG_PASSWORD } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, unique, type PartnerSuite } from '../support/partners';
import { portalUser } from '../support/leads';
import { freshSession } from '../support/sessions';
import { creditRows, generateAndWait, generatedPayout, partnerWithCredits } from '../support/payouts';

/**
 * Payout review on every engine: line decisions (a rejected line's credit returns to the pool
 * and the next generation picks it up), approve (approved / partially approved, approved amount
 * = approved lines, credits at stage approved), reject (every credit back), four eyes (the
 * generator cannot approve; above the threshold two different managers), a suspended or
 * banking-on-hold partner refused, CAS conflicts, requests, money settings, cross-tenant.
 */
describe.each(engines)('payout review on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;
  const manager = () => s.staff.manager.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('reject one line (note required), approve the rest: partially approved, approved = Σ approved lines; the rejected credit is generated again next time', async () => {
    const { partner, creditIds } = await partnerWithCredits(s, [{ amountMinor: 15_000 }, { amountMinor: 5_000 }, { amountMinor: 7_000 }]);
    const payout = await generatedPayout(s, partner.id);
    expect(payout.actions.find((a) => a.action === 'approve')).toMatchObject({ enabled: false, reason: 'You generated this payout: another manager must approve it.' });
    expect(payout.blockers).toContain('You generated this payout: another manager must approve it.');
    const line = payout.lines.find((l) => l.creditId === creditIds[2])!;
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.decideLine', { payoutId: payout.id, lineId: line.id, decision: 'reject', version: payout.version }, admin())).toMatchObject({ code: 'validation', field: 'note' });
    });
    const { result: afterLine } = await audited(
      s.app,
      s.tenantId,
      ['payout.line_rejected'],
      () => call(s.app, 'payouts.decideLine', { payoutId: payout.id, lineId: line.id, decision: 'reject', note: 'Lead was a duplicate', version: payout.version }, admin()),
      payout.id,
    );
    expect(afterLine.lines.find((l) => l.id === line.id)).toMatchObject({ status: 'rejected', note: 'Lead was a duplicate', decidedBy: { id: s.admin.userId } });
    expect(afterLine).toMatchObject({ rejectedMinor: 7_000, pendingMinor: 20_000, version: payout.version + 1 });
    expect((await creditRows(s, [creditIds[2]!]))[0]).toMatchObject({ payoutId: null, payoutStage: null, status: 'approved' });
    // The generator cannot approve; the admin can.
    expect(await unchanged(s.app, () => callError(s.app, 'payouts.approve', { id: payout.id, version: afterLine.version }, manager()))).toMatchObject({ code: 'forbidden', message: 'You generated this payout: another manager must approve it.' });
    const { result: approved, row } = await audited(s.app, s.tenantId, ['payout.approved'], () => call(s.app, 'payouts.approve', { id: payout.id, version: afterLine.version }, admin()), payout.id);
    expect(approved).toMatchObject({ status: 'partially_approved', approvedMinor: 20_000, totalMinor: 27_000, approvedBy: { id: s.admin.userId } });
    expect(row?.details).toMatchObject({ approvedMinor: 20_000, to: 'partially_approved' });
    expect((await creditRows(s, creditIds)).map((c) => c.payoutStage)).toEqual(['approved', 'approved', null]);
    // The rejected line's credit goes into the next payout.
    const again = await generatedPayout(s, partner.id);
    expect(again.lines.map((l) => l.creditId)).toEqual([creditIds[2]]);
    expect(again.number).toBe(`PO-2031-02-${partner.code}/2`);
  });

  it("a line names its lead: by the name its credit kept, or, for a credit made before credits kept it, by asking the lead", async () => {
    const { partner, creditIds } = await partnerWithCredits(s, [{ amountMinor: 10_000 }, { amountMinor: 20_000 }]);
    const c = s.app.database.t.credits;
    // A kept name that differs from the lead's shows which one the line read (lead names never change in the app).
    await s.app.database.write((tx) => tx.update(c).set({ leadContactName: 'Kept On The Credit' }).where(eq(c.id, creditIds[0]!)));
    const lead = await call(s.app, 'leads.get', { id: (await creditRows(s, [creditIds[1]!]))[0]!.leadId }, admin());
    const payout = await generatedPayout(s, partner.id);
    const nameOf = (creditId: string) => payout.lines.find((l) => l.creditId === creditId)?.leadContactName;
    expect(nameOf(creditIds[0]!)).toBe('Kept On The Credit');
    expect(nameOf(creditIds[1]!)).toBe(lead.contactName);
  });

  it('reject the payout (notes): every credit back in the pool; decisions after that are refused', async () => {
    const { partner, creditIds } = await partnerWithCredits(s, [{ amountMinor: 15_000 }, { amountMinor: -3_000, earnedOn: '2031-01-15' }]);
    const payout = await generatedPayout(s, partner.id);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.reject', { id: payout.id, version: payout.version, notes: '  ' }, admin())).toMatchObject({ code: 'validation', field: 'notes' });
    });
    const { result } = await audited(s.app, s.tenantId, ['payout.rejected'], () => call(s.app, 'payouts.reject', { id: payout.id, version: payout.version, notes: 'Banking details to be checked' }, manager()), payout.id);
    expect(result).toMatchObject({ status: 'rejected', notes: 'Banking details to be checked', rejectedBy: { id: s.staff.manager.userId }, actions: [] });
    expect((await creditRows(s, creditIds)).map((c) => [c.payoutId, c.payoutStage])).toEqual([
      [null, null],
      [null, null],
    ]);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.approve', { id: payout.id, version: result.version }, admin())).toMatchObject({ code: 'invalid_transition' });
      expect(await callError(s.app, 'payouts.decideLine', { payoutId: payout.id, lineId: payout.lines[0]!.id, decision: 'approve', version: result.version }, admin())).toMatchObject({ code: 'invalid_transition' });
    });
    const next = await generatedPayout(s, partner.id);
    expect(next.totalMinor).toBe(12_000);
  });

  it('above the threshold two different managers approve; the first approver cannot complete; a line decision withdraws the first approval', async () => {
    const own = await ownWorkspace(s);
    await call(s.app, 'payouts.updateSettings', { secondApprovalAboveMinor: 10_000 }, own.token);
    const m1 = await call(s.app, 'staff.add', { name: 'Mia Manager', email: `mia-${unique()}@acme.test`, role: 'manager', password: STRONG_PASSWORD }, own.token);
    const m1Token = await freshSession(s.app, m1.userId, own.tenantId);
    const m2 = await call(s.app, 'staff.add', { name: 'Max Manager', email: `max-${unique()}@acme.test`, role: 'manager', password: STRONG_PASSWORD }, own.token);
    const m2Token = await freshSession(s.app, m2.userId, own.tenantId);
    const ownSuite = { ...s, tenantId: own.tenantId, admin: { token: own.token, userId: s.admin.userId } };
    const { partner } = await partnerWithCredits(ownSuite, [{ amountMinor: 8_000 }, { amountMinor: 6_000 }], {}, own.token);
    // Generated by the workspace's admin: both managers may approve.
    const run = await generateAndWait(ownSuite, own.token, { partnerId: partner.id });
    const payout = await call(s.app, 'payouts.get', { id: run.payouts[0]!.id }, m1Token);
    expect(payout).toMatchObject({ needsSecondApproval: true, totalMinor: 14_000 });
    const { result: first } = await audited(s.app, own.tenantId, ['payout.first_approved'], () => call(s.app, 'payouts.approve', { id: payout.id, version: payout.version }, m1Token));
    expect(first).toMatchObject({ status: 'pending', firstApprovedBy: { id: m1.userId, name: 'Mia Manager' }, approvedBy: null });
    expect(first.blockers).toContain('You gave the first approval: a second, different manager must complete it.');
    expect(await unchanged(s.app, () => callError(s.app, 'payouts.approve', { id: payout.id, version: first.version }, m1Token))).toMatchObject({ code: 'forbidden' });
    const done = await call(s.app, 'payouts.approve', { id: payout.id, version: first.version }, m2Token);
    expect(done).toMatchObject({ status: 'approved', approvedMinor: 14_000, firstApprovedBy: { id: m1.userId }, approvedBy: { id: m2.userId } });
    expect(done.lines.every((l) => l.status === 'approved')).toBe(true);

    // Another one: after a first approval, a line rejection withdraws it (the amount changed); below the threshold then, one approval completes.
    const more = await partnerWithCredits(ownSuite, [{ amountMinor: 8_000 }, { amountMinor: 6_000 }], {}, own.token);
    const run2 = await generateAndWait(ownSuite, own.token, { partnerId: more.partner.id });
    const p2 = await call(s.app, 'payouts.approve', { id: run2.payouts[0]!.id, version: 0 }, m1Token);
    const line = p2.lines.find((l) => l.amountMinor === 6_000)!;
    const afterLine = await call(s.app, 'payouts.decideLine', { payoutId: p2.id, lineId: line.id, decision: 'reject', note: 'Not ours', version: p2.version }, m2Token);
    expect(afterLine).toMatchObject({ firstApprovedBy: null, needsSecondApproval: false });
    expect(await call(s.app, 'payouts.approve', { id: p2.id, version: afterLine.version }, m1Token)).toMatchObject({ status: 'partially_approved', approvedMinor: 8_000 });
  });

  it('a suspended or banking-on-hold partner’s payout cannot be approved, with the reason', async () => {
    for (const state of ['suspended', 'on_hold'] as const) {
      const { partner } = await partnerWithCredits(s, [{ amountMinor: 9_000 }]);
      const payout = await generatedPayout(s, partner.id);
      if (state === 'suspended') await call(s.app, 'partners.suspend', { id: partner.id, reason: 'Fraud check' }, admin());
      else {
        await s.app.database.write(async (tx) => {
          await tx.update(s.app.database.t.partners).set({ bankingOnHold: true }).where(eq(s.app.database.t.partners.id, partner.id));
        });
      }
      const seen = await call(s.app, 'payouts.get', { id: payout.id }, admin());
      const option = seen.actions.find((a) => a.action === 'approve');
      expect(option?.enabled).toBe(false);
      const error = await unchanged(s.app, () => callError(s.app, 'payouts.approve', { id: payout.id, version: payout.version }, admin()));
      expect(error).toMatchObject({ code: 'invalid_transition', message: option?.reason });
      expect(error.message).toMatch(state === 'suspended' ? /suspended/ : /on hold/);
    }
  });

  it('a stale version is a conflict; two approvers at once: exactly one wins', async () => {
    const { partner } = await partnerWithCredits(s, [{ amountMinor: 9_000 }, { amountMinor: 1_000 }]);
    const payout = await generatedPayout(s, partner.id);
    await call(s.app, 'payouts.decideLine', { payoutId: payout.id, lineId: payout.lines[0]!.id, decision: 'approve', version: payout.version }, admin());
    expect(await unchanged(s.app, () => callError(s.app, 'payouts.approve', { id: payout.id, version: payout.version }, admin()))).toMatchObject({ code: 'conflict' });
    const fresh = await call(s.app, 'payouts.get', { id: payout.id }, admin());
    const outcomes = await Promise.all([
      rawCall(s.app, 'payouts.approve', { id: payout.id, version: fresh.version }, admin()),
      rawCall(s.app, 'payouts.reject', { id: payout.id, version: fresh.version, notes: 'No' }, s.staff.admin2.token),
    ]);
    expect(outcomes.filter((o) => o.response.ok)).toHaveLength(1);
    const failed = outcomes.flatMap((o) => (o.response.ok ? [] : [o.response.error.code]));
    expect(['conflict', 'invalid_transition']).toContain(failed[0]);
  });

  it('list: newest first in keyset pages, filter by status and partner, totals of the filter; unknown and cross-tenant payouts are not found', async () => {
    const { partner } = await partnerWithCredits(s, [{ amountMinor: 11_000 }]);
    const payout = await generatedPayout(s, partner.id);
    const page = await call(s.app, 'payouts.list', { status: 'pending', limit: 1 }, s.staff.viewer.token);
    expect(page.rows).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    expect(page.totals.count).toBeGreaterThan(1);
    const next = await call(s.app, 'payouts.list', { status: 'pending', limit: 1, cursor: page.nextCursor! }, s.staff.viewer.token);
    expect(next.rows[0]?.id).not.toBe(page.rows[0]?.id);
    const mine = await call(s.app, 'payouts.list', { partnerId: partner.id }, s.staff.finance.token);
    expect(mine).toMatchObject({ rows: [{ id: payout.id, partner: { id: partner.id } }], totals: { count: 1, totalMinor: 11_000, currency: 'EUR' } });
    const other = await ownWorkspace(s);
    expect(await callError(s.app, 'payouts.get', { id: payout.id }, other.token)).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'payouts.get', { id: 'missing' }, admin())).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'payouts.approve', { id: payout.id, version: 0 }, other.token)).toMatchObject({ code: 'not_found' });
    expect((await call(s.app, 'payouts.list', {}, other.token)).rows).toEqual([]);
  });

  it('requests: at least the minimum (the sentence names both), one open at a time, generated for, declined with a reason', async () => {
    const { partner } = await partnerWithCredits(s, [{ amountMinor: 3_000, earnedOn: '2031-03-01' }]);
    const user = await portalUser(s, partner.id, 'partner_admin');
    const low = await unchanged(s.app, () => callError(s.app, 'payouts.request', {}, user.token));
    expect(low).toMatchObject({ code: 'validation' });
    expect(low.message).toMatch(/30\.00 is below the minimum payout of .*50\.00/);
    const { partner: p2 } = await partnerWithCredits(s, [{ amountMinor: 6_000, earnedOn: '2031-03-02' }]);
    const u2 = await portalUser(s, p2.id, 'partner_lead_manager');
    const req = await call(s.app, 'payouts.request', { note: 'For March' }, u2.token);
    expect(req).toMatchObject({ status: 'open', amountMinor: 6_000, partner: { id: p2.id } });
    expect(await callError(s.app, 'payouts.request', {}, u2.token)).toMatchObject({ code: 'conflict' });
    expect((await call(s.app, 'payouts.requests', {}, u2.token)).map((r) => r.id)).toEqual([req.id]);
    expect((await call(s.app, 'payouts.requests', {}, user.token))).toEqual([]);
    // Generated for the request: the period runs up to today, the payout is linked.
    const run = await generateAndWait(s, manager(), { requestId: req.id });
    expect(run).toMatchObject({ period: { end: '2031-03-03' }, payoutsCreated: 1, requestId: req.id });
    const [after] = await call(s.app, 'payouts.requests', { status: 'generated' }, admin()).then((rs) => rs.filter((r) => r.id === req.id));
    expect(after).toMatchObject({ status: 'generated', payoutId: run.payouts[0]!.id });
    expect(await call(s.app, 'payouts.get', { id: run.payouts[0]!.id }, admin())).toMatchObject({ requestId: req.id, totalMinor: 6_000 });
    // Decline.
    await call(s.app, 'payouts.updateSettings', { minimumPayoutMinor: 1_000 }, admin());
    const again = await call(s.app, 'payouts.request', {}, user.token);
    expect(await callError(s.app, 'payouts.declineRequest', { id: again.id, reason: ' ' }, admin())).toMatchObject({ code: 'validation', field: 'reason' });
    const declined = await call(s.app, 'payouts.declineRequest', { id: again.id, reason: 'Wait for the month end' }, manager());
    expect(declined).toMatchObject({ status: 'declined', reason: 'Wait for the month end' });
    expect(await callError(s.app, 'payouts.declineRequest', { id: again.id, reason: 'Again' }, manager())).toMatchObject({ code: 'invalid_transition' });
    await call(s.app, 'payouts.updateSettings', { minimumPayoutMinor: 5_000 }, admin());
  });

  it('money settings: defaults, changes audited with before and after, IBAN checksum and BIC checked, admin only', async () => {
    const own = await ownWorkspace(s);
    expect(await call(s.app, 'payouts.settings', {}, own.token)).toMatchObject({ minimumPayoutMinor: 5_000, secondApprovalAboveMinor: 1_000_000, currency: 'EUR' });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.updateSettings', { debtorIban: 'DE89370400440532013001' }, own.token)).toMatchObject({ code: 'validation', field: 'debtorIban' });
      expect(await callError(s.app, 'payouts.updateSettings', { debtorBic: 'NOPE' }, own.token)).toMatchObject({ code: 'validation', field: 'debtorBic' });
      expect(await callError(s.app, 'payouts.updateSettings', { minimumPayoutMinor: -1 }, own.token)).toMatchObject({ code: 'validation', field: 'minimumPayoutMinor' });
      expect(await callError(s.app, 'payouts.updateSettings', { minimumPayoutMinor: 1 }, manager())).toMatchObject({ code: 'forbidden' });
    });
    const { result, row } = await audited(s.app, own.tenantId, ['payout.settings_changed'], () =>
      call(s.app, 'payouts.updateSettings', { minimumPayoutMinor: 2_500, debtorIban: 'de89 3704 0044 0532 0130 00', debtorBic: 'cobadeffxxx', secondApprovalAboveMinor: null }, own.token),
    );
    expect(result).toMatchObject({ minimumPayoutMinor: 2_500, debtorIban: 'DE89370400440532013000', debtorBic: 'COBADEFFXXX', secondApprovalAboveMinor: null });
    expect(row?.details).toMatchObject({ from: { minimumPayoutMinor: 5_000 }, to: { minimumPayoutMinor: 2_500 } });
    expect(await call(s.app, 'payouts.settings', {}, own.token)).toMatchObject({ minimumPayoutMinor: 2_500, secondApprovalAboveMinor: null });
  });
});
