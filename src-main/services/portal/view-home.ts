import { and, eq, isNull } from 'drizzle-orm';
import { todayIn } from '../../../src-shared/calendar';
import { AppError } from '../../../src-shared/contract/errors';
import type { PortalHome } from '../../../src-shared/contract/portal';
import { prepared, slot } from '../../data/prepared';
import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { submissionReads } from '../leads/submission';
import { readMoneySettings } from '../payouts/money-settings';
import { statisticsService } from '../payouts/statistics';
import type { PartnerSession } from '../context';

/**
 * `portal.home`. Every figure comes from the read the staff screens use for the same figure, so
 * the portal and the back-office never disagree:
 * - this month's submissions: the count the monthly quota refuses by (leads_partner_day_idx range);
 * - approval and conversion rates: the partner's decided leads, as the quality score counts them
 *   (the sums of its partner_months rows, a primary-key range);
 * - balance and months: `payouts.balance` and `payouts.monthly`'s own service (one grouped read
 *   of credits_partner_idx; a primary-key range of partner_months);
 * - partner and quota, workspace name: primary-key reads; currency and time zone from the cached tenant.
 */

/**
 * `part / whole` in basis points, rounded half up, in integer arithmetic (null for nothing to
 * divide by). The quotient is corrected after the float division, so it is exact for any safe integers.
 */
export function rateBp(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  const num = part * 20_000 + whole; // (part * 10000 + whole / 2) / whole, doubled to stay integral
  const den = whole * 2;
  let q = Math.floor(num / den);
  if (q * den > num) q -= 1;
  else if ((q + 1) * den <= num) q += 1;
  return q;
}

export function portalHomeReader(deps: ServiceDeps, audit: AuditService) {
  const { database, clock } = deps;
  const { partners: p, tenants } = database.t;
  const statistics = statisticsService(deps, audit);
  const leads = submissionReads(database);

  // Two primary-key reads rather than a join: joined, SQLite may walk the (small) tenants table first.
  const partnerRow = prepared(database, 'portal_home_partner', (db) =>
    db
      .select({ id: p.id, code: p.code, name: p.displayName, status: p.status, quota: p.monthlyLeadQuota })
      .from(p)
      .where(and(eq(p.tenantId, slot('tenantId')), eq(p.id, slot('partnerId')), isNull(p.deletedAt))),
  );
  const workspaceName = prepared(database, 'portal_home_workspace', (db) => db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, slot('tenantId'))));

  return async function home(session: PartnerSession): Promise<PortalHome> {
    const { tenantId, partnerId } = session;
    const [[partner], [workspace], money] = await Promise.all([
      partnerRow.run(database.db, { tenantId, partnerId }),
      workspaceName.run(database.db, { tenantId }),
      readMoneySettings(database, database.db, tenantId),
    ]);
    if (!partner || !workspace) throw new AppError('not_found', 'Partner not found');
    const month = todayIn(money.timeZone, clock()).slice(0, 7);
    const [submitted, decided, balance, monthly] = await Promise.all([
      leads.submittedInMonth(database.db, tenantId, partnerId, month),
      leads.partnerDecisions(database.db, tenantId, partnerId),
      statistics.balance(session, partnerId),
      statistics.monthly(session, { toMonth: month }),
    ]);
    const approvedOrConverted = decided.approved + decided.converted;
    return {
      partner: { id: partner.id, code: partner.code, name: partner.name, status: partner.status },
      workspace: { name: workspace.name, currency: money.currency },
      month: { month, submitted, quota: partner.quota > 0 ? partner.quota : null },
      approvalRateBp: rateBp(approvedOrConverted, approvedOrConverted + decided.rejected),
      conversionRateBp: rateBp(decided.converted, approvedOrConverted),
      balance,
      minimumPayoutMinor: money.minimumPayoutMinor,
      months: monthly.months,
    };
  };
}
