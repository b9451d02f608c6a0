export const STAFF_ROLES = ['admin', 'manager', 'finance', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PARTNER_ROLES = ['partner_admin', 'partner_lead_manager', 'partner_viewer'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export type Role = StaffRole | PartnerRole;
export const ALL_ROLES: readonly Role[] = [...STAFF_ROLES, ...PARTNER_ROLES];

export const ALL_STAFF: readonly StaffRole[] = STAFF_ROLES;
