import { and, asc, count, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { todayIn } from '../../../src-shared/calendar';
import type { LeadDashboard } from '../../../src-shared/contract/leads';
import type { ActiveSession, ServiceDeps } from '../context';
import { readLeadSettings } from './lead-settings';

/** The chart's span: today and the 29 days before it. */
export const DASHBOARD_DAYS = 30;

const PENDING_STATUSES = ['submitted', 'under_review'] as const;

/** The calendar day `days` after `day` (YYYY-MM-DD); pure date arithmetic, so no time zone or DST can shift it. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `leads.dashboard`: the managers' landing page. Every read is bounded: the counts are the
 * lead_counts rows (no scan), the oldest waiting lead is the first row of each pending status
 * on leads_list_status_idx (tenant, status, created_at, id), and the per-day counts read only
 * the 30-day range of submitted_on.
 */
export function leadDashboardService({ database, clock }: ServiceDeps) {
  const l = database.t.leads;
  const c = database.t.leadCounts;

  async function dashboard(session: ActiveSession): Promise<LeadDashboard> {
    const db = database.db;
    const settings = await readLeadSettings(database, db, session.tenantId);
    const today = todayIn(settings.timeZone, clock());
    const from = addDays(today, -(DASHBOARD_DAYS - 1));

    const counters = await db
      .select({ total: c.total, duplicates: c.duplicates })
      .from(c)
      .where(and(eq(c.tenantId, session.tenantId), inArray(c.status, [...PENDING_STATUSES])));

    // One index seek per pending status (ORDER BY created_at over both statuses at once would have
    // to merge two index ranges, which neither engine does with a LIMIT); the older of the two wins.
    const firsts = await Promise.all(
      PENDING_STATUSES.map(async (status) => {
        const [row] = await db
          .select({ id: l.id, createdAt: l.createdAt })
          .from(l)
          .where(and(eq(l.tenantId, session.tenantId), eq(l.status, status), isNull(l.deletedAt)))
          .orderBy(asc(l.createdAt), asc(l.id))
          .limit(1);
        return row;
      }),
    );
    const oldest = firsts
      .filter((r): r is NonNullable<typeof r> => r !== undefined)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))[0];

    const grouped = await db
      .select({ day: l.submittedOn, count: count() })
      .from(l)
      .where(and(eq(l.tenantId, session.tenantId), gte(l.submittedOn, from), lte(l.submittedOn, today), isNull(l.deletedAt)))
      .groupBy(l.submittedOn);
    const byDay = new Map(grouped.map((g) => [g.day, Number(g.count)]));
    const perDay = Array.from({ length: DASHBOARD_DAYS }, (_, i) => {
      const day = addDays(from, i);
      return { day, count: byDay.get(day) ?? 0 };
    });

    return {
      pending: counters.reduce((sum, r) => sum + r.total, 0),
      flaggedDuplicates: counters.reduce((sum, r) => sum + r.duplicates, 0),
      oldestWaiting: oldest ? { id: oldest.id, submittedAt: oldest.createdAt.toISOString() } : null,
      perDay,
    };
  }

  return { dashboard };
}
