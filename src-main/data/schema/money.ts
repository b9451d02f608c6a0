import { sql } from 'drizzle-orm';
import type { SchemaKit } from './kits';
import type { workspaceTables } from './workspaces';
import type { partnerTables } from './partners';
import type { leadTables } from './leads';

/*
 * The money path (DOMAIN.md *Money*, *Credits*, *Payouts*): credits a partner has earned,
 * payouts that gather approved credits into one payment per partner, their lines, the runs that
 * generated them with their reports, and partner payout requests. Amounts are integer minor
 * units in the tenant's currency, rates basis points. Statuses move only through the tables in
 * src-shared/contract/{credits,payouts}/transitions.ts.
 *
 * The one rule the database itself settles: a credit is in at most one live payout. A line is
 * live until it is released (its line or its payout rejected: the credit returns to the pool);
 * the partial unique index on payout_lines(credit_id) over live lines refuses a second live line
 * for the same credit whatever two generators race, on both engines.
 */
export function moneyTables(
  k: SchemaKit,
  { tenants }: ReturnType<typeof workspaceTables>,
  { partners }: ReturnType<typeof partnerTables>,
  { leads }: ReturnType<typeof leadTables>,
) {
  /**
   * Credits. `amount_minor` is negative for a clawback. `payout_id` is the live payout that holds
   * the credit (null: in the pool), `payout_stage` where that payout is (null | 'pending' |
   * 'approved'), both kept in the same transaction as the payout's changes so that a balance is
   * one grouped index read. `source_key` makes the system's credits idempotent: one
   * 'approval:<lead>' and one 'conversion:<lead>' per lead.
   */
  const credits = k.table(
    'credits',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      leadId: k.text('lead_id').notNull().references(() => leads.id),
      /**
       * The lead's contact name (it never changes), copied when the credit is made: a payout's lines
       * show it without a lookup per line into the leads table, whose rows are wide and scattered
       * (30-100 µs a line at seed scale). Null on credits made before it was kept: readers fall back to the lead.
       */
      leadContactName: k.text('lead_contact_name'),
      /** commission (from the commission model) | requested (by a partner user) | clawback (negative, of a paid credit). */
      kind: k.text('kind').notNull(),
      /** percentage | fixed_price | manual (requested and clawback amounts). */
      calculation: k.text('calculation').notNull(),
      baseMinor: k.money('base_minor'),
      rateBp: k.int('rate_bp'),
      amountMinor: k.money('amount_minor').notNull(),
      currency: k.text('currency').notNull(),
      status: k.text('status').notNull(),
      sourceKey: k.text('source_key'),
      /** The requester's justification, or the clawback's reason. */
      justification: k.text('justification'),
      /** For a clawback: the paid credit it claws back. */
      clawbackOf: k.text('clawback_of'),
      /** The workspace's calendar day the credit was earned: payout periods select by it. */
      earnedOn: k.text('earned_on').notNull(),
      createdByType: k.text('created_by_type').notNull(),
      createdBy: k.text('created_by'),
      decidedBy: k.text('decided_by'),
      decidedAt: k.time('decided_at'),
      /** Rejection or reversal reason; the partner sees it. */
      reason: k.text('reason'),
      payoutId: k.text('payout_id'),
      payoutStage: k.text('payout_stage'),
      paidAt: k.time('paid_at'),
      createdAt: k.time('created_at').notNull(),
      updatedAt: k.time('updated_at').notNull(),
      version: k.int('version').notNull(),
    },
    (t) => [
      k.uniqueIndex('credits_source_uq').on(t.tenantId, t.sourceKey).where(sql`source_key is not null`),
      // The managers' queue: pending credits, oldest first.
      k.index('credits_queue_idx').on(t.tenantId, t.status, t.createdAt, t.id),
      // Balances (grouped by status and stage) and generation (approved, in the pool, by day). The amount
      // last makes a balance an index-only read: without it each of a partner's ~130 credits at seed scale
      // was a table lookup (0.45 ms p50, 0.98 p95 for the grouped read; 0.04 / 0.07 covered).
      k.index('credits_partner_idx').on(t.tenantId, t.partnerId, t.status, t.payoutStage, t.earnedOn, t.amountMinor),
      k.index('credits_lead_idx').on(t.tenantId, t.leadId),
      k.index('credits_payout_idx').on(t.tenantId, t.payoutId).where(sql`payout_id is not null`),
    ],
  );

  /** Generation runs: one per "generate" click (or request), with its progress and its kept report. */
  const payoutRuns = k.table(
    'payout_runs',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      periodStart: k.text('period_start').notNull(),
      periodEnd: k.text('period_end').notNull(),
      /** One partner, or null for all. */
      partnerId: k.text('partner_id'),
      /** For a run started from a partner's payout request. */
      requestId: k.text('request_id'),
      /** running → completed | failed. */
      status: k.text('status').notNull(),
      partnersTotal: k.int('partners_total').notNull(),
      partnersDone: k.int('partners_done').notNull(),
      payoutsCreated: k.int('payouts_created').notNull(),
      totalMinor: k.money('total_minor').notNull(),
      failure: k.text('failure'),
      idempotencyKey: k.text('idempotency_key').notNull(),
      startedBy: k.text('started_by').notNull(),
      startedAt: k.time('started_at').notNull(),
      finishedAt: k.time('finished_at'),
    },
    (t) => [k.uniqueIndex('payout_runs_idempotency_uq').on(t.tenantId, t.idempotencyKey), k.index('payout_runs_recent_idx').on(t.tenantId, t.startedAt)],
  );

  /**
   * The partners a run skipped, with the reason and its sentence (the run report), one row each,
   * written in the transaction of the chunk that skipped them. A table, not a JSON list on the run
   * row: that list was read and rewritten whole by every chunk, which at 10,000 partners made a
   * tenant-month quadratic (chunks shrank to one partner under the time budget, 69 s).
   */
  const payoutRunSkips = k.table(
    'payout_run_skips',
    {
      runId: k.text('run_id').notNull().references(() => payoutRuns.id),
      partnerId: k.text('partner_id').notNull(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerCode: k.text('partner_code').notNull(),
      partnerName: k.text('partner_name').notNull(),
      /** PayoutSkipReason, or 'taken_by_concurrent_run'. */
      reason: k.text('reason').notNull(),
      /** The available amount that was not paid out (below minimum), in minor units. */
      amountMinor: k.money('amount_minor').notNull(),
      message: k.text('message').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.runId, t.partnerId] })],
  );

  /**
   * Payouts: one per partner and run. `total_minor` is the sum of all lines, `approved_minor` of
   * the approved ones (set at approval). Above the tenant threshold the first approval is kept in
   * first_approved_* and a second, different manager completes it.
   */
  const payouts = k.table(
    'payouts',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      runId: k.text('run_id'),
      requestId: k.text('request_id'),
      number: k.text('number').notNull(),
      periodStart: k.text('period_start').notNull(),
      periodEnd: k.text('period_end').notNull(),
      currency: k.text('currency').notNull(),
      status: k.text('status').notNull(),
      lineCount: k.int('line_count').notNull(),
      totalMinor: k.money('total_minor').notNull(),
      approvedMinor: k.money('approved_minor'),
      generatedBy: k.text('generated_by').notNull(),
      generatedAt: k.time('generated_at').notNull(),
      firstApprovedBy: k.text('first_approved_by'),
      firstApprovedAt: k.time('first_approved_at'),
      approvedBy: k.text('approved_by'),
      approvedAt: k.time('approved_at'),
      rejectedBy: k.text('rejected_by'),
      rejectedAt: k.time('rejected_at'),
      notes: k.text('notes'),
      paidBy: k.text('paid_by'),
      paidAt: k.time('paid_at'),
      paymentDate: k.text('payment_date'),
      paymentMethod: k.text('payment_method'),
      paymentReference: k.text('payment_reference'),
      createdAt: k.time('created_at').notNull(),
      updatedAt: k.time('updated_at').notNull(),
      version: k.int('version').notNull(),
    },
    (t) => [
      k.uniqueIndex('payouts_number_uq').on(t.tenantId, t.number),
      // A resumed run never makes a second payout for a partner it already did.
      k.uniqueIndex('payouts_run_partner_uq').on(t.runId, t.partnerId).where(sql`run_id is not null`),
      // A run's payouts by number (its report; what a resumed run has done): without it the planner
      // walks all the tenant's payouts by payouts_partner_idx or payouts_number_uq, 30-40 ms at 30,000 payouts.
      k.index('payouts_run_idx').on(t.tenantId, t.runId, t.number).where(sql`run_id is not null`),
      k.uniqueIndex('payouts_reference_uq').on(t.tenantId, t.paymentReference).where(sql`payment_reference is not null`),
      k.index('payouts_status_idx').on(t.tenantId, t.status, t.generatedAt, t.id),
      // One partner's payouts by date; the number last so generation counts a partner's payouts of the month
      // (PO-<month>-<code>, /2, …) from the index alone: a table lookup per payout was ~1 ms a chunk at seed scale.
      k.index('payouts_partner_idx').on(t.tenantId, t.partnerId, t.generatedAt, t.number),
    ],
  );

  /** One line per credit in a payout; released (credit back to the pool) when the line or the payout is rejected. */
  const payoutLines = k.table(
    'payout_lines',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      payoutId: k.text('payout_id').notNull(),
      creditId: k.text('credit_id').notNull(),
      leadId: k.text('lead_id').notNull(),
      amountMinor: k.money('amount_minor').notNull(),
      /** pending → approved | rejected. */
      status: k.text('status').notNull(),
      note: k.text('note'),
      decidedBy: k.text('decided_by'),
      decidedAt: k.time('decided_at'),
      releasedAt: k.time('released_at'),
    },
    (t) => [
      k.uniqueIndex('payout_lines_live_credit_uq').on(t.creditId).where(sql`released_at is null`),
      k.index('payout_lines_payout_idx').on(t.tenantId, t.payoutId, t.id),
    ],
  );

  /** A partner user's request for a payout of its available balance: open → generated | declined. */
  const payoutRequests = k.table(
    'payout_requests',
    {
      id: k.text('id').primaryKey(),
      tenantId: k.text('tenant_id').notNull().references(() => tenants.id),
      partnerId: k.text('partner_id').notNull().references(() => partners.id),
      /** The available balance when asked (the payout takes what is available when generated). */
      amountMinor: k.money('amount_minor').notNull(),
      note: k.text('note'),
      status: k.text('status').notNull(),
      requestedBy: k.text('requested_by').notNull(),
      requestedAt: k.time('requested_at').notNull(),
      decidedBy: k.text('decided_by'),
      decidedAt: k.time('decided_at'),
      reason: k.text('reason'),
      payoutId: k.text('payout_id'),
    },
    (t) => [
      // One open request per partner at a time.
      k.uniqueIndex('payout_requests_open_uq').on(t.tenantId, t.partnerId).where(sql`status = 'open'`),
      k.index('payout_requests_status_idx').on(t.tenantId, t.status, t.requestedAt),
      // The portal's notifications: one partner's decided requests, newest first.
      k.index('payout_requests_partner_idx').on(t.tenantId, t.partnerId, t.decidedAt),
    ],
  );

  /**
   * Per partner and month (the workspace's calendar month of the fact): the figures the
   * statistics screens read, kept in the same transaction as every lead, credit and payout
   * change that moves them. The property test recomputes them from the facts after every step.
   */
  const partnerMonths = k.table(
    'partner_months',
    {
      tenantId: k.text('tenant_id').notNull(),
      partnerId: k.text('partner_id').notNull(),
      /** YYYY-MM. */
      month: k.text('month').notNull(),
      leadsSubmitted: k.int('leads_submitted').notNull(),
      leadsApproved: k.int('leads_approved').notNull(),
      leadsRejected: k.int('leads_rejected').notNull(),
      leadsConverted: k.int('leads_converted').notNull(),
      /** Sum of the stored scores of the month's submitted leads (average = sum / submitted). */
      scoreSum: k.int('score_sum').notNull(),
      /** Approved credits earned in the month (by earned_on), net of clawbacks. */
      earnedMinor: k.money('earned_minor').notNull(),
      /** Paid in the month (by payment date). */
      paidMinor: k.money('paid_minor').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.partnerId, t.month] }), k.index('partner_months_month_idx').on(t.tenantId, t.month)],
  );

  /**
   * Payouts per (tenant, status): how many and their total, kept by the database in the writing
   * transaction (triggers in migration 0015 of both engines), so the payout list's totals read one row instead of
   * summing every payout of the status.
   */
  const payoutCounts = k.table(
    'payout_counts',
    {
      tenantId: k.text('tenant_id').notNull(),
      status: k.text('status').notNull(),
      total: k.int('total').notNull(),
      totalMinor: k.money('total_minor').notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.tenantId, t.status] })],
  );

  return { credits, payoutRuns, payoutRunSkips, payouts, payoutCounts, payoutLines, payoutRequests, partnerMonths };
}
