import type { Services } from '../services';
import type { Handlers } from './types';

type LeadNames = Extract<keyof Handlers, `leads.${string}`>;

export function leadHandlers(s: Services): Pick<Handlers, LeadNames> {
  return {
    'leads.submit': (input, ctx) => s.leads.submit(ctx.me, input),
    'leads.get': (input, ctx) => s.leads.get(ctx.me, input.id),
    'leads.list': (input, ctx) => s.leads.list(ctx.me, input),
    'leads.queue': (input, ctx) => s.leads.queue(ctx.me, input),
    'leads.previewImport': (input, ctx) => s.leads.previewImport(ctx.me, input),
    'leads.startImport': (input, ctx) => s.leads.startImport(ctx.me, input),
    'leads.import': (input, ctx) => s.leads.importOf(ctx.me, input.id),
    'leads.imports': (input, ctx) => s.leads.recentImports(ctx.me, input),
    'leads.importReport': (input, ctx) => s.leads.importReport(ctx.me, input.id),
    'leads.counts': (_input, ctx) => s.leads.counts(ctx.me),
    'leads.dashboard': (_input, ctx) => s.leads.dashboard(ctx.me),
    'leads.settings': (_input, ctx) => s.leads.settings(ctx.me),
    'leads.updateSettings': (input, ctx) => s.leads.updateSettings(ctx.me, input),
    'leads.previewWeights': (input, ctx) => s.leads.previewWeights(ctx.me, input),
    'leads.rescore': (_input, ctx) => s.leads.rescore(ctx.me),
    'leads.startReview': (input, ctx) => s.leads.transition(ctx.me, { action: 'start_review', id: input.id, version: input.version, note: input.note }),
    'leads.approve': (input, ctx) => s.leads.transition(ctx.me, { action: 'approve', id: input.id, version: input.version, note: input.note, crmLeadId: input.crmLeadId }),
    'leads.reject': (input, ctx) => s.leads.transition(ctx.me, { action: 'reject', id: input.id, version: input.version, reason: input.reason }),
    'leads.convert': (input, ctx) =>
      s.leads.transition(ctx.me, { action: 'convert', id: input.id, version: input.version, note: input.note, crmLeadId: input.crmLeadId, dealValueMinor: input.dealValueMinor, convertedOn: input.convertedOn }),
  };
}
