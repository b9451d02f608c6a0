/** Closed value sets of credits (DOMAIN.md *Credits*): one list of each, shared by contract, domain and UI. */

export const CREDIT_STATUSES = ['pending_approval', 'approved', 'rejected', 'reversed', 'paid'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];

/** commission: from the partner's commission model; requested: by a partner user; clawback: negative, of a paid credit. */
export const CREDIT_KINDS = ['commission', 'requested', 'clawback'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** How the amount was reached: base × rate, the fixed price, or an amount a person gave (request, clawback). */
export const CREDIT_CALCULATIONS = ['percentage', 'fixed_price', 'manual'] as const;
export type CreditCalculation = (typeof CREDIT_CALCULATIONS)[number];

/** Decisions people take on a credit (see transitions.ts). Paying is not one: a credit becomes paid with its payout. */
export const CREDIT_ACTIONS = ['approve', 'reject', 'reverse'] as const;
export type CreditAction = (typeof CREDIT_ACTIONS)[number];

/** Where an approved credit stands towards payouts: in the pool (null), in a pending payout, in an approved one. */
export const PAYOUT_STAGES = ['pending', 'approved'] as const;
export type PayoutStage = (typeof PAYOUT_STAGES)[number];

/** What a lead shows of its credits (DOMAIN.md): none, pending, approved, rejected, paid. */
export const LEAD_CREDIT_STATUSES = ['none', 'pending', 'approved', 'rejected', 'paid'] as const;
export type LeadCreditStatus = (typeof LEAD_CREDIT_STATUSES)[number];

export const CREDIT_FIELD_LIMITS = { justification: 1000, reason: 1000 } as const;
