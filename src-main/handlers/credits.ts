import type { Services } from '../services';
import type { Handlers } from './types';

type Names = Extract<keyof Handlers, `credits.${string}`>;

export function creditsHandlers(s: Services): Pick<Handlers, Names> {
  return {
    'credits.list': (input, ctx) => s.credits.list(ctx.me, input),
    'credits.get': (input, ctx) => s.credits.get(ctx.me, input.id),
    'credits.counts': (_input, ctx) => s.credits.counts(ctx.me),
    'credits.approve': (input, ctx) => s.credits.decide(ctx.me, { action: 'approve', id: input.id, version: input.version }),
    'credits.reject': (input, ctx) => s.credits.decide(ctx.me, { action: 'reject', id: input.id, version: input.version, reason: input.reason }),
    'credits.reverse': (input, ctx) => s.credits.decide(ctx.me, { action: 'reverse', id: input.id, version: input.version, reason: input.reason }),
    'credits.bulkDecide': (input, ctx) => s.credits.bulkDecide(ctx.me, input),
    'credits.request': (input, ctx) => s.credits.request(ctx.me, input),
    'credits.clawback': (input, ctx) => s.credits.clawback(ctx.me, input),
  };
}
