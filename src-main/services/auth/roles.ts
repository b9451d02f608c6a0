import { PARTNER_ROLES, STAFF_ROLES, type PartnerRole, type StaffRole } from '../../../src-shared/contract/roles';

/*
 * Roles are stored as text (memberships.role, partner_users.role). Reading one back checks it
 * against the contract's list instead of casting: a value outside it is a corrupt or foreign
 * row, and acting on it with some made-up role would be worse than failing loudly.
 */

export function staffRoleOf(stored: string): StaffRole {
  const role = STAFF_ROLES.find((r) => r === stored);
  if (!role) throw new Error(`unknown staff role in the database: ${stored}`);
  return role;
}

export function partnerRoleOf(stored: string): PartnerRole {
  const role = PARTNER_ROLES.find((r) => r === stored);
  if (!role) throw new Error(`unknown partner role in the database: ${stored}`);
  return role;
}
