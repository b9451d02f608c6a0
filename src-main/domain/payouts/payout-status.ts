import { AppError } from '../../../src-shared/contract/errors';
import type { StaffRole } from '../../../src-shared/contract/roles';
import { PAYOUT_TRANSITIONS } from '../../../src-shared/contract/payouts/transitions';
import { PAYOUT_ACTIONS, type PayoutAction, type PayoutLineStatus, type PayoutStatus } from '../../../src-shared/contract/payouts/values';

/* Applies the payout status machine (the table is data in the contract). Mirrors domain/leads/lead-status.ts. */

export { PAYOUT_TRANSITIONS } from '../../../src-shared/contract/payouts/transitions';

const VERB: Readonly<Record<PayoutAction, string>> = { approve: 'approve', reject: 'reject', pay: 'mark paid' };

export const PAYOUT_STATUS_TEXT: Readonly<Record<PayoutStatus, string>> = {
  pending: 'pending',
  approved: 'approved',
  partially_approved: 'partially approved',
  rejected: 'rejected',
  paid: 'paid',
};

/** Refuses an action the table does not allow from `status`, with a sentence that says why. */
export function assertPayoutAction(status: PayoutStatus, action: PayoutAction): void {
  if ((PAYOUT_TRANSITIONS[action].from as readonly PayoutStatus[]).includes(status)) return;
  const base = `Cannot ${VERB[action]} a payout that is ${PAYOUT_STATUS_TEXT[status]}`;
  if (status === 'paid' && action === 'pay') throw new AppError('invalid_transition', `${base}: it was paid already; paying twice is refused.`);
  if (action === 'pay') throw new AppError('invalid_transition', `${base}: only an approved or partially approved payout can be paid.`);
  throw new AppError('invalid_transition', `${base}: only a pending payout can be decided.`);
}

/**
 * The status an approval leads to, from the lines as they will be after it (every pending line
 * approved): `partially_approved` when any line was rejected. A payout whose lines were all
 * rejected cannot be approved (reject the payout instead).
 */
export function approvedPayoutStatus(lines: readonly { status: PayoutLineStatus }[]): PayoutStatus {
  const rejected = lines.filter((l) => l.status === 'rejected').length;
  if (rejected === lines.length) throw new AppError('invalid_transition', 'Every line of this payout was rejected: reject the payout instead of approving it.');
  return rejected > 0 ? 'partially_approved' : 'approved';
}

export function availablePayoutActions(status: PayoutStatus): PayoutAction[] {
  return PAYOUT_ACTIONS.filter((a) => (PAYOUT_TRANSITIONS[a].from as readonly PayoutStatus[]).includes(status));
}

export function canRolePerformPayoutAction(role: StaffRole, action: PayoutAction): boolean {
  return (PAYOUT_TRANSITIONS[action].roles as readonly StaffRole[]).includes(role);
}
