import type { Services } from '../services';
import type { Handlers } from './types';

type Names =
  | 'payouts.generate'
  | 'payouts.run'
  | 'payouts.runs'
  | 'payouts.list'
  | 'payouts.get'
  | 'payouts.decideLine'
  | 'payouts.approve'
  | 'payouts.reject'
  | 'payouts.request'
  | 'payouts.requests'
  | 'payouts.declineRequest'
  | 'payouts.settings'
  | 'payouts.updateSettings';

export function payoutsHandlers(s: Services): Pick<Handlers, Names> {
  return {
    'payouts.generate': (input, ctx) => s.payouts.generate(ctx.me, input),
    'payouts.run': (input, ctx) => s.payouts.run(ctx.me, input.id),
    'payouts.runs': (_input, ctx) => s.payouts.recentRuns(ctx.me),
    'payouts.list': (input, ctx) => s.payouts.list(ctx.me, input),
    'payouts.get': (input, ctx) => s.payouts.get(ctx.me, input.id),
    'payouts.decideLine': (input, ctx) => s.payouts.decideLine(ctx.me, input),
    'payouts.approve': (input, ctx) => s.payouts.approve(ctx.me, input),
    'payouts.reject': (input, ctx) => s.payouts.reject(ctx.me, input),
    'payouts.request': (input, ctx) => s.payouts.request(ctx.me, input),
    'payouts.requests': (input, ctx) => s.payouts.requests(ctx.me, input),
    'payouts.declineRequest': (input, ctx) => s.payouts.declineRequest(ctx.me, input),
    'payouts.settings': (_input, ctx) => s.payouts.moneySettings(ctx.me),
    'payouts.updateSettings': (input, ctx) => s.payouts.updateMoneySettings(ctx.me, input),
  };
}
