import { AppError } from '../../../src-shared/contract/errors';
import type { StaffRole } from '../../../src-shared/contract/roles';
import { LEAD_TRANSITIONS } from '../../../src-shared/contract/leads/transitions';
import { LEAD_ACTIONS, LEAD_FIELD_LIMITS, type LeadAction, type LeadStatus } from '../../../src-shared/contract/leads/values';

/*
 * Applies the lead status machine. The table itself (LEAD_TRANSITIONS) is data in the contract,
 * so that the lead status procedures can take their roles and inputs from it. Mirrors
 * domain/partners/partner-status.ts.
 */

export { LEAD_TRANSITIONS, type LeadTransitionRule } from '../../../src-shared/contract/leads/transitions';

export type LeadTransitionResult = { ok: true; next: LeadStatus } | { ok: false; error: AppError };

/** The next status, or an invalid_transition error (returned, not thrown, so callers can list options). */
export function transitionLead(status: LeadStatus, action: LeadAction): LeadTransitionResult {
  const rule = LEAD_TRANSITIONS[action];
  if ((rule.from as readonly LeadStatus[]).includes(status)) return { ok: true, next: rule.to };
  return { ok: false, error: new AppError('invalid_transition', refusal(status, action)) };
}

/** Throwing form for services: the next status, or AppError('invalid_transition'). */
export function nextLeadStatus(status: LeadStatus, action: LeadAction): LeadStatus {
  const result = transitionLead(status, action);
  if (!result.ok) throw result.error;
  return result.next;
}

/** Actions the workflow allows from a status, in table order (drives the action buttons and the queue's keys). */
export function availableLeadActions(status: LeadStatus): LeadAction[] {
  return LEAD_ACTIONS.filter((action) => (LEAD_TRANSITIONS[action].from as readonly LeadStatus[]).includes(status));
}

/** Final: no action leads out of it (converted and rejected, derived from the table rather than listed again). */
export function isFinalLeadStatus(status: LeadStatus): boolean {
  return availableLeadActions(status).length === 0;
}

export function leadActionNeedsReason(action: LeadAction): boolean {
  return LEAD_TRANSITIONS[action].reasonRequired;
}

export function canRolePerformLeadAction(role: StaffRole, action: LeadAction): boolean {
  return (LEAD_TRANSITIONS[action].roles as readonly StaffRole[]).includes(role);
}

/**
 * The reason stored with the transition: trimmed, null when empty; a validation error on field
 * `reason` when the action requires one or the text is too long. The contract's input schemas
 * will demand it too; this keeps the rule true for callers that do not come through the
 * contract (bulk reject, imports, CLI).
 */
export function reasonForLeadTransition(action: LeadAction, reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed === '' && leadActionNeedsReason(action)) {
    throw new AppError('validation', `A reason is required to ${VERB[action]} a lead`, 'reason');
  }
  if (trimmed.length > LEAD_FIELD_LIMITS.rejectionReason) {
    throw new AppError('validation', `Reason must be at most ${LEAD_FIELD_LIMITS.rejectionReason} characters`, 'reason');
  }
  return trimmed === '' ? null : trimmed;
}

const VERB: Readonly<Record<LeadAction, string>> = {
  start_review: 'start reviewing',
  approve: 'approve',
  reject: 'reject',
  convert: 'convert',
};

const STATUS_TEXT: Readonly<Record<LeadStatus, string>> = {
  submitted: 'submitted',
  under_review: 'under review',
  approved: 'approved',
  rejected: 'rejected',
  converted: 'converted',
};

/** The sentence of a refused transition: what was tried, the lead's status, and why that blocks it. */
function refusal(status: LeadStatus, action: LeadAction): string {
  const base = `Cannot ${VERB[action]} a lead that is ${STATUS_TEXT[status]}`;
  if (isFinalLeadStatus(status)) return `${base}: ${STATUS_TEXT[status]} leads are final.`;
  if (action === 'convert') return `${base}: only an approved lead can be marked as converted.`;
  if (action === 'start_review' && status === 'under_review') return `${base}: someone is already reviewing it.`;
  return `${base}.`;
}
