import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, DAY, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { activePartner, leadInput, leadRow, portalUser, submitLead } from '../support/leads';
import { freshSession } from '../support/sessions';

/**
 * Lead submission on every engine: who may submit for which partner, the active-partner and
 * monthly-quota rules, idempotency, scoring stored with its breakdown, duplicate flagging across
 * partners and what a partner user may learn of it, and tenant/partner isolation.
 */
describe.each(engines)('lead intake on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('staff submit on behalf of an active partner: stored, scored with a breakdown that adds up, counted and audited', async () => {
    const partner = await activePartner(s);
    const input = leadInput({ partnerId: partner.id, extra: [{ key: 'CRM source', value: 'Webinar' }] });
    const { result, row } = await audited(s.app, s.tenantId, ['lead.submitted'], () => call(s.app, 'leads.submit', input, admin()));
    expect(result.created).toBe(true);
    const lead = result.lead;
    expect(row?.resourceId).toBe(lead.id);
    expect(lead).toMatchObject({ status: 'submitted', type: 'new_lead', partner: { id: partner.id, code: partner.code }, contactName: input.contactName, duplicateFlag: false, duplicate: null, version: 0 });
    expect(lead.extra).toEqual([{ key: 'CRM source', value: 'Webinar' }]);
    expect(lead.scoreBreakdown.map((b) => b.signal)).toEqual(['completeness', 'email', 'phone', 'estimated_value', 'duplicate', 'partner_history']);
    expect(lead.scoreBreakdown.reduce((sum, b) => sum + b.points, 0)).toBe(lead.score);
    expect(lead.score).toBeGreaterThan(50);
    expect(lead.actions.map((a) => a.action)).toEqual(['start_review', 'approve', 'reject']);
    const stored = await leadRow(s, lead.id);
    expect(stored.score).toBe(lead.score);
    expect(stored.queueRank).toBe(100 - lead.score);
    expect(stored.scoreBreakdown).toEqual(lead.scoreBreakdown);
    expect(stored.emailKey).toBe(input.email?.toLowerCase());
    expect(stored.phoneE164).toMatch(/^\+4930\d+$/);
    expect(stored.tenantId).toBe(s.tenantId);
    // A viewer reads the same lead, with no actions to take.
    expect(await call(s.app, 'leads.get', { id: lead.id }, s.staff.viewer.token)).toEqual({ ...lead, actions: [] });
  });

  it('a partner user submits for its own partner; another partner id behaves as missing', async () => {
    const partner = await activePartner(s);
    const other = await activePartner(s);
    const portal = await portalUser(s, partner.id, 'partner_lead_manager');
    const lead = await submitLead(s, portal.token, leadInput());
    expect(lead.partner.id).toBe(partner.id);
    expect(lead.actions).toEqual([]);
    expect(lead.claimedBy).toBeNull();
    expect(await callError(s.app, 'leads.submit', leadInput({ partnerId: other.id }), portal.token)).toMatchObject({ code: 'not_found' });
    const viewer = await portalUser(s, partner.id, 'partner_viewer');
    expect(await callError(s.app, 'leads.submit', leadInput(), viewer.token)).toMatchObject({ code: 'forbidden' });
    // Reads: its own partner's leads only.
    const otherLead = await submitLead(s, admin(), leadInput({ partnerId: other.id }));
    expect(await call(s.app, 'leads.get', { id: lead.id }, viewer.token)).toMatchObject({ id: lead.id });
    expect(await callError(s.app, 'leads.get', { id: otherLead.id }, viewer.token)).toMatchObject({ code: 'not_found' });
    const page = await call(s.app, 'leads.list', { limit: 200 }, viewer.token);
    expect(page.rows.map((r) => r.partner.id)).toEqual(page.rows.map(() => partner.id));
    expect(page.rows.map((r) => r.id)).toContain(lead.id);
    expect((await call(s.app, 'leads.list', { partnerId: other.id }, viewer.token)).rows).toEqual([]);
    // Staff-only reads stay closed to portal users.
    expect(await callError(s.app, 'leads.queue', {}, viewer.token)).toMatchObject({ code: 'forbidden' });
    expect(await callError(s.app, 'leads.approve', { id: lead.id, version: 0 }, portal.token)).toMatchObject({ code: 'forbidden' });
  });

  it('staff must name the partner; only active partners may submit; nothing is written on a refusal', async () => {
    const suspended = await activePartner(s);
    await call(s.app, 'partners.suspend', { id: suspended.id, reason: 'Under investigation' }, admin());
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'leads.submit', leadInput(), admin())).toMatchObject({ code: 'validation', field: 'partnerId' });
      const error = await callError(s.app, 'leads.submit', leadInput({ partnerId: suspended.id }), admin());
      expect(error).toMatchObject({ code: 'validation', field: 'partnerId' });
      expect(error.message).toContain('suspended');
      expect(await callError(s.app, 'leads.submit', leadInput({ partnerId: 'no-such-partner' }), admin())).toMatchObject({ code: 'not_found' });
    });
  });

  it('refuses a missing contact, a malformed email or phone and a negative value, each on its field', async () => {
    const partner = await activePartner(s);
    const refused = async (overrides: Parameters<typeof leadInput>[0], field: string) =>
      expect(await callError(s.app, 'leads.submit', leadInput({ partnerId: partner.id, ...overrides }), admin())).toMatchObject({ code: 'validation', field });
    await unchanged(s.app, async () => {
      await refused({ email: undefined, phone: undefined }, 'email');
      await refused({ email: 'not an email' }, 'email');
      await refused({ email: 'jane@' }, 'email');
      await refused({ phone: '12' }, 'phone');
      await refused({ phone: '030 901820', country: undefined }, 'phone');
      await refused({ estimatedValueMinor: -1 }, 'estimatedValueMinor');
      await refused({ contactName: '   ' }, 'contactName');
      await refused({ website: 'not a site' }, 'website');
    });
  });

  it('the same idempotency key returns the first lead, never a second (also two at once)', async () => {
    const partner = await activePartner(s);
    const input = leadInput({ partnerId: partner.id });
    const first = await call(s.app, 'leads.submit', input, admin());
    const { result: again, rows } = await audited(s.app, s.tenantId, [], () => call(s.app, 'leads.submit', { ...input, contactName: 'Changed on retry' }, admin()));
    expect(rows).toEqual([]);
    expect(again).toEqual({ lead: first.lead, created: false });
    // Concurrent retries: exactly one creates.
    const twin = leadInput({ partnerId: partner.id });
    const both = await Promise.all([call(s.app, 'leads.submit', twin, admin()), call(s.app, 'leads.submit', twin, s.staff.manager.token)]);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0].lead.id).toBe(both[1].lead.id);
    // The key is the partner's: another partner may use the same text.
    const other = await activePartner(s);
    expect((await call(s.app, 'leads.submit', { ...input, partnerId: other.id }, admin())).created).toBe(true);
  });

  it('flags a duplicate of a live lead of any partner inside the window, lowers its score, and tells a partner user only what it may know', async () => {
    const first = await activePartner(s);
    const second = await activePartner(s);
    const original = await submitLead(s, admin(), leadInput({ partnerId: first.id, email: 'Max.Muster+crm@gmail.com', company: 'Muster AG', website: 'https://www.muster-ag.example/about' }));
    const portal = await portalUser(s, second.id);
    const dup = await submitLead(s, portal.token, leadInput({ email: 'maxmuster@googlemail.com', company: 'Muster AG' }));
    expect(dup.duplicateFlag).toBe(true);
    // The partner user learns that there is one, on which key, but not whose.
    expect(dup.duplicate).toEqual({ view: 'partner', flagged: true, matchedOn: ['email'], ownLeadId: null });
    expect(JSON.stringify(dup)).not.toContain(first.id);
    expect(JSON.stringify(dup)).not.toContain(original.id);
    expect(dup.scoreBreakdown.find((b) => b.signal === 'duplicate')?.points).toBe(0);
    // Staff see the earlier registration in full.
    const staffView = await call(s.app, 'leads.get', { id: dup.id }, s.staff.manager.token);
    expect(staffView.duplicate).toMatchObject({ view: 'staff', duplicateOf: { leadId: original.id, partner: { id: first.id, code: first.code }, status: 'submitted', matchedOn: ['email'] } });
    expect((await leadRow(s, dup.id)).duplicateOf).toBe(original.id);
    // Same company domain from the website only: a possible channel conflict, half the duplicate points.
    const sameCompany = await submitLead(s, admin(), leadInput({ partnerId: second.id, email: 'someone.else@gmail.com', website: 'muster-ag.example' }));
    expect(sameCompany.duplicate).toMatchObject({ view: 'staff', duplicateOf: { leadId: original.id, matchedOn: ['companyDomain'] } });
    // A partner's own earlier lead is named to it.
    const own = await submitLead(s, portal.token, leadInput({ email: 'maxmuster@gmail.com' }));
    expect(own.duplicate).toEqual({ view: 'partner', flagged: true, matchedOn: ['email'], ownLeadId: null });
    const ownPhone = leadInput().phone;
    const a = await submitLead(s, portal.token, leadInput({ phone: ownPhone }));
    const b = await submitLead(s, portal.token, leadInput({ phone: ownPhone }));
    expect(b.duplicate).toEqual({ view: 'partner', flagged: true, matchedOn: ['phone'], ownLeadId: a.id });
  });

  it("another workspace's lead and partner ids behave as missing", async () => {
    const partner = await activePartner(s);
    const lead = await submitLead(s, admin(), leadInput({ partnerId: partner.id }));
    const other = await ownWorkspace(s);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'leads.get', { id: lead.id }, other.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'leads.submit', leadInput({ partnerId: partner.id }), other.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'leads.approve', { id: lead.id, version: 0 }, other.token)).toMatchObject({ code: 'not_found' });
      expect((await call(s.app, 'leads.list', { partnerId: partner.id }, other.token)).rows).toEqual([]);
    });
  });
  // The clock moves from here on (sessions idle out after 30 minutes): each step gets fresh sessions, and these tests come last.
  /** A workspace of its own, and an admin session there after moving the clock to `at`. */
  async function workspaceAt(at: string) {
    const now = await freshSession(s.app, s.admin.userId, s.tenantId);
    const { id: tenantId } = await call(s.app, 'workspaces.create', { name: `Moved ${at}`, currency: 'EUR' }, now);
    s.app.clock.set(at);
    return { tenantId, token: await freshSession(s.app, s.admin.userId, tenantId) };
  }

  it('enforces the monthly quota in the workspace time zone month, naming quota and used', async () => {
    const { tenantId, token } = await workspaceAt('2031-03-31T09:00:00.000Z');
    const partner = await activePartner(s, { terms: { commissionModel: 'percentage', rateBp: 1000, monthlyLeadQuota: 2 } }, token);
    await call(s.app, 'workspaces.updateSettings', { timeZone: 'Pacific/Auckland' }, token);
    // 09:00 UTC on 31 March is 22:00 in Auckland (UTC+13): still March there.
    await submitLead(s, token, leadInput({ partnerId: partner.id }));
    await submitLead(s, token, leadInput({ partnerId: partner.id }));
    const error = await unchanged(s.app, () => callError(s.app, 'leads.submit', leadInput({ partnerId: partner.id }), token));
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(error.message).toContain('2 leads a month');
    expect(error.message).toContain('submitted 2 in 2031-03');
    expect((await call(s.app, 'leads.counts', {}, token)).byStatus.submitted).toBe(2);
    // 11:30 UTC is 00:30 on 1 April in Auckland: a new month there, though not yet in UTC.
    s.app.clock.set('2031-03-31T11:30:00.000Z');
    const again = await freshSession(s.app, s.admin.userId, tenantId);
    const april = await submitLead(s, again, leadInput({ partnerId: partner.id }));
    expect((await leadRow(s, april.id)).submittedOn).toBe('2031-04-01');
  });

  it('outside the protection window, or against a rejected lead, there is no duplicate', async () => {
    const { tenantId, token } = await workspaceAt('2031-06-01T08:00:00.000Z');
    const partner = await activePartner(s, {}, token);
    const old = leadInput({ partnerId: partner.id });
    await submitLead(s, token, old);
    s.app.clock.advance(91 * DAY);
    const later = await freshSession(s.app, s.admin.userId, tenantId);
    const outside = await submitLead(s, later, leadInput({ partnerId: partner.id, email: old.email }));
    expect(outside.duplicateFlag).toBe(false);
    const inside = await submitLead(s, later, leadInput({ partnerId: partner.id, email: old.email }));
    expect(inside.duplicate).toMatchObject({ duplicateOf: { leadId: outside.id } });
    const rejected = await submitLead(s, later, leadInput({ partnerId: partner.id }));
    await call(s.app, 'leads.reject', { id: rejected.id, version: 0, reason: 'Not a real contact' }, later);
    const after = await submitLead(s, later, leadInput({ partnerId: partner.id, email: rejected.email ?? undefined }));
    expect(after.duplicateFlag).toBe(false);
  });
});
