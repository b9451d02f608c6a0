import type { SchemaKit } from './kits';
import { activityTables } from './activity';
import { authTables } from './auth';
import { instanceTables } from './instance';
import { partnerTables } from './partners';
import { leadTables } from './leads';
import { moneyTables } from './money';
import { staffTables } from './staff';
import { workspaceTables } from './workspaces';

export type { PartnerAddressJson } from './partners';
export { DEFAULT_TENANT_SETTINGS, type TenantSettings } from './workspaces';

/**
 * The logical description of every table, built once per dialect by `defineSchema(kit)` from
 * one file per domain (./workspaces.ts, ./staff.ts, ./auth.ts, ./activity.ts, ./partners.ts, ./leads.ts, ./money.ts, ./instance.ts).
 * Conventions: snake_case columns, text UUIDv7 ids, every business row carries tenant_id,
 * money in integer minor units, rates in basis points, soft delete via deleted_at.
 * A new domain adds its file and one line here; the generated migrations follow from it.
 */
export function defineSchema(k: SchemaKit) {
  const workspaces = workspaceTables(k);
  const partners = partnerTables(k, workspaces);
  const leads = leadTables(k, workspaces, partners);
  return {
    ...workspaces,
    ...staffTables(k, workspaces),
    ...authTables(k, workspaces),
    ...activityTables(k),
    ...partners,
    ...leads,
    ...moneyTables(k, workspaces, partners, leads),
    ...instanceTables(k),
  };
}
