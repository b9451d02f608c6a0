import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import type { ServiceDeps } from '../context';

// PORTAL-UNBUILT (helper A builds this service)
export function portalAuthService(_deps: ServiceDeps, _audit: AuditService, _sessions: SessionService) {
  return {};
}
