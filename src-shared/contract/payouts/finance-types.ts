import type { PaymentMethod, PayoutStatus } from './values';

/*
 * What finance's procedures return (services/payouts/finance.ts): the payouts ready to pay or
 * paid, the outcome of marking them paid, exported files and PDF statements. Amounts are integer
 * minor units in `currency`.
 */

/** One row of the finance screen: an approved (or partially approved) payout, or a paid one. */
export interface FinancePayout {
  id: string;
  number: string;
  partner: { id: string; code: string; name: string };
  /** The partner's chosen payout method, and its banking details masked (e.g. "IBAN •••• 3000"). */
  partnerPayoutMethod: PaymentMethod;
  maskedAccount: string | null;
  /** A changed bank account not yet re-verified: the payout can be neither paid nor exported. */
  bankingOnHold: boolean;
  period: { start: string; end: string };
  status: PayoutStatus;
  lineCount: number;
  totalMinor: number;
  approvedMinor: number;
  currency: string;
  approvedAt: string | null;
  /** Who approved (or first approved) it: that person may not mark it paid. */
  approvedBy: { id: string; name: string } | null;
  paymentDate: string | null;
  paymentMethod: PaymentMethod | null;
  paymentReference: string | null;
  paidAt: string | null;
  paidBy: { id: string; name: string } | null;
  version: number;
}

export interface FinanceList {
  rows: FinancePayout[];
  /** More payouts match than `limit`: the oldest approvals (or the latest payments) are listed. */
  more: boolean;
  /** Count and approved amount of every row listed. */
  totals: { count: number; approvedMinor: number; currency: string };
}

/** The result of one payout of a markPaid call: paid, or refused with the error it would have raised. */
export type MarkPaidOutcome =
  | { id: string; ok: true; payout: FinancePayout }
  | { id: string; ok: false; code: 'not_found' | 'conflict' | 'invalid_transition' | 'forbidden'; message: string };

export interface MarkPaidResult {
  outcomes: MarkPaidOutcome[];
  paidCount: number;
  paidMinor: number;
}

/** A file for the caller to save: text (CSV, XML) or base64 bytes (PDF). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text?: string;
  base64?: string;
}
