/** Closed value sets of payouts (DOMAIN.md *Payouts*): one list of each, shared by contract, domain and UI. */

export const PAYOUT_STATUSES = ['pending', 'approved', 'partially_approved', 'rejected', 'paid'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Payouts finance may pay (and export). */
export const PAYABLE_PAYOUT_STATUSES = ['approved', 'partially_approved'] as const satisfies readonly PayoutStatus[];

export const PAYOUT_ACTIONS = ['approve', 'reject', 'pay'] as const;
export type PayoutAction = (typeof PAYOUT_ACTIONS)[number];

export const PAYOUT_LINE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type PayoutLineStatus = (typeof PAYOUT_LINE_STATUSES)[number];

export const PAYMENT_METHODS = ['bank_transfer', 'paypal', 'check', 'wire'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYOUT_RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type PayoutRunStatus = (typeof PAYOUT_RUN_STATUSES)[number];

/** Why a run made no payout for a partner (DOMAIN.md), in the order they are checked. */
export const PAYOUT_SKIP_REASONS = ['not_active', 'suspended', 'kyc_not_verified', 'banking_on_hold', 'nothing_approved', 'below_minimum'] as const;
export type PayoutSkipReason = (typeof PAYOUT_SKIP_REASONS)[number];

export const PAYOUT_REQUEST_STATUSES = ['open', 'generated', 'declined'] as const;
export type PayoutRequestStatus = (typeof PAYOUT_REQUEST_STATUSES)[number];

export const PAYOUT_FIELD_LIMITS = { note: 1000, paymentReference: 35 } as const;
