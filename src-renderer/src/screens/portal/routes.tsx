import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';
import { PortalRoot } from './shell/PortalRoot';

/**
 * The partner portal: its own route tree beside the staff app, with its own sign-in, session
 * and shell, so no staff layout, guard or navigation applies under `/portal`. A screen's route
 * names the procedure it needs (staticData), as the staff routes do; sign-in and invite need none.
 */
export const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: 'portal', component: PortalRoot });

export const portalHomeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  staticData: { procedure: 'portal.home' },
  component: lazyScreen(() => import('./home/PortalHome'), 'PortalHomeScreen'),
});

export const portalSignInRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'sign-in',
  // The portal page to return to once signed in (checked again before use: portal-session.ts).
  validateSearch: z.object({ redirect: z.string().max(2000).optional().catch(undefined) }),
  component: lazyScreen(() => import('./account/PortalSignIn'), 'PortalSignInScreen'),
});

export const portalInviteRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'invite/$token',
  component: lazyScreen(() => import('./account/PortalInviteAccept'), 'PortalInviteAcceptScreen'),
});

export const portalAccountRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'account',
  staticData: { procedure: 'auth.changePassword' },
  component: lazyScreen(() => import('./account/PortalAccount'), 'PortalAccountScreen'),
});

export const portalNotificationsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'notifications',
  staticData: { procedure: 'portal.notifications' },
  component: lazyScreen(() => import('./home/PortalNotifications'), 'PortalNotificationsScreen'),
});

export const portalLeadsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'leads',
  staticData: { procedure: 'leads.list' },
  component: lazyScreen(() => import('./leads/PortalLeads'), 'PortalLeadsScreen'),
});

export const portalLeadNewRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'leads/new',
  staticData: { procedure: 'leads.submit' },
  component: lazyScreen(() => import('./leads/PortalLeadNew'), 'PortalLeadNewScreen'),
});

export const portalLeadImportRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'leads/import',
  staticData: { procedure: 'leads.startImport' },
  component: lazyScreen(() => import('./leads/PortalLeadImport'), 'PortalLeadImportScreen'),
});

export const portalLeadDetailRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'leads/$id',
  staticData: { procedure: 'leads.get' },
  component: lazyScreen(() => import('./leads/PortalLeadDetail'), 'PortalLeadDetailScreen'),
});

export const portalCreditsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'credits',
  staticData: { procedure: 'credits.list' },
  component: lazyScreen(() => import('./money/PortalCredits'), 'PortalCreditsScreen'),
});

export const portalPayoutsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'payouts',
  staticData: { procedure: 'portal.payouts' },
  component: lazyScreen(() => import('./money/PortalPayouts'), 'PortalPayoutsScreen'),
});

export const portalPayoutDetailRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'payouts/$id',
  staticData: { procedure: 'portal.payout' },
  component: lazyScreen(() => import('./money/PortalPayoutDetail'), 'PortalPayoutDetailScreen'),
});

export const portalBankingRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'banking',
  staticData: { procedure: 'portal.banking' },
  component: lazyScreen(() => import('./money/PortalBanking'), 'PortalBankingScreen'),
});

export const portalTeamRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'team',
  staticData: { procedure: 'portal.team.list' },
  component: lazyScreen(() => import('./team/PortalTeam'), 'PortalTeamScreen'),
});

export const portalApiKeysRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'api-keys',
  staticData: { procedure: 'portal.apiKeys.list' },
  component: lazyScreen(() => import('./team/PortalApiKeys'), 'PortalApiKeysScreen'),
});

export const portalTree = portalRoute.addChildren([
  portalHomeRoute,
  portalSignInRoute,
  portalInviteRoute,
  portalAccountRoute,
  portalNotificationsRoute,
  portalLeadsRoute,
  portalLeadNewRoute,
  portalLeadImportRoute,
  portalLeadDetailRoute,
  portalCreditsRoute,
  portalPayoutsRoute,
  portalPayoutDetailRoute,
  portalBankingRoute,
  portalTeamRoute,
  portalApiKeysRoute,
]);
