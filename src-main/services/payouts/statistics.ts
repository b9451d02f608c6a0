import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';

export function statisticsService(_deps: ServiceDeps, _audit: AuditService) {
  return {};
}
