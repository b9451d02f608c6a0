import { and, asc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../src-shared/calendar';
import { AppError } from '../../../src-shared/contract/errors';
import { PAYOUT_STATUSES } from '../../../src-shared/contract/payouts';
import { MAX_STATISTICS_MONTHS, type monthlyInput, type payoutStatisticsInput } from '../../../src-shared/contract/payouts/statistics';
import type { MonthFigures, MonthlyStatistics, PartnerBalance, PayoutStatistics, PayoutStatus, PayoutStatusFigures } from '../../../src-shared/contract/payouts';
import { inShape, prepared, preparedShapes, shapeOf, slot } from '../../data/prepared';
import type { AuditService } from '../activity/audit';
import type { ActiveSession, ServiceDeps } from '../context';
import { readMoneySettings } from './money-settings';

/*
 * Balances and statistics, read-only, derived from the facts:
 * - a balance is one grouped read of the partner's credits on credits_partner_idx
 *   (tenant, partner, status, payout_stage, …) — never a stored counter;
 * - payout statistics group the payouts by status (payouts_status_idx / payouts_partner_idx);
 * - the monthly figures are partner_months rows (kept by every writer in its own transaction),
 *   one partner's by its primary key, the tenant's summed per month on partner_months_month_idx.
 */

type StatisticsInput = z.output<typeof payoutStatisticsInput>;
type MonthlyInput = z.output<typeof monthlyInput>;

/** The optional filters of the payout statistics, in the order their statement shapes name them. */
const STATISTICS_FILTERS = ['partnerId', 'periodStart', 'periodEnd'] as const;

type StatisticsValues = { tenantId: string; partnerId?: string; periodStart?: string; periodEnd?: string };

const DAY_MS = 86_400_000;

/** A month (YYYY-MM) as a count of months, and back: pure arithmetic, no time zone. */
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** An integer ratio in basis points, rounded to the nearest (null for nothing to divide by). */
function ratioBp(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 10_000) / whole) : null;
}

/** Aggregates come back as numbers (SQLite) or numeric strings (Postgres sums of bigint). */
const num = (v: unknown) => Number(v ?? 0);

/** "Not found" for another tenant's, another partner's, a deleted or a made-up partner alike. */
function notFound(): never {
  throw new AppError('not_found', 'Partner not found', 'partnerId');
}

