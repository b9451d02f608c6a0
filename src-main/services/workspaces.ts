import type { WorkspaceSummary } from '../../src-shared/contract/auth';
import { DEFAULT_TENANT_SETTINGS } from '../data/schema/logical';
import type { AuditService } from './audit';
import type { SessionService } from './sessions';
import { actorOf, type ActiveSession, type ServiceDeps } from './context';

export function workspaceService(deps: ServiceDeps, audit: AuditService, sessions: SessionService) {
  const { database, clock, newId } = deps;
  const { tenants, memberships } = database.t;

  async function list(session: ActiveSession): Promise<WorkspaceSummary[]> {
    return sessions.workspacesOf(database.db, session.userId);
  }

  /** A further workspace; its creator becomes its first admin. Audited in both workspaces. */
  async function create(session: ActiveSession, input: { name: string; currency: string }): Promise<WorkspaceSummary> {
    return database.write(async (tx) => {
      const now = clock();
      const tenantId = newId();
      await tx.insert(tenants).values({ id: tenantId, name: input.name, currency: input.currency, settings: DEFAULT_TENANT_SETTINGS, createdAt: now });
      await tx.insert(memberships).values({ tenantId, userId: session.userId, role: 'admin', createdAt: now });
      const details = { name: input.name, currency: input.currency };
      await audit.record(tx, { tenantId, actor: actorOf(session), action: 'workspace.created', resourceType: 'workspace', resourceId: tenantId, details });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'workspace.created', resourceType: 'workspace', resourceId: tenantId, details });
      return { id: tenantId, name: input.name, currency: input.currency, role: 'admin' };
    });
  }

  return { list, create };
}
