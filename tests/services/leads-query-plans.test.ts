import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '../../src-shared/contract';
import { dedupeKeysOf } from '../../src-main/domain/leads/dedupe';
import type { LeadRow } from '../../src-main/services/leads/lead-rows';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { recording, type Recorded } from '../support/recorded-statements';
import { openPlanExplainer, type PlanExplainer } from '../support/query-plans';
import { activePartner, leadInput } from '../support/leads';
import { setUpPartnerSuite, type PartnerSuite } from '../support/partners';

/**
 * CONVENTIONS §16 / issue 7 point 10: the hot lead queries' plans, pinned on every engine. The
 * SQL is not rewritten here: it is recorded as the real service runs it while it
 * answers a real call (queue, list, counts, submit, dashboard), so a change to a service query that stops
 * matching its index fails here. The store holds a few hundred leads over two partners and
 * every status, and is ANALYZEd, so the planners have statistics and a choice to make.
 */

/** The one recorded statement that reads `table` and satisfies `pick`. */
function statement(recorded: Recorded[], table: 'leads' | 'lead_counts' | 'partner_months', pick: (sql: string) => boolean = () => true): Recorded {
  const reads = recorded.filter((r) => /^select /i.test(r.sql) && new RegExp(`from ["\`]${table}["\`]`).test(r.sql) && pick(r.sql));
  expect(reads.map((r) => r.sql)).toHaveLength(1);
  return reads[0] as Recorded;
}

