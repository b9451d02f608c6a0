import { DEFAULT_MONEY_SETTINGS, type MoneySettings } from '../../../src-shared/contract/payouts/settings-types';
import type { AppDb, Database } from '../../data/database';
import { workspaceSettingsOf } from '../workspaces/settings';
import { tenantFacts } from '../workspaces/tenant-cache';

/** What the tenant JSON holds under `money`: only what an admin changed. */
export type StoredMoneySettings = Partial<Omit<MoneySettings, 'currency' | 'timeZone'>>;

/** The workspace's money settings over their defaults, with its currency and time zone (one cached read of the tenant). */
export async function readMoneySettings(database: Database, db: AppDb, tenantId: string): Promise<MoneySettings> {
  const row = await tenantFacts(database, db, tenantId);
  const stored = ((row?.settings as unknown as { money?: StoredMoneySettings } | undefined)?.money ?? {}) as StoredMoneySettings;
  return { ...DEFAULT_MONEY_SETTINGS, ...stored, currency: row?.currency ?? 'EUR', timeZone: workspaceSettingsOf(row?.settings).timeZone };
}
