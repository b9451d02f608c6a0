import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tables } from '../../src-main/data/database';
import { call, setUpWorkspace } from '../support/actors';
import { engines, openTestApp, type TestApp } from '../support/engines';
import { rows } from '../support/money-invariants';
import { recording, type Recorded } from '../support/recorded-statements';
import { openPlanExplainer, type PlanExplainer } from '../support/query-plans';
import { activePartner, leadInput, submitLead } from '../support/leads';
import { setUpPartnerSuite, unique, type PartnerSuite } from '../support/partners';

/**
 * The balance and statistics reads' plans, pinned on every engine, as the service runs them
 * (recorded while answering real calls): a balance reads credits_partner_idx alone (covering), one partner's
 * payout statistics payouts_partner_idx, one partner's months the partner_months primary key, a
 * run's payouts (its report) payouts_run_idx.
 * The store holds a few thousand credits and a few hundred payouts over many partners, ANALYZEd,
 * so the planners have statistics and a choice to make. And on a SQLite file that was never
 * ANALYZEd (the bench's, or any install before SQLite's own optimize has run), where SQLite
 * preferred walking payouts_status_idx over the whole tenant to save the GROUP BY's sort until
 * the grouping became an expression (milliseconds at seed scale).
 */

function statement(recorded: Recorded[], table: string, pick: (sql: string) => boolean = () => true): Recorded {
  const reads = recorded.filter((r) => /^select /i.test(r.sql) && new RegExp(`from ["\`]${table}["\`]`).test(r.sql) && pick(r.sql));
  expect(reads.map((r) => r.sql)).toHaveLength(1);
  return reads[0] as Recorded;
}

