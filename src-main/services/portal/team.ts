import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import type { ServiceDeps } from '../context';

// PORTAL-UNBUILT (helper C builds this service)
export function portalTeamService(_deps: ServiceDeps, _audit: AuditService, _sessions: SessionService) {
  return {};
}
