import type { CreditAction, CreditKind, CreditStatus, LeadCreditStatus } from '@shared/contract/credits/values';

export const CREDIT_STATUS_LABEL: Record<CreditStatus, string> = {
  pending_approval: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  reversed: 'Reversed',
  paid: 'Paid',
};

export const CREDIT_STATUS_COLOR: Record<CreditStatus, string> = {
  pending_approval: 'yellow',
  approved: 'green',
  rejected: 'red',
  reversed: 'gray',
  paid: 'teal',
};

export const CREDIT_KIND_LABEL: Record<CreditKind, string> = {
  commission: 'Commission',
  requested: 'Requested',
  clawback: 'Clawback',
};

export const CREDIT_ACTION_LABEL: Record<CreditAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  reverse: 'Reverse',
};

export const LEAD_CREDIT_STATUS_LABEL: Record<LeadCreditStatus, string> = {
  none: 'No credit',
  pending: 'Credit pending',
  approved: 'Credit approved',
  rejected: 'Credit rejected',
  paid: 'Credit paid',
};

export const LEAD_CREDIT_STATUS_COLOR: Record<LeadCreditStatus, string> = {
  none: 'gray',
  pending: 'yellow',
  approved: 'green',
  rejected: 'red',
  paid: 'teal',
};
