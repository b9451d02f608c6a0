import type { Services } from '../services';
import type { Handlers } from './types';

type Names = Extract<keyof Handlers, `portal.signIn` | `portal.invite` | `portal.acceptInvite`>;

/** Portal sign-in and invite links: one service call each; the transport stores the token as the portal cookie. */
export function portalAuthHandlers(s: Services): Pick<Handlers, Names> {
  return {
    'portal.signIn': async (input, ctx) => {
      const { token, result } = await s.portal.auth.signIn(input, ctx.clientKey);
      if (token) ctx.setToken(token);
      return result;
    },
    'portal.invite': (input) => s.portal.auth.invite(input.token),
    'portal.acceptInvite': async (input, ctx) => {
      const { token, info } = await s.portal.auth.acceptInvite(input);
      ctx.setToken(token);
      return info;
    },
  };
}
