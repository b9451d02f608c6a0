import type { Services } from '../services';
import type { Handlers } from './types';

type StaffNames = Extract<keyof Handlers, `staff.${string}`>;

export function staffHandlers(s: Services): Pick<Handlers, StaffNames> {
  return {
    'staff.list': (_input, ctx) => s.staff.list(ctx.me),
    'staff.add': (input, ctx) => s.staff.add(ctx.me, input),
    'staff.changeRole': (input, ctx) => s.staff.changeRole(ctx.me, input),
    'staff.disable': (input, ctx) => s.staff.disable(ctx.me, input.userId),
    'staff.enable': (input, ctx) => s.staff.enable(ctx.me, input.userId),
    // Password and throttle rules live with the auth services (services/auth/password-change.ts).
    'staff.resetPassword': (input, ctx) => s.auth.resetPassword(ctx.me, input),
    'staff.unlock': (input, ctx) => s.auth.unlock(ctx.me, input.userId),
  };
}
