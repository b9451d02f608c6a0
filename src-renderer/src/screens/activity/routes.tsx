import { createRoute } from '@tanstack/react-router';
import { activity } from '@shared/contract/activity';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';
import { searchFrom } from '../../router/search';

/** The activity filters in the URL, from `activity.list`'s own input schema (paging stays out). */
export const activitySearch = searchFrom(
  activity['activity.list'].input.pick({ actorId: true, action: true, resourceType: true, resourceId: true, from: true, to: true }).shape,
);

export const activityRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'activity',
  staticData: { procedure: 'activity.list' },
  validateSearch: activitySearch,
  component: lazyScreen(() => import('./ActivityScreen'), 'ActivityScreen'),
});
