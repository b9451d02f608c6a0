import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { leadInput, portalUser, submitLead } from '../support/leads';
import { creditRowsOf, leadOf, partnerMonth, pendingCredit, setCreditState } from '../support/credits';

/**
 * Credits people make, on every engine: a partner's request for one of its own leads (or a staff
 * decider's on its behalf, which that person may then not approve: four eyes), and the clawback
 * of a paid credit as a negative credit whose total never exceeds the credit.
 */
describe.each(engines)('credit requests and clawbacks on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;
  const manager = () => s.staff.manager.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('a partner user requests a credit for its own lead: requested, manual, pending, audited with the amount', async () => {
    const { partner, lead } = await leadOf(s, { commissionModel: 'percentage', rateBp: 1000 });
    const portal = await portalUser(s, partner.id, 'partner_admin');
    const { result, row } = await audited(s.app, s.tenantId, ['credit.requested'], () =>
      call(s.app, 'credits.request', { leadId: lead.id, amountMinor: 2000, justification: ' Extra onboarding work ', currency: 'EUR' }, portal.token),
    );
    expect(result).toMatchObject({
      kind: 'requested',
      calculation: 'manual',
      amountMinor: 2000,
      status: 'pending_approval',
      justification: 'Extra onboarding work',
      createdByType: 'partner_user',
      createdBy: null,
      calculationText: 'Requested: €20.00',
      actions: [],
    });
    expect(row?.details).toMatchObject({ amountMinor: 2000, currency: 'EUR', leadId: lead.id, partnerId: partner.id });
    expect((await creditRowsOf(s, lead.id)).find((c) => c.id === result.id)?.leadContactName).toBe(lead.contactName);
    expect((await call(s.app, 'credits.get', { id: result.id }, manager())).actions.map((a) => [a.action, a.enabled])).toEqual([
      ['approve', true],
      ['reject', true],
    ]);
    expect((await call(s.app, 'leads.get', { id: lead.id }, admin())).creditStatus).toBe('pending');
  });

  it("another partner's lead, another partner id, a partner viewer: refused, nothing written", async () => {
    const { partner } = await leadOf(s, { commissionModel: 'fixed', fixedPriceMinor: 100 });
    const { partner: otherPartner, lead: otherLead } = await leadOf(s, { commissionModel: 'fixed', fixedPriceMinor: 100 });
    const portal = await portalUser(s, partner.id, 'partner_lead_manager');
    const viewer = await portalUser(s, partner.id, 'partner_viewer');
    const ownLead = await submitLead(s, admin(), leadInput({ partnerId: partner.id }));
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.request', { leadId: otherLead.id, amountMinor: 100, justification: 'Mine' }, portal.token)).toMatchObject({ code: 'not_found', field: 'leadId' });
      expect(await callError(s.app, 'credits.request', { partnerId: otherPartner.id, leadId: otherLead.id, amountMinor: 100, justification: 'Mine' }, portal.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'credits.request', { leadId: 'no-such-lead', amountMinor: 100, justification: 'Mine' }, portal.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'credits.request', { leadId: ownLead.id, amountMinor: 100, justification: 'Mine' }, viewer.token)).toMatchObject({ code: 'forbidden' });
      // Staff name the partner; the lead must be that partner's.
      expect(await callError(s.app, 'credits.request', { leadId: ownLead.id, amountMinor: 100, justification: 'On behalf' }, manager())).toMatchObject({ code: 'validation', field: 'partnerId' });
      expect(await callError(s.app, 'credits.request', { partnerId: otherPartner.id, leadId: ownLead.id, amountMinor: 100, justification: 'On behalf' }, manager())).toMatchObject({ code: 'not_found', field: 'leadId' });
    });
  });

  it('bad input: zero or negative amount, fractions, no justification, another currency → a clear error, nothing written', async () => {
    const { partner, lead } = await leadOf(s, { commissionModel: 'fixed', fixedPriceMinor: 100 });
    const portal = await portalUser(s, partner.id, 'partner_admin');
    await unchanged(s.app, async () => {
      for (const amountMinor of [0, -100, 1.5]) {
        expect(await callError(s.app, 'credits.request', { leadId: lead.id, amountMinor, justification: 'Why' }, portal.token)).toMatchObject({ code: 'validation', field: 'amountMinor' });
      }
      expect(await callError(s.app, 'credits.request', { leadId: lead.id, amountMinor: 100, justification: '   ' }, portal.token)).toMatchObject({ code: 'validation', field: 'justification' });
      expect(await callError(s.app, 'credits.request', { leadId: lead.id, amountMinor: 100, justification: 'Why', currency: 'USD' }, portal.token)).toMatchObject({
        code: 'validation',
        field: 'currency',
        message: expect.stringContaining('EUR'),
      });
      expect(await callError(s.app, 'credits.request', { leadId: lead.id, amountMinor: 100, justification: 'Why', currency: 'XYZ' }, portal.token)).toMatchObject({ code: 'validation', field: 'currency' });
    });
  });

  it('four eyes: a manager who requested on the partner’s behalf cannot approve it; another decider can', async () => {
    const { partner, lead } = await leadOf(s, { commissionModel: 'fixed', fixedPriceMinor: 100 });
    const requested = await call(s.app, 'credits.request', { partnerId: partner.id, leadId: lead.id, amountMinor: 3000, justification: 'Agreed at the review' }, manager());
    expect(requested).toMatchObject({ createdByType: 'staff', createdBy: { id: s.staff.manager.userId } });
    expect(requested.actions.find((a) => a.action === 'approve')).toMatchObject({ enabled: false, reason: expect.stringContaining('another manager must approve') });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.approve', { id: requested.id, version: 0 }, manager())).toMatchObject({ code: 'forbidden', message: expect.stringContaining('another manager') });
    });
    const bulk = await call(s.app, 'credits.bulkDecide', { decision: 'approve', items: [{ id: requested.id, version: 0 }] }, manager());
    expect(bulk.results[0]).toMatchObject({ ok: false, code: 'forbidden' });
    const approved = await call(s.app, 'credits.approve', { id: requested.id, version: 0 }, admin());
    expect(approved.status).toBe('approved');
    expect(await partnerMonth(s, partner.id, s.app.clock().toISOString().slice(0, 7))).toMatchObject({ earnedMinor: 3000 });
  });

  it('clawback of a paid credit: negative, pending, clawback_of kept; its approval takes the amount off earned', async () => {
    const { credit, partner } = await pendingCredit(s, 5000);
    await call(s.app, 'credits.approve', { id: credit.id, version: 0 }, manager());
    await setCreditState(s, credit.id, { status: 'paid', payoutId: 'payout-paid' });
    const paid = await call(s.app, 'credits.get', { id: credit.id }, manager());
    expect(paid.clawbackRoomMinor).toBe(5000);
    expect(paid.operations).toEqual([{ action: 'clawback', enabled: true, reason: null, needsReason: true }]);
    const { result, row } = await audited(s.app, s.tenantId, ['credit.clawback_created'], () => call(s.app, 'credits.clawback', { id: credit.id, amountMinor: 2000, reason: 'Customer refunded' }, manager()));
    expect(result).toMatchObject({ kind: 'clawback', calculation: 'manual', amountMinor: -2000, status: 'pending_approval', clawbackOf: credit.id, justification: 'Customer refunded', calculationText: 'Clawback: -€20.00' });
    expect(row?.details).toMatchObject({ amountMinor: -2000, clawbackOf: credit.id, roomBeforeMinor: 5000 });
    // The clawback names the lead as the credit it claws back does.
    const rowsNow = await creditRowsOf(s, credit.lead.id);
    const [original, claw] = [credit.id, result.id].map((id) => rowsNow.find((c) => c.id === id));
    expect(original?.leadContactName).toEqual(expect.any(String));
    expect(claw?.leadContactName).toBe(original?.leadContactName);
    const month = s.app.clock().toISOString().slice(0, 7);
    const earnedBefore = (await partnerMonth(s, partner.id, month)).earnedMinor;
    await call(s.app, 'credits.approve', { id: result.id, version: 0 }, admin());
    expect((await partnerMonth(s, partner.id, month)).earnedMinor).toBe(earnedBefore - 2000);
    expect((await call(s.app, 'credits.get', { id: credit.id }, manager())).clawbackRoomMinor).toBe(3000);
  });

  it('clawback limits: 1..room, never above the credit in total; a rejected clawback frees its room; only a paid credit; deciders only', async () => {
    const { credit, lead } = await pendingCredit(s, 5000);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 100, reason: 'Refund' }, manager())).toMatchObject({ code: 'invalid_transition', message: 'Only a paid credit can be clawed back.' });
    });
    await call(s.app, 'credits.approve', { id: credit.id, version: 0 }, manager());
    await setCreditState(s, credit.id, { status: 'paid' });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 5001, reason: 'Refund' }, manager())).toMatchObject({ code: 'validation', field: 'amountMinor', message: expect.stringContaining('€50.00') });
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 0, reason: 'Refund' }, manager())).toMatchObject({ code: 'validation', field: 'amountMinor' });
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 100, reason: ' ' }, manager())).toMatchObject({ code: 'validation', field: 'reason' });
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 100, reason: 'Refund', currency: 'GBP' }, manager())).toMatchObject({ code: 'validation', field: 'currency' });
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 100, reason: 'Refund' }, s.staff.finance.token)).toMatchObject({ code: 'forbidden' });
    });
    // Two clawbacks at once for 3,000 each of 5,000: the second finds 2,000 left.
    const both = await Promise.allSettled([
      call(s.app, 'credits.clawback', { id: credit.id, amountMinor: 3000, reason: 'Refund A' }, manager()),
      call(s.app, 'credits.clawback', { id: credit.id, amountMinor: 3000, reason: 'Refund B' }, admin()),
    ]);
    expect(both.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'validation', message: expect.stringContaining('€20.00') });
    const first = (both.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }>).value;
    const rest = await call(s.app, 'credits.clawback', { id: credit.id, amountMinor: 2000, reason: 'Refund C' }, manager());
    const full = await call(s.app, 'credits.get', { id: credit.id }, manager());
    expect(full.clawbackRoomMinor).toBe(0);
    expect(full.operations).toEqual([{ action: 'clawback', enabled: false, reason: 'This credit has been clawed back in full already.', needsReason: true }]);
    expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 1, reason: 'More' }, manager())).toMatchObject({ code: 'invalid_transition' });
    // A clawback cannot itself be clawed back.
    expect(await callError(s.app, 'credits.clawback', { id: rest.id, amountMinor: 1, reason: 'x' }, manager())).toMatchObject({ code: 'invalid_transition' });
    await call(s.app, 'credits.reject', { id: first.id, version: 0, reason: 'Refund cancelled' }, admin());
    expect((await call(s.app, 'credits.get', { id: credit.id }, manager())).clawbackRoomMinor).toBe(3000);
    const rows = await creditRowsOf(s, lead.id);
    const live = rows.filter((r) => r.clawbackOf === credit.id && r.status !== 'rejected' && r.status !== 'reversed');
    expect(live.reduce((sum, r) => sum + r.amountMinor, 0)).toBeGreaterThanOrEqual(-5000);
  });
});
