import { auditService } from './activity/audit';
import { authService } from './auth/auth';
import { sessionService } from './auth/sessions';
import { invitationService } from './auth/invitations';
import { staffService } from './staff/staff';
import { workspaceService } from './workspaces/workspaces';
import type { ServiceDeps } from './context';
import { createPartnerServices } from './partners';
import { createLeadServices } from './leads';
import { createCreditServices } from './credits';
import { createPayoutServices } from './payouts';
import { createPortalServices } from './portal';

/**
 * Wires every service once, with explicit dependencies (no globals). One key per domain, named
 * like the procedures' first segment (`activity.list` → `activity.list`); a domain with
 * sub-namespaces nests them (`partners.banking.set` → `partners.banking.set`).
 */
export function createServices(deps: ServiceDeps) {
  const audit = auditService(deps);
  const sessions = sessionService(deps);
  return {
    auth: { ...authService(deps, audit, sessions), sessions, invitations: invitationService(deps, audit, sessions) },
    workspaces: workspaceService(deps, audit, sessions),
    staff: staffService(deps, audit, sessions),
    activity: audit,
    partners: createPartnerServices(deps, audit),
    leads: createLeadServices(deps, audit),
    credits: createCreditServices(deps, audit),
    payouts: createPayoutServices(deps, audit),
    portal: createPortalServices(deps, audit, sessions),
  };
}

export type Services = ReturnType<typeof createServices>;
