import type { Services } from '../services';
import type { Handlers } from './types';

type ActivityNames = Extract<keyof Handlers, `activity.${string}`>;

export function activityHandlers(s: Services): Pick<Handlers, ActivityNames> {
  return {
    'activity.list': (input, ctx) => s.activity.list(ctx.me.tenantId, input),
    'activity.facets': (_input, ctx) => s.activity.facets(ctx.me.tenantId),
    'activity.verify': (_input, ctx) => s.activity.verify(ctx.me.tenantId),
  };
}
