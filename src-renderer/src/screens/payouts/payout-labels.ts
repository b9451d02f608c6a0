import type { PayoutLineStatus, PayoutRequestStatus, PayoutRunStatus, PayoutSkipReason, PayoutStatus } from '@shared/contract/payouts/values';

/** How payout values read and look on screen. */

export const PAYOUT_STATUS_LABELS: Record<PayoutStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  rejected: 'Rejected',
  paid: 'Paid',
};

export const PAYOUT_STATUS_COLORS: Record<PayoutStatus, string> = {
  pending: 'yellow',
  approved: 'green',
  partially_approved: 'teal',
  rejected: 'red',
  paid: 'blue',
};

export const LINE_STATUS_LABELS: Record<PayoutLineStatus, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };
export const LINE_STATUS_COLORS: Record<PayoutLineStatus, string> = { pending: 'yellow', approved: 'green', rejected: 'red' };

export const RUN_STATUS_LABELS: Record<PayoutRunStatus, string> = { running: 'Running', completed: 'Completed', failed: 'Failed' };
export const REQUEST_STATUS_LABELS: Record<PayoutRequestStatus, string> = { open: 'Open', generated: 'Generated', declined: 'Declined' };

export const SKIP_REASON_LABELS: Record<PayoutSkipReason | 'taken_by_concurrent_run', string> = {
  not_active: 'Not active',
  suspended: 'Suspended',
  kyc_not_verified: 'KYC not verified',
  banking_on_hold: 'Banking on hold',
  nothing_approved: 'Nothing approved',
  below_minimum: 'Below minimum',
  taken_by_concurrent_run: 'Taken by a concurrent run',
};

export function periodText(period: { start: string; end: string }): string {
  return `${period.start} – ${period.end}`;
}
