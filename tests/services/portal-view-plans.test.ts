import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tables } from '../../src-main/data/database';
import type { LeadRow } from '../../src-main/services/leads/lead-rows';
import { call } from '../support/actors';
import { engines } from '../support/engines';
import { recording, type Recorded } from '../support/recorded-statements';
import { openPlanExplainer, type PlanExplainer } from '../support/query-plans';
import { activePartner, portalUser } from '../support/leads';
import { setUpPartnerSuite, unique, type PartnerSuite } from '../support/partners';

/**
 * CONVENTIONS §16: the portal home's and notifications' reads, as the services run them while
 * answering real calls, never scan a table: every read of leads, credits, payouts, payout
 * requests, months, partners and portal users is an index search, and the partner-bounded ones
 * go through an index that starts with (tenant, partner). The store holds thousands of leads and
 * credits over a dozen partners in every status, and is ANALYZEd. (A sort of the partner's own
 * decided rows is allowed: no index orders leads by decision time, and adding one is a schema
 * change; the sort is bounded by the partner.)
 */

const TABLES = ['leads', 'credits', 'payouts', 'payout_requests', 'partner_months', 'partner_users', 'partners'] as const;

/** The indexes whose prefix is (tenant_id, partner_id), per table: a read through one is bounded by the partner. */
const PARTNER_INDEXES: Partial<Record<(typeof TABLES)[number], RegExp>> = {
  leads: /^leads_(partner_status|partner_day|list_partner|queue_partner)_idx$|^leads_idempotency_uq$/,
  credits: /^credits_partner_idx$/,
  payouts: /^payouts_partner_idx$/,
  payout_requests: /^payout_requests_partner_idx$/,
  partner_months: /^(sqlite_autoindex_partner_months_1|partner_months_pkey|partner_months_tenant_id_partner_id_month_pk)$/,
};

const mainTable = (q: Recorded) => TABLES.find((t) => new RegExp(`^select .* from ["\`]${t}["\`]`, 'is').test(q.sql));

