import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';

export function payoutService(_deps: ServiceDeps, _audit: AuditService) {
  return {};
}
