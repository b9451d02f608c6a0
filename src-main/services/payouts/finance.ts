import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';

export function financeService(_deps: ServiceDeps, _audit: AuditService) {
  return {};
}
