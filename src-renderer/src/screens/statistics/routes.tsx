import { createRoute } from '@tanstack/react-router';
import type { z } from 'zod';
import { monthlyInput } from '@shared/contract/payouts/statistics';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';
import { searchFrom } from '../../router/search';

/** The screen's filters in the URL (partner and months), from `payouts.monthly`'s own input schema; a value it would refuse is dropped. */
export const statisticsSearch = searchFrom(monthlyInput.shape);
export type StatisticsSearch = z.infer<typeof statisticsSearch>;

export const statisticsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'statistics',
  staticData: { procedure: 'payouts.monthly' },
  validateSearch: statisticsSearch,
  component: lazyScreen(() => import('./StatisticsScreen'), 'StatisticsScreen'),
});
