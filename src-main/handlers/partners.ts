import type { Services } from '../services';
import type { Handlers } from './types';

type PartnerNames = Extract<keyof Handlers, `partners.${string}` | `partners.users.${string}`>;

export function partnerHandlers(s: Services): Pick<Handlers, PartnerNames> {
  return {
    'partners.list': (input, ctx) => s.partners.list(ctx.me, input),
    'partners.get': (input, ctx) => s.partners.get(ctx.me, input.id),
    'partners.create': (input, ctx) => s.partners.create(ctx.me, input),
    'partners.update': (input, ctx) => s.partners.update(ctx.me, input),
    'partners.approve': (input, ctx) => s.partners.transition(ctx.me, input.id, 'approve', input.note),
    'partners.reject': (input, ctx) => s.partners.transition(ctx.me, input.id, 'reject', input.reason),
    'partners.suspend': (input, ctx) => s.partners.transition(ctx.me, input.id, 'suspend', input.reason),
    'partners.deactivate': (input, ctx) => s.partners.transition(ctx.me, input.id, 'deactivate', input.reason),
    'partners.reinstate': (input, ctx) => s.partners.transition(ctx.me, input.id, 'reinstate', input.note),
    'partners.reapply': (input, ctx) => s.partners.transition(ctx.me, input.id, 'reapply', input.note),
    'partners.delete': (input, ctx) => s.partners.softDelete(ctx.me, input.id, input.reason),
    'partners.banking.set': (input, ctx) => s.partners.banking.set(ctx.me, input.id, input.details),
    'partners.banking.verify': (input, ctx) => s.partners.banking.verify(ctx.me, input.id),
    'partners.banking.reveal': (input, ctx) => s.partners.banking.reveal(ctx.me, input.id, input.reason),
    'partners.kyc.verify': (input, ctx) => s.partners.kyc.verify(ctx.me, input.id, input.note),
    'partners.kyc.reject': (input, ctx) => s.partners.kyc.reject(ctx.me, input.id, input.reason),
    'partners.documents.list': (input, ctx) => s.partners.documents.list(ctx.me, input.partnerId),
    'partners.documents.upload': (input, ctx) => s.partners.documents.upload(ctx.me, input),
    'partners.documents.view': (input, ctx) => s.partners.documents.view(ctx.me, input.id),
    'partners.documents.verify': (input, ctx) => s.partners.documents.verify(ctx.me, input.id, input.expiresOn),
    'partners.documents.reject': (input, ctx) => s.partners.documents.reject(ctx.me, input.id, input.reason),
    'partners.users.list': (input, ctx) => s.partners.users.list(ctx.me, input.partnerId),
    'partners.users.create': (input, ctx) => s.partners.users.create(ctx.me, input),
    'partners.users.update': (input, ctx) => s.partners.users.update(ctx.me, input),
    'partners.users.deactivate': (input, ctx) => s.partners.users.deactivate(ctx.me, input.id, input.reason),
    'partners.users.createInvite': (input, ctx) => s.partners.users.createInvite(ctx.me, input.id),
  };
}
