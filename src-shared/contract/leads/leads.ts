import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role } from '../roles';
import { mutation, query, type Procedure } from '../procedure';
import { id } from '../fields';
import { isoDate, optionalNote } from '../partners/fields';
import { crmLeadIdField, dealValueMinor, leadRef, listLeadsInput, queueLeadsInput, rejectionReason, submitLeadInput } from './fields';
import { LEAD_TRANSITIONS } from './transitions';
import type { LeadAction } from './values';
import type { Lead, LeadCounts, LeadDashboard, LeadPage, LeadSubmitted } from './types';

/**
 * Lead intake and review (services/leads/leads.ts). Partner users submit and read their own
 * partner's leads (another partner's lead behaves as missing); staff read all, and the deciders
 * of the transition table take the status actions.
 */

/** Staff who submit on a partner's behalf: the deciders of the lead table (they run the programme), and partner users who may register leads. */
const SUBMITTERS: readonly Role[] = ['admin', 'manager', 'partner_admin', 'partner_lead_manager'];
const READERS: readonly Role[] = [...ALL_STAFF, ...PARTNER_ROLES];

/** What each action takes besides the lead reference and its reason or note. */
const ACTION_FIELDS = {
  start_review: {},
  approve: { crmLeadId: crmLeadIdField },
  reject: {},
  convert: { dealValueMinor: dealValueMinor.refine((v) => v > 0, 'Deal value must be above zero'), convertedOn: isoDate, crmLeadId: crmLeadIdField },
} as const;

type ReasonShape<A extends LeadAction> = (typeof LEAD_TRANSITIONS)[A]['reasonRequired'] extends true ? { reason: typeof rejectionReason } : { note: typeof optionalNote };
type StatusInput<A extends LeadAction> = z.ZodObject<typeof leadRef & ReasonShape<A> & (typeof ACTION_FIELDS)[A], z.core.$strict>;

/** A status procedure: roles and whether a reason is mandatory come from the transition table. */
function statusAction<A extends LeadAction>(action: A, doc: string): Procedure<StatusInput<A>, Lead> {
  const rule = LEAD_TRANSITIONS[action];
  const input = z.object({ ...leadRef, ...(rule.reasonRequired ? { reason: rejectionReason } : { note: optionalNote }), ...ACTION_FIELDS[action] }).strict();
  // The conditional type cannot be narrowed from the run-time branch; the table decides both.
  return mutation(input).effects('leads', 'credits', 'partners', 'activity').returns<Lead>(rule.roles, doc) as unknown as Procedure<StatusInput<A>, Lead>;
}

export const leadProcedures = {
  'leads.submit': mutation(submitLeadInput)
    .effects('leads', 'partners', 'activity')
    .returns<LeadSubmitted>(
      SUBMITTERS,
      "Registers a lead for an active partner within its monthly quota, scored and checked for duplicates; a retry with the same idempotency key returns the first lead.",
    ),
  'leads.get': query(z.object({ id }).strict()).returns<Lead>(READERS, 'One lead with its score breakdown, duplicate information and the actions the caller may take.'),
  'leads.list': query(listLeadsInput).returns<LeadPage>(READERS, 'Leads, newest first, filtered, in keyset pages (partner users see their own partner only).'),
  'leads.queue': query(queueLeadsInput).returns<LeadPage>(ALL_STAFF, 'The review queue: submitted and under-review leads, highest score first, then oldest, in keyset pages.'),
  'leads.counts': query(z.object({}).strict()).returns<LeadCounts>(ALL_STAFF, 'Lead counts per status (and flagged duplicates per status) from the maintained counters.'),
  'leads.dashboard': query(z.object({}).strict()).returns<LeadDashboard>(
    ALL_STAFF,
    "The landing page's work waiting: pending and flagged-duplicate counts from the counters, the oldest pending lead, and leads per day over the last 30 days (workspace time zone, zeros included).",
  ),
  'leads.startReview': statusAction('start_review', 'submitted → under_review, claimed by the caller (other reviewers see the claim).'),
  'leads.approve': statusAction('approve', 'submitted or under review → approved, with an optional CRM lead id.'),
  'leads.reject': statusAction('reject', 'submitted or under review → rejected, with a reason the partner will see.'),
  'leads.convert': statusAction('convert', 'approved → converted, with the deal value (minor units) and the day it was won.'),
} as const;
