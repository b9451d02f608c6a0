import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import type { ServiceDeps } from '../context';
import { portalAuthService } from './portal-auth';
import { partnerViewService } from './partner-view';
import { portalTeamService } from './team';

/** What partner users do in the portal beyond the shared lead, credit and payout services. */
export function createPortalServices(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  return {
    auth: portalAuthService(deps, audit, sessions),
    view: partnerViewService(deps, audit, sessions),
    team: portalTeamService(deps, audit, sessions),
  };
}
