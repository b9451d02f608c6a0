import type { ActionOption } from '../action-option';
import type { CreditCalculation, CreditKind } from '../credits/values';
import type { PaymentMethod, PayoutAction, PayoutLineStatus, PayoutRequestStatus, PayoutRunStatus, PayoutSkipReason, PayoutStatus } from './values';

/** What the payout procedures of generation, review and requests return (the finance and statistics helpers import these). */

export interface PayoutActorRef {
  id: string;
  name: string;
}

export interface PayoutPartnerRef {
  id: string;
  code: string;
  name: string;
}

/** A payout's period: ISO calendar days of the workspace, both included. */
export interface PayoutPeriod {
  start: string;
  end: string;
}

/** One row of the payouts list (and the finance queue). Amounts are integer minor units in `currency`. */
export interface PayoutSummary {
  id: string;
  /** Unique per tenant, e.g. PO-2031-03-0001. */
  number: string;
  partner: PayoutPartnerRef;
  period: PayoutPeriod;
  status: PayoutStatus;
  lineCount: number;
  /** Sum of all lines (≥ 0: clawbacks are netted at generation). */
  totalMinor: number;
  /** Sum of the approved lines; null until the payout is approved. */
  approvedMinor: number | null;
  currency: string;
  generatedAt: string;
  generatedBy: PayoutActorRef | null;
  /** Above the tenant threshold: the first of two approvals (the payout stays pending). */
  firstApprovedBy: PayoutActorRef | null;
  firstApprovedAt: string | null;
  approvedBy: PayoutActorRef | null;
  approvedAt: string | null;
  rejectedBy: PayoutActorRef | null;
  rejectedAt: string | null;
  paidBy: PayoutActorRef | null;
  paidAt: string | null;
  /** YYYY-MM-DD. */
  paymentDate: string | null;
  paymentMethod: PaymentMethod | null;
  paymentReference: string | null;
  /** The run that generated it, and the partner request it answers, if any. */
  runId: string | null;
  requestId: string | null;
  /** Compare-and-set token: every decision names the version it was taken on. */
  version: number;
}

export interface PayoutLine {
  id: string;
  creditId: string;
  leadId: string;
  /** The lead's contact name (what a reviewer recognises). */
  leadContactName: string;
  creditKind: CreditKind;
  creditCalculation: CreditCalculation;
  /** base × rate of a percentage credit, for re-deriving the figure. */
  creditBaseMinor: number | null;
  creditRateBp: number | null;
  /** The credit's earned day. */
  earnedOn: string;
  /** Negative for a clawback. */
  amountMinor: number;
  status: PayoutLineStatus;
  /** The reviewer's note (required to reject; the partner sees it). */
  note: string | null;
  decidedBy: PayoutActorRef | null;
  decidedAt: string | null;
}

/** Line decisions a caller may take (approve/reject one line) while the payout is pending. */
export type PayoutLineAction = 'approve' | 'reject';

export interface PayoutDetail extends PayoutSummary {
  lines: PayoutLine[];
  /** Sums of the lines by their status now. */
  pendingMinor: number;
  rejectedMinor: number;
  /** Payout notes (rejection notes, approval notes). */
  notes: string | null;
  /** Payout-level actions the caller may take now (approve, reject, pay); disabled ones carry the reason. */
  actions: ActionOption<PayoutAction>[];
  /** Whether the caller may decide lines now (pending payout, deciding role). */
  lineActions: ActionOption<PayoutLineAction>[];
  /** Sentences of what stands in the way, e.g. "You generated this payout: another manager must approve it". */
  blockers: string[];
  /** Whether this payout needs two approvals (total above the tenant threshold). */
  needsSecondApproval: boolean;
}

/** A keyset page of payouts; `totals` are of every payout matching the filter (not only this page). */
export interface PayoutPage {
  rows: PayoutSummary[];
  nextCursor: string | null;
  totals: { count: number; totalMinor: number; currency: string };
}

export interface PayoutRunSkip {
  partner: PayoutPartnerRef;
  reason: PayoutSkipReason | 'taken_by_concurrent_run';
  /** A sentence for people, e.g. "Available 30.00 is below the minimum 50.00". */
  message: string;
  /** The available amount that was not paid out (below minimum), in minor units. */
  amountMinor: number;
}

/** A generation run: its progress while it goes, then its report (kept, viewable later). */
export interface PayoutRun {
  id: string;
  period: PayoutPeriod;
  /** One partner, or null for all. */
  partner: PayoutPartnerRef | null;
  requestId: string | null;
  status: PayoutRunStatus;
  partnersTotal: number;
  partnersDone: number;
  payoutsCreated: number;
  totalMinor: number;
  currency: string;
  skippedCount: number;
  /** The report, once the run has ended (empty while it runs): the payouts it made, ordered by number, and every partner it skipped. */
  payouts: { id: string; number: string; partner: PayoutPartnerRef; totalMinor: number; lineCount: number }[];
  skipped: PayoutRunSkip[];
  failure: string | null;
  startedBy: PayoutActorRef | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A row of the runs list (no report). */
export type PayoutRunSummary = Omit<PayoutRun, 'payouts' | 'skipped'>;

export interface PayoutRequest {
  id: string;
  partner: PayoutPartnerRef;
  /** The available balance when asked. */
  amountMinor: number;
  currency: string;
  note: string | null;
  status: PayoutRequestStatus;
  requestedBy: PayoutActorRef | null;
  requestedAt: string;
  decidedBy: PayoutActorRef | null;
  decidedAt: string | null;
  /** Why it was declined (the partner sees it). */
  reason: string | null;
  payoutId: string | null;
}
