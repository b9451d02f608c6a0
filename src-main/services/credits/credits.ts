import type { AuditService } from '../activity/audit';
import type { ServiceDeps } from '../context';

export function creditService(_deps: ServiceDeps, _audit: AuditService) {
  return {};
}
