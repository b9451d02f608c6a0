import type { AuditService } from '../audit';
import type { ServiceDeps } from '../context';
import { bankingService } from './banking';
import { documentService } from './documents';
import { partnerService } from './partners';
import { partnerUserService } from './partner-users';

export function createPartnerServices(deps: ServiceDeps, audit: AuditService) {
  return {
    partners: partnerService(deps, audit),
    banking: bankingService(deps, audit),
    documents: documentService(deps, audit),
    partnerUsers: partnerUserService(deps, audit),
  };
}
