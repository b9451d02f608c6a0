import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';
import { leadDashboardService } from './dashboard';
import { leadService } from './leads';

/** The leads domain, shaped like its procedure names: `leads.<verb>` is ./leads.ts, `leads.dashboard` ./dashboard.ts. */
export function createLeadServices(deps: ServiceDeps, audit: AuditService) {
  return { ...leadService(deps, audit), ...leadDashboardService(deps) };
}

export type LeadServices = ReturnType<typeof createLeadServices>;
