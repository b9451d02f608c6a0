import { IconHistory, IconLayoutDashboard, IconUsers, IconUsersGroup, type Icon } from '@tabler/icons-react';

/**
 * The screens the navbar and the command palette offer. Who may open each is not listed here:
 * it is the route's declared procedure and that procedure's `access` (see use-route-access.ts).
 */
export const NAV_ITEMS = [
  { to: '/', key: 'dashboard', label: 'Dashboard', icon: IconLayoutDashboard, section: 'program' },
  { to: '/partners', key: 'partners', label: 'Partners', icon: IconUsersGroup, section: 'program' },
  { to: '/staff', key: 'staff', label: 'Staff', icon: IconUsers, section: 'admin' },
  { to: '/activity', key: 'activity', label: 'Activity', icon: IconHistory, section: 'admin' },
] as const satisfies readonly { to: string; key: string; label: string; icon: Icon; section: 'program' | 'admin' }[];

export type NavItem = (typeof NAV_ITEMS)[number];
