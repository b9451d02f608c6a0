import { Badge, type BadgeProps } from '@mantine/core';
import type { Role } from '@shared/contract';

const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  finance: 'Finance',
  viewer: 'Viewer',
  partner_admin: 'Partner admin',
  partner_lead_manager: 'Lead manager',
  partner_viewer: 'Partner viewer',
};

const ROLE_COLOR: Record<Role, string> = {
  admin: 'grape',
  manager: 'blue',
  finance: 'teal',
  viewer: 'gray',
  partner_admin: 'grape',
  partner_lead_manager: 'blue',
  partner_viewer: 'gray',
};

export function roleLabel(role: Role): string {
  return ROLE_LABEL[role];
}

export function RoleBadge({ role, ...props }: { role: Role } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge variant="light" color={ROLE_COLOR[role]} radius="sm" tt="none" {...props}>
      {ROLE_LABEL[role]}
    </Badge>
  );
}
