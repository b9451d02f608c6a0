import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { eq } from 'drizzle-orm';
import { activePartner, leadInput, portalUser, submitLead } from '../support/leads';
import { approvedLead, creditRowsOf, partnerMonth, pendingCredit, setCreditState } from '../support/credits';

/**
 * Deciding credits on every engine: approve, reject (reason), reverse (reason, never under a live
 * payout) from the transition table, each a compare-and-set with its audit row and its earned
 * bump; bulk decisions that report each refusal; who may decide; another workspace's credit is
 * not found.
 */
describe.each(engines)('credit decisions on $name', (engine) => {
  let s: PartnerSuite;
  const admin = () => s.admin.token;
  const manager = () => s.staff.manager.token;
  const month = () => s.app.clock().toISOString().slice(0, 7);

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('approve: approved, decided by the caller, earned in its month, audited with the amount; the lead shows approved', async () => {
    const { credit, partner, lead } = await pendingCredit(s);
    expect(credit.actions.map((a) => [a.action, a.enabled])).toEqual([
      ['approve', true],
      ['reject', true],
    ]);
    const { result, row } = await audited(s.app, s.tenantId, ['credit.approved'], () => call(s.app, 'credits.approve', { id: credit.id, version: 0 }, manager()), credit.id);
    expect(result).toMatchObject({ status: 'approved', version: 1, decidedBy: { id: s.staff.manager.userId } });
    expect(result.actions.map((a) => a.action)).toEqual(['reverse']);
    expect(row?.details).toMatchObject({ amountMinor: 5000, currency: 'EUR', from: 'pending_approval', to: 'approved' });
    expect(await partnerMonth(s, partner.id, month())).toMatchObject({ earnedMinor: 5000 });
    expect((await call(s.app, 'leads.get', { id: lead.id }, admin())).creditStatus).toBe('approved');
  });

  it('reject needs a reason, which the partner sees; the lead shows rejected; nothing earned', async () => {
    const { credit, partner, lead } = await pendingCredit(s);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.reject', { id: credit.id, version: 0, reason: '  ' }, manager())).toMatchObject({ code: 'validation', field: 'reason' });
      expect(await callError(s.app, 'credits.reject', { id: credit.id, version: 0 }, manager())).toMatchObject({ code: 'validation', field: 'reason' });
    });
    const rejected = await call(s.app, 'credits.reject', { id: credit.id, version: 0, reason: 'Lead was a duplicate' }, manager());
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'Lead was a duplicate', actions: [] });
    const portal = await portalUser(s, partner.id);
    expect(await call(s.app, 'credits.get', { id: credit.id }, portal.token)).toMatchObject({ reason: 'Lead was a duplicate', decidedBy: null, actions: [] });
    expect((await call(s.app, 'leads.get', { id: lead.id }, admin())).creditStatus).toBe('rejected');
    expect(await partnerMonth(s, partner.id, month())).toMatchObject({ earnedMinor: 0 });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.approve', { id: credit.id, version: 1 }, manager())).toMatchObject({ code: 'invalid_transition' });
    });
  });

  it('reverse: an approved, unpaid credit in no payout, with a reason; refused while a live payout holds it, and for a paid one', async () => {
    const { credit, partner } = await pendingCredit(s);
    await call(s.app, 'credits.approve', { id: credit.id, version: 0 }, manager());
    await setCreditState(s, credit.id, { payoutId: 'payout-x', payoutStage: 'pending' });
    const held = await call(s.app, 'credits.get', { id: credit.id }, manager());
    expect(held.actions).toEqual([{ action: 'reverse', enabled: false, reason: 'This credit is in a live payout: reject its payout line first.', needsReason: true }]);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.reverse', { id: credit.id, version: 1, reason: 'Deal cancelled' }, manager())).toMatchObject({
        code: 'invalid_transition',
        message: expect.stringContaining('reject its payout line first'),
      });
    });
    await setCreditState(s, credit.id, { payoutId: null, payoutStage: null });
    const { result } = await audited(s.app, s.tenantId, ['credit.reversed'], () => call(s.app, 'credits.reverse', { id: credit.id, version: 1, reason: 'Deal cancelled' }, admin()), credit.id);
    expect(result).toMatchObject({ status: 'reversed', reason: 'Deal cancelled', actions: [] });
    expect(await partnerMonth(s, partner.id, month())).toMatchObject({ earnedMinor: 0 });

    const paid = await pendingCredit(s);
    await call(s.app, 'credits.approve', { id: paid.credit.id, version: 0 }, manager());
    await setCreditState(s, paid.credit.id, { status: 'paid' });
    expect(await callError(s.app, 'credits.reverse', { id: paid.credit.id, version: 1, reason: 'x' }, manager())).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('claw') });
  });

  it('compare-and-set: a decision on a stale version is a conflict naming what happened; two at once, exactly one wins', async () => {
    const { credit } = await pendingCredit(s);
    await call(s.app, 'credits.approve', { id: credit.id, version: 0 }, admin());
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.reject', { id: credit.id, version: 0, reason: 'Too late' }, manager())).toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('it is now approved by Ada Admin'),
      });
    });
    const other = await pendingCredit(s);
    const outcomes = await Promise.allSettled([
      call(s.app, 'credits.approve', { id: other.credit.id, version: 0 }, admin()),
      call(s.app, 'credits.reject', { id: other.credit.id, version: 0, reason: 'No' }, manager()),
      call(s.app, 'credits.approve', { id: other.credit.id, version: 0 }, s.staff.admin2.token),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code: string }).code).toBe('conflict');
    const [row] = await creditRowsOf(s, other.lead.id);
    expect(row?.version).toBe(1);
  });

  it('roles: finance, viewer and partner users decide nothing; partner users read their own partner only', async () => {
    const { credit, partner } = await pendingCredit(s);
    for (const token of [s.staff.finance.token, s.staff.viewer.token]) {
      expect(await callError(s.app, 'credits.approve', { id: credit.id, version: 0 }, token)).toMatchObject({ code: 'forbidden' });
      expect(await callError(s.app, 'credits.bulkDecide', { decision: 'approve', items: [{ id: credit.id, version: 0 }] }, token)).toMatchObject({ code: 'forbidden' });
    }
    expect((await call(s.app, 'credits.get', { id: credit.id }, s.staff.viewer.token)).actions).toEqual([]);
    const own = await portalUser(s, partner.id, 'partner_admin');
    expect(await callError(s.app, 'credits.approve', { id: credit.id, version: 0 }, own.token)).toMatchObject({ code: 'forbidden' });
    const page = await call(s.app, 'credits.list', {}, own.token);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(new Set(page.rows.map((r) => r.partner.id))).toEqual(new Set([partner.id]));
    const stranger = await pendingCredit(s);
    expect(await callError(s.app, 'credits.get', { id: stranger.credit.id }, own.token)).toMatchObject({ code: 'not_found' });
    expect((await call(s.app, 'credits.list', { partnerId: stranger.partner.id }, own.token)).rows).toEqual([]);
  });

  it('bulk: each credit on its own compare-and-set; refusals come back with their sentence; reject needs a reason', async () => {
    const a = await pendingCredit(s);
    const b = await pendingCredit(s);
    const c = await pendingCredit(s);
    await call(s.app, 'credits.approve', { id: c.credit.id, version: 0 }, admin());
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.bulkDecide', { decision: 'reject', items: [{ id: a.credit.id, version: 0 }] }, manager())).toMatchObject({ code: 'validation', field: 'reason' });
      expect(await callError(s.app, 'credits.bulkDecide', { decision: 'approve', items: [] }, manager())).toMatchObject({ code: 'validation' });
      expect(
        await callError(
          s.app,
          'credits.bulkDecide',
          {
            decision: 'approve',
            items: [
              { id: a.credit.id, version: 0 },
              { id: a.credit.id, version: 0 },
            ],
          },
          manager(),
        ),
      ).toMatchObject({ code: 'validation' });
    });
    const { result, rows } = await audited(s.app, s.tenantId, ['credit.rejected', 'credit.rejected'], () =>
      call(
        s.app,
        'credits.bulkDecide',
        {
          decision: 'reject',
          reason: 'Not eligible',
          items: [
            { id: a.credit.id, version: 0 },
            { id: b.credit.id, version: 0 },
            { id: c.credit.id, version: 0 },
            { id: 'no-such-credit', version: 0 },
          ],
        },
        manager(),
      ),
    );
    expect(rows.map((r) => r.resourceId)).toEqual([a.credit.id, b.credit.id]);
    expect(result.succeeded).toBe(2);
    expect(result.failed).toBe(2);
    expect(result.results).toEqual([
      { id: a.credit.id, ok: true, status: 'rejected', version: 1 },
      { id: b.credit.id, ok: true, status: 'rejected', version: 1 },
      { id: c.credit.id, ok: false, code: 'conflict', message: expect.stringContaining('approved by Ada Admin') },
      { id: 'no-such-credit', ok: false, code: 'not_found', message: 'Credit not found' },
    ]);
    expect((await call(s.app, 'credits.get', { id: a.credit.id }, admin())).reason).toBe('Not eligible');
  });

  it('racing writers never deadlock: overlapping bulks in opposite orders, single decisions and lead approvals on the same partners; each credit decided once, earned equals the approved sum', async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const ws = { ...s, tenantId, admin: { ...s.admin, token } } as PartnerSuite;
    const partners = [await activePartner(ws, { terms: { commissionModel: 'fixed', fixedPriceMinor: 100 } }, token), await activePartner(ws, { terms: { commissionModel: 'fixed', fixedPriceMinor: 300 } }, token)];
    const credits: { id: string; version: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const partner = partners[i % 2]!;
      const lead = await submitLead(ws, token, leadInput({ partnerId: partner.id }));
      await call(s.app, 'leads.approve', { id: lead.id, version: 0 }, token);
      const [row] = await creditRowsOf(ws, lead.id);
      credits.push({ id: row!.id, version: 0 });
    }
    const moreLeads = await Promise.all(partners.map((p) => submitLead(ws, token, leadInput({ partnerId: p.id }))));
    const items = credits.map((c) => ({ id: c.id, version: c.version }));
    const outcomes = await Promise.allSettled([
      call(s.app, 'credits.bulkDecide', { decision: 'approve', items: items.slice(0, 9) }, token),
      call(s.app, 'credits.bulkDecide', { decision: 'reject', reason: 'Race', items: items.slice(3).reverse() }, token),
      call(s.app, 'credits.approve', { id: credits[5]!.id, version: 0 }, token),
      call(s.app, 'credits.reject', { id: credits[10]!.id, version: 0, reason: 'Race' }, token),
      ...moreLeads.map((lead) => call(s.app, 'leads.approve', { id: lead.id, version: 0 }, token)),
    ]);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code: string }).code, String(o.reason)).toBe('conflict');
    const c = s.app.database.t.credits;
    const rows = await s.app.database.db.select().from(c).where(eq(c.tenantId, tenantId));
    const decidedOnce = rows.filter((r) => credits.some((x) => x.id === r.id));
    expect(decidedOnce.every((r) => r.status !== 'pending_approval' && r.version === 1), JSON.stringify(decidedOnce.map((r) => [r.status, r.version]))).toBe(true);
    const decisions = (await s.app.database.db.select().from(s.app.database.t.activity).where(eq(s.app.database.t.activity.tenantId, tenantId))).filter(
      (a) => a.action === 'credit.approved' || a.action === 'credit.rejected',
    );
    expect(decisions).toHaveLength(12);
    for (const partner of partners) {
      const approved = rows.filter((r) => r.partnerId === partner.id && r.status === 'approved').reduce((sum, r) => sum + r.amountMinor, 0);
      expect((await partnerMonth(ws, partner.id, month())).earnedMinor).toBe(approved);
    }
    expect(rows.filter((r) => r.status === 'pending_approval')).toHaveLength(2);
  });

  it('bulk approve of 120 credits runs in chunks and approves every one', async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const ws = { ...s, tenantId, admin: { ...s.admin, token } } as PartnerSuite;
    const { lead } = await approvedLead(ws, { commissionModel: 'fixed', fixedPriceMinor: 100 }, token);
    const [template] = await creditRowsOf(ws, lead.id);
    const c = s.app.database.t.credits;
    const rows = Array.from({ length: 119 }, (_, i) => ({ ...template!, id: `bulk-${engine.name}-${i}`, sourceKey: null, createdAt: new Date(template!.createdAt.getTime() + i + 1) }));
    await s.app.database.write(async (tx) => {
      await tx.insert(c).values(rows);
    });
    const page = await call(s.app, 'credits.list', { status: 'pending_approval', limit: 200 }, token);
    expect(page.rows).toHaveLength(120);
    const result = await call(s.app, 'credits.bulkDecide', { decision: 'approve', items: page.rows.map((r) => ({ id: r.id, version: r.version })) }, token);
    expect(result).toMatchObject({ succeeded: 120, failed: 0 });
    const counts = await call(s.app, 'credits.counts', {}, token);
    expect(counts.byStatus.approved).toEqual({ count: 120, amountMinor: 12_000 });
    expect(counts.byStatus.pending_approval).toEqual({ count: 0, amountMinor: 0 });
    expect(await partnerMonth(ws, lead.partner.id, month())).toMatchObject({ earnedMinor: 12_000 });
  });

  it('list: oldest first in keyset pages, filtered by status, kind, partner and lead; counts per status', async () => {
    const { tenantId, token } = await ownWorkspace(s);
    const ws = { ...s, tenantId, admin: { ...s.admin, token } } as PartnerSuite;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await approvedLead(ws, { commissionModel: 'fixed', fixedPriceMinor: 1000 + i }, token));
    const first = await call(s.app, 'credits.list', { limit: 2 }, token);
    expect(first.rows.map((r) => r.amountMinor)).toEqual([1000, 1001]);
    expect(first.rows[0]).toMatchObject({ kind: 'commission', status: 'pending_approval', partner: { id: made[0]!.partner.id }, lead: { id: made[0]!.lead.id, contactName: made[0]!.lead.contactName } });
    const second = await call(s.app, 'credits.list', { limit: 2, cursor: first.nextCursor! }, token);
    expect(second.rows.map((r) => r.amountMinor)).toEqual([1002, 1003]);
    const third = await call(s.app, 'credits.list', { limit: 2, cursor: second.nextCursor! }, token);
    expect(third.rows.map((r) => r.amountMinor)).toEqual([1004]);
    expect(third.nextCursor).toBeNull();
    expect((await call(s.app, 'credits.list', { partnerId: made[2]!.partner.id }, token)).rows.map((r) => r.amountMinor)).toEqual([1002]);
    expect((await call(s.app, 'credits.list', { leadId: made[3]!.lead.id }, token)).rows.map((r) => r.amountMinor)).toEqual([1003]);
    expect((await call(s.app, 'credits.list', { kind: 'requested' }, token)).rows).toEqual([]);
    const firstRow = first.rows[0]!;
    await call(s.app, 'credits.approve', { id: firstRow.id, version: 0 }, token);
    expect((await call(s.app, 'credits.list', { status: 'approved' }, token)).rows.map((r) => r.id)).toEqual([firstRow.id]);
    const counts = await call(s.app, 'credits.counts', {}, token);
    expect(counts.currency).toBe('EUR');
    expect(counts.byStatus.pending_approval).toEqual({ count: 4, amountMinor: 1001 + 1002 + 1003 + 1004 });
    expect(counts.byStatus.approved).toEqual({ count: 1, amountMinor: 1000 });
    expect(await callError(s.app, 'credits.list', { cursor: 'not-a-cursor' }, token)).toMatchObject({ code: 'validation', field: 'cursor' });
  });

  it('another workspace: its credit is not found, its list and counts hold none of ours, nothing written', async () => {
    const { credit } = await pendingCredit(s);
    const other = await ownWorkspace(s);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'credits.get', { id: credit.id }, other.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'credits.approve', { id: credit.id, version: 0 }, other.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'credits.reject', { id: credit.id, version: 0, reason: 'x' }, other.token)).toMatchObject({ code: 'not_found' });
      expect(await callError(s.app, 'credits.clawback', { id: credit.id, amountMinor: 1, reason: 'x' }, other.token)).toMatchObject({ code: 'not_found' });
    });
    expect((await call(s.app, 'credits.list', {}, other.token)).rows).toEqual([]);
    expect((await call(s.app, 'credits.counts', {}, other.token)).byStatus.pending_approval.count).toBe(0);
    const bulk = await call(s.app, 'credits.bulkDecide', { decision: 'approve', items: [{ id: credit.id, version: 0 }] }, other.token);
    expect(bulk.results).toEqual([{ id: credit.id, ok: false, code: 'not_found', message: 'Credit not found' }]);
    expect((await call(s.app, 'credits.get', { id: credit.id }, admin())).status).toBe('pending_approval');
  });
});
