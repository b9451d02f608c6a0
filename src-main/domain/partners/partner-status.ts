import { AppError } from '../../../src-shared/contract/errors';
import type { StaffRole } from '../../../src-shared/contract/roles';
import { PARTNER_ACTIONS, type PartnerAction, type PartnerStatus } from '../../../src-shared/contract/partners';

/*
 * The partner status machine as data. Every action has exactly one target status, so the
 * table is keyed by action: where it may start from, where it leads, whether a reason is
 * mandatory (DOMAIN.md marks those transitions with *), and which staff roles may take it.
 *
 * Roles: every action is open to admin and manager. approve is specified so; reject and
 * reinstate mirror it (reject is the other outcome of the same review, reinstate has the same
 * effect as approve: the partner becomes active again). suspend and deactivate only restrict
 * a partner, so a manager who spots fraud in the lead queue must be able to stop it at once
 * rather than wait for an admin. reapply merely puts the partner back into the review queue.
 * finance and viewer decide nothing here.
 */

export interface PartnerTransitionRule {
  readonly from: readonly PartnerStatus[];
  readonly to: PartnerStatus;
  readonly reasonRequired: boolean;
  readonly roles: readonly StaffRole[];
}

const DECIDERS: readonly StaffRole[] = ['admin', 'manager'];

export const PARTNER_TRANSITIONS: Readonly<Record<PartnerAction, PartnerTransitionRule>> = {
  approve: { from: ['pending'], to: 'active', reasonRequired: false, roles: DECIDERS },
  reject: { from: ['pending'], to: 'rejected', reasonRequired: true, roles: DECIDERS },
  suspend: { from: ['active'], to: 'suspended', reasonRequired: true, roles: DECIDERS },
  deactivate: { from: ['active', 'suspended'], to: 'inactive', reasonRequired: true, roles: DECIDERS },
  reinstate: { from: ['suspended', 'inactive'], to: 'active', reasonRequired: false, roles: DECIDERS },
  reapply: { from: ['rejected'], to: 'pending', reasonRequired: false, roles: DECIDERS },
};

export type PartnerTransitionResult = { ok: true; next: PartnerStatus } | { ok: false; error: AppError };

/** The next status, or an invalid_transition error (returned, not thrown, so callers can list options). */
export function transitionPartner(status: PartnerStatus, action: PartnerAction): PartnerTransitionResult {
  const rule = PARTNER_TRANSITIONS[action];
  if (rule.from.includes(status)) return { ok: true, next: rule.to };
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
  return PARTNER_ACTIONS.filter((action) => PARTNER_TRANSITIONS[action].from.includes(status));
}

export function partnerActionNeedsReason(action: PartnerAction): boolean {
  return PARTNER_TRANSITIONS[action].reasonRequired;
}

export function canRolePerform(role: StaffRole, action: PartnerAction): boolean {
  return PARTNER_TRANSITIONS[action].roles.includes(role);
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
