import type { Services } from '../services';
import type { Handlers } from './types';

type Names = Extract<keyof Handlers, `portal.home` | `portal.notifications` | `portal.markNotificationsSeen` | `portal.payouts` | `portal.payout` | `portal.banking` | `portal.setBanking`>;

export function portalHandlers(s: Services): Pick<Handlers, Names> {
  const v = s.portal.view;
  return {
    'portal.home': (_input, ctx) => v.home(ctx.me),
    'portal.notifications': (_input, ctx) => v.notifications(ctx.me),
    'portal.markNotificationsSeen': (_input, ctx) => v.markNotificationsSeen(ctx.me),
    'portal.payouts': (input, ctx) => v.payouts(ctx.me, input),
    'portal.payout': (input, ctx) => v.payout(ctx.me, input.id),
    'portal.banking': (_input, ctx) => v.banking(ctx.me),
    'portal.setBanking': (input, ctx) => v.setBanking(ctx.me, { details: input.details, payoutMethod: input.payoutMethod }),
  };
}
