import { IconAdjustmentsHorizontal, IconCash, IconCoins, IconChartBar, IconFileImport, IconHistory, IconLayoutDashboard, IconListCheck, IconReceipt, IconTargetArrow, IconUsers, IconUsersGroup, type Icon } from '@tabler/icons-react';

/**
 * The screens the navbar and the command palette offer. Who may open each is not listed here:
 * it is the route's declared procedure and that procedure's `access` (see use-route-access.ts).
 */
export const NAV_ITEMS = [
  { to: '/', key: 'dashboard', label: 'Dashboard', icon: IconLayoutDashboard, section: 'program' },
  { to: '/partners', key: 'partners', label: 'Partners', icon: IconUsersGroup, section: 'program' },
  { to: '/leads/review', key: 'lead-review', label: 'Review queue', icon: IconListCheck, section: 'program' },
  // Exact: the review queue (/leads/review) has its own entry, and only one entry is marked as open.
  { to: '/leads', key: 'leads', label: 'Leads', icon: IconTargetArrow, section: 'program', exact: true },
  { to: '/leads/import', key: 'lead-import', label: 'Import leads', icon: IconFileImport, section: 'program' },
  { to: '/credits', key: 'credits', label: 'Credits', icon: IconCoins, section: 'program' },
  { to: '/payouts', key: 'payouts', label: 'Payouts', icon: IconReceipt, section: 'program' },
  { to: '/finance', key: 'finance', label: 'Finance', icon: IconCash, section: 'program' },
  { to: '/statistics', key: 'statistics', label: 'Statistics', icon: IconChartBar, section: 'program' },
  { to: '/leads/settings', key: 'lead-settings', label: 'Lead settings', icon: IconAdjustmentsHorizontal, section: 'admin' },
  { to: '/staff', key: 'staff', label: 'Staff', icon: IconUsers, section: 'admin' },
  { to: '/activity', key: 'activity', label: 'Activity', icon: IconHistory, section: 'admin' },
] as const satisfies readonly { to: string; key: string; label: string; icon: Icon; section: 'program' | 'admin'; exact?: boolean }[];

export type NavItem = (typeof NAV_ITEMS)[number];
