import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { Lead, LeadAction, LeadCounts, LeadPage, LeadSubmitted, listLeadsInput, queueLeadsInput, submitLeadInput } from '../../../src-shared/contract/leads';
import type { AuditService } from '../activity/audit';
import type { ActiveSession, ServiceDeps } from '../context';

type SubmitInput = z.output<typeof submitLeadInput>;
type ListInput = z.output<typeof listLeadsInput>;
type QueueInput = z.output<typeof queueLeadsInput>;

export interface TransitionInput {
  action: LeadAction;
  id: string;
  version: number;
  note?: string | undefined;
  reason?: string | undefined;
  crmLeadId?: string | undefined;
  dealValueMinor?: number | undefined;
  convertedOn?: string | undefined;
}

// TEMPORARY stubs so the contract can be committed early; replaced within this session.
const notYet = (): never => {
  throw new AppError('internal', 'Lead procedures are not implemented yet');
};

export function leadService(_deps: ServiceDeps, _audit: AuditService) {
  return {
    submit: async (_s: ActiveSession, _i: SubmitInput): Promise<LeadSubmitted> => notYet(),
    get: async (_s: ActiveSession, _id: string): Promise<Lead> => notYet(),
    list: async (_s: ActiveSession, _i: ListInput): Promise<LeadPage> => notYet(),
    queue: async (_s: ActiveSession, _i: QueueInput): Promise<LeadPage> => notYet(),
    counts: async (_s: ActiveSession): Promise<LeadCounts> => notYet(),
    transition: async (_s: ActiveSession, _i: TransitionInput): Promise<Lead> => notYet(),
  };
}
