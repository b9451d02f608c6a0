import { createRouter } from '@tanstack/react-router';
import type { ProcedureName } from '@shared/contract';
import { rootRoute, staffRoute } from './root';
import { createAppHistory } from './history';
import { dashboardRoute } from '../screens/dashboard/routes';
import { partnerDetailRoute, partnerListRoute, partnerRedirectRoute } from '../screens/partners/routes';
import { staffListRoute } from '../screens/staff/routes';
import { activityRoute } from '../screens/activity/routes';
import { leadDetailRoute, leadImportRoute, leadListRoute, leadQueueRoute, leadSettingsRoute } from '../screens/leads/routes';
import { creditListRoute } from '../screens/credits/routes';
import { portalTree } from '../screens/portal/routes';
import { statisticsRoute } from '../screens/statistics/routes';
import { financeRoute } from '../screens/finance/routes';
import { payoutDetailRoute, payoutSettingsRoute, payoutsRoute } from '../screens/payouts/routes';

/**
 * Every screen has a URL. Each domain declares its routes in `screens/<domain>/routes.tsx`;
 * this file only assembles them. Coming next, each in its own domain folder:
 *   /payouts/$id   (screens/payouts/routes.tsx)
 *   /finance       (screens/finance/routes.tsx)
 * The portal's screens are children of `portalRoute` (screens/portal/routes.tsx), a tree of its own.
 */
const routeTree = rootRoute.addChildren([
  staffRoute.addChildren([
    dashboardRoute,
    partnerListRoute,
    partnerRedirectRoute,
    partnerDetailRoute,
    leadQueueRoute,
    leadListRoute,
    leadSettingsRoute,
    leadImportRoute,
    leadDetailRoute,
    creditListRoute,
    staffListRoute,
    activityRoute,
    statisticsRoute,
    financeRoute,
    payoutsRoute,
    payoutSettingsRoute,
    payoutDetailRoute,
  ]),
  portalTree,
]);

export function createAppRouter() {
  return createRouter({
    routeTree,
    history: createAppHistory(),
    // Intent preloading would fetch screen chunks on hover; screens load when opened instead.
    defaultPreload: false,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
  interface StaticDataRouteOption {
    /**
     * The procedure whose data the screen shows: the route is open to a role exactly when the
     * contract's `access` of this procedure admits it (guard, navbar, command palette).
     */
    procedure?: ProcedureName;
  }
}
