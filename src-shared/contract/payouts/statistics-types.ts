import type { PayoutStatus } from './values';

/*
 * Balances and statistics (services/payouts/statistics.ts). Amounts are integer minor units in
 * the workspace currency (`currency`), rates basis points; nothing here is a float.
 */

/**
 * A partner's balance, derived from its credits in one grouped read (never a stored counter):
 * - pendingApprovalMinor: credits awaiting a manager's decision;
 * - availableMinor: approved credits in no live payout (the next generation takes them; clawbacks net here);
 * - inPayoutMinor: approved credits in a pending payout;
 * - approvedUnpaidMinor: approved credits in an approved (or partially approved) payout not yet paid;
 * - paidMinor: paid credits;
 * - earnedMinor = available + inPayout + approvedUnpaid + paid;
 * - clawbackOutstandingMinor: the clawbacks (negative credits) approved and not yet netted by a
 *   payout, as a positive amount (already included, negatively, in availableMinor).
 */
export interface PartnerBalance {
  partnerId: string;
  currency: string;
  earnedMinor: number;
  pendingApprovalMinor: number;
  availableMinor: number;
  inPayoutMinor: number;
  approvedUnpaidMinor: number;
  paidMinor: number;
  clawbackOutstandingMinor: number;
}

/** One payout status's figures: how many payouts and their amount (total for pending and rejected, approved amount for the others). */
export interface PayoutStatusFigures {
  count: number;
  amountMinor: number;
}

/**
 * DOMAIN.md payout statistics over the payouts whose period starts within the range asked
 * (and of one partner when asked).
 */
export interface PayoutStatistics {
  currency: string;
  /** The range applied (inclusive workspace days), null when open. */
  periodStart: string | null;
  periodEnd: string | null;
  partnerId: string | null;
  /** Every payout generated, whatever became of it: count and the sum of line totals. */
  generated: PayoutStatusFigures;
  byStatus: Record<PayoutStatus, PayoutStatusFigures>;
  /** Amount generated (all lines) vs approved (approved lines of approved, partially approved and paid payouts) vs paid. */
  generatedMinor: number;
  approvedMinor: number;
  paidMinor: number;
  /** Still waiting for a decision: the pending payouts' totals. */
  pendingApprovalMinor: number;
  /** Average days from generation to (final) approval over the payouts approved so far, one decimal; null when none. */
  averageDaysToApproval: number | null;
}

/** One calendar month of the programme (partner_months, summed over partners when no partner is asked). */
export interface MonthFigures {
  /** YYYY-MM. */
  month: string;
  leadsSubmitted: number;
  leadsApproved: number;
  leadsRejected: number;
  leadsConverted: number;
  /** Sum of the submitted leads' scores; averageQuality = scoreSum / leadsSubmitted. */
  scoreSum: number;
  /** Average quality score of the month's submitted leads, one decimal; null when none submitted. */
  averageQuality: number | null;
  earnedMinor: number;
  paidMinor: number;
  /** (approved + converted) / (approved + converted + rejected), basis points; null when nothing decided. */
  approvalRateBp: number | null;
  /** converted / (approved + converted), basis points; null when nothing approved. */
  conversionRateBp: number | null;
}

/** Months from `fromMonth` to `toMonth`, every month present (zeros included), and their totals. */
export interface MonthlyStatistics {
  currency: string;
  partnerId: string | null;
  fromMonth: string;
  toMonth: string;
  months: MonthFigures[];
  /** The whole range as one row (month = `${fromMonth}..${toMonth}`), rates over the range. */
  total: MonthFigures;
}
