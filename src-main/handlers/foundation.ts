import type { Services } from '../services';
import type { Handlers } from './types';

type FoundationNames =
  | 'auth.setupStatus'
  | 'auth.setup'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.session'
  | 'auth.switchWorkspace'
  | 'workspaces.list'
  | 'workspaces.create'
  | 'workspaces.settings'
  | 'workspaces.updateSettings'
  | 'staff.list'
  | 'staff.add'
  | 'staff.changeRole'
  | 'staff.disable'
  | 'staff.enable'
  | 'activity.list'
  | 'activity.facets'
  | 'activity.verify';

/** Thin handlers: each is one call into a service; tenant and actor come from the session. */
export function foundationHandlers(s: Services): Pick<Handlers, FoundationNames> {
  return {
    'auth.setupStatus': async () => ({ needsSetup: await s.auth.needsSetup() }),
    'auth.setup': async (input, ctx) => {
      const { token, info } = await s.auth.setup(input);
      ctx.setToken(token);
      return info;
    },
    'auth.signIn': async (input, ctx) => {
      const { token, info } = await s.auth.signIn(input);
      ctx.setToken(token);
      return info;
    },
    'auth.signOut': async (_input, ctx) => {
      await s.auth.signOut(ctx.me);
      ctx.setToken(null);
      return { signedOut: true };
    },
    'auth.session': async (_input, ctx) => (ctx.session ? s.sessions.info(ctx.session) : null),
    'auth.switchWorkspace': (input, ctx) => s.auth.switchWorkspace(ctx.me, input.tenantId),
    'workspaces.list': (_input, ctx) => s.workspaces.list(ctx.me),
    'workspaces.create': (input, ctx) => s.workspaces.create(ctx.me, input),
    'workspaces.settings': (_input, ctx) => s.workspaces.settings(ctx.me),
    'workspaces.updateSettings': (input, ctx) => s.workspaces.updateSettings(ctx.me, input),
    'staff.list': (_input, ctx) => s.staff.list(ctx.me),
    'staff.add': (input, ctx) => s.staff.add(ctx.me, input),
    'staff.changeRole': (input, ctx) => s.staff.changeRole(ctx.me, input),
    'staff.disable': (input, ctx) => s.staff.disable(ctx.me, input.userId),
    'staff.enable': (input, ctx) => s.staff.enable(ctx.me, input.userId),
    'activity.list': (input, ctx) => s.audit.list(ctx.me.tenantId, input),
    'activity.facets': (_input, ctx) => s.audit.facets(ctx.me.tenantId),
    'activity.verify': (_input, ctx) => s.audit.verify(ctx.me.tenantId),
  };
}
