import type { SchemaKit } from './kits';
import { DEFAULT_TIME_ZONE } from '../../../src-shared/calendar';

/** Workspaces (tenants): every business row of every other domain carries a tenant_id to one of these. */
export function workspaceTables(k: SchemaKit) {
  const tenants = k.table('tenants', {
    id: k.text('id').primaryKey(),
    name: k.text('name').notNull(),
    currency: k.text('currency').notNull(),
    settings: k.json<TenantSettings>('settings').notNull(),
    createdAt: k.time('created_at').notNull(),
  });

  return { tenants };
}

export interface TenantSettings {
  /** Partners can be approved only when their KYC status is `verified`. */
  approvalNeedsVerifiedKyc: boolean;
  /** IANA zone of the workspace's calendar day; a JSON key, so rows from before it simply lack it and read the default. */
  timeZone: string;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = { approvalNeedsVerifiedKyc: true, timeZone: DEFAULT_TIME_ZONE };
