import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommissionCredits } from '../../src-main/services/credits/credit-creation';
import { isUniqueViolation } from '../../src-main/data/errors';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, ownWorkspace, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { approvedLead, convertedLead, creditRowsOf, leadOf, partnerMonth } from '../support/credits';
import { activePartner, leadInput } from '../support/leads';
import { csvText, importRow, leadsOfImport, runImport } from '../support/imports';

/**
 * The system's credits on every engine: created pending_approval in the lead transition's own
 * transaction from the partner's commission model, with base, rate and amount stored; the seed's
 * worked examples exactly; rounding half-even once; idempotent by source key; a failure anywhere
 * leaves neither the lead change nor the credit; the partner_months lead hooks.
 */
describe.each(engines)('commission credits on $name', (engine) => {
  let s: PartnerSuite;
  const manager = () => s.staff.manager.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    // A credit of 777 is refused by the database itself (behind the app's back): the failure the atomicity test needs.
    if (engine.name === 'sqlite') {
      const conn = new BetterSqlite3(join(s.app.deps.dataDir, 'partnerdesk.sqlite'));
      try {
        conn.exec("CREATE TRIGGER test_refuse_777 BEFORE INSERT ON credits WHEN NEW.amount_minor = 777 BEGIN SELECT RAISE(ABORT, 'test refusal'); END");
      } finally {
        conn.close();
      }
    } else {
      await s.app.database.raw(
        "CREATE FUNCTION test_refuse_777() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.amount_minor = 777 THEN RAISE EXCEPTION 'test refusal'; END IF; RETURN NEW; END; $$",
      );
      await s.app.database.raw('CREATE TRIGGER test_refuse_777 BEFORE INSERT ON credits FOR EACH ROW EXECUTE FUNCTION test_refuse_777()');
    }
  });
  afterAll(async () => {
    await s?.app.dispose();
  });

  it('fixed: 50.00 on approval, pending, stored as fixed_price; audited with the lead decision; the lead shows pending', async () => {
    const { lead } = await leadOf(s, { commissionModel: 'fixed', fixedPriceMinor: 5000 });
    const { result, rows } = await audited(s.app, s.tenantId, ['lead.approved', 'credit.created'], () => call(s.app, 'leads.approve', { id: lead.id, version: 0 }, manager()));
    expect(result.creditStatus).toBe('pending');
    const [credit, ...more] = await creditRowsOf(s, lead.id);
    expect(more).toEqual([]);
    expect(credit).toMatchObject({
      kind: 'commission',
      calculation: 'fixed_price',
      baseMinor: null,
      rateBp: null,
      amountMinor: 5000,
      currency: 'EUR',
      status: 'pending_approval',
      sourceKey: `approval:${lead.id}`,
      leadContactName: lead.contactName,
      createdByType: 'system',
      earnedOn: s.app.clock().toISOString().slice(0, 10),
      payoutId: null,
      version: 0,
    });
    expect(rows[1]).toMatchObject({ resourceType: 'credit', resourceId: credit?.id, actorType: 'system' });
    expect(rows[1]?.details).toMatchObject({ amountMinor: 5000, currency: 'EUR', calculation: 'fixed_price', leadId: lead.id, triggeredBy: s.staff.manager.userId });
    const got = await call(s.app, 'credits.get', { id: credit!.id }, manager());
    expect(got.calculationText).toBe('Fixed price per approved lead: €50.00');
    // Converting a fixed-model lead earns nothing more.
    const today = s.app.clock().toISOString().slice(0, 10);
    await call(s.app, 'leads.convert', { id: lead.id, version: result.version, dealValueMinor: 100_000, convertedOn: today }, manager());
    expect(await creditRowsOf(s, lead.id)).toHaveLength(1);
  });

  it('the activity trail names a credit by its amount and lead', async () => {
    const { lead } = await approvedLead(s, { commissionModel: 'fixed', fixedPriceMinor: 4200 });
    const [credit] = await creditRowsOf(s, lead.id);
    const page = await call(s.app, 'activity.list', { action: 'credit.created', resourceId: credit!.id, limit: 1 }, s.admin.token);
    expect(page.items[0]?.resourceLabel).toBe(`€42.00 · ${lead.contactName}`);
  });

  it('percentage: nothing on approval; 15% of 1,000.00 = 150.00 on conversion, base and rate stored', async () => {
    const { lead } = await approvedLead(s, { commissionModel: 'percentage', rateBp: 1500 });
    expect(lead.creditStatus).toBe('none');
    expect(await creditRowsOf(s, lead.id)).toEqual([]);
    const today = s.app.clock().toISOString().slice(0, 10);
    const { result } = await audited(s.app, s.tenantId, ['lead.converted', 'credit.created'], () =>
      call(s.app, 'leads.convert', { id: lead.id, version: lead.version, dealValueMinor: 100_000, convertedOn: today }, manager()),
    );
    expect(result.creditStatus).toBe('pending');
    const [credit] = await creditRowsOf(s, lead.id);
    expect(credit).toMatchObject({ calculation: 'percentage', baseMinor: 100_000, rateBp: 1500, amountMinor: 15_000, sourceKey: `conversion:${lead.id}`, status: 'pending_approval' });
    expect((await call(s.app, 'credits.get', { id: credit!.id }, manager())).calculationText).toBe('15% of €1,000.00 = €150.00');
  });

  it('hybrid: 25.00 on approval and 15% of the deal on conversion, one credit each', async () => {
    const { lead } = await convertedLead(s, { commissionModel: 'hybrid', rateBp: 1500, fixedPriceMinor: 2500 }, 480_000);
    const rows = await creditRowsOf(s, lead.id);
    expect(rows.map((r) => [r.calculation, r.baseMinor, r.rateBp, r.amountMinor, r.sourceKey])).toEqual([
      ['fixed_price', null, null, 2500, `approval:${lead.id}`],
      ['percentage', 480_000, 1500, 72_000, `conversion:${lead.id}`],
    ]);
  });

  it('rounds half-even, once, at calculation: 0.5 → 0 (no credit), 1.5 → 2, 2.5 → 2, 0.45 → 0, 0.55 → 1', async () => {
    const cases: [number, number | null][] = [
      [10, null], // 5% of 10 cents = 0.5 cent → 0: a zero amount creates no credit
      [30, 2], // 1.5 → 2
      [50, 2], // 2.5 → 2
      [70, 4], // 3.5 → 4
    ];
    for (const [deal, expected] of cases) {
      const { lead } = await convertedLead(s, { commissionModel: 'percentage', rateBp: 500 }, deal);
      const rows = await creditRowsOf(s, lead.id);
      expect(rows.map((r) => r.amountMinor), `5% of ${deal}`).toEqual(expected === null ? [] : [expected]);
    }
    const { lead } = await convertedLead(s, { commissionModel: 'percentage', rateBp: 1500 }, 3); // 0.45 → 0
    expect(await creditRowsOf(s, lead.id)).toEqual([]);
    const { lead: other } = await convertedLead(s, { commissionModel: 'percentage', rateBp: 5500 }, 1); // 0.55 → 1
    expect((await creditRowsOf(s, other.id)).map((r) => r.amountMinor)).toEqual([1]);
  });

  it('a fixed price of 0 creates no credit', async () => {
    const { lead } = await approvedLead(s, { commissionModel: 'fixed', fixedPriceMinor: 0 });
    expect(await creditRowsOf(s, lead.id)).toEqual([]);
    expect(lead.creditStatus).toBe('none');
  });

  it('a credit refused by the database rolls the lead decision back with it: neither is written', async () => {
    const { lead } = await leadOf(s, { commissionModel: 'fixed', fixedPriceMinor: 777 });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'leads.approve', { id: lead.id, version: 0 }, manager())).toMatchObject({ code: 'internal' });
    });
    expect((await call(s.app, 'leads.get', { id: lead.id }, manager())).status).toBe('submitted');
  });

  it('is idempotent by source key: a second creation for the same event makes nothing, and the index refuses a duplicate', async () => {
    const { lead, partner } = await approvedLead(s, { commissionModel: 'fixed', fixedPriceMinor: 5000 });
    const [first] = await creditRowsOf(s, lead.id);
    const again = await s.app.database.write((tx) =>
      createCommissionCredits(s.app.database, tx, s.app.services.activity, s.app.deps.newId, {
        tenantId: s.tenantId,
        partnerId: partner.id,
        leadId: lead.id,
        leadContactName: lead.contactName,
        event: { kind: 'lead_approved' },
        currency: 'EUR',
        earnedOn: '2031-03-03',
        now: s.app.clock(),
        triggeredBy: s.admin.userId,
      }),
    );
    expect(again).toEqual([]);
    const c = s.app.database.t.credits;
    const duplicate = await s.app.database
      .write((tx) => tx.insert(c).values({ ...first!, id: 'duplicate-credit' }))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(await creditRowsOf(s, lead.id)).toHaveLength(1);
  });

  it('partner_months: submitted and score sum on submit, approved, converted (approved − 1), rejected; earned at credit approval', async () => {
    const month = s.app.clock().toISOString().slice(0, 7);
    const { partner, lead } = await leadOf(s, { commissionModel: 'hybrid', rateBp: 1000, fixedPriceMinor: 1000 });
    const second = await call(s.app, 'leads.submit', leadInput({ partnerId: partner.id }), s.admin.token);
    expect(await partnerMonth(s, partner.id, month)).toMatchObject({ leadsSubmitted: 2, scoreSum: lead.score + second.lead.score, leadsApproved: 0, earnedMinor: 0 });
    const approved = await call(s.app, 'leads.approve', { id: lead.id, version: 0 }, manager());
    await call(s.app, 'leads.reject', { id: second.lead.id, version: 0, reason: 'Existing customer' }, manager());
    expect(await partnerMonth(s, partner.id, month)).toMatchObject({ leadsApproved: 1, leadsRejected: 1, leadsConverted: 0 });
    const today = s.app.clock().toISOString().slice(0, 10);
    await call(s.app, 'leads.convert', { id: lead.id, version: approved.version, dealValueMinor: 20_000, convertedOn: today }, manager());
    expect(await partnerMonth(s, partner.id, month)).toMatchObject({ leadsApproved: 0, leadsConverted: 1, leadsRejected: 1, earnedMinor: 0 });
    const [fixed, percentage] = await creditRowsOf(s, lead.id);
    await call(s.app, 'credits.approve', { id: fixed!.id, version: 0 }, manager());
    await call(s.app, 'credits.approve', { id: percentage!.id, version: 0 }, manager());
    expect(await partnerMonth(s, partner.id, month)).toMatchObject({ earnedMinor: 1000 + 2000 });
    await call(s.app, 'credits.reverse', { id: fixed!.id, version: 1, reason: 'Duplicate deal' }, manager());
    expect(await partnerMonth(s, partner.id, month)).toMatchObject({ earnedMinor: 2000 });
  });

  it('partner_months: an import bumps its partner-month once with the accepted rows and their scores; a rescore moves the score sum by its delta', async () => {
    const own = await ownWorkspace(s);
    const ws = { ...s, tenantId: own.tenantId, admin: { ...s.admin, token: own.token } } as PartnerSuite;
    const partner = await activePartner(ws, {}, own.token);
    const month = s.app.clock().toISOString().slice(0, 7);
    const done = await runImport(ws, own.token, Buffer.from(csvText([importRow(), importRow(), importRow({ Email: 'not an email' })]), 'utf8'), { partnerId: partner.id });
    const imported = await leadsOfImport(ws, done.id);
    expect(imported.length).toBe(done.accepted);
    const sum = (rows: { score: number }[]) => rows.reduce((total, r) => total + r.score, 0);
    expect(await partnerMonth(ws, partner.id, month)).toMatchObject({ leadsSubmitted: done.accepted, scoreSum: sum(imported) });
    await call(s.app, 'leads.updateSettings', { weights: { completeness: 10, email: 10, phone: 10, estimated_value: 40, duplicate: 20, partner_history: 10 } }, own.token);
    const result = await call(s.app, 'leads.rescore', {}, own.token);
    expect(result.rescored).toBeGreaterThan(0);
    const after = await leadsOfImport(ws, done.id);
    expect(sum(after)).not.toBe(sum(imported));
    expect(await partnerMonth(ws, partner.id, month)).toMatchObject({ leadsSubmitted: done.accepted, scoreSum: sum(after) });
  });
});
