import { sql } from 'drizzle-orm';
import type { AppDb, Database } from '../../data/database';

/*
 * partner_months: per partner and calendar month, the figures the statistics screens read
 * (schema/money.ts). Every write that moves one of them calls `bumpPartnerMonth` in its own
 * transaction, so a figure never drifts from the facts (the property test recomputes them).
 *
 * Which month a fact belongs to, once for everyone:
 *  - lead figures: the month of the lead's `submitted_on` (its cohort), whatever day it is decided;
 *  - earned: the month of the credit's `earned_on`, added at approval, taken off at reversal;
 *  - paid: the month of the payout's payment date, added when it is marked paid.
 */

export interface PartnerMonthDelta {
  leadsSubmitted?: number;
  leadsApproved?: number;
  leadsRejected?: number;
  leadsConverted?: number;
  scoreSum?: number;
  earnedMinor?: number;
  paidMinor?: number;
}

const FIELDS = ['leadsSubmitted', 'leadsApproved', 'leadsRejected', 'leadsConverted', 'scoreSum', 'earnedMinor', 'paidMinor'] as const;

/** `day` is a workspace calendar day (YYYY-MM-DD) or a month (YYYY-MM); the month is its first seven characters. */
export async function bumpPartnerMonth(database: Database, tx: AppDb, tenantId: string, partnerId: string, day: string, delta: PartnerMonthDelta): Promise<void> {
  if (FIELDS.every((f) => !delta[f])) return;
  const m = database.t.partnerMonths;
  const values = Object.fromEntries(FIELDS.map((f) => [f, delta[f] ?? 0])) as Required<PartnerMonthDelta>;
  const set = Object.fromEntries(FIELDS.filter((f) => delta[f]).map((f) => [f, sql`${m[f]} + ${values[f]}`]));
  await tx
    .insert(m)
    .values({ tenantId, partnerId, month: day.slice(0, 7), ...values })
    .onConflictDoUpdate({ target: [m.tenantId, m.partnerId, m.month], set });
}
