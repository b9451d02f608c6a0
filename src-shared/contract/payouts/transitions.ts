import type { StaffRole } from '../roles';
import type { PayoutAction, PayoutStatus } from './values';

/*
 * The payout status machine as data (same shape as leads/transitions.ts). DOMAIN.md: generated
 * `pending`; approve → `approved`, or `partially_approved` when some line was rejected (the
 * target is decided from the lines, so the table lists both); reject (notes) → `rejected`, all
 * credits back to the pool; an approved or partially approved payout is marked `paid` by finance.
 * Paid and rejected are final.
 *
 * Four eyes (enforced in services/payouts): the generator cannot approve; above the tenant
 * threshold a second, different manager must approve (the first approval is recorded and the
 * payout stays pending); the approver cannot pay; a suspended or banking-on-hold partner's payout
 * cannot be approved.
 *
 * Roles: admin and manager approve and reject, as for leads and credits; finance (and admin)
 * pay. A manager never pays, finance never approves: the separation of duties holds by role
 * before the per-person rules apply.
 */

export interface PayoutTransitionRule {
  readonly from: readonly PayoutStatus[];
  readonly to: readonly PayoutStatus[];
  readonly reasonRequired: boolean;
  readonly roles: readonly StaffRole[];
}

export const PAYOUT_TRANSITIONS = {
  approve: { from: ['pending'], to: ['approved', 'partially_approved'], reasonRequired: false, roles: ['admin', 'manager'] },
  reject: { from: ['pending'], to: ['rejected'], reasonRequired: true, roles: ['admin', 'manager'] },
  pay: { from: ['approved', 'partially_approved'], to: ['paid'], reasonRequired: false, roles: ['admin', 'finance'] },
} as const satisfies Readonly<Record<PayoutAction, PayoutTransitionRule>>;

/** Line decisions happen while the payout is pending, by the payout's deciders. */
export const PAYOUT_LINE_DECIDERS = PAYOUT_TRANSITIONS.approve.roles;
