/** Closed value sets and limits of the lead domain: one list of each, shared by contract, domain and UI. */

export const LEAD_STATUSES = ['submitted', 'under_review', 'approved', 'rejected', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** The statuses of the review queue: nobody has decided yet. */
export const PENDING_LEAD_STATUSES = ['submitted', 'under_review'] as const satisfies readonly LeadStatus[];

/**
 * A rejected lead protects nothing: only live leads (every other status) count as the earlier
 * registration in duplicate detection. A converted lead is live: the deal was won through it.
 */
export const LIVE_LEAD_STATUSES = ['submitted', 'under_review', 'approved', 'converted'] as const satisfies readonly LeadStatus[];

export const SUBMISSION_TYPES = ['new_lead', 'referral', 'import_batch'] as const;
export type SubmissionType = (typeof SUBMISSION_TYPES)[number];

/** Status changes, each with one target status (see transitions.ts). */
export const LEAD_ACTIONS = ['start_review', 'approve', 'reject', 'convert'] as const;
export type LeadAction = (typeof LEAD_ACTIONS)[number];

/**
 * Maximum lengths of the lead's text fields, in characters (after trimming). Long enough for
 * real data from any CRM export, short enough that a 10 MB cell in an import is refused per row
 * rather than stored. Email 254: the longest address SMTP can carry (RFC 5321 path limit).
 */
export const LEAD_FIELD_LIMITS = {
  contactName: 200,
  company: 200,
  email: 254,
  phone: 40,
  jobTitle: 150,
  productInterest: 200,
  website: 2048,
  notes: 5000,
  crmLeadId: 100,
  rejectionReason: 1000,
} as const;

/** Free extra fields: a bounded map of short keys to text values (what a partner's CRM had besides ours). */
export const LEAD_EXTRA_FIELD_LIMITS = {
  maxFields: 50,
  keyLength: 64,
  valueLength: 1000,
} as const;

/**
 * The largest estimated or converted deal value accepted, in minor units: 10^13 is 100 billion in a
 * two-decimal currency, above any partner deal, and leaves headroom below 2^53 for sums over many leads.
 */
export const MAX_DEAL_VALUE_MINOR = 10_000_000_000_000;

/** Protection window of duplicate detection (tenant setting), in days. */
export const DEFAULT_PROTECTION_WINDOW_DAYS = 90;
export const MAX_PROTECTION_WINDOW_DAYS = 3650;
