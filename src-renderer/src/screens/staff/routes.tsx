import { createRoute } from '@tanstack/react-router';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';

export const staffListRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'staff',
  staticData: { procedure: 'staff.list' },
  component: lazyScreen(() => import('./StaffScreen'), 'StaffScreen'),
});