export function statisticsService(deps: ServiceDeps, _audit: AuditService) {
  const { database, clock } = deps;
  const c = database.t.credits;
  const p = database.t.payouts;
  const m = database.t.partnerMonths;
  const partners = database.t.partners;

  const partnerExists = prepared(database, 'statistics_partner_exists', (db) =>
    db
      .select({ id: partners.id })
      .from(partners)
      .where(and(eq(partners.tenantId, slot('tenantId')), eq(partners.id, slot('partnerId')), isNull(partners.deletedAt))),
  );

  /** The balance's one read: the partner's credits summed per status and payout stage (index range, a handful of groups). */
  const balanceGroups = prepared(database, 'credits_balance_groups', (db) =>
    db
      .select({
        status: c.status,
        stage: c.payoutStage,
        amount: sql<string | number>`coalesce(sum(${c.amountMinor}), 0)`,
        negative: sql<string | number>`coalesce(sum(case when ${c.amountMinor} < 0 then ${c.amountMinor} else 0 end), 0)`,
      })
      .from(c)
      .where(and(eq(c.tenantId, slot('tenantId')), eq(c.partnerId, slot('partnerId'))))
      .groupBy(c.status, c.payoutStage),
  );

  /** Milliseconds from generation to approval, summed (the engines store times differently). */
  const approvalMs: SQL =
    database.engine === 'sqlite'
      ? sql`coalesce(sum(case when ${p.approvedAt} is not null then ${p.approvedAt} - ${p.generatedAt} end), 0)`
      : sql`coalesce(sum(extract(epoch from (${p.approvedAt} - ${p.generatedAt})) * 1000), 0)`;

  const payoutGroups = preparedShapes<StatisticsValues, { status: string; count: unknown; total: unknown; approved: unknown; approvalMs: unknown; approvals: unknown }[]>(
    database,
    'payout_statistics',
    (shape, db) => {
      const where: SQL[] = [eq(p.tenantId, slot('tenantId'))];
      if (inShape(shape, 'partnerId')) where.push(eq(p.partnerId, slot('partnerId')));
      if (inShape(shape, 'periodStart')) where.push(gte(p.periodStart, slot('periodStart')));
      if (inShape(shape, 'periodEnd')) where.push(lte(p.periodStart, slot('periodEnd')));
      // One partner's few payouts: read on payouts_partner_idx. Grouped by the bare column, SQLite
      // would rather walk payouts_status_idx (tenant, status, …) over the whole tenant to save the
      // sort, which costs milliseconds at seed scale; grouping by an expression leaves it the
      // partner index (Postgres plans by statistics either way).
      const status = inShape(shape, 'partnerId') ? sql<string>`${p.status} || ''` : p.status;
      return db
        .select({
          status,
          count: sql`count(*)`,
          total: sql`coalesce(sum(${p.totalMinor}), 0)`,
          approved: sql`coalesce(sum(coalesce(${p.approvedMinor}, 0)), 0)`,
          approvalMs,
          approvals: sql`count(${p.approvedAt})`,
        })
        .from(p)
        .where(and(...where))
        .groupBy(status);
    },
  );

  const monthColumns = {
    month: m.month,
    leadsSubmitted: m.leadsSubmitted,
    leadsApproved: m.leadsApproved,
    leadsRejected: m.leadsRejected,
    leadsConverted: m.leadsConverted,
    scoreSum: m.scoreSum,
    earnedMinor: m.earnedMinor,
    paidMinor: m.paidMinor,
  };
  type MonthRow = { [K in keyof typeof monthColumns]: K extends 'month' ? string : unknown };

  /** One partner's months: a primary-key range. */
  const partnerMonthRows = prepared<Record<string, unknown>, MonthRow[]>(database, 'partner_months_of_partner', (db) =>
    db
      .select(monthColumns)
      .from(m)
      .where(and(eq(m.tenantId, slot('tenantId')), eq(m.partnerId, slot('partnerId')), gte(m.month, slot('fromMonth')), lte(m.month, slot('toMonth'))))
      .orderBy(asc(m.month)),
  );

  /** The tenant's months: every partner's rows of the range, summed per month. */
  const tenantMonthRows = prepared<Record<string, unknown>, MonthRow[]>(database, 'partner_months_of_tenant', (db) =>
    db
      .select({
        month: m.month,
        leadsSubmitted: sql`sum(${m.leadsSubmitted})`,
        leadsApproved: sql`sum(${m.leadsApproved})`,
        leadsRejected: sql`sum(${m.leadsRejected})`,
        leadsConverted: sql`sum(${m.leadsConverted})`,
        scoreSum: sql`sum(${m.scoreSum})`,
        earnedMinor: sql`sum(${m.earnedMinor})`,
        paidMinor: sql`sum(${m.paidMinor})`,
      })
      .from(m)
      .where(and(eq(m.tenantId, slot('tenantId')), gte(m.month, slot('fromMonth')), lte(m.month, slot('toMonth'))))
      .groupBy(m.month)
      .orderBy(asc(m.month)),
  );

  /**
   * The tenant-wide reads (its months: a sum over every partner's rows; its payout statistics:
   * a group-by over every payout) cost tens of milliseconds at 10,000 partners, so their last
   * answers are kept per tenant and input, each with the tenant's audit head seq it was read
   * under. Every change of partner_months or payouts happens in a transaction that also appends
   * to the tenant's audit trail (common rule: the change, its audit row and its partner_months
   * bump in one write; generation audits each payout it creates), so an unchanged seq means
   * unchanged figures, in this process or any other on the same database. The seq is read
   * before the sum: a sum that sees a later write is kept under the earlier seq and simply
   * recomputed on the next call. One partner's reads are index ranges and are never kept.
   */
  const auditSeq = prepared(database, 'statistics_audit_seq', (db, t) => db.select({ seq: t.auditHeads.seq }).from(t.auditHeads).where(eq(t.auditHeads.tenantId, slot('tenantId'))));
  const KEPT_MAX = 256;
  const kept = new Map<string, { seq: number; value: unknown }>();

  async function keptUnderAuditSeq<T>(tenantId: string, key: string, read: () => Promise<T>): Promise<T> {
    const fullKey = `${tenantId}\u0000${key}`;
    const [head] = await auditSeq.run(database.db, { tenantId });
    const seq = Number(head?.seq ?? 0);
    const hit = kept.get(fullKey);
    if (hit && hit.seq === seq) return hit.value as T;
    const value = await read();
    kept.delete(fullKey);
    kept.set(fullKey, { seq, value });
    if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value as string);
    return value;
  }

  const tenantMonths = (range: { tenantId: string; fromMonth: string; toMonth: string }) =>
    keptUnderAuditSeq(range.tenantId, `months\u0000${range.fromMonth}\u0000${range.toMonth}`, () => tenantMonthRows.run(database.db, range));

  /**
   * The partner a read is about: a partner user's own (another id → not_found, exactly as a
   * missing one); staff name any live partner of their tenant, or none (`required` false: all).
   */
  async function partnerScope(session: ActiveSession, requested: string | undefined, required: boolean): Promise<string | null> {
    if (session.userKind === 'partner') {
      if (requested !== undefined && requested !== session.partnerId) notFound();
      return session.partnerId;
    }
    if (requested === undefined) {
      if (required) throw new AppError('validation', 'Choose a partner', 'partnerId');
      return null;
    }
    const [row] = await partnerExists.run(database.db, { tenantId: session.tenantId, partnerId: requested });
    if (!row) notFound();
    return requested;
  }

  async function balance(session: ActiveSession, partnerId: string): Promise<PartnerBalance> {
    const scoped = (await partnerScope(session, partnerId, true)) as string;
    const [settings, groups] = await Promise.all([
      readMoneySettings(database, database.db, session.tenantId),
      balanceGroups.run(database.db, { tenantId: session.tenantId, partnerId: scoped }),
    ]);
    let pending = 0;
    let available = 0;
    let inPayout = 0;
    let approvedUnpaid = 0;
    let paid = 0;
    let clawback = 0;
    for (const g of groups) {
      const amount = num(g.amount);
      if (g.status === 'pending_approval') pending += amount;
      else if (g.status === 'paid') paid += amount;
      else if (g.status === 'approved') {
        if (g.stage === 'pending') inPayout += amount;
        else if (g.stage === 'approved') approvedUnpaid += amount;
        else {
          available += amount;
          clawback -= num(g.negative);
        }
      }
      // rejected and reversed credits count for nothing.
    }
    return {
      partnerId: scoped,
      currency: settings.currency,
      earnedMinor: available + inPayout + approvedUnpaid + paid,
      pendingApprovalMinor: pending,
      availableMinor: available,
      inPayoutMinor: inPayout,
      approvedUnpaidMinor: approvedUnpaid,
      paidMinor: paid,
      clawbackOutstandingMinor: clawback,
    };
  }

  async function statistics(session: ActiveSession, input: StatisticsInput): Promise<PayoutStatistics> {
    const partnerId = await partnerScope(session, input.partnerId, false);
    const values: StatisticsValues = {
      tenantId: session.tenantId,
      ...(partnerId ? { partnerId } : {}),
      ...(input.periodStart ? { periodStart: input.periodStart } : {}),
      ...(input.periodEnd ? { periodEnd: input.periodEnd } : {}),
    };
    const [settings, groups] = await Promise.all([
      readMoneySettings(database, database.db, session.tenantId),
      partnerId
        ? payoutGroups.run(database.db, shapeOf(STATISTICS_FILTERS, values), values)
        : keptUnderAuditSeq(session.tenantId, `payouts\u0000${input.periodStart ?? ''}\u0000${input.periodEnd ?? ''}`, () => payoutGroups.run(database.db, shapeOf(STATISTICS_FILTERS, values), values)),
    ]);
    const byStatus = Object.fromEntries(PAYOUT_STATUSES.map((s) => [s, { count: 0, amountMinor: 0 }])) as Record<PayoutStatus, PayoutStatusFigures>;
    let generatedCount = 0;
    let generatedMinor = 0;
    let approvedMinor = 0;
    let ms = 0;
    let approvals = 0;
    for (const g of groups) {
      const status = g.status as PayoutStatus;
      const count = num(g.count);
      const total = num(g.total);
      const approved = num(g.approved);
      generatedCount += count;
      generatedMinor += total;
      // Pending and rejected payouts are worth their lines; the others what was approved of them.
      const counted = status === 'pending' || status === 'rejected' ? total : approved;
      if (byStatus[status]) byStatus[status] = { count, amountMinor: counted };
      if (status === 'approved' || status === 'partially_approved' || status === 'paid') approvedMinor += approved;
      ms += num(g.approvalMs);
      approvals += num(g.approvals);
    }
    return {
      currency: settings.currency,
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      partnerId,
      generated: { count: generatedCount, amountMinor: generatedMinor },
      byStatus,
      generatedMinor,
      approvedMinor,
      paidMinor: byStatus.paid.amountMinor,
      pendingApprovalMinor: byStatus.pending.amountMinor,
      averageDaysToApproval: approvals > 0 ? Math.round((ms / approvals / DAY_MS) * 10) / 10 : null,
    };
  }

  async function monthly(session: ActiveSession, input: MonthlyInput): Promise<MonthlyStatistics> {
    const partnerId = await partnerScope(session, input.partnerId, false);
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    const thisMonth = todayIn(settings.timeZone, clock()).slice(0, 7);
    const toMonth = input.toMonth ?? (input.fromMonth && input.fromMonth > thisMonth ? input.fromMonth : thisMonth);
    const fromMonth = input.fromMonth ?? monthOf(Math.max(0, monthIndex(toMonth) - 11));
    const span = monthIndex(toMonth) - monthIndex(fromMonth) + 1;
    if (span < 1) throw new AppError('validation', 'The last month must not precede the first', 'toMonth');
    if (span > MAX_STATISTICS_MONTHS) throw new AppError('validation', `Choose at most ${MAX_STATISTICS_MONTHS} months`, 'fromMonth');

    const range = { tenantId: session.tenantId, fromMonth, toMonth };
    const rows = partnerId ? await partnerMonthRows.run(database.db, { ...range, partnerId }) : await tenantMonths(range);
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const months = Array.from({ length: span }, (_, i) => {
      const month = monthOf(monthIndex(fromMonth) + i);
      return figures(month, byMonth.get(month));
    });
    const sum = (k: keyof Omit<MonthRow, 'month'>) => months.reduce((acc, f) => acc + f[k], 0);
    const total = figures(`${fromMonth}..${toMonth}`, {
      month: '',
      leadsSubmitted: sum('leadsSubmitted'),
      leadsApproved: sum('leadsApproved'),
      leadsRejected: sum('leadsRejected'),
      leadsConverted: sum('leadsConverted'),
      scoreSum: sum('scoreSum'),
      earnedMinor: sum('earnedMinor'),
      paidMinor: sum('paidMinor'),
    });
    return { currency: settings.currency, partnerId, fromMonth, toMonth, months, total };
  }

  return {
    balance,
    /** `payouts.statistics` (named so that the payouts service may keep `statistics`-free names). */
    payoutStatistics: statistics,
    monthly,
  };
}

/** A month's row (or none: zeros) with its derived figures. */
function figures(month: string, row: Partial<Record<string, unknown>> | undefined): MonthFigures {
  const submitted = num(row?.leadsSubmitted);
  const approved = num(row?.leadsApproved);
  const rejected = num(row?.leadsRejected);
  const converted = num(row?.leadsConverted);
  const scoreSum = num(row?.scoreSum);
  return {
    month,
    leadsSubmitted: submitted,
    leadsApproved: approved,
    leadsRejected: rejected,
    leadsConverted: converted,
    scoreSum,
    averageQuality: submitted > 0 ? Math.round((scoreSum * 10) / submitted) / 10 : null,
    earnedMinor: num(row?.earnedMinor),
    paidMinor: num(row?.paidMinor),
    approvalRateBp: ratioBp(approved + converted, approved + converted + rejected),
    conversionRateBp: ratioBp(converted, approved + converted),
  };
}
