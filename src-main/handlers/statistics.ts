import type { Services } from '../services';
import type { Handlers } from './types';

type Names = 'payouts.balance' | 'payouts.statistics' | 'payouts.monthly';

export function statisticsHandlers(s: Services): Pick<Handlers, Names> {
  return {
    'payouts.balance': (input, ctx) => s.payouts.balance(ctx.me, input.partnerId),
    'payouts.statistics': (input, ctx) => s.payouts.payoutStatistics(ctx.me, input),
    'payouts.monthly': (input, ctx) => s.payouts.monthly(ctx.me, input),
  };
}
