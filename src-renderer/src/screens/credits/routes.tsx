import { createRoute } from '@tanstack/react-router';
import type { z } from 'zod';
import { listCreditsInput } from '@shared/contract/credits/fields';
import { id } from '@shared/contract/fields';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';
import { searchFrom } from '../../router/search';

/** The queue's filters in the URL, from `credits.list`'s own input schema; `credit` is the one open in the drawer. */
export const creditListSearch = searchFrom({
  ...listCreditsInput.pick({ status: true, kind: true, partnerId: true }).shape,
  credit: id,
});
export type CreditListSearch = z.infer<typeof creditListSearch>;

/** `/credits`: the managers' queue (pending approval by default), every status a tab away. */
export const creditListRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'credits',
  staticData: { procedure: 'credits.list' },
  validateSearch: creditListSearch,
  component: lazyScreen(() => import('./CreditQueue'), 'CreditQueue'),
});
