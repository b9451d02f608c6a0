import type { ActionOption } from '../../../src-shared/contract/action-option';
import type { CreditOperation } from '../../../src-shared/contract/credits/types';
import { CREDIT_TRANSITIONS } from '../../../src-shared/contract/credits/transitions';
import type { CreditAction, CreditStatus } from '../../../src-shared/contract/credits/values';
import { STAFF_ROLES, type Role, type StaffRole } from '../../../src-shared/contract/roles';
import { availableCreditActions, canRolePerformCreditAction } from './credit-status';

/*
 * What the caller may do with a credit now (the pattern of src-shared/contract/action-option.ts):
 * the decisions the transition table offers from the credit's status for the caller's role, and
 * the clawback of a paid credit. A decision the workflow offers but a rule blocks right now is
 * listed disabled with the same sentence the service throws (four eyes, a live payout, no room
 * left to claw back).
 */

/** The facts of a credit the rules look at. */
export interface CreditFacts {
  status: CreditStatus;
  kind: string;
  /** Who asked for a requested credit (staff on behalf), to keep them from approving it. */
  createdByType: string;
  createdBy: string | null;
  payoutId: string | null;
  /** For a paid, positive credit: the amount still open to clawback. */
  clawbackRoomMinor: number | null;
}

const isStaffRole = (role: Role): role is StaffRole => (STAFF_ROLES as readonly Role[]).includes(role);

export const FOUR_EYES_CREDIT = 'You asked for this credit on the partner’s behalf: another manager must approve it.';
export const IN_PAYOUT_CREDIT = 'This credit is in a live payout: reject its payout line first.';
export const NO_CLAWBACK_ROOM = 'This credit has been clawed back in full already.';

/** Why the caller may not take `action` on the credit now (a rule, not the table), or null. */
export function creditActionBlock(facts: CreditFacts, action: CreditAction, userId: string): string | null {
  if (action === 'approve' && facts.createdByType === 'staff' && facts.createdBy === userId) return FOUR_EYES_CREDIT;
  if (action === 'reverse' && facts.payoutId !== null) return IN_PAYOUT_CREDIT;
  return null;
}

/** Whether the paid credit can still be clawed back (positive, paid, room left); the reason when not. */
export function clawbackBlock(facts: CreditFacts): string | null {
  if (facts.status !== 'paid' || facts.kind === 'clawback') return 'Only a paid credit can be clawed back.';
  if ((facts.clawbackRoomMinor ?? 0) <= 0) return NO_CLAWBACK_ROOM;
  return null;
}

export function creditActions(facts: CreditFacts, role: Role, userId: string): ActionOption<CreditAction>[] {
  if (!isStaffRole(role)) return [];
  return availableCreditActions(facts.status)
    .filter((action) => canRolePerformCreditAction(role, action))
    .map((action) => {
      const reason = creditActionBlock(facts, action, userId);
      return { action, enabled: reason === null, reason, needsReason: CREDIT_TRANSITIONS[action].reasonRequired };
    });
}

/** Clawback is the deciders' (admin, manager), offered on a paid credit only. */
export function creditOperations(facts: CreditFacts, role: Role): ActionOption<CreditOperation>[] {
  if (role !== 'admin' && role !== 'manager') return [];
  if (facts.status !== 'paid' || facts.kind === 'clawback') return [];
  const reason = clawbackBlock(facts);
  return [{ action: 'clawback', enabled: reason === null, reason, needsReason: true }];
}
