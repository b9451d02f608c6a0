import type { StaffRole } from '../roles';
import type { CreditAction, CreditStatus } from './values';

/*
 * The credit status machine as data (same shape as leads/transitions.ts). DOMAIN.md: a credit is
 * created pending_approval, never approved by the system; a manager approves or rejects it
 * (reason); an approved credit can be reversed (reason) while it is unpaid and in no live payout
 * (its payout line is rejected first). A credit becomes `paid` only when its payout is marked
 * paid (services/payouts), never by a person acting on the credit.
 *
 * Roles: the programme's deciders (admin, manager), as for leads; finance pays and must not also
 * decide what is owed; viewer and partner users read only.
 */

export interface CreditTransitionRule {
  readonly from: readonly CreditStatus[];
  readonly to: CreditStatus;
  readonly reasonRequired: boolean;
  readonly roles: readonly StaffRole[];
}

const DECIDERS = ['admin', 'manager'] as const satisfies readonly StaffRole[];

export const CREDIT_TRANSITIONS = {
  approve: { from: ['pending_approval'], to: 'approved', reasonRequired: false, roles: DECIDERS },
  reject: { from: ['pending_approval'], to: 'rejected', reasonRequired: true, roles: DECIDERS },
  reverse: { from: ['approved'], to: 'reversed', reasonRequired: true, roles: DECIDERS },
} as const satisfies Readonly<Record<CreditAction, CreditTransitionRule>>;

/** The one move no person makes: a credit in a payout that is marked paid. */
export const CREDIT_PAID_FROM: readonly CreditStatus[] = ['approved'];
