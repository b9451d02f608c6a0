import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { staffRoute } from '../../router/root';
import { lazyScreen } from '../../router/lazy-screen';

/** The open tab in the URL: ready to pay (default) or paid. */
export const financeSearch = z.object({ view: z.enum(['payable', 'paid']).optional().catch(undefined) });
export type FinanceSearch = z.infer<typeof financeSearch>;

export const financeRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: 'finance',
  // Open to whoever may mark payouts paid (admin, finance): the pay rule of the transition table.
  staticData: { procedure: 'payouts.markPaid' },
  validateSearch: financeSearch,
  component: lazyScreen(() => import('./FinanceScreen'), 'FinanceScreen'),
});
