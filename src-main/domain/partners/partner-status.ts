import { AppError } from '../../../src-shared/contract/errors';
import type { StaffRole } from '../../../src-shared/contract/roles';
import { PARTNER_ACTIONS, PARTNER_TRANSITIONS, type PartnerAction, type PartnerStatus } from '../../../src-shared/contract/partners';

/*
 * Applies the partner status machine. The table itself (PARTNER_TRANSITIONS) is data in the
 * contract, so that the contract's status procedures take their roles and inputs from it.
 */

export { PARTNER_TRANSITIONS, type PartnerTransitionRule } from '../../../src-shared/contract/partners';

export type PartnerTransitionResult = { ok: true; next: PartnerStatus } | { ok: false; error: AppError };

/** The next status, or an invalid_transition error (returned, not thrown, so callers can list options). */
export function transitionPartner(status: PartnerStatus, action: PartnerAction): PartnerTransitionResult {
  const rule = PARTNER_TRANSITIONS[action];
  if ((rule.from as readonly PartnerStatus[]).includes(status)) return { ok: true, next: rule.to };
  return {
    ok: false,
    error: new AppError('invalid_transition', `Cannot ${VERB[action]} a partner that is ${status}.`),
  };
}

/** Throwing form for services: the next status, or AppError('invalid_transition'). */
export function nextPartnerStatus(status: PartnerStatus, action: PartnerAction): PartnerStatus {
  const result = transitionPartner(status, action);
  if (!result.ok) throw result.error;
  return result.next;
}

/** Actions the workflow allows from a status, in table order (drives the action buttons). */
export function availablePartnerActions(status: PartnerStatus): PartnerAction[] {
  return PARTNER_ACTIONS.filter((action) => (PARTNER_TRANSITIONS[action].from as readonly PartnerStatus[]).includes(status));
}

export function partnerActionNeedsReason(action: PartnerAction): boolean {
  return PARTNER_TRANSITIONS[action].reasonRequired;
}

export function canRolePerform(role: StaffRole, action: PartnerAction): boolean {
  return (PARTNER_TRANSITIONS[action].roles as readonly StaffRole[]).includes(role);
}

/**
 * The reason stored with the transition: trimmed, null when empty; a validation error on
 * field `reason` when the action requires one. The contract's input schemas already demand
 * it; this keeps the rule true for callers that do not come through the contract (imports, CLI).
 */
export function reasonForTransition(action: PartnerAction, reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '' && partnerActionNeedsReason(action)) {
    throw new AppError('validation', `A reason is required to ${VERB[action]} a partner`, 'reason');
  }
  return trimmed === '' ? null : trimmed;
}

const VERB: Readonly<Record<PartnerAction, string>> = {
  approve: 'approve',
  reject: 'reject',
  suspend: 'suspend',
  deactivate: 'deactivate',
  reinstate: 'reinstate',
  reapply: 'reopen the application of',
};
