import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role } from '../roles';
import { mutation, query, type Procedure } from '../procedure';
import { id } from '../fields';
import { bulkDecideInput, clawbackCreditInput, creditReason, creditRef, listCreditsInput, requestCreditInput } from './fields';
import { CREDIT_TRANSITIONS } from './transitions';
import type { CreditAction } from './values';
import type { BulkCreditResult, Credit, CreditCounts, CreditPage } from './types';

/**
 * Credits (services/credits/credits.ts). Staff read all; partner users read their own
 * partner's (another partner's credit behaves as missing). The deciders of the transition table
 * approve, reject and reverse; partner admins and lead managers (and staff deciders on their
 * behalf) request a credit for one of the partner's leads; deciders claw back a paid credit.
 */

const READERS: readonly Role[] = [...ALL_STAFF, ...PARTNER_ROLES];
/** Partner users who may ask for a credit, and the staff deciders who may do so on a partner's behalf. */
const REQUESTERS: readonly Role[] = ['admin', 'manager', 'partner_admin', 'partner_lead_manager'];
const DECIDERS: readonly Role[] = ['admin', 'manager'];

type ReasonShape<A extends CreditAction> = (typeof CREDIT_TRANSITIONS)[A]['reasonRequired'] extends true ? { reason: typeof creditReason } : Record<never, never>;
type StatusInput<A extends CreditAction> = z.ZodObject<typeof creditRef & ReasonShape<A>, z.core.$strict>;

/** A decision procedure: roles and whether a reason is mandatory come from the transition table. */
function statusAction<A extends CreditAction>(action: A, doc: string): Procedure<StatusInput<A>, Credit> {
  const rule = CREDIT_TRANSITIONS[action];
  const input = z.object({ ...creditRef, ...(rule.reasonRequired ? { reason: creditReason } : {}) }).strict();
  // The conditional type cannot be narrowed from the run-time branch; the table decides both.
  return mutation(input).effects('credits', 'partners', 'activity').returns<Credit>(rule.roles, doc) as unknown as Procedure<StatusInput<A>, Credit>;
}

export const creditProcedures = {
  'credits.list': query(listCreditsInput).returns<CreditPage>(READERS, 'Credits, oldest first, filtered by status, kind, partner or lead, in keyset pages (partner users see their own partner only).'),
  'credits.get': query(z.object({ id }).strict()).returns<Credit>(READERS, 'One credit with its lead, partner, calculation explained, history and the actions the caller may take.'),
  'credits.counts': query(z.object({}).strict()).returns<CreditCounts>(ALL_STAFF, 'Credit counts and amounts per status (one grouped read), for the queue tabs.'),
  'credits.approve': statusAction('approve', 'pending_approval → approved: the amount counts as earned (never by the person who requested it).'),
  'credits.reject': statusAction('reject', 'pending_approval → rejected, with a reason the partner will see.'),
  'credits.reverse': statusAction('reverse', 'approved → reversed, with a reason, while unpaid and in no live payout (reject its payout line first).'),
  'credits.bulkDecide': mutation(bulkDecideInput)
    .effects('credits', 'partners', 'activity')
    .returns<BulkCreditResult>(DECIDERS, 'Approves or rejects (reason) up to 200 pending credits at the versions seen; each one is decided on its own, and refused ones say why.'),
  'credits.request': mutation(requestCreditInput)
    .effects('credits', 'activity')
    .returns<Credit>(REQUESTERS, "Asks for a credit (amount above zero, justification) for one of the partner's own leads; it waits for a manager's approval."),
  'credits.clawback': mutation(clawbackCreditInput)
    .effects('credits', 'activity')
    .returns<Credit>(DECIDERS, 'Claws back (part of) a paid credit as a negative credit pending approval; all clawbacks of a credit never exceed it.'),
} as const;
