import type { StaffRole } from '../roles';
import type { LeadAction, LeadStatus } from './values';

/*
 * The lead status machine as data, in one place (same shape as partners/transitions.ts): the
 * domain layer (src-main/domain/leads/lead-status.ts) applies it, and the contract will build
 * each lead status procedure's access and input from it. Every action has exactly one target
 * status, so the table is keyed by action: where it may start from, where it leads, whether a
 * reason is mandatory, and which staff roles may take it.
 *
 * DOMAIN.md: submitted → under_review → approved | rejected; submitted → approved | rejected;
 * approved → converted. Rejection needs a reason (the partner sees it). Converted and rejected
 * are final: no action starts from them.
 *
 * Roles: admin and manager decide, as for partners. A lead decision is what a partner earns by
 * (a fixed commission on approval, a percentage on conversion), so it belongs to the people who
 * run the programme; finance pays those credits and must not also decide that they are owed
 * (separation of duties); viewer reads only. Partner users submit leads but never judge them,
 * their own least of all. Starting a review only claims the lead, but it takes it out of the
 * other reviewers' "new" pile, so it is open to the same deciders.
 */

export interface LeadTransitionRule {
  readonly from: readonly LeadStatus[];
  readonly to: LeadStatus;
  readonly reasonRequired: boolean;
  readonly roles: readonly StaffRole[];
}

const DECIDERS = ['admin', 'manager'] as const satisfies readonly StaffRole[];

export const LEAD_TRANSITIONS = {
  start_review: { from: ['submitted'], to: 'under_review', reasonRequired: false, roles: DECIDERS },
  approve: { from: ['submitted', 'under_review'], to: 'approved', reasonRequired: false, roles: DECIDERS },
  reject: { from: ['submitted', 'under_review'], to: 'rejected', reasonRequired: true, roles: DECIDERS },
  convert: { from: ['approved'], to: 'converted', reasonRequired: false, roles: DECIDERS },
} as const satisfies Readonly<Record<LeadAction, LeadTransitionRule>>;
