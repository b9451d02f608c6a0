import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { bankingService } from './banking';
import { documentService } from './documents';
import { kycService } from './kyc';
import { partnerService } from './partners';
import { partnerUserService } from './users';

/**
 * The partners domain, shaped like its procedure names: `partners.<verb>` is ./partners.ts,
 * `partners.banking.*` ./banking.ts, `partners.kyc.*` ./kyc.ts, `partners.documents.*`
 * ./documents.ts and `partners.users.*` ./users.ts, so `s.partners.banking.set` reads like
 * the procedure it serves.
 */
export function createPartnerServices(deps: ServiceDeps, audit: AuditService) {
  return {
    ...partnerService(deps, audit),
    banking: bankingService(deps, audit),
    kyc: kycService(deps, audit),
    documents: documentService(deps, audit),
    users: partnerUserService(deps, audit),
  };
}

export type PartnerServices = ReturnType<typeof createPartnerServices>;
