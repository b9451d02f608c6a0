import { IconBell, IconBuildingBank, IconCoins, IconHome, IconKey, IconReceipt, IconTargetArrow, IconUsers, type Icon } from '@tabler/icons-react';
import type { ProcedureName } from '@shared/contract';

/**
 * The portal's navigation. Who sees an entry is not listed here: it is the route's declared
 * procedure and that procedure's `access` (PortalNav), except where `procedure` names another:
 * banking is readable by every partner user (the payouts page shows the method), but its entry
 * is for those who may change it.
 */
export const PORTAL_NAV_ITEMS = [
  { to: '/portal', key: 'home', label: 'Home', icon: IconHome, section: 'main' },
  { to: '/portal/leads', key: 'leads', label: 'Leads', icon: IconTargetArrow, section: 'main' },
  { to: '/portal/credits', key: 'credits', label: 'Credits', icon: IconCoins, section: 'main' },
  { to: '/portal/payouts', key: 'payouts', label: 'Payouts', icon: IconReceipt, section: 'main' },
  { to: '/portal/notifications', key: 'notifications', label: 'Notifications', icon: IconBell, section: 'main' },
  { to: '/portal/team', key: 'team', label: 'Team', icon: IconUsers, section: 'admin' },
  { to: '/portal/api-keys', key: 'api-keys', label: 'API keys', icon: IconKey, section: 'admin' },
  { to: '/portal/banking', key: 'banking', label: 'Banking', icon: IconBuildingBank, section: 'admin', procedure: 'portal.setBanking' },
] as const satisfies readonly { to: string; key: string; label: string; icon: Icon; section: 'main' | 'admin'; procedure?: ProcedureName }[];

export type PortalNavItem = (typeof PORTAL_NAV_ITEMS)[number];
