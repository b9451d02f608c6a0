import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';

/**
 * The partner portal: its own route tree beside the staff app (own sign-in and shell when it
 * comes), so no staff layout, guard or navigation applies under `/portal`.
 */
export const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal',
  component: lazyScreen(() => import('./PortalPlaceholder'), 'PortalPlaceholder'),
});
