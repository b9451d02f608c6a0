import { createRoute } from '@tanstack/react-router';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';

/** `/`: the workspace's home. Switching workspace lands here. */
export const dashboardRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/',
  staticData: { procedure: 'workspaces.settings' },
  component: lazyScreen(() => import('./DashboardScreen'), 'DashboardScreen'),
});
