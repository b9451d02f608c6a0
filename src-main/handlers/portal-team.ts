import type { Services } from '../services';
import type { Handlers } from './types';

type Names = Extract<keyof Handlers, `portal.team.${string}` | `portal.apiKeys.${string}`>;

export function portalTeamHandlers(s: Services): Pick<Handlers, Names> {
  const team = s.portal.team;
  return {
    'portal.team.list': (_input, ctx) => team.list(ctx.me),
    'portal.team.invite': (input, ctx) => team.invite(ctx.me, input),
    'portal.team.changeRole': (input, ctx) => team.changeRole(ctx.me, input),
    'portal.team.deactivate': (input, ctx) => team.deactivate(ctx.me, input.id),
    'portal.team.resetPassword': (input, ctx) => team.resetPassword(ctx.me, input),
    'portal.apiKeys.list': (_input, ctx) => team.apiKeys.list(ctx.me),
    'portal.apiKeys.create': (input, ctx) => team.apiKeys.create(ctx.me, input),
    'portal.apiKeys.revoke': (input, ctx) => team.apiKeys.revoke(ctx.me, input.id),
  };
}
