import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { creditService } from './credits';

/** The credits domain, shaped like its procedure names: `credits.<verb>` is ./credits.ts. */
export function createCreditServices(deps: ServiceDeps, audit: AuditService) {
  return { ...creditService(deps, audit) };
}

export type CreditServices = ReturnType<typeof createCreditServices>;
