import { LEAD_STATUSES, SUBMISSION_TYPES, type LeadAction, type LeadStatus, type SubmissionType } from '@shared/contract/leads/values';
import type { LeadScoreSignal } from '@shared/contract/leads/score-types';

export const LEAD_STATUS_LABEL: Record<LeadStatus, string> = {
  submitted: 'New',
  under_review: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  converted: 'Converted',
};

export const LEAD_STATUS_COLOR: Record<LeadStatus, string> = {
  submitted: 'brand',
  under_review: 'yellow',
  approved: 'green',
  rejected: 'red',
  converted: 'teal',
};

export const SUBMISSION_TYPE_LABEL: Record<SubmissionType, string> = {
  new_lead: 'New lead',
  referral: 'Referral',
  import_batch: 'CSV import',
};

export const LEAD_ACTION_LABEL: Record<LeadAction, string> = {
  start_review: 'Start review',
  approve: 'Approve',
  reject: 'Reject',
  convert: 'Mark converted',
};

export const SIGNAL_LABEL: Record<LeadScoreSignal, string> = {
  completeness: 'Completeness',
  email: 'Email',
  phone: 'Phone',
  estimated_value: 'Estimated value',
  duplicate: 'Duplicate check',
  partner_history: 'Partner history',
};

export const LEAD_STATUS_OPTIONS = LEAD_STATUSES.map((s) => ({ value: s, label: LEAD_STATUS_LABEL[s] }));
export const SUBMISSION_TYPE_OPTIONS = SUBMISSION_TYPES.map((t) => ({ value: t, label: SUBMISSION_TYPE_LABEL[t] }));

/**
 * The score's colour band, for the eye only (the number is always written beside it). The bands
 * are presentation, not a rule: nothing is decided from them.
 */
export function scoreColor(score: number): string {
  if (score >= 70) return 'green';
  if (score >= 40) return 'yellow';
  return 'red';
}