describe.each(engines)('balance and statistics query plans on $name', (engine) => {
  let s: PartnerSuite;
  let explain: PlanExplainer['explain'];
  let close: PlanExplainer['close'] = async () => undefined;
  const partners: string[] = [];
  const runIds: string[] = [];

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    const { database } = s.app;
    const now = s.app.clock();
    for (let i = 0; i < 40; i++) partners.push((await activePartner(s)).id);
    const leads = await Promise.all(partners.slice(0, 4).map(async (partnerId) => (await submitLead(s, s.admin.token, leadInput({ partnerId }))).id));
    const credits: Tables['credits']['$inferInsert'][] = [];
    const payouts: Tables['payouts']['$inferInsert'][] = [];
    const months: Tables['partnerMonths']['$inferInsert'][] = [];
    const statuses = ['pending_approval', 'approved', 'approved', 'paid', 'rejected'] as const;
    const payoutStatuses = ['pending', 'approved', 'paid', 'paid', 'rejected'] as const;
    for (let i = 0; i < 3000; i++) {
      const p = i % 4;
      credits.push({
        id: `cr_${unique()}`,
        tenantId: s.tenantId,
        partnerId: partners[p] as string,
        leadId: leads[p] as string,
        kind: 'commission',
        calculation: 'fixed_price',
        amountMinor: 100 + i,
        currency: 'EUR',
        status: statuses[i % statuses.length] as string,
        earnedOn: `2031-0${1 + (i % 9)}-10`,
        createdByType: 'system',
        payoutStage: i % 5 === 1 ? 'pending' : i % 5 === 2 ? 'approved' : null,
        createdAt: now,
        updatedAt: now,
        version: 0,
      });
    }
    // Ten completed runs of 40 partners each: a run's payouts (its report) are a range of payouts_run_idx.
    const runs: Tables['payoutRuns']['$inferInsert'][] = Array.from({ length: 10 }, (_, r) => ({
      id: `run_${unique()}`,
      tenantId: s.tenantId,
      periodStart: `2031-0${1 + r % 9}-01`,
      periodEnd: `2031-0${1 + r % 9}-28`,
      status: 'completed',
      partnersTotal: 40,
      partnersDone: 40,
      payoutsCreated: 40,
      totalMinor: 40_000,
      idempotencyKey: `plan-run-${r}`,
      startedBy: s.admin.userId,
      startedAt: now,
      finishedAt: now,
    }));
    runIds.push(...runs.map((r) => r.id));
    for (let i = 0; i < 400; i++) {
      payouts.push({
        runId: runs[Math.floor(i / 40)]?.id,
        id: `po_${unique()}`,
        tenantId: s.tenantId,
        partnerId: partners[i % partners.length] as string,
        number: `PO-${i}-${unique()}`,
        periodStart: `2031-0${1 + (i % 9)}-01`,
        periodEnd: `2031-0${1 + (i % 9)}-28`,
        currency: 'EUR',
        status: payoutStatuses[i % payoutStatuses.length] as string,
        lineCount: 1,
        totalMinor: 1000,
        approvedMinor: i % 5 === 1 || i % 5 === 2 || i % 5 === 3 ? 1000 : null,
        generatedBy: s.admin.userId,
        generatedAt: new Date(now.getTime() - i * 3_600_000),
        approvedAt: i % 5 === 1 || i % 5 === 2 || i % 5 === 3 ? now : null,
        createdAt: now,
        updatedAt: now,
        version: 0,
      });
    }
    for (const partnerId of partners) {
      for (let m = 1; m <= 12; m++) {
        months.push({ tenantId: s.tenantId, partnerId, month: `2030-${String(m).padStart(2, '0')}`, leadsSubmitted: m, leadsApproved: 1, leadsRejected: 1, leadsConverted: 1, scoreSum: 50 * m, earnedMinor: 100, paidMinor: 50 });
        months.push({ tenantId: s.tenantId, partnerId, month: `2031-${String(m).padStart(2, '0')}`, leadsSubmitted: m, leadsApproved: 1, leadsRejected: 1, leadsConverted: 1, scoreSum: 50 * m, earnedMinor: 100, paidMinor: 50 });
      }
    }
    await database.write(async (tx) => {
      for (let i = 0; i < credits.length; i += 500) await tx.insert(database.t.credits).values(credits.slice(i, i + 500));
      await tx.insert(database.t.payoutRuns).values(runs);
      await tx.insert(database.t.payouts).values(payouts);
      for (let i = 0; i < months.length; i += 500) await tx.insert(database.t.partnerMonths).values(months.slice(i, i + 500)).onConflictDoNothing(); // the leads above made their own month rows
    });
    ({ explain, close } = await openPlanExplainer(database, ['credits', 'payouts', 'partner_months', 'payout_counts']));
  }, 120_000);
  afterAll(async () => {
    await close();
    await s?.app.dispose();
  });

  it('a balance is one range of credits_partner_idx', async () => {
    const recorded = await recording(() => call(s.app, 'payouts.balance', { partnerId: partners[0] as string }, s.admin.token));
    const plan = await explain(statement(recorded, 'credits'));
    expect(plan.indexes).toEqual(['credits_partner_idx']);
    expect(plan.lines.join('\n')).not.toMatch(/Seq Scan|SCAN credits\b(?! USING)/);
    // The amount is in the index: no table row per credit (Postgres decides index-only by its visibility map, so only SQLite's plan says it).
    if (engine.name === 'sqlite') expect(plan.lines.join('\n')).toMatch(/USING COVERING INDEX credits_partner_idx/);
  });

  it("one partner's payout statistics read payouts_partner_idx, not the tenant's status index", async () => {
    const recorded = await recording(() => call(s.app, 'payouts.statistics', { partnerId: partners[1] as string }, s.admin.token));
    const plan = await explain(statement(recorded, 'payouts'));
    expect(plan.indexes).toEqual(['payouts_partner_idx']);
  });

  it("a run's payouts are a range of payouts_run_idx, not a walk of the tenant's payouts", async () => {
    const recorded = await recording(() => call(s.app, 'payouts.run', { id: runIds[3] as string }, s.admin.token));
    const plan = await explain(statement(recorded, 'payouts'));
    expect(plan.indexes).toEqual(['payouts_run_idx']);
  });

  it("the payout list's totals are the kept payout_counts row of the status, not a sum over its payouts", async () => {
    let page: Awaited<ReturnType<typeof call<'payouts.list'>>> | undefined;
    const recorded = await recording(async () => {
      page = await call(s.app, 'payouts.list', { status: 'pending', limit: 20 }, s.admin.token);
    });
    const [facts] = await rows(s.app.database, "select count(*) as n, sum(total_minor) as amount from payouts where tenant_id = $1 and status = 'pending'", [s.tenantId]);
    expect(page?.totals).toMatchObject({ count: Number(facts?.n), totalMinor: Number(facts?.amount) });
    expect(Number(facts?.n)).toBeGreaterThan(20);
    const payoutReads = recorded.filter((r) => /^select /i.test(r.sql) && /from ["`]payouts["`]/.test(r.sql));
    expect(payoutReads.filter((r) => /count\(|sum\(/i.test(r.sql)).map((r) => r.sql)).toEqual([]);
    const plan = await explain(statement(recorded, 'payout_counts'));
    expect(plan.indexes).toHaveLength(1);
    expect(plan.indexes[0]).toMatch(/^(sqlite_autoindex_payout_counts_1|payout_counts_tenant_id_status_pk)$/);
  });

  it("one partner's months are a primary-key range of partner_months", async () => {
    const recorded = await recording(() => call(s.app, 'payouts.monthly', { partnerId: partners[2] as string, fromMonth: '2031-01', toMonth: '2031-12' }, s.admin.token));
    const plan = await explain(statement(recorded, 'partner_months'));
    expect(plan.indexes).toHaveLength(1);
    expect(plan.indexes[0]).toMatch(/^(sqlite_autoindex_partner_months_1|partner_months_pkey|partner_months_tenant_id_partner_id_month_pk)$/);
    expect(plan.lines.join('\n')).not.toMatch(/TEMP B-TREE|Sort/);
  });

  it("the tenant's months read partner_months_month_idx for the range", async () => {
    const recorded = await recording(() => call(s.app, 'payouts.monthly', { fromMonth: '2031-01', toMonth: '2031-06' }, s.admin.token));
    const plan = await explain(statement(recorded, 'partner_months'));
    expect(plan.indexes).toEqual(['partner_months_month_idx']);
  });
});

describe('one partner\'s payout statistics on a SQLite file without statistics', () => {
  let app: TestApp;
  let token: string;
  afterAll(async () => {
    await app?.dispose();
  });

  it('still read payouts_partner_idx', async () => {
    app = await openTestApp(engines.find((e) => e.name === 'sqlite') ?? (engines[0] as (typeof engines)[number]));
    ({ token } = await setUpWorkspace(app));
    const partner = await call(app, 'partners.create', { type: 'channel_partner', legalName: 'Plan Partner GmbH', contact: { name: 'Pat', email: 'pat@plan.test' }, country: 'DE', terms: { commissionModel: 'percentage', rateBp: 1000 } }, token);
    const recorded = await recording(() => call(app, 'payouts.statistics', { partnerId: partner.id }, token));
    const q = statement(recorded, 'payouts');
    expect(await app.database.raw("select count(*) as n from sqlite_stat1 where tbl = 'payouts'")).toEqual([{ n: 0 }]);
    const lines = (await app.database.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.params)).map((r) => String(r.detail));
    expect(lines.join('\n')).toMatch(/USING INDEX payouts_partner_idx/);
  });

  it("and a run's payouts read payouts_run_idx", async () => {
    const partner = await call(app, 'partners.create', { type: 'channel_partner', legalName: 'Run Plan GmbH', contact: { name: 'Ria', email: 'ria@plan.test' }, country: 'DE', terms: { commissionModel: 'percentage', rateBp: 1000 } }, token);
    const run = await call(app, 'payouts.generate', { partnerId: partner.id, idempotencyKey: `plan-${unique()}` }, token);
    const recorded = await recording(() => call(app, 'payouts.run', { id: run.id }, token));
    const q = statement(recorded, 'payouts');
    const lines = (await app.database.raw(`EXPLAIN QUERY PLAN ${q.sql}`, q.params)).map((r) => String(r.detail));
    expect(lines.join('\n')).toMatch(/USING INDEX payouts_run_idx/);
  });
});
