import { eq } from 'drizzle-orm';
import type { WorkspaceSummary } from '../../../src-shared/contract/auth';
import type { WorkspaceSettings } from '../../../src-shared/contract/workspaces';
import { DEFAULT_TENANT_SETTINGS } from '../../data/schema/logical';
import type { AuditService } from '../activity/audit';
import type { SessionService } from '../auth/sessions';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { readWorkspaceSettings } from './settings';
import { invalidateTenant } from './tenant-cache';

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
      await tx.insert(memberships).values({ tenantId, userId: session.userId, role: 'admin', createdAt: now, acceptedAt: now, roleSince: now });
      const details = { name: input.name, currency: input.currency };
      await audit.record(tx, { tenantId, actor: actorOf(session), action: 'workspace.created', resourceType: 'workspace', resourceId: tenantId, details });
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'workspace.created', resourceType: 'workspace', resourceId: tenantId, details });
      return { id: tenantId, name: input.name, currency: input.currency, role: 'admin' };
    });
  }

  async function settings(session: ActiveSession): Promise<WorkspaceSettings> {
    return readWorkspaceSettings(database, database.db, session.tenantId);
  }

  /** Changes the settings given; the others keep their values. */
  async function updateSettings(session: ActiveSession, input: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
    return database.write(async (tx) => {
      // The JSON also holds other domains' keys (the lead settings): they keep their values. Locked on
      // Postgres so a concurrent change of those keys is not overwritten with what this read saw.
      const storedQuery = tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, session.tenantId));
      const [stored] = database.dialect.lockForUpdate ? await storedQuery.for('update') : await storedQuery;
      const before = await readWorkspaceSettings(database, tx, session.tenantId);
      const after: WorkspaceSettings = {
        approvalNeedsVerifiedKyc: input.approvalNeedsVerifiedKyc ?? before.approvalNeedsVerifiedKyc,
        timeZone: input.timeZone ?? before.timeZone,
      };
      await tx.update(tenants).set({ settings: { ...stored?.settings, ...after } }).where(eq(tenants.id, session.tenantId));
      await invalidateTenant(database, tx, session.tenantId);
      await audit.record(tx, { tenantId: session.tenantId, actor: actorOf(session), action: 'workspace.settings_changed', resourceType: 'workspace', resourceId: session.tenantId, details: { from: before, to: after } });
      return after;
    });
  }

  return { list, create, settings, updateSettings };
}
