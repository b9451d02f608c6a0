import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { GOOD_IBAN, paidPartner } from '../support/finance';
import { activePartner, leadInput, portalUser, submitLead } from '../support/leads';
import { generatedPayout } from '../support/payouts';
import { audited, partnerRow, setUpPartnerSuite, unchanged, unique, type PartnerSuite } from '../support/partners';

const NEW_IBAN = 'GB82 WEST 1234 5698 7654 32';

/**
 * The partner's own banking on every engine: masked for every partner role, changed only by a
 * partner admin, through the staff path's rule (DOMAIN.md: a change holds the unpaid payouts
 * until a staff admin re-verifies), sealed at rest, audited with the partner user as the actor.
 */
describe.each(engines)('portal banking on $name', (engine) => {
  let s: PartnerSuite;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.services.payouts.whenRunsSettled();
    await s?.app.dispose();
  });

  /** A partner with verified banking and an approved, unpaid payout (a lead approved, its fixed credit approved, generated and approved). */
  async function partnerWithApprovedPayout() {
    const partner = await paidPartner(s, undefined, { terms: { commissionModel: 'fixed', fixedPriceMinor: 7000 } });
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const viewer = await portalUser(s, partner.id, 'partner_viewer');
    const lead = await submitLead(s, admin.token, leadInput());
    await call(s.app, 'leads.approve', { id: lead.id, version: lead.version }, s.staff.manager.token);
    const credit = (await call(s.app, 'credits.list', { leadId: lead.id }, s.staff.manager.token)).rows[0]!;
    await call(s.app, 'credits.approve', { id: credit.id, version: credit.version }, s.staff.manager.token);
    const generated = await generatedPayout(s, partner.id, { periodStart: '2031-03-01', periodEnd: '2031-03-31' });
    const approved = await call(s.app, 'payouts.approve', { id: generated.id, version: generated.version }, s.admin.token);
    return { partner, admin, viewer, payout: approved };
  }

  const markPaid = (payout: { id: string; version: number }) =>
    call(s.app, 'payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: '2031-03-03', method: 'bank_transfer', reference: `REF-${unique()}` }, s.staff.finance.token);

  it('shows the payout method and masked details to every partner role; only the admin may change them', async () => {
    const { partner, admin, viewer } = await partnerWithApprovedPayout();
    const lead = await portalUser(s, partner.id, 'partner_lead_manager');
    const seen = await call(s.app, 'portal.banking', {}, viewer.token);
    expect(seen).toMatchObject({ payoutMethod: 'bank_transfer', onHold: false, canChange: false, banking: { method: 'iban', last4: '3000', display: 'IBAN •••• 3000' } });
    expect(seen.verifiedAt).not.toBeNull();
    expect(JSON.stringify(seen)).not.toContain(GOOD_IBAN);
    expect((await call(s.app, 'portal.banking', {}, admin.token)).canChange).toBe(true);
    expect((await call(s.app, 'portal.banking', {}, lead.token)).canChange).toBe(false);

    const details = { method: 'iban' as const, accountHolder: 'Viewer Attempt', bankName: 'Barclays', iban: NEW_IBAN, bic: 'BARCGB22' };
    await unchanged(s.app, async () => {
      for (const who of [viewer, lead]) expect(await callError(s.app, 'portal.setBanking', { details }, who.token)).toMatchObject({ code: 'forbidden' });
    });
  });

  it('a change by the partner admin holds the unpaid payout until a staff admin re-verifies, sealed and audited', async () => {
    const { partner, admin, payout } = await partnerWithApprovedPayout();
    const details = { method: 'iban' as const, accountHolder: 'Partner Ltd', bankName: 'Barclays', iban: NEW_IBAN, bic: 'BARCGB22' };
    const { result, row } = await audited(s.app, s.tenantId, ['partner.banking_changed'], () => call(s.app, 'portal.setBanking', { details, payoutMethod: 'wire' }, admin.token), partner.id);
    expect(result).toMatchObject({ payoutMethod: 'wire', onHold: true, verifiedAt: null, canChange: true, banking: { method: 'iban', last4: '5432', display: 'IBAN •••• 5432' } });
    expect(row).toMatchObject({ actorType: 'partner_user', actorId: admin.userId, details: { from: 'IBAN •••• 3000', to: 'IBAN •••• 5432', payoutsOnHold: true, payoutMethod: { from: 'bank_transfer', to: 'wire' } } });
    const compact = NEW_IBAN.replace(/ /g, '');
    expect(JSON.stringify(row)).not.toContain(compact);
    // Sealed at rest, the staff view agrees, the payout is held.
    const raw = await partnerRow(s.app, partner.id);
    expect(raw).toMatchObject({ bankingOnHold: true, bankingChangedBy: admin.userId, payoutMethod: 'wire' });
    expect(JSON.stringify(raw)).not.toContain(compact);
    expect((await call(s.app, 'partners.get', { id: partner.id }, s.staff.viewer.token)).bankingOnHold).toBe(true);
    expect((await call(s.app, 'portal.banking', {}, admin.token)).onHold).toBe(true);
    const held = await markPaid(payout);
    expect(held.outcomes).toEqual([{ id: payout.id, ok: false, code: 'invalid_transition', message: expect.stringMatching(/on hold/) }]);

    // A staff admin looks at the new details and verifies them: the payout can be paid again.
    expect(await call(s.app, 'partners.banking.reveal', { id: partner.id }, s.admin.token)).toMatchObject({ iban: compact });
    await call(s.app, 'partners.banking.verify', { id: partner.id }, s.admin.token);
    expect((await call(s.app, 'portal.banking', {}, admin.token)).onHold).toBe(false);
    expect((await markPaid(payout)).paidCount).toBe(1);
  });

  it('without a payout method the method is kept; bad details are refused naming the field, nothing written', async () => {
    const partner = await activePartner(s, { payoutMethod: 'check' });
    const admin = await portalUser(s, partner.id, 'partner_admin');
    const paypal = { method: 'paypal' as const, paypalEmail: 'payouts@partner.test' };
    expect(await call(s.app, 'portal.setBanking', { details: paypal }, admin.token)).toMatchObject({ payoutMethod: 'check', onHold: true, banking: { method: 'paypal' } });
    const bad = { method: 'iban' as const, accountHolder: 'Partner Ltd', bankName: 'Barclays', iban: 'GB82 WEST 1234 5698 7654 31', bic: 'BARCGB22' };
    expect(await unchanged(s.app, () => callError(s.app, 'portal.setBanking', { details: bad }, admin.token))).toMatchObject({ code: 'validation', field: 'details.iban' });
    expect(await unchanged(s.app, () => callError(s.app, 'portal.setBanking', { details: paypal, partnerId: 'x' }, admin.token))).toMatchObject({ code: 'validation' });
  });

  it('a partner admin changes only its own partner; the other partner of the workspace is untouched', async () => {
    const mine = await activePartner(s);
    const other = await activePartner(s);
    const admin = await portalUser(s, mine.id, 'partner_admin');
    const before = await partnerRow(s.app, other.id);
    await call(s.app, 'portal.setBanking', { details: { method: 'paypal', paypalEmail: 'me@partner.test' } }, admin.token);
    expect(await partnerRow(s.app, other.id)).toEqual(before);
    const p = s.app.database.t.partners;
    const [row] = await s.app.database.db.select({ onHold: p.bankingOnHold }).from(p).where(eq(p.id, mine.id));
    expect(row?.onHold).toBe(true);
  });
});
