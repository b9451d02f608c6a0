import { auditService } from './audit';
import { authService } from './auth';
import { sessionService } from './sessions';
import { staffService } from './staff';
import { workspaceService } from './workspaces';
import type { ServiceDeps } from './context';
import { createPartnerServices } from './partners';

/** Wires every service once, with explicit dependencies (no globals). */
export function createServices(deps: ServiceDeps) {
  const audit = auditService(deps);
  const sessions = sessionService(deps);
  return {
    audit,
    sessions,
    auth: authService(deps, audit, sessions),
    staff: staffService(deps, audit, sessions),
    workspaces: workspaceService(deps, audit, sessions),
    ...createPartnerServices(deps, audit),
  };
}

export type Services = ReturnType<typeof createServices>;
