import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { PAYOUT_STATUSES } from '@shared/contract/payouts/values';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';

/** The open status tab (default: pending) and a run whose report is open, in the URL. */
export const payoutsSearch = z.object({
  status: z.enum([...PAYOUT_STATUSES, 'all']).optional().catch(undefined),
  run: z.string().max(64).optional().catch(undefined),
});
export type PayoutsSearch = z.infer<typeof payoutsSearch>;

export const payoutsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'payouts',
  staticData: { procedure: 'payouts.list' },
  validateSearch: payoutsSearch,
  component: lazyScreen(() => import('./PayoutsScreen'), 'PayoutsScreen'),
});

/** Admins only: the route names the procedure that saves the money settings. */
export const payoutSettingsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'payouts/settings',
  staticData: { procedure: 'payouts.updateSettings' },
  component: lazyScreen(() => import('./MoneySettingsScreen'), 'MoneySettingsScreen'),
});

export const payoutDetailRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'payouts/$id',
  staticData: { procedure: 'payouts.get' },
  component: lazyScreen(() => import('./PayoutDetail'), 'PayoutDetailScreen'),
});
