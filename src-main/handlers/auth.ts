import type { Services } from '../services';
import type { Handlers } from './types';

type AuthNames = Extract<keyof Handlers, `auth.${string}`>;

/** Thin handlers: each is one call into a service; tenant and actor come from the session. */
export function authHandlers(s: Services): Pick<Handlers, AuthNames> {
  return {
    'auth.setupStatus': async () => ({ needsSetup: await s.auth.needsSetup() }),
    'auth.setup': async (input, ctx) => {
      const { setupCode, ...workspace } = input;
      const { token, info } = await s.auth.setup(workspace, ctx.setupCode ?? setupCode);
      ctx.setToken(token);
      return info;
    },
    'auth.signIn': async (input, ctx) => {
      const { token, info } = await s.auth.signIn(input, ctx.clientKey);
      ctx.setToken(token);
      return info;
    },
    'auth.signOut': async (_input, ctx) => {
      await s.auth.signOut(ctx.me);
      ctx.setToken(null);
      return { signedOut: true };
    },
    'auth.session': async (_input, ctx) => (ctx.session ? s.auth.sessions.info(ctx.session) : null),
    'auth.switchWorkspace': (input, ctx) => s.auth.switchWorkspace(ctx.me, input.tenantId),
    'auth.changePassword': (input, ctx) => s.auth.changePassword(ctx.me, input, ctx.clientKey),
    'auth.invitations': (_input, ctx) => s.auth.invitations.list(ctx.me),
    'auth.acceptInvitation': (input, ctx) => s.auth.invitations.accept(ctx.me, input.tenantId),
    'auth.declineInvitation': (input, ctx) => s.auth.invitations.decline(ctx.me, input.tenantId),
  };
}
