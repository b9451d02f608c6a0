import type { Services } from '../services';
import type { Handlers } from './types';

type WorkspaceNames = Extract<keyof Handlers, `workspaces.${string}`>;

export function workspaceHandlers(s: Services): Pick<Handlers, WorkspaceNames> {
  return {
    'workspaces.list': (_input, ctx) => s.workspaces.list(ctx.me),
    'workspaces.create': (input, ctx) => s.workspaces.create(ctx.me, input),
    'workspaces.settings': (_input, ctx) => s.workspaces.settings(ctx.me),
    'workspaces.updateSettings': (input, ctx) => s.workspaces.updateSettings(ctx.me, input),
  };
}
