import { STAFF_ROLES, type StaffRole } from '@shared/contract/roles';
import { roleLabel } from '../../components/RoleBadge';

export const STAFF_ROLE_OPTIONS: { value: StaffRole; label: string }[] = STAFF_ROLES.map((value) => ({ value, label: roleLabel(value) }));

export const STAFF_ROLE_HINT: Record<StaffRole, string> = {
  admin: 'Everything, including staff and workspace settings',
  manager: 'Reviews leads, credits and payouts',
  finance: 'Exports payment files and marks payouts paid',
  viewer: 'Read-only access',
};

export function isStaffRole(value: string | null): value is StaffRole {
  return value !== null && (STAFF_ROLES as readonly string[]).includes(value);
}
