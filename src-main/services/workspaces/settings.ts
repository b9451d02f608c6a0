import type { WorkspaceSettings } from '../../../src-shared/contract/workspaces';
import { todayIn } from '../../../src-shared/calendar';
import type { AppDb, Database } from '../../data/database';
import { tenantFacts } from './tenant-cache';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../data/schema/logical';

/**
 * A workspace's settings as every service reads them: the stored JSON over the defaults, so a
 * row written before a setting existed (e.g. `timeZone`) reads the default.
 */
export async function readWorkspaceSettings(database: Database, db: AppDb, tenantId: string): Promise<WorkspaceSettings> {
  return workspaceSettingsOf((await tenantFacts(database, db, tenantId))?.settings);
}

/** The workspace's own keys of a tenant's settings JSON, over the defaults; for a service that read the row already. */
export function workspaceSettingsOf(settings: Partial<TenantSettings> | null | undefined): WorkspaceSettings {
  // Only the workspace's own keys: the same JSON holds other domains' settings (`leads`), which are theirs to read.
  const stored = { ...DEFAULT_TENANT_SETTINGS, ...settings };
  return { approvalNeedsVerifiedKyc: stored.approvalNeedsVerifiedKyc, timeZone: stored.timeZone };
}

/** The workspace's calendar day at `now`: the one "today" of every expiry rule on the server. */
export function workspaceToday(settings: Pick<WorkspaceSettings, 'timeZone'>, now: Date): string {
  return todayIn(settings.timeZone, now);
}
