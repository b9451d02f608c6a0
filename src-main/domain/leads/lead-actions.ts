import type { ActionOption } from '../../../src-shared/contract/action-option';
import { STAFF_ROLES, type Role, type StaffRole } from '../../../src-shared/contract/roles';
import type { LeadAction, LeadStatus } from '../../../src-shared/contract/leads/values';
import { availableLeadActions, canRolePerformLeadAction, leadActionNeedsReason } from './lead-status';

/*
 * What the caller may do with a lead now (the pattern of src-shared/contract/action-option.ts,
 * as domain/partners/partner-actions.ts does for partners): the actions the transition table
 * offers from the lead's status, for the caller's role. Roles come from the table, the same data
 * the lead status procedures' access will be built from, so a button shows exactly when dispatch
 * would let the call through; once those procedures exist this may ask the contract's access
 * like partnerActions does. No rule blocks a lead action yet, so every offered option is enabled.
 */

const isStaffRole = (role: Role): role is StaffRole => (STAFF_ROLES as readonly Role[]).includes(role);

/** Status actions for the queue and the lead page, in table order; partner users are offered none. */
export function leadActions(status: LeadStatus, role: Role): ActionOption<LeadAction>[] {
  if (!isStaffRole(role)) return [];
  return availableLeadActions(status)
    .filter((action) => canRolePerformLeadAction(role, action))
    .map((action) => ({ action, enabled: true, reason: null, needsReason: leadActionNeedsReason(action) }));
}
