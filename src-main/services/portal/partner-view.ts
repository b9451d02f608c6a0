import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import type { ServiceDeps } from '../context';

// PORTAL-UNBUILT (helper B builds this service)
export function partnerViewService(_deps: ServiceDeps, _audit: AuditService, _sessions: SessionService) {
  return {};
}