describe.each(engines)('lead query plans on $name', (engine) => {
  let s: PartnerSuite;
  let explain: PlanExplainer['explain'];
  let close: PlanExplainer['close'] = async () => undefined;
  let big: string;
  let small: string;
  /** 16 of the 400 leads (4 %): a partner's share among many, as at seed scale, where its own index is the planner's honest choice. */
  let tiny: string;
  const shared = { email: 'Shared.Person@dupe-corp.example', phone: '+49 30 5550123', website: 'https://dupe-corp.example', country: 'DE' };

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    big = (await activePartner(s, { terms: { commissionModel: 'percentage', rateBp: 1000, monthlyLeadQuota: 5000 } })).id;
    small = (await activePartner(s)).id;
    tiny = (await activePartner(s)).id;
    await seed();
    ({ explain, close } = await openPlanExplainer(s.app.database, ['leads', 'lead_counts', 'partner_months']));
  }, 60_000);
  afterAll(async () => {
    await close();
    await s?.app.dispose();
  });

  /**
   * 400 leads: three quarters for one partner (less 16 for a third); statuses round-robin (so 40 % pending); every
   * 17th soft-deleted; submission instants over the last 90 days; most with all three dedupe
   * keys, some without phone or website, and a dozen sharing one contact (the duplicates
   * the submit below finds). Written directly: the plans depend on the rows, not on how they came.
   */
  async function seed() {
    const { database } = s.app;
    const now = s.app.clock().getTime();
    const statuses = ['submitted', 'under_review', 'approved', 'rejected', 'converted'] as const;
    const rows: LeadRow[] = [];
    for (let i = 0; i < 400; i++) {
      const dupe = i % 33 === 0;
      const contact = dupe ? shared : { email: `person.${i}@corp-${i}.example`, phone: i % 4 === 0 ? null : `+49 30 ${String(7_000_000 + i)}`, website: i % 3 === 0 ? null : `corp-${i}.example`, country: 'DE' };
      const keys = dedupeKeysOf(contact);
      const createdAt = new Date(now - (400 - i) * 5 * 3600_000);
      const score = (i * 37) % 101;
      rows.push({
        id: `seed-${String(i).padStart(4, '0')}`,
        tenantId: s.tenantId,
        partnerId: i % 4 === 3 ? small : i % 25 === 1 ? tiny : big,
        type: 'new_lead',
        status: statuses[i % 5] as string,
        contactName: `Seed ${i}`,
        company: `Corp ${i}`,
        email: contact.email,
        phone: contact.phone,
        country: 'DE',
        jobTitle: null,
        productInterest: null,
        website: contact.website,
        notes: null,
        extra: [],
        estimatedValueMinor: null,
        score,
        queueRank: 100 - score,
        scoreBreakdown: [],
        emailKey: keys.email,
        phoneE164: keys.phone,
        companyDomain: keys.companyDomain,
        duplicateOf: null,
        duplicateFlag: false,
        duplicateMatches: [],
        idempotencyKey: `seed-${i}`,
        importId: null,
        submittedByType: 'staff',
        submittedBy: s.admin.userId,
        submittedOn: createdAt.toISOString().slice(0, 10),
        claimedBy: null,
        claimedAt: null,
        decidedBy: null,
        decidedAt: null,
        rejectionReason: null,
        decisionNote: null,
        crmLeadId: null,
        convertedValueMinor: null,
        convertedOn: null,
        convertedAt: null,
        createdAt,
        updatedAt: createdAt,
        deletedAt: i % 17 === 5 ? createdAt : null,
        version: 0,
      });
    }
    const l = database.t.leads;
    for (let i = 0; i < rows.length; i += 50) {
      await database.write(async (tx) => {
        await tx.insert(l).values(rows.slice(i, i + 50));
      });
    }
    // partner_months as a tenant of many partners has it (a year of months each; the seeded leads' own are not needed by any plan here).
    const months = Array.from({ length: 300 * 12 }, (_, i) => ({
      tenantId: s.tenantId,
      partnerId: i < 12 ? big : `other-partner-${Math.floor(i / 12)}`,
      month: `2030-${String((i % 12) + 1).padStart(2, '0')}`,
      leadsSubmitted: 3,
      leadsApproved: 1,
      leadsRejected: 1,
      leadsConverted: 0,
      scoreSum: 150,
      earnedMinor: 0,
      paidMinor: 0,
    }));
    await database.write(async (tx) => {
      for (let i = 0; i < months.length; i += 400) await tx.insert(database.t.partnerMonths).values(months.slice(i, i + 400));
    });
  }

  type QueueInput = Input<'leads.queue'>;
  const queueSql = async (input: QueueInput) => statement(await recording(() => call(s.app, 'leads.queue', input, s.admin.token)), 'leads');

  /** The service's plan for `q`: through `index`, no full scan of leads, no sort of its own. */
  async function expectPlan(q: Recorded, index: string, { ordered = true } = {}) {
    const plan = await explain(q);
    const shown = `${q.sql}\n${plan.lines.join('\n')}`;
    expect(plan.indexes, shown).toContain(index);
    if (engine.name === 'sqlite') {
      expect(plan.lines.filter((l) => /^SCAN (leads|lead_counts)\b/.test(l)), shown).toEqual([]);
      if (ordered) expect(plan.lines.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
    } else {
      expect(plan.lines.filter((l) => l.startsWith('Seq Scan')), shown).toEqual([]);
      if (ordered) expect(plan.lines.filter((l) => /^(Incremental )?Sort\b/.test(l)), shown).toEqual([]);
    }
    return plan;
  }

  it('the queue, first page and a deep keyset page, walks leads_queue_idx in order', async () => {
    await expectPlan(await queueSql({ limit: 20 }), 'leads_queue_idx');
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const got: Output<'leads.queue'> = await call(s.app, 'leads.queue', { limit: 20, ...(cursor ? { cursor } : {}) }, s.admin.token);
      cursor = got.nextCursor;
    }
    expect(cursor).not.toBeNull();
    const deep = await queueSql({ limit: 20, cursor: cursor as string });
    // A row value, so the range starts at the cursor rather than at its rank (see queue() in services/leads/leads.ts).
    expect(deep.sql).toMatch(/queue_rank["`]?, [\w."`]*created_at["`]?, [\w."`]*id["`]?\) >/);
    await expectPlan(deep, 'leads_queue_idx');
  });

  it("one partner's queue walks leads_queue_partner_idx in order", async () => {
    await expectPlan(await queueSql({ partnerId: small, limit: 20 }), 'leads_queue_partner_idx');
    await expectPlan(await queueSql({ partnerId: big, limit: 20 }), 'leads_queue_partner_idx');
  });

  it('the list, first page and a keyset page, walks leads_list_idx backwards', async () => {
    const listSql = async (input: Input<'leads.list'>) => statement(await recording(() => call(s.app, 'leads.list', input, s.admin.token)), 'leads');
    await expectPlan(await listSql({ limit: 50 }), 'leads_list_idx');
    const first = await call(s.app, 'leads.list', { limit: 50 }, s.admin.token);
    expect(first.nextCursor).not.toBeNull();
    await expectPlan(await listSql({ limit: 50, cursor: first.nextCursor as string }), 'leads_list_idx');
  });

  it("the list of one partner and of one status, first page and a keyset page, walk their list indexes", async () => {
    const listSql = async (input: Input<'leads.list'>) => statement(await recording(() => call(s.app, 'leads.list', input, s.admin.token)), 'leads');
    // (A partner with a quarter of the rows is no test on Postgres: walking the tenant's list index and filtering is then rightly cheaper.)
    for (const [filter, index] of [
      [{ partnerId: tiny }, 'leads_list_partner_idx'],
      [{ status: 'approved' }, 'leads_list_status_idx'],
      [{ status: 'submitted' }, 'leads_list_status_idx'],
    ] as const) {
      const shown = (e: Error) => {
        throw new Error(`${JSON.stringify(filter)}: ${e.message}`);
      };
      await expectPlan(await listSql({ ...filter, limit: 5 }), index).catch(shown);
      const first = await call(s.app, 'leads.list', { ...filter, limit: 5 }, s.admin.token);
      expect(first.nextCursor, JSON.stringify(filter)).not.toBeNull();
      const page = await listSql({ ...filter, limit: 5, cursor: first.nextCursor as string });
      const plan = await expectPlan(page, index).catch(shown);
      // The row value is a range of the index after the equality columns, not a filter on every row before the cursor.
      if (engine.name === 'sqlite') expect(plan.lines.join('\n'), page.sql).toMatch(/\(created_at,id\)<\(\?,\?\)/);
    }
  });

  it('the deep queue page is an index range starting at the cursor', async () => {
    const first = await call(s.app, 'leads.queue', { limit: 30 }, s.admin.token);
    const deep = await queueSql({ limit: 20, cursor: first.nextCursor as string });
    const plan = await expectPlan(deep, 'leads_queue_idx');
    if (engine.name === 'sqlite') expect(plan.lines.join('\n'), deep.sql).toMatch(/\(queue_rank,created_at,id\)>\(\?,\?,\?\)/);
    else expect(plan.lines.join('\n')).toMatch(/Index Scan \[leads_queue_idx\]/);
  });

  it("a page's partners are primary-key probes, whatever the number of partners on it", async () => {
    const recorded = await recording(() => call(s.app, 'leads.queue', { limit: 50 }, s.admin.token));
    const reads = recorded.filter((r) => /^select /i.test(r.sql) && /from ["`]partners["`]/.test(r.sql));
    expect(reads).toHaveLength(1);
    const read = reads[0] as Recorded;
    // By id only (see partnerRefs): "tenant_id = ? and id in (…)" let SQLite without statistics pick a tenant index and walk every partner.
    expect(read.sql).not.toMatch(/tenant_id["`]? = /);
    const plan = await explain(read);
    // The primary key is then the only index that applies (SQLite, ANALYZEd here, may scan this suite's handful of partners instead).
    if (engine.name === 'sqlite') expect(plan.indexes.filter((i) => i !== 'sqlite_autoindex_partners_1'), plan.lines.join('\n')).toEqual([]);
    else expect(plan.indexes, plan.lines.join('\n')).toEqual(['partners_pkey']);
  });

  it("a lead's earlier registrations and the names of who acted are primary-key probes too", async () => {
    const { lead } = await call(s.app, 'leads.submit', leadInput({ partnerId: small, ...shared }), s.admin.token);
    expect(lead.duplicate?.view === 'staff' ? lead.duplicate.matches.length : 0).toBeGreaterThanOrEqual(5);
    await call(s.app, 'leads.startReview', { id: lead.id, version: lead.version }, s.admin.token);
    const recorded = await recording(() => call(s.app, 'leads.get', { id: lead.id }, s.admin.token));
    const byId = recorded.filter((r) => /^select /i.test(r.sql) && /from ["`](leads|partner_users)["`]/.test(r.sql) && / in \(/.test(r.sql));
    expect(byId.map((r) => r.sql)).toHaveLength(2);
    for (const q of byId) {
      expect(q.sql).not.toMatch(/tenant_id["`]? = /);
      const plan = await explain(q);
      const pk = engine.name === 'sqlite' ? /^sqlite_autoindex_(leads|partner_users)_1$/ : /^(leads|partner_users)_pkey$/;
      expect(plan.indexes.filter((i) => !pk.test(i)), plan.lines.join('\n')).toEqual([]);
    }
  });

  it("a submission's read of the partner's past decisions is a primary-key range of partner_months, not a count of its leads", async () => {
    const recorded = await recording(() => call(s.app, 'leads.submit', leadInput({ partnerId: big }), s.admin.token));
    expect(recorded.filter((r) => /from ["`]leads["`]/.test(r.sql) && /group by/i.test(r.sql)).map((r) => r.sql)).toEqual([]);
    const decisions = statement(recorded, 'partner_months', (q) => /group by/i.test(q));
    const plan = await explain(decisions);
    expect(plan.indexes, plan.lines.join('\n')).toEqual([expect.stringMatching(/^(sqlite_autoindex_partner_months_1|partner_months_pkey|partner_months_tenant_id_partner_id_month_pk)$/)]);
  });

  it("the dashboard: leads per day a range of leads_day_idx, the oldest waiting one seek of leads_list_status_idx per status", async () => {
    const recorded = await recording(() => call(s.app, 'leads.dashboard', {}, s.admin.token));
    await expectPlan(
      statement(recorded, 'leads', (q) => /submitted_on/.test(q) && /group by/i.test(q)),
      'leads_day_idx',
      { ordered: false },
    );
    const oldest = recorded.filter((r) => /from ["`]leads["`]/.test(r.sql) && /order by/i.test(r.sql) && /limit/i.test(r.sql));
    expect(oldest).toHaveLength(2);
    for (const q of oldest) await expectPlan(q, 'leads_list_status_idx');
  });

  it('the counts read lead_counts by its primary key, never leads', async () => {
    const recorded = await recording(() => call(s.app, 'leads.counts', {}, s.admin.token));
    expect(recorded.filter((r) => /from ["`]leads["`]/.test(r.sql))).toEqual([]);
    await expectPlan(statement(recorded, 'lead_counts'), engine.name === 'sqlite' ? 'sqlite_autoindex_lead_counts_1' : 'lead_counts_tenant_id_status_pk', { ordered: false });
  });

  it('a submission: each dedupe lookup is a range of its key index, the quota count a range of leads_partner_day_idx', async () => {
    const recorded = await recording(() => call(s.app, 'leads.submit', leadInput({ partnerId: big, ...shared }), s.admin.token));
    const submitted = recorded.filter((r) => /^insert into ["`]leads["`]/i.test(r.sql));
    expect(submitted).toHaveLength(1);
    for (const [column, index] of [
      ['email_key', 'leads_email_key_idx'],
      ['phone_e164', 'leads_phone_idx'],
      ['company_domain', 'leads_company_domain_idx'],
    ] as const) {
      const lookup = statement(recorded, 'leads', (q) => new RegExp(`["\`]${column}["\`] = `).test(q));
      await expectPlan(lookup, index);
    }
    await expectPlan(
      statement(recorded, 'leads', (q) => /submitted_on/.test(q) && /count\(\*\)/.test(q)),
      'leads_partner_day_idx',
      { ordered: false },
    );
  });
});