describe.each(engines)('portal home and notifications query plans on $name', (engine) => {
  let s: PartnerSuite;
  let explain: PlanExplainer['explain'];
  let close: PlanExplainer['close'] = async () => undefined;
  const partners: string[] = [];
  let token = '';

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    for (let i = 0; i < 12; i++) partners.push((await activePartner(s)).id);
    token = (await portalUser(s, partners[0]!)).token;
    await seed();
    ({ explain, close } = await openPlanExplainer(s.app.database, ['leads', 'credits', 'payouts', 'payout_requests', 'partner_months']));
  }, 120_000);
  afterAll(async () => {
    await close();
    await s?.app.dispose();
  });

  /** 3000 leads, 3000 credits, 300 payouts, 600 payout requests (one in ten declined) and two years of months, round-robin over the partners and statuses, written directly. */
  async function seed() {
    const { database } = s.app;
    const now = s.app.clock().getTime();
    const leadStatuses = ['submitted', 'under_review', 'approved', 'rejected', 'converted'] as const;
    const leads: LeadRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const at = new Date(now - (3000 - i) * 3_600_000);
      const status = leadStatuses[i % 5] as string;
      const decided = status === 'approved' || status === 'rejected' || status === 'converted';
      leads.push({
        id: `pl-${String(i).padStart(5, '0')}`,
        tenantId: s.tenantId,
        partnerId: partners[i % partners.length]!,
        type: 'new_lead',
        status,
        contactName: `Plan ${i}`,
        company: null,
        email: null,
        phone: null,
        country: 'DE',
        jobTitle: null,
        productInterest: null,
        website: null,
        notes: null,
        extra: [],
        estimatedValueMinor: null,
        score: i % 100,
        queueRank: 100 - (i % 100),
        scoreBreakdown: [],
        emailKey: null,
        phoneE164: null,
        companyDomain: null,
        duplicateOf: null,
        duplicateFlag: false,
        duplicateMatches: [],
        idempotencyKey: `plan-${i}`,
        importId: null,
        submittedByType: 'staff',
        submittedBy: s.admin.userId,
        submittedOn: at.toISOString().slice(0, 10),
        claimedBy: null,
        claimedAt: null,
        decidedBy: decided ? s.staff.manager.userId : null,
        decidedAt: decided ? at : null,
        rejectionReason: status === 'rejected' ? 'Existing customer' : null,
        decisionNote: null,
        crmLeadId: null,
        convertedValueMinor: status === 'converted' ? 100_000 : null,
        convertedOn: status === 'converted' ? at.toISOString().slice(0, 10) : null,
        convertedAt: status === 'converted' ? at : null,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
        version: 0,
      });
    }
    const creditStatuses = ['pending_approval', 'approved', 'rejected', 'reversed', 'paid'] as const;
    const credits: Tables['credits']['$inferInsert'][] = leads.map((lead, i) => ({
      id: `pc-${unique()}`,
      tenantId: s.tenantId,
      partnerId: lead.partnerId,
      leadId: lead.id,
      kind: 'commission',
      calculation: 'fixed_price',
      amountMinor: 1000 + i,
      currency: 'EUR',
      status: creditStatuses[i % 5] as string,
      earnedOn: lead.submittedOn,
      createdByType: 'system',
      decidedAt: i % 5 === 0 ? null : lead.createdAt,
      reason: i % 5 === 2 || i % 5 === 3 ? 'Not eligible' : null,
      createdAt: lead.createdAt,
      updatedAt: lead.createdAt,
      version: 0,
    }));
    const payoutStatuses = ['pending', 'approved', 'partially_approved', 'rejected', 'paid'] as const;
    const payouts: Tables['payouts']['$inferInsert'][] = Array.from({ length: 300 }, (_, i) => {
      const status = payoutStatuses[i % 5] as string;
      const at = new Date(now - i * 86_400_000);
      return {
        id: `pp-${unique()}`,
        tenantId: s.tenantId,
        partnerId: partners[i % partners.length]!,
        number: `PO-PLAN-${i}`,
        periodStart: '2031-01-01',
        periodEnd: '2031-01-31',
        currency: 'EUR',
        status,
        lineCount: 1,
        totalMinor: 1000,
        approvedMinor: status === 'pending' || status === 'rejected' ? null : 1000,
        generatedBy: s.admin.userId,
        generatedAt: at,
        approvedAt: status === 'pending' || status === 'rejected' ? null : at,
        rejectedAt: status === 'rejected' ? at : null,
        paidAt: status === 'paid' ? at : null,
        createdAt: at,
        updatedAt: at,
        version: 0,
      };
    });
    // Requests as they come: most become payouts, a few are declined (what the notifications read).
    const requests: Tables['payoutRequests']['$inferInsert'][] = Array.from({ length: 600 }, (_, i) => ({
      id: `pr-${unique()}`,
      tenantId: s.tenantId,
      partnerId: partners[i % partners.length]!,
      amountMinor: 6000,
      status: i % 10 === 0 ? 'declined' : 'generated',
      requestedBy: 'someone',
      requestedAt: new Date(now - i * 86_400_000),
      decidedBy: s.staff.manager.userId,
      decidedAt: new Date(now - i * 86_400_000 + 1000),
      reason: i % 10 === 0 ? 'Wait' : null,
    }));
    const months: Tables['partnerMonths']['$inferInsert'][] = partners.flatMap((partnerId) =>
      Array.from({ length: 24 }, (_, m) => ({
        tenantId: s.tenantId,
        partnerId,
        month: `${2029 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
        leadsSubmitted: 10,
        leadsApproved: 3,
        leadsRejected: 2,
        leadsConverted: 1,
        scoreSum: 500,
        earnedMinor: 1000,
        paidMinor: 500,
      })),
    );
    const t = database.t;
    await database.write(async (tx) => {
      for (let i = 0; i < leads.length; i += 200) await tx.insert(t.leads).values(leads.slice(i, i + 200));
      for (let i = 0; i < credits.length; i += 200) await tx.insert(t.credits).values(credits.slice(i, i + 200));
      await tx.insert(t.payouts).values(payouts);
      for (let i = 0; i < requests.length; i += 200) await tx.insert(t.payoutRequests).values(requests.slice(i, i + 200));
      await tx.insert(t.partnerMonths).values(months);
    });
  }

  /** Every read of the tables above, explained: an index search (never a scan), through a partner-bounded index where the table has one. */
  async function expectIndexedReads(recorded: Recorded[]): Promise<Set<string>> {
    const seen = new Set<string>();
    for (const q of recorded.filter((r) => /^select /i.test(r.sql))) {
      const table = mainTable(q);
      if (!table) continue;
      seen.add(table);
      const plan = await explain(q);
      const shown = `${q.sql}\n${plan.lines.join('\n')}`;
      if (engine.name === 'sqlite') {
        expect(plan.lines.filter((l) => /^SCAN (?!CONSTANT)/.test(l)), shown).toEqual([]);
      } else {
        expect(plan.lines.filter((l) => l.startsWith('Seq Scan')), shown).toEqual([]);
      }
      const partnerIndex = PARTNER_INDEXES[table];
      if (partnerIndex && /partner_id/.test(q.sql)) expect(plan.indexes.some((i) => partnerIndex.test(i)), shown).toBe(true);
    }
    return seen;
  }

  it('portal.home: indexed reads only, the partner-bounded ones on a (tenant, partner) index', async () => {
    const recorded = await recording(() => call(s.app, 'portal.home', {}, token));
    const seen = await expectIndexedReads(recorded);
    for (const table of ['leads', 'credits', 'partner_months', 'partners']) expect(seen).toContain(table);
  });

  it('portal.notifications: indexed reads only, the partner-bounded ones on a (tenant, partner) index', async () => {
    const result = await call(s.app, 'portal.notifications', {}, token);
    expect(result.items).toHaveLength(50);
    const recorded = await recording(() => call(s.app, 'portal.notifications', {}, token));
    const seen = await expectIndexedReads(recorded);
    for (const table of ['leads', 'credits', 'payouts', 'payout_requests', 'partner_users']) expect(seen).toContain(table);
  });
});
