import { AppError } from '../../../src-shared/contract/errors';
import type { StaffRole } from '../../../src-shared/contract/roles';
import { CREDIT_TRANSITIONS } from '../../../src-shared/contract/credits/transitions';
import { CREDIT_ACTIONS, CREDIT_FIELD_LIMITS, type CreditAction, type CreditStatus } from '../../../src-shared/contract/credits/values';

/* Applies the credit status machine (the table is data in the contract). Mirrors domain/leads/lead-status.ts. */

export { CREDIT_TRANSITIONS } from '../../../src-shared/contract/credits/transitions';

const VERB: Readonly<Record<CreditAction, string>> = { approve: 'approve', reject: 'reject', reverse: 'reverse' };

export const CREDIT_STATUS_TEXT: Readonly<Record<CreditStatus, string>> = {
  pending_approval: 'pending approval',
  approved: 'approved',
  rejected: 'rejected',
  reversed: 'reversed',
  paid: 'paid',
};

/** The next status, or AppError('invalid_transition') that says what was tried and why it cannot be. */
export function nextCreditStatus(status: CreditStatus, action: CreditAction): CreditStatus {
  const rule = CREDIT_TRANSITIONS[action];
  if ((rule.from as readonly CreditStatus[]).includes(status)) return rule.to;
  const base = `Cannot ${VERB[action]} a credit that is ${CREDIT_STATUS_TEXT[status]}`;
  if (action === 'reverse' && status === 'paid') throw new AppError('invalid_transition', `${base}: claw a paid credit back instead.`);
  if (action === 'reverse') throw new AppError('invalid_transition', `${base}: only an approved, unpaid credit can be reversed.`);
  throw new AppError('invalid_transition', `${base}: only a credit pending approval can be decided.`);
}

export function availableCreditActions(status: CreditStatus): CreditAction[] {
  return CREDIT_ACTIONS.filter((a) => (CREDIT_TRANSITIONS[a].from as readonly CreditStatus[]).includes(status));
}

export function canRolePerformCreditAction(role: StaffRole, action: CreditAction): boolean {
  return (CREDIT_TRANSITIONS[action].roles as readonly StaffRole[]).includes(role);
}

/** The reason stored with a decision: trimmed; required where the table says so; bounded. */
export function reasonForCreditTransition(action: CreditAction, reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '' && CREDIT_TRANSITIONS[action].reasonRequired) throw new AppError('validation', `A reason is required to ${VERB[action]} a credit`, 'reason');
  if (trimmed.length > CREDIT_FIELD_LIMITS.reason) throw new AppError('validation', `Reason must be at most ${CREDIT_FIELD_LIMITS.reason} characters`, 'reason');
  return trimmed === '' ? null : trimmed;
}
