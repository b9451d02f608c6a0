import type { ActionOption } from '../action-option';
import type { CreditAction, CreditCalculation, CreditKind, CreditStatus, PayoutStage } from './values';

/** What the credit procedures return. */

export interface CreditPartnerRef {
  id: string;
  code: string;
  name: string;
}

export interface CreditLeadRef {
  id: string;
  contactName: string;
  company: string | null;
}

export interface CreditActorRef {
  id: string;
  name: string;
}

/** One row of the list and the managers' queue. */
export interface CreditSummary {
  id: string;
  partner: CreditPartnerRef;
  lead: CreditLeadRef;
  kind: CreditKind;
  calculation: CreditCalculation;
  baseMinor: number | null;
  rateBp: number | null;
  /** Negative for a clawback. */
  amountMinor: number;
  currency: string;
  status: CreditStatus;
  /** How the amount was reached, for people: "15.00% of €1,000.00 = €150.00", "Fixed price per approved lead". */
  calculationText: string;
  /** Rejection or reversal reason (the partner sees it). */
  reason: string | null;
  /** The live payout that holds the credit, null when it is in the pool. */
  payoutId: string | null;
  payoutStage: PayoutStage | null;
  /** YYYY-MM-DD, the workspace day it was earned (payout periods select by it). */
  earnedOn: string;
  createdAt: string;
  /** Compare-and-set token: a decision names the version it was taken on. */
  version: number;
}

/** Operations on a credit that are not status changes. */
export type CreditOperation = 'clawback';

export interface Credit extends CreditSummary {
  /** The requester's justification, or a clawback's reason. */
  justification: string | null;
  /** For a clawback: the paid credit it claws back. */
  clawbackOf: string | null;
  /** For a paid credit: the amount still open to clawback (original minus live clawbacks). */
  clawbackRoomMinor: number | null;
  /** system (from the commission model), staff (on the partner's behalf) or partner_user. */
  createdByType: 'system' | 'staff' | 'partner_user';
  /** Staff callers only. */
  createdBy: CreditActorRef | null;
  decidedAt: string | null;
  /** Staff callers only. */
  decidedBy: CreditActorRef | null;
  paidAt: string | null;
  updatedAt: string;
  /** Decisions the caller may take now (transition table × role × four eyes); none for partner users. */
  actions: ActionOption<CreditAction>[];
  /** Other operations the caller may take now (clawback of a paid credit). */
  operations: ActionOption<CreditOperation>[];
}

/** A keyset page: `nextCursor` fetches the rows after the last one, null on the last page. */
export interface CreditPage {
  rows: CreditSummary[];
  nextCursor: string | null;
}

/** Per status: how many credits and their sum, for the queue's tabs. */
export interface CreditCounts {
  byStatus: Record<CreditStatus, { count: number; amountMinor: number }>;
  currency: string;
}

/** One credit's outcome in a bulk decision: the credit as it is now, or the sentence that refused it. */
export type BulkCreditOutcome = { id: string; ok: true; status: CreditStatus; version: number } | { id: string; ok: false; code: string; message: string };

export interface BulkCreditResult {
  results: BulkCreditOutcome[];
  succeeded: number;
  failed: number;
}
