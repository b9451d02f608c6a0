import type { PayoutSkipReason } from '../../../src-shared/contract/payouts/values';
import { inPeriod, type Period } from './periods';

/*
 * What one partner's payout takes from its pool, and why a partner gets none. Pure: the service
 * reads the pool and the partner, these functions decide.
 */

export interface PoolCredit {
  id: string;
  amountMinor: number;
  earnedOn: string;
}

export interface PayoutSelection {
  /** The credits the payout takes: every positive one of the period, then the clawbacks that fit. */
  taken: PoolCredit[];
  /** Clawbacks that would take the total below zero: they stay in the pool for a later payout. */
  carried: PoolCredit[];
  totalMinor: number;
}

/**
 * Netting (DOMAIN.md: a payout never goes below zero, the rest carries over): all positive
 * credits earned within the period; then negative credits (clawbacks) earned on any day up to
 * the period's end, oldest first, each taken while the total stays ≥ 0. The first clawback that
 * does not fit stops the netting, so a newer clawback never jumps ahead of an older one; it and
 * every later one carry over. Credits earned after the period are not this payout's.
 */
export function selectPayoutCredits(pool: readonly PoolCredit[], period: Period): PayoutSelection {
  const positives = pool.filter((c) => c.amountMinor > 0 && inPeriod(c.earnedOn, period)).sort(byDayThenId);
  const negatives = pool.filter((c) => c.amountMinor < 0 && c.earnedOn <= period.end).sort(byDayThenId);
  let total = positives.reduce((sum, c) => sum + c.amountMinor, 0);
  const taken = [...positives];
  const carried: PoolCredit[] = [];
  for (const c of negatives) {
    if (carried.length === 0 && total + c.amountMinor >= 0) {
      taken.push(c);
      total += c.amountMinor;
    } else carried.push(c);
  }
  return { taken, carried, totalMinor: total };
}

function byDayThenId(a: PoolCredit, b: PoolCredit): number {
  return a.earnedOn < b.earnedOn ? -1 : a.earnedOn > b.earnedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface PartnerPayoutFacts {
  status: string;
  kycStatus: string;
  kycExpiresOn: string | null;
  bankingOnHold: boolean;
}

/** The reason a partner gets no payout, in PAYOUT_SKIP_REASONS' order, or null when it gets one. */
export function payoutSkipReason(partner: PartnerPayoutFacts, selection: PayoutSelection, rules: { kycRequired: boolean; minimumPayoutMinor: number; today: string }): PayoutSkipReason | null {
  if (partner.status === 'suspended') return 'suspended';
  if (partner.status !== 'active') return 'not_active';
  if (rules.kycRequired && !kycVerified(partner, rules.today)) return 'kyc_not_verified';
  if (partner.bankingOnHold) return 'banking_on_hold';
  if (!selection.taken.some((c) => c.amountMinor > 0)) return 'nothing_approved';
  if (selection.totalMinor <= 0 || selection.totalMinor < rules.minimumPayoutMinor) return 'below_minimum';
  return null;
}

/** Verified and not past its expiry day (a stored `verified` may be stale until the nightly refresh). */
export function kycVerified(partner: Pick<PartnerPayoutFacts, 'kycStatus' | 'kycExpiresOn'>, today: string): boolean {
  return partner.kycStatus === 'verified' && (partner.kycExpiresOn === null || partner.kycExpiresOn >= today);
}

/**
 * A payout's number: PO-<period end's month>-<partner code>, with /2, /3 … for the partner's later
 * payouts of the same month (after a rejection). The counter's separator is one a partner code
 * cannot contain: with "-", partner CP-0042's second payout and partner CP-0042-2's first would
 * share a number. Unique per tenant because partner codes are; the counter is per partner, whose
 * row generation locks, so two runs never draw the same one.
 */
export function payoutNumber(periodEnd: string, partnerCode: string, earlierOfMonth: number): string {
  const base = `PO-${periodEnd.slice(0, 7)}-${partnerCode}`;
  return earlierOfMonth === 0 ? base : `${base}${PAYOUT_COUNTER_SEPARATOR}${earlierOfMonth + 1}`;
}

/** Not in PARTNER_CODE_PATTERN, and in the SWIFT character set bank references travel in. */
export const PAYOUT_COUNTER_SEPARATOR = '/';
