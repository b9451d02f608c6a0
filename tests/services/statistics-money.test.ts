import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src-shared/calendar';
import type { CreditStatus, PayoutStage } from '../../src-shared/contract/credits';
import type { PayoutStatus } from '../../src-shared/contract/payouts';
import { bumpPartnerMonth } from '../../src-main/services/payouts/partner-months';
import { engines } from '../support/engines';
import { call, rawCall } from '../support/actors';
import { DAY, ownWorkspace, setUpPartnerSuite, unique, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, portalUser, submitLead } from '../support/leads';

/**
 * Balances, payout statistics and monthly figures on every engine, on a hand-built scenario:
 * credits in every state (a clawback among them) and payouts in every status are written as
 * rows respecting the schema's semantics (services/payouts/ and credits/ are other helpers'),
 * partner_months through bumpPartnerMonth. Every figure is asserted exactly; partner users see
 * their own partner only, another partner or workspace is not_found.
 */
describe.each(engines)('balances and statistics on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  /** A lead of the partner (credits reference one). */
  async function leadOf(token: string, partnerId: string) {
    return submitLead(s, token, leadInput({ partnerId }));
  }

  async function insertCredit(tenantId: string, partnerId: string, leadId: string, status: CreditStatus, amountMinor: number, payout: { id: string; stage: PayoutStage | null } | null = null) {
    const now = s.app.clock();
    const id = `cr_${unique()}`;
    await s.app.database.write((tx) =>
      tx.insert(s.app.database.t.credits).values({
        id,
        tenantId,
        partnerId,
        leadId,
        kind: amountMinor < 0 ? 'clawback' : 'commission',
        calculation: amountMinor < 0 ? 'manual' : 'fixed_price',
        baseMinor: null,
        rateBp: null,
        amountMinor,
        currency: 'EUR',
        status,
        sourceKey: null,
        justification: null,
        clawbackOf: null,
        earnedOn: '2031-02-10',
        createdByType: 'system',
        createdBy: null,
        decidedBy: null,
        decidedAt: status === 'pending_approval' ? null : now,
        reason: null,
        payoutId: payout?.id ?? null,
        payoutStage: payout?.stage ?? null,
        paidAt: status === 'paid' ? now : null,
        createdAt: now,
        updatedAt: now,
        version: 0,
      }),
    );
    return id;
  }

  async function insertPayout(
    tenantId: string,
    partnerId: string,
    status: PayoutStatus,
    f: { totalMinor: number; approvedMinor?: number; periodStart: string; periodEnd: string; daysToApproval?: number },
  ) {
    const generatedAt = s.app.clock();
    const approvedAt = f.daysToApproval === undefined ? null : new Date(generatedAt.getTime() + f.daysToApproval * DAY);
    const id = `po_${unique()}`;
    await s.app.database.write((tx) =>
      tx.insert(s.app.database.t.payouts).values({
        id,
        tenantId,
        partnerId,
        runId: null,
        requestId: null,
        number: `PO-${unique()}`,
        periodStart: f.periodStart,
        periodEnd: f.periodEnd,
        currency: 'EUR',
        status,
        lineCount: 1,
        totalMinor: f.totalMinor,
        approvedMinor: f.approvedMinor ?? null,
        generatedBy: s.admin.userId,
        generatedAt,
        firstApprovedBy: null,
        firstApprovedAt: null,
        approvedBy: approvedAt ? s.staff.manager.userId : null,
        approvedAt,
        rejectedBy: status === 'rejected' ? s.staff.manager.userId : null,
        rejectedAt: status === 'rejected' ? generatedAt : null,
        notes: null,
        paidBy: status === 'paid' ? s.staff.finance.userId : null,
        paidAt: status === 'paid' ? approvedAt : null,
        paymentDate: status === 'paid' ? '2031-03-05' : null,
        paymentMethod: status === 'paid' ? 'bank_transfer' : null,
        paymentReference: status === 'paid' ? `REF-${unique()}` : null,
        createdAt: generatedAt,
        updatedAt: generatedAt,
        version: 0,
      }),
    );
    return id;
  }

  it('a balance is the sum of its parts, per the shared definitions, and only the partner’s own', async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const a = await activePartner(s, {}, token);
    const b = await activePartner(s, {}, token);
    const lead = (await leadOf(token, a.id)).id;
    const leadB = (await leadOf(token, b.id)).id;

    // An empty balance first.
    expect(await call(s.app, 'payouts.balance', { partnerId: a.id }, token)).toEqual({
      partnerId: a.id,
      currency: 'EUR',
      earnedMinor: 0,
      pendingApprovalMinor: 0,
      availableMinor: 0,
      inPayoutMinor: 0,
      approvedUnpaidMinor: 0,
      paidMinor: 0,
      clawbackOutstandingMinor: 0,
    });

    const p = (status: PayoutStatus) => insertPayout(tenantId, a.id, status, { totalMinor: 1, periodStart: '2031-02-01', periodEnd: '2031-02-28' });
    const pendingPayout = await p('pending');
    const approvedPayout = await p('partially_approved');
    const paidPayout = await p('paid');
    await insertCredit(tenantId, a.id, lead, 'pending_approval', 1_000);
    await insertCredit(tenantId, a.id, lead, 'pending_approval', 234);
    await insertCredit(tenantId, a.id, lead, 'approved', 15_000);
    await insertCredit(tenantId, a.id, lead, 'approved', -3_000); // a clawback, not yet netted
    await insertCredit(tenantId, a.id, lead, 'approved', 2_500, { id: pendingPayout, stage: 'pending' });
    await insertCredit(tenantId, a.id, lead, 'approved', 4_000, { id: approvedPayout, stage: 'approved' });
    await insertCredit(tenantId, a.id, lead, 'paid', 7_000, { id: paidPayout, stage: null });
    await insertCredit(tenantId, a.id, lead, 'paid', -500, { id: paidPayout, stage: null }); // a clawback netted by a paid payout
    await insertCredit(tenantId, a.id, lead, 'rejected', 9_999);
    await insertCredit(tenantId, a.id, lead, 'reversed', 5_555);
    // Another partner's credits are not A's.
    await insertCredit(tenantId, b.id, leadB, 'approved', 100_000);
    await insertCredit(tenantId, b.id, leadB, 'pending_approval', 77);

    const expected = {
      partnerId: a.id,
      currency: 'EUR',
      pendingApprovalMinor: 1_234,
      availableMinor: 12_000,
      inPayoutMinor: 2_500,
      approvedUnpaidMinor: 4_000,
      paidMinor: 6_500,
      earnedMinor: 12_000 + 2_500 + 4_000 + 6_500,
      clawbackOutstandingMinor: 3_000,
    };
    expect(await call(s.app, 'payouts.balance', { partnerId: a.id }, token)).toEqual(expected);
    expect(await call(s.app, 'payouts.balance', { partnerId: b.id }, token)).toMatchObject({ availableMinor: 100_000, pendingApprovalMinor: 77, earnedMinor: 100_000, clawbackOutstandingMinor: 0 });

    // A partner user reads its own partner's balance, and another partner's id is not found.
    const portal = await portalUser(s, a.id, 'partner_viewer', tenantId, token);
    expect(await call(s.app, 'payouts.balance', { partnerId: a.id }, portal.token)).toEqual(expected);
    const other = await rawCall(s.app, 'payouts.balance', { partnerId: b.id }, portal.token);
    const missing = await rawCall(s.app, 'payouts.balance', { partnerId: 'no-such-partner' }, portal.token);
    expect(other.response).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(other.response).toEqual(missing.response);

    // Another workspace's admin: the id behaves as a missing one.
    const foreign = await rawCall(s.app, 'payouts.balance', { partnerId: a.id }, s.admin.token);
    expect(foreign.response).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const foreignMissing = await rawCall(s.app, 'payouts.balance', { partnerId: 'no-such-partner' }, s.admin.token);
    expect(foreign.response).toEqual(foreignMissing.response);
  });

  it('payout statistics: counts and amounts per status, generated vs approved vs paid, days to approval, filtered by period and partner', async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const a = await activePartner(s, {}, token);
    const b = await activePartner(s, {}, token);
    const feb = { periodStart: '2031-02-01', periodEnd: '2031-02-28' };
    const jan = { periodStart: '2031-01-01', periodEnd: '2031-01-31' };
    await insertPayout(tenantId, a.id, 'pending', { totalMinor: 2_500, ...feb });
    await insertPayout(tenantId, a.id, 'partially_approved', { totalMinor: 5_000, approvedMinor: 4_000, daysToApproval: 2, ...feb });
    await insertPayout(tenantId, a.id, 'paid', { totalMinor: 7_000, approvedMinor: 7_000, daysToApproval: 1, ...feb });
    await insertPayout(tenantId, a.id, 'rejected', { totalMinor: 1_200, ...jan });
    await insertPayout(tenantId, b.id, 'approved', { totalMinor: 3_000, approvedMinor: 3_000, daysToApproval: 3, ...feb });
    await insertPayout(tenantId, b.id, 'pending', { totalMinor: 800, ...jan });

    const all = await call(s.app, 'payouts.statistics', {}, token);
    expect(all).toEqual({
      currency: 'EUR',
      periodStart: null,
      periodEnd: null,
      partnerId: null,
      generated: { count: 6, amountMinor: 2_500 + 5_000 + 7_000 + 1_200 + 3_000 + 800 },
      byStatus: {
        pending: { count: 2, amountMinor: 3_300 },
        approved: { count: 1, amountMinor: 3_000 },
        partially_approved: { count: 1, amountMinor: 4_000 },
        rejected: { count: 1, amountMinor: 1_200 },
        paid: { count: 1, amountMinor: 7_000 },
      },
      generatedMinor: 19_500,
      approvedMinor: 14_000,
      paidMinor: 7_000,
      pendingApprovalMinor: 3_300,
      averageDaysToApproval: 2,
    });

    // The tenant's figures are kept while its audit trail stands still: a payout written with its audit row (as generation writes each one) counts at once.
    await insertPayout(tenantId, b.id, 'pending', { totalMinor: 500, periodStart: '2031-03-01', periodEnd: '2031-03-31' });
    expect((await call(s.app, 'payouts.statistics', {}, token)).generated.count).toBe(6);
    await s.app.database.write((tx) => s.app.services.activity.record(tx, { tenantId, actor: { type: 'system', id: null, name: 'test' }, action: 'payout.generated', resourceType: 'payout', resourceId: null }));
    expect(await call(s.app, 'payouts.statistics', {}, token)).toMatchObject({ generated: { count: 7, amountMinor: 20_000 }, pendingApprovalMinor: 3_800 });

    const ofA = await call(s.app, 'payouts.statistics', { partnerId: a.id }, token);
    expect(ofA).toMatchObject({ partnerId: a.id, generated: { count: 4, amountMinor: 15_700 }, approvedMinor: 11_000, paidMinor: 7_000, pendingApprovalMinor: 2_500, averageDaysToApproval: 1.5 });

    const february = await call(s.app, 'payouts.statistics', feb, token);
    expect(february).toMatchObject({ periodStart: feb.periodStart, periodEnd: feb.periodEnd, generated: { count: 4, amountMinor: 17_500 }, pendingApprovalMinor: 2_500, averageDaysToApproval: 2 });
    expect(february.byStatus.rejected).toEqual({ count: 0, amountMinor: 0 });

    const januaryOfB = await call(s.app, 'payouts.statistics', { ...jan, partnerId: b.id }, token);
    expect(januaryOfB).toMatchObject({ generated: { count: 1, amountMinor: 800 }, approvedMinor: 0, averageDaysToApproval: null });

    const onlyFrom = await call(s.app, 'payouts.statistics', { periodStart: '2031-02-01' }, token);
    expect(onlyFrom.generated.count).toBe(5);

    // The managers' figures: partner users may not call it; another workspace sees none of these.
    const portal = await portalUser(s, a.id, 'partner_admin', tenantId, token);
    expect((await rawCall(s.app, 'payouts.statistics', {}, portal.token)).response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreign = await rawCall(s.app, 'payouts.statistics', { partnerId: a.id }, s.admin.token);
    expect(foreign.response).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Bad input: a period ending before it starts.
    const bad = await rawCall(s.app, 'payouts.statistics', { periodStart: '2031-02-10', periodEnd: '2031-02-01' }, token);
    expect(bad.response).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('monthly figures from partner_months: every month of the range, per partner or summed, rates in basis points', async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const a = await activePartner(s, {}, token);
    const b = await activePartner(s, {}, token);
    const db = s.app.database;
    const bump = (partnerId: string, day: string, delta: Parameters<typeof bumpPartnerMonth>[5]) => db.write((tx) => bumpPartnerMonth(db, tx, tenantId, partnerId, day, delta));
    // A's January: 10 submitted (scores 655), 4 approved, 2 rejected, 3 converted; earned 12.34, paid 5.00.
    await bump(a.id, '2031-01-05', { leadsSubmitted: 10, scoreSum: 655 });
    await bump(a.id, '2031-01-20', { leadsApproved: 7, leadsRejected: 2, earnedMinor: 1_500 });
    await bump(a.id, '2031-01-31', { leadsConverted: 3, leadsApproved: -3, earnedMinor: -266, paidMinor: 500 });
    // A's March; B's January and March.
    await bump(a.id, '2031-03-02', { leadsSubmitted: 3, scoreSum: 200, leadsRejected: 1 });
    await bump(b.id, '2031-01-10', { leadsSubmitted: 5, scoreSum: 300, leadsApproved: 1, leadsConverted: 1, earnedMinor: 10_000, paidMinor: 9_000 });
    await bump(b.id, '2031-03-10', { paidMinor: 1 });

    const ofA = await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03', partnerId: a.id }, token);
    expect(ofA.partnerId).toBe(a.id);
    expect(ofA.months.map((m) => m.month)).toEqual(['2031-01', '2031-02', '2031-03']);
    expect(ofA.months[0]).toEqual({
      month: '2031-01',
      leadsSubmitted: 10,
      leadsApproved: 4,
      leadsRejected: 2,
      leadsConverted: 3,
      scoreSum: 655,
      averageQuality: 65.5,
      earnedMinor: 1_234,
      paidMinor: 500,
      approvalRateBp: 7778, // 7 / 9
      conversionRateBp: 4286, // 3 / 7
    });
    expect(ofA.months[1]).toEqual({
      month: '2031-02',
      leadsSubmitted: 0,
      leadsApproved: 0,
      leadsRejected: 0,
      leadsConverted: 0,
      scoreSum: 0,
      averageQuality: null,
      earnedMinor: 0,
      paidMinor: 0,
      approvalRateBp: null,
      conversionRateBp: null,
    });
    expect(ofA.months[2]).toMatchObject({ leadsSubmitted: 3, averageQuality: 66.7, approvalRateBp: 0, conversionRateBp: null });
    expect(ofA.total).toMatchObject({ month: '2031-01..2031-03', leadsSubmitted: 13, leadsRejected: 3, scoreSum: 855, averageQuality: 65.8, approvalRateBp: 7000, earnedMinor: 1_234, paidMinor: 500 });

    const tenant = await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03' }, token);
    expect(tenant.partnerId).toBeNull();
    expect(tenant.months[0]).toMatchObject({ leadsSubmitted: 15, leadsApproved: 5, leadsRejected: 2, leadsConverted: 4, scoreSum: 955, earnedMinor: 11_234, paidMinor: 9_500, approvalRateBp: 8182, conversionRateBp: 4444 });
    expect(tenant.months[2]).toMatchObject({ leadsSubmitted: 3, paidMinor: 1 });
    expect(tenant.total).toMatchObject({ leadsSubmitted: 18, earnedMinor: 11_234, paidMinor: 9_501 });

    // The tenant's months are kept between calls while the workspace's audit trail stands still:
    // a change written the way every writer writes it (with its audit row) is seen at once…
    await db.write(async (tx) => {
      await bumpPartnerMonth(db, tx, tenantId, b.id, '2031-01-15', { leadsSubmitted: 2, scoreSum: 100 });
      await s.app.services.activity.record(tx, { tenantId, actor: { type: 'system', id: null, name: 'test' }, action: 'lead.submitted', resourceType: 'lead', resourceId: null });
    });
    const afterAudited = await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03' }, token);
    expect(afterAudited.months[0]).toMatchObject({ leadsSubmitted: 17, scoreSum: 1_055 });
    // …and one written without (which no service does) only with the next audited write; one partner's months are read afresh.
    await bump(b.id, '2031-01-16', { leadsRejected: 1 });
    expect((await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03' }, token)).months[0]?.leadsRejected).toBe(2);
    expect((await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03', partnerId: b.id }, token)).months[0]?.leadsRejected).toBe(1);
    await db.write((tx) => s.app.services.activity.record(tx, { tenantId, actor: { type: 'system', id: null, name: 'test' }, action: 'lead.rejected', resourceType: 'lead', resourceId: null }));
    expect((await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03' }, token)).months[0]?.leadsRejected).toBe(3);
    await bump(b.id, '2031-01-16', { leadsRejected: -1, leadsSubmitted: -2, scoreSum: -100 });
    await db.write((tx) => s.app.services.activity.record(tx, { tenantId, actor: { type: 'system', id: null, name: 'test' }, action: 'lead.rejected', resourceType: 'lead', resourceId: null }));

    // Default range: the last 12 months, ending with this month in the workspace time zone.
    const byDefault = await call(s.app, 'payouts.monthly', {}, token);
    expect(byDefault.months).toHaveLength(12);
    expect(byDefault.toMonth).toBe(todayIn('UTC', s.app.clock()).slice(0, 7));

    // Partner users: their own partner's months (with or without naming it), another's not found.
    const portal = await portalUser(s, b.id, 'partner_viewer', tenantId, token);
    const own = await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03' }, portal.token);
    expect(own.partnerId).toBe(b.id);
    expect(own.months[0]).toMatchObject({ leadsSubmitted: 5, earnedMinor: 10_000, paidMinor: 9_000, approvalRateBp: 10_000, conversionRateBp: 5000 });
    const other = await rawCall(s.app, 'payouts.monthly', { partnerId: a.id }, portal.token);
    const missing = await rawCall(s.app, 'payouts.monthly', { partnerId: 'nope' }, portal.token);
    expect(other.response).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(other.response).toEqual(missing.response);

    // Another workspace: its own (empty) figures; naming this workspace's partner is not found.
    const foreignTotal = await call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-03' }, s.admin.token);
    expect(foreignTotal.total.leadsSubmitted).toBe(0);
    expect((await rawCall(s.app, 'payouts.monthly', { partnerId: a.id }, s.admin.token)).response).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Bad input.
    for (const input of [{ fromMonth: '2031-05', toMonth: '2031-01' }, { fromMonth: '2031-13' }, { fromMonth: '2001-01', toMonth: '2031-01' }]) {
      expect((await rawCall(s.app, 'payouts.monthly', input, token)).response).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });
});
