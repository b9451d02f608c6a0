import type { ActionOption } from '../action-option';
import type { LeadScoreLine } from './score-types';
import type { LeadAction, LeadStatus, SubmissionType } from './values';
import type { LeadCreditStatus } from '../credits/values';

/** What the lead procedures return. */

/** The normalised keys two leads can share (src-main/domain/leads/dedupe.ts DEDUPE_KEYS). */
export type LeadMatchKey = 'email' | 'phone' | 'companyDomain';

export interface LeadActorRef {
  id: string;
  name: string;
}

export interface LeadPartnerRef {
  id: string;
  code: string;
  name: string;
}

/** One row of the queue and the list. */
export interface LeadSummary {
  id: string;
  partner: LeadPartnerRef;
  type: SubmissionType;
  status: LeadStatus;
  contactName: string;
  company: string | null;
  email: string | null;
  country: string | null;
  estimatedValueMinor: number | null;
  score: number;
  /** Flagged as a duplicate of an earlier live lead (see Lead.duplicate for the details the caller may see). */
  duplicateFlag: boolean;
  submittedAt: string;
  /** Why a rejected lead was rejected (the partner sees it too); null otherwise. */
  rejectionReason: string | null;
  /** The reviewer who started the review (staff callers only; null for partner users). */
  claimedBy: LeadActorRef | null;
  claimedAt: string | null;
  /** Compare-and-set token: a status action names the version it was taken on. */
  version: number;
}

/** Staff see the earlier registration in full; the reviewer decides, the earliest one wins by default. */
export interface LeadDuplicateMatch {
  leadId: string;
  partner: LeadPartnerRef;
  submittedAt: string;
  /** The earlier lead's status now (it may have been rejected since, which frees the contact). */
  status: LeadStatus | null;
  matchedOn: LeadMatchKey[];
}

export type LeadDuplicateInfo =
  | {
      view: 'staff';
      /** The earliest matching registration: the default winner. */
      duplicateOf: LeadDuplicateMatch;
      /** Every match at submission, earliest first. */
      matches: LeadDuplicateMatch[];
    }
  | {
      /** A partner user learns that there is an earlier registration and on which keys, never whose (domain duplicateForPartner). */
      view: 'partner';
      flagged: true;
      matchedOn: LeadMatchKey[];
      /** The earlier lead's id only when it is the viewer's own partner's. */
      ownLeadId: string | null;
    };

export interface LeadExtraField {
  key: string;
  value: string;
}

export interface Lead extends LeadSummary {
  phone: string | null;
  /** E.164, when the phone could be read. */
  phoneE164: string | null;
  jobTitle: string | null;
  productInterest: string | null;
  website: string | null;
  notes: string | null;
  extra: LeadExtraField[];
  /** The stored breakdown from submission: lines add up to `score`; later weight changes never rewrite it. */
  scoreBreakdown: LeadScoreLine[];
  duplicate: LeadDuplicateInfo | null;
  decidedAt: string | null;
  /** Staff callers only. */
  decidedBy: LeadActorRef | null;
  /** Visible to the partner. */
  rejectionReason: string | null;
  crmLeadId: string | null;
  convertedValueMinor: number | null;
  /** YYYY-MM-DD, the day the deal was won. */
  convertedOn: string | null;
  /** Status actions the caller may take now (transition table × role); none for partner users. */
  actions: ActionOption<LeadAction>[];
  /** What the lead shows of its credits: paid > approved > pending > rejected (or reversed) > none. */
  creditStatus: LeadCreditStatus;
}

/** A keyset page: `nextCursor` fetches the rows after the last one, null on the last page. */
export interface LeadPage {
  rows: LeadSummary[];
  nextCursor: string | null;
}

/** What a submission returned: the lead, and whether this call created it or returned the first call's (same idempotency key). */
export interface LeadSubmitted {
  lead: Lead;
  created: boolean;
}

/** Counts per status from a maintained counter table (no scan): all leads, and those flagged as duplicates. */
export interface LeadCounts {
  byStatus: Record<LeadStatus, number>;
  duplicatesByStatus: Record<LeadStatus, number>;
  /** submitted + under_review: the review queue's size. */
  pending: number;
}

/** The managers' landing page: the work waiting, and the last 30 days of submissions. */
export interface LeadDashboard {
  /** submitted + under_review, from the counters. */
  pending: number;
  /** Pending leads flagged as possible duplicates (the queue's duplicate filter). */
  flaggedDuplicates: number;
  /** The pending lead submitted longest ago; null when the queue is empty. */
  oldestWaiting: { id: string; submittedAt: string } | null;
  /** The last 30 calendar days in the workspace time zone, oldest first, ending today; every day present (zero included). */
  perDay: { day: string; count: number }[];
}
