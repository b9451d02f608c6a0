import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { paidPartner } from '../support/finance';
import { activePartner, leadInput, portalUser, submitLead } from '../support/leads';
import { generatedPayout } from '../support/payouts';
import { rateBp } from '../../src-main/services/portal/view-home';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, unique, type PartnerSuite } from '../support/partners';

/**
 * The portal's read side on every engine (home, notifications, payouts), on a fixture made
 * through the real procedures: a partner's leads submitted by its lead manager and decided by a
 * manager (approved, converted, rejected, one left pending), their fixed-price credits approved
 * or rejected, a payout with one line rejected, approved and paid, a payout request declined, a
 * second payout rejected. Every figure is asserted exactly and the balance and months are the
 * staff procedures' own; another partner of the workspace and a partner of another workspace
 * see none of it.
 */
describe.each(engines)('portal read side on $name', (engine) => {
  let s: PartnerSuite;
  let partnerId = '';
  const users = {} as Record<'admin' | 'leads' | 'viewer' | 'otherPartner' | 'otherWorkspace', { userId: string; token: string }>;
  const ids = {} as Record<'approved' | 'converted' | 'rejected' | 'pending' | 'otherLead', string> & Record<'creditApproved' | 'creditRejected' | 'creditConverted' | 'paidPayout' | 'rejectedPayout' | 'request', string>;
  const manager = () => s.staff.manager.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    const partner = await paidPartner(s, undefined, { terms: { commissionModel: 'fixed', fixedPriceMinor: 5000, monthlyLeadQuota: 10 } });
    partnerId = partner.id;
    users.admin = await portalUser(s, partnerId, 'partner_admin');
    users.leads = await portalUser(s, partnerId, 'partner_lead_manager');
    users.viewer = await portalUser(s, partnerId, 'partner_viewer');
    const other = await activePartner(s);
    users.otherPartner = await portalUser(s, other.id, 'partner_admin');
    const elsewhere = await ownWorkspace(s);
    const foreign = await activePartner(s, {}, elsewhere.token);
    users.otherWorkspace = await portalUser(s, foreign.id, 'partner_admin', elsewhere.tenantId, elsewhere.token);

    // Five leads of the partner, submitted in the portal; four decided by the manager.
    const submit = (contactName: string, company: string) => submitLead(s, users.leads.token, leadInput({ contactName, company }));
    const approve = async (lead: { id: string; version: number }) => call(s.app, 'leads.approve', { id: lead.id, version: lead.version }, manager());
    const approved = await approve(await submit('Ada Approved', 'Alpha AG'));
    const second = await approve(await submit('Conny Converted', 'Gamma AG'));
    const converted = await call(s.app, 'leads.convert', { id: second.id, version: second.version, dealValueMinor: 900_000, convertedOn: '2031-03-03' }, manager());
    const toReject = await submit('Rita Rejected', 'Beta AG');
    await call(s.app, 'leads.reject', { id: toReject.id, version: toReject.version, reason: 'Existing customer' }, manager());
    const pending = await submit('Pia Pending', 'Delta AG');
    Object.assign(ids, { approved: approved.id, converted: converted.id, rejected: toReject.id, pending: pending.id });
    // The other partner's lead, rejected: it must never reach this partner's notifications.
    const otherLead = await submitLead(s, users.otherPartner.token, leadInput({ contactName: 'Otto Other' }));
    await call(s.app, 'leads.reject', { id: otherLead.id, version: otherLead.version, reason: 'Not ours' }, manager());
    ids.otherLead = otherLead.id;

    // The approvals' fixed-price credits (5000 each): two approved, one rejected.
    const creditOf = async (leadId: string) => (await call(s.app, 'credits.list', { leadId }, manager())).rows[0]!;
    const [c1, c2] = [await creditOf(approved.id), await creditOf(converted.id)];
    await call(s.app, 'credits.approve', { id: c1.id, version: c1.version }, manager());
    await call(s.app, 'credits.approve', { id: c2.id, version: c2.version }, manager());
    const third = await approve(await submit('Nina Nocredit', 'Epsilon AG'));
    const c4 = await creditOf(third.id);
    await call(s.app, 'credits.reject', { id: c4.id, version: c4.version, reason: 'Lead outside the programme' }, manager());
    Object.assign(ids, { creditApproved: c1.id, creditConverted: c2.id, creditRejected: c4.id });

    // A payout of both approved credits; one line rejected, the payout approved (partially) and paid.
    const generated = await generatedPayout(s, partnerId, { periodStart: '2031-03-01', periodEnd: '2031-03-31' });
    const line = generated.lines.find((l) => l.creditId === c2.id)!;
    const afterLine = await call(s.app, 'payouts.decideLine', { payoutId: generated.id, lineId: line.id, decision: 'reject', note: 'Deal not yet invoiced', version: generated.version }, s.admin.token);
    const approvedPayout = await call(s.app, 'payouts.approve', { id: generated.id, version: afterLine.version }, s.admin.token);
    const paid = await call(s.app, 'payouts.markPaid', { payouts: [{ id: generated.id, version: approvedPayout.version }], paymentDate: '2031-03-03', method: 'bank_transfer', reference: `REF-${unique()}` }, s.staff.finance.token);
    expect(paid.paidCount).toBe(1);
    ids.paidPayout = generated.id;

    // The rejected line's credit is available again: the partner asks for it, the manager declines.
    const request = await call(s.app, 'payouts.request', { note: 'Month end' }, users.leads.token);
    await call(s.app, 'payouts.declineRequest', { id: request.id, reason: 'Wait for the invoice' }, manager());
    ids.request = request.id;
    // A second payout of it, rejected with notes (the credit goes back to the pool).
    const again = await generatedPayout(s, partnerId, { periodStart: '2031-03-01', periodEnd: '2031-03-31' });
    await call(s.app, 'payouts.reject', { id: again.id, version: again.version, notes: 'Banking to be checked' }, s.admin.token);
    ids.rejectedPayout = again.id;
  });
  afterAll(async () => {
    await s?.app.services.payouts.whenRunsSettled();
    await s?.app.dispose();
  });

  it('home: this month against the quota, rates over decided leads, the balance and months of the staff procedures', async () => {
    const home = await call(s.app, 'portal.home', {}, users.viewer.token);
    const staffBalance = await call(s.app, 'payouts.balance', { partnerId }, manager());
    const staffMonths = await call(s.app, 'payouts.monthly', { partnerId, toMonth: '2031-03' }, manager());
    expect(home.partner).toMatchObject({ id: partnerId, status: 'active' });
    expect(home.workspace).toEqual({ name: 'Acme Partners', currency: 'EUR' });
    expect(home.month).toEqual({ month: '2031-03', submitted: 5, quota: 10 });
    // Decided: approved 2 (Ada, Nina), converted 1, rejected 1 → (2 + 1) / 4 and 1 / 3.
    expect(home.approvalRateBp).toBe(7500);
    expect(home.conversionRateBp).toBe(3333);
    expect(home.balance).toEqual(staffBalance);
    expect(home.balance).toMatchObject({ earnedMinor: 10_000, paidMinor: 5000, availableMinor: 5000, pendingApprovalMinor: 0, inPayoutMinor: 0 });
    expect(home.minimumPayoutMinor).toBe(5000);
    expect(home.months).toEqual(staffMonths.months);
    expect(home.months.map((m) => m.month)).toEqual(['2030-04', '2030-05', '2030-06', '2030-07', '2030-08', '2030-09', '2030-10', '2030-11', '2030-12', '2031-01', '2031-02', '2031-03']);
    expect(home.months.at(-1)).toMatchObject({ leadsSubmitted: 5, leadsApproved: 2, leadsConverted: 1, leadsRejected: 1, earnedMinor: 10_000, paidMinor: 5000 });

    // The other partner's home is its own: one lead, rejected.
    const other = await call(s.app, 'portal.home', {}, users.otherPartner.token);
    expect(other.partner.id).not.toBe(partnerId);
    expect(other).toMatchObject({ month: { submitted: 1, quota: null }, approvalRateBp: 0, conversionRateBp: null, balance: { earnedMinor: 0 } });
    const foreign = await call(s.app, 'portal.home', {}, users.otherWorkspace.token);
    expect(foreign).toMatchObject({ month: { submitted: 0 }, approvalRateBp: null, balance: { earnedMinor: 0 } });
    expect(foreign.workspace.name).not.toBe('Acme Partners');
  });

  it('notifications: every decision on the partner’s leads, credits, payouts and requests, newest first, no reviewer named', async () => {
    const { items, newCount, seenAt } = await call(s.app, 'portal.notifications', {}, users.leads.token);
    expect(seenAt).toBeNull();
    expect(items.map((i) => [i.kind, i.id, i.decision, i.reason])).toEqual([
      ['payout', ids.rejectedPayout, 'rejected', 'Banking to be checked'],
      ['payout_request', ids.request, 'declined', 'Wait for the invoice'],
      ['payout', ids.paidPayout, 'paid', null],
      ['payout', ids.paidPayout, 'partially_approved', null],
      ['credit', ids.creditRejected, 'rejected', 'Lead outside the programme'],
      ['lead', expect.any(String), 'approved', null], // Nina's approval
      ['credit', ids.creditConverted, 'approved', null],
      ['credit', ids.creditApproved, 'approved', null],
      ['lead', ids.rejected, 'rejected', 'Existing customer'],
      ['lead', ids.converted, 'converted', null],
      ['lead', ids.converted, 'approved', null],
      ['lead', ids.approved, 'approved', null],
    ]);
    expect(items.every((i) => i.isNew)).toBe(true);
    expect(newCount).toBe(items.length);
    expect(items.find((i) => i.id === ids.rejected)?.label).toBe('Lead Rita Rejected (Beta AG)');
    expect(items.find((i) => i.id === ids.creditRejected)?.label).toMatch(/^Credit of .*50.* for lead Nina Nocredit$/);
    expect(items.find((i) => i.kind === 'payout_request')?.label).toMatch(/^Payout request of .*50/);
    const text = JSON.stringify(items);
    for (const staff of [s.admin, s.staff.manager, s.staff.finance]) expect(text).not.toContain(staff.userId);
    expect(text).not.toMatch(/Manager|Finance|Admin/);
    expect(text).not.toContain(ids.otherLead);

    // The other partner sees its own rejection only; another workspace's partner nothing.
    const other = await call(s.app, 'portal.notifications', {}, users.otherPartner.token);
    expect(other.items.map((i) => [i.id, i.reason])).toEqual([[ids.otherLead, 'Not ours']]);
    expect((await call(s.app, 'portal.notifications', {}, users.otherWorkspace.token)).items).toEqual([]);
  });

  it('markNotificationsSeen is per user and audited; a later decision is new again', async () => {
    const before = await call(s.app, 'portal.notifications', {}, users.viewer.token);
    const { result, row } = await audited(s.app, s.tenantId, ['portal.notifications_seen'], () => call(s.app, 'portal.markNotificationsSeen', {}, users.viewer.token), users.viewer.userId);
    expect(row).toMatchObject({ actorType: 'partner_user', actorId: users.viewer.userId, resourceType: 'partner_user' });
    const seen = await call(s.app, 'portal.notifications', {}, users.viewer.token);
    expect(seen.seenAt).toBe(result.seenAt);
    expect(seen.newCount).toBe(0);
    expect(seen.items.map((i) => [i.id, i.decision, i.isNew])).toEqual(before.items.map((i) => [i.id, i.decision, false]));
    // Another user of the same partner has not looked yet.
    expect((await call(s.app, 'portal.notifications', {}, users.admin.token)).newCount).toBe(before.items.length);

    const pending = (await call(s.app, 'leads.get', { id: ids.pending }, manager())).version;
    await call(s.app, 'leads.reject', { id: ids.pending, version: pending, reason: 'Duplicate of an earlier registration' }, manager());
    const later = await call(s.app, 'portal.notifications', {}, users.viewer.token);
    expect(later.newCount).toBe(1);
    expect(later.items[0]).toMatchObject({ kind: 'lead', id: ids.pending, decision: 'rejected', reason: 'Duplicate of an earlier registration', isNew: true });
    expect(later.items.slice(1).every((i) => !i.isNew)).toBe(true);
  });

  it('payouts: the partner’s own, newest first in keyset pages, without reviewers', async () => {
    const first = await call(s.app, 'portal.payouts', { limit: 1 }, users.viewer.token);
    expect(first.rows.map((r) => r.id)).toEqual([ids.rejectedPayout]);
    expect(first.nextCursor).not.toBeNull();
    const next = await call(s.app, 'portal.payouts', { limit: 1, cursor: first.nextCursor! }, users.viewer.token);
    expect(next.rows.map((r) => r.id)).toEqual([ids.paidPayout]);
    expect(next.nextCursor).toBeNull();
    const row = next.rows[0]!;
    expect(Object.keys(row).sort()).toEqual(['approvedAt', 'approvedMinor', 'currency', 'generatedAt', 'id', 'lineCount', 'number', 'paidAt', 'paymentDate', 'paymentMethod', 'paymentReference', 'period', 'status', 'totalMinor'].sort());
    expect(row).toMatchObject({ status: 'paid', lineCount: 2, totalMinor: 10_000, approvedMinor: 5000, currency: 'EUR', paymentDate: '2031-03-03', paymentMethod: 'bank_transfer' });

    expect((await call(s.app, 'portal.payouts', { limit: 50 }, users.otherPartner.token)).rows).toEqual([]);
    expect((await call(s.app, 'portal.payouts', { limit: 50 }, users.otherWorkspace.token)).rows).toEqual([]);
    expect(await callError(s.app, 'portal.payouts', { limit: 5, cursor: 'not-a-cursor' }, users.viewer.token)).toMatchObject({ code: 'validation', field: 'cursor' });
  });

  it('payout: lines with statuses and the rejected line’s note, rejectedMinor, and notes only of a rejection', async () => {
    const paid = await call(s.app, 'portal.payout', { id: ids.paidPayout }, users.viewer.token);
    expect(paid).toMatchObject({ status: 'paid', totalMinor: 10_000, approvedMinor: 5000, rejectedMinor: 5000, notes: null });
    expect(paid.lines.map((l) => [l.creditId, l.status, l.amountMinor, l.note]).sort()).toEqual(
      [
        [ids.creditApproved, 'approved', 5000, null],
        [ids.creditConverted, 'rejected', 5000, 'Deal not yet invoiced'],
      ].sort(),
    );
    for (const line of paid.lines) expect(Object.keys(line).sort()).toEqual(['amountMinor', 'creditId', 'creditKind', 'earnedOn', 'id', 'leadContactName', 'leadId', 'note', 'status'].sort());
    expect(paid.lines.find((l) => l.creditId === ids.creditApproved)?.leadContactName).toBe('Ada Approved');
    const rejected = await call(s.app, 'portal.payout', { id: ids.rejectedPayout }, users.viewer.token);
    expect(rejected).toMatchObject({ status: 'rejected', notes: 'Banking to be checked' });
  });

  it('another partner’s or workspace’s user gets not_found for the payout, exactly as for a made-up id', async () => {
    const missing = await callError(s.app, 'portal.payout', { id: 'po-does-not-exist' }, users.viewer.token);
    expect(missing).toMatchObject({ code: 'not_found' });
    for (const who of [users.otherPartner, users.otherWorkspace]) {
      expect(await unchanged(s.app, () => callError(s.app, 'portal.payout', { id: ids.paidPayout }, who.token))).toEqual(missing);
    }
  });

  it('staff sessions never reach the portal procedures, and the service refuses them too', async () => {
    for (const name of ['portal.home', 'portal.notifications', 'portal.banking'] as const) {
      expect(await callError(s.app, name, {}, s.admin.token)).toMatchObject({ code: 'forbidden' });
    }
    const session = await s.app.services.auth.sessions.resolve(s.admin.token);
    if (!session) throw new Error('the admin session resolves');
    await expect(s.app.services.portal.view.home(session)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('rateBp: basis points in integer arithmetic, half up', () => {
  it('matches the exact rational rounding, also where a float division would land on the wrong side', () => {
    expect([rateBp(1, 3), rateBp(2, 3), rateBp(1, 2), rateBp(1, 20_000), rateBp(0, 5), rateBp(5, 5), rateBp(3, 0)]).toEqual([3333, 6667, 5000, 1, 0, 10_000, null]);
    const exact = (part: number, whole: number) => Number((BigInt(part) * 20_000n + BigInt(whole)) / (BigInt(whole) * 2n));
    let seed = 7;
    const next = (max: number) => (seed = (seed * 48_271) % 2_147_483_647) % max;
    for (let i = 0; i < 5000; i++) {
      const whole = 1 + next(i % 2 ? 1_000_000_000 : 1000);
      const part = next(whole + 1);
      expect(rateBp(part, whole)).toBe(exact(part, whole));
    }
  });
});
