import type { LeadCreditStatus } from '../../../src-shared/contract/credits/values';
import { bpToPercentText, formatMoney } from '../../../src-shared/money';

/*
 * How a credit's amount was reached, in words (the stored base, rate and amount re-derive it), and
 * what a lead shows of its credits. Pure.
 */

export interface CalculationFacts {
  kind: string;
  calculation: string;
  baseMinor: number | null;
  rateBp: number | null;
  amountMinor: number;
  currency: string;
}

/** "15% of €1,000.00 = €150.00", "Fixed price per approved lead: €50.00", "Requested: €20.00", "Clawback: −€20.00". */
export function calculationText(c: CalculationFacts): string {
  const money = (m: number) => formatMoney(m, c.currency, 'en');
  if (c.calculation === 'percentage' && c.baseMinor !== null && c.rateBp !== null) return `${bpToPercentText(c.rateBp)}% of ${money(c.baseMinor)} = ${money(c.amountMinor)}`;
  if (c.calculation === 'fixed_price') return `Fixed price per approved lead: ${money(c.amountMinor)}`;
  if (c.kind === 'clawback') return `Clawback: ${money(c.amountMinor)}`;
  return `Requested: ${money(c.amountMinor)}`;
}

/**
 * DOMAIN.md: a lead shows `none`, `pending`, `approved`, `rejected` or `paid`, from all its
 * credits: any paid → paid, else any approved → approved, else any pending → pending, else any
 * rejected or reversed → rejected, else none.
 */
export function leadCreditStatus(statuses: readonly string[]): LeadCreditStatus {
  if (statuses.includes('paid')) return 'paid';
  if (statuses.includes('approved')) return 'approved';
  if (statuses.includes('pending_approval')) return 'pending';
  if (statuses.includes('rejected') || statuses.includes('reversed')) return 'rejected';
  return 'none';
}
