import type { Services } from '../services';
import type { Handlers } from './types';

type Names = 'payouts.financeList' | 'payouts.markPaid' | 'payouts.export' | 'payouts.statement';

export function financeHandlers(s: Services): Pick<Handlers, Names> {
  return {
    'payouts.financeList': (input, ctx) => s.payouts.financeList(ctx.me, input),
    'payouts.markPaid': (input, ctx) => s.payouts.markPaid(ctx.me, input),
    'payouts.export': (input, ctx) => s.payouts.exportPayouts(ctx.me, input),
    'payouts.statement': (input, ctx) => s.payouts.statement(ctx.me, input.id),
  };
}
