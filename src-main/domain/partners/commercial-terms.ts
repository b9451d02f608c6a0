import type { CommercialTerms } from '../../../src-shared/contract/partners';
import { applyRateHalfEven, assertBasisPoints, assertMinor, minor, type BasisPoints, type Minor } from '../money';

/*
 * Commercial terms and what they imply for credits. The system only proposes: the credits
 * described here are created as pending_approval by the credits service and a manager decides.
 */

/**
 * Zeroes the field the model does not use (a fixed model has no rate, a percentage model no
 * price), so that stored terms never suggest a fee that is not applied. A form switching from
 * hybrid to fixed would otherwise leave a stale rate behind.
 */
export function normaliseCommercialTerms(terms: CommercialTerms): CommercialTerms {
  assertBasisPoints(terms.rateBp, 'terms.rateBp');
  assertMinor(terms.fixedPriceMinor, 'terms.fixedPriceMinor');
  switch (terms.commissionModel) {
    case 'percentage':
      return { ...terms, fixedPriceMinor: 0 };
    case 'fixed':
      return { ...terms, rateBp: 0 };
    case 'hybrid':
      return { ...terms };
  }
}

export type ProposedCredit =
  | { calculation: 'fixed_price'; amountMinor: Minor }
  | { calculation: 'percentage'; baseMinor: Minor; rateBp: BasisPoints; amountMinor: Minor };

export type CommissionEvent = { kind: 'lead_approved' } | { kind: 'lead_converted'; dealValueMinor: number };

/**
 * The credits a lead event earns under the terms: fixed on approval, percentage on conversion,
 * hybrid both (each event yields its part). Base, rate and amount are all kept so the figure
 * can be re-derived later. Rounding happens here, once, half-to-even.
 */
export function proposeCredits(terms: CommercialTerms, event: CommissionEvent): ProposedCredit[] {
  const model = terms.commissionModel;
  if (event.kind === 'lead_approved') {
    if (model === 'percentage') return [];
    return [{ calculation: 'fixed_price', amountMinor: minor(terms.fixedPriceMinor, 'terms.fixedPriceMinor') }];
  }
  if (model === 'fixed') return [];
  const baseMinor = minor(event.dealValueMinor, 'dealValueMinor');
  assertBasisPoints(terms.rateBp, 'terms.rateBp');
  return [{ calculation: 'percentage', baseMinor, rateBp: terms.rateBp, amountMinor: applyRateHalfEven(baseMinor, terms.rateBp) }];
}

/** Leads a partner may still submit this month; null when it has no quota (0 = none). */
export function remainingLeadQuota(terms: Pick<CommercialTerms, 'monthlyLeadQuota'>, submittedThisMonth: number): number | null {
  if (terms.monthlyLeadQuota === 0) return null;
  return Math.max(0, terms.monthlyLeadQuota - submittedThisMonth);
}
