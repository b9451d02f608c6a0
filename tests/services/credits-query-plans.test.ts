import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_STATUSES } from '../../src-shared/contract/credits/values';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { recording, type Recorded } from '../support/recorded-statements';
import { openPlanExplainer, type PlanExplainer } from '../support/query-plans';
import { ownWorkspace, setUpPartnerSuite, type PartnerSuite } from '../support/partners';
import { approvedLead, creditRowsOf } from '../support/credits';

/**
 * CONVENTIONS §16: the credit reads' plans, pinned on every engine as the lead and partner lists
 * pin theirs. The SQL is recorded as the service runs it answering a real call: the managers'
 * queue page (first and keyset) is a range of credits_queue_idx in order, a lead's credit status
 * reads credits_lead_idx, the counts read through an index, never a scan of the table. 1,200
 * credits of every status over a second tenant too, ANALYZEd.
 */

const creditReads = (recorded: Recorded[]) => recorded.filter((r) => /^select /i.test(r.sql) && /from ["`]credits["`]/.test(r.sql));

describe.each(engines)('credit query plans on $name', (engine) => {
  let s: PartnerSuite;
  let ws: { tenantId: string; token: string };
  let leadId = '';
  let explain: PlanExplainer['explain'];
  let close: PlanExplainer['close'] = async () => undefined;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    ws = await ownWorkspace(s, 'Planned');
    const other = await ownWorkspace(s, 'Other');
    for (const [tenant, n] of [
      [ws, 900],
      [other, 300],
    ] as const) {
      const suite = { ...s, tenantId: tenant.tenantId, admin: { ...s.admin, token: tenant.token } } as PartnerSuite;
      const { lead } = await approvedLead(suite, { commissionModel: 'fixed', fixedPriceMinor: 100 }, tenant.token);
      if (tenant === ws) leadId = lead.id;
      const [template] = await creditRowsOf(suite, lead.id);
      const c = s.app.database.t.credits;
      const l = s.app.database.t.leads;
      const [leadTemplate] = await s.app.database.db.select().from(l).where(eq(l.id, lead.id));
      const tag = tenant.tenantId.slice(-6);
      // One lead per three credits (a lead has one or two credits in life): lead_id is as selective as it is in use.
      const leads = Array.from({ length: n / 3 }, (_, i) => ({ ...leadTemplate!, id: `plan-lead-${tag}-${i}`, idempotencyKey: `plan-${tag}-${i}`, emailKey: null, phoneE164: null, companyDomain: null }));
      const base = template!.createdAt.getTime();
      const rows = Array.from({ length: n }, (_, i) => ({
        ...template!,
        id: `plan-${tag}-${String(i).padStart(5, '0')}`,
        leadId: leads[i % leads.length]!.id,
        sourceKey: null,
        status: CREDIT_STATUSES[i % CREDIT_STATUSES.length] as string,
        createdAt: new Date(base + i * 1000),
      }));
      for (let i = 0; i < leads.length; i += 100) {
        await s.app.database.write(async (tx) => {
          await tx.insert(l).values(leads.slice(i, i + 100));
        });
      }
      for (let i = 0; i < rows.length; i += 200) {
        await s.app.database.write(async (tx) => {
          await tx.insert(c).values(rows.slice(i, i + 200));
        });
      }
    }
    ({ explain, close } = await openPlanExplainer(s.app.database, ['credits']));
  }, 120_000);
  afterAll(async () => {
    await close();
    await s?.app.dispose();
  });

  async function expectPlan(q: Recorded, indexes: string[], { ordered = true } = {}) {
    const plan = await explain(q);
    const shown = `${q.sql}\n${JSON.stringify(q.params)}\n${plan.lines.join('\n')}`;
    expect(plan.indexes.filter((i) => indexes.includes(i)), shown).not.toEqual([]);
    if (engine.name === 'sqlite') {
      expect(plan.lines.filter((l) => /^SCAN credits\b/.test(l)), shown).toEqual([]);
      if (ordered) expect(plan.lines.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
    } else {
      expect(plan.lines.filter((l) => l.startsWith('Seq Scan')), shown).toEqual([]);
      if (ordered) expect(plan.lines.filter((l) => /^(Incremental )?Sort\b/.test(l)), shown).toEqual([]);
    }
  }

  it('the queue page by status, first and after a cursor: a range of credits_queue_idx, in order', async () => {
    const first = await call(s.app, 'credits.list', { status: 'pending_approval', limit: 25 }, ws.token);
    expect(first.rows).toHaveLength(25);
    for (const input of [
      { status: 'pending_approval' as const, limit: 25 },
      { status: 'pending_approval' as const, limit: 25, cursor: first.nextCursor! },
      { status: 'approved' as const, limit: 25 },
    ]) {
      const recorded = creditReads(await recording(() => call(s.app, 'credits.list', input, ws.token)));
      const page = recorded.filter((r) => /order by/i.test(r.sql));
      expect(page).toHaveLength(1);
      await expectPlan(page[0]!, ['credits_queue_idx']);
    }
  });

  it("a lead's credit status reads credits_lead_idx; the counts group through an index", async () => {
    const lead = creditReads(await recording(() => call(s.app, 'leads.get', { id: leadId }, ws.token)));
    expect(lead).toHaveLength(1);
    await expectPlan(lead[0]!, ['credits_lead_idx'], { ordered: false });
    const counts = creditReads(await recording(() => call(s.app, 'credits.counts', {}, ws.token)));
    expect(counts).toHaveLength(1);
    // Any index with the tenant first will do (the amounts are in none, so the rows are read): never a scan of every tenant's credits.
    await expectPlan(counts[0]!, ['credits_queue_idx', 'credits_partner_idx', 'credits_lead_idx'], { ordered: false });
  });
});
