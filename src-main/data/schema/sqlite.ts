import { sqliteKit } from './kits';
import { defineSchema } from './logical';

/** The SQLite schema (drizzle-kit reads this file for drizzle/sqlite). */
export const schema = defineSchema(sqliteKit);
export const {
  tenants,
  staffUsers,
  memberships,
  signInThrottle,
  setupGuard,
  sessions,
  activity,
  auditHeads,
  activityFacets,
  partners,
  partnerCounts,
  partnerDocuments,
  documentBlobs,
  partnerUsers,
  apiKeys,
  leads,
  leadCounts,
  leadImports,
  leadImportMappings,
  credits,
  payoutRuns,
  payoutRunSkips,
  payouts,
  payoutCounts,
  payoutLines,
  payoutRequests,
  partnerMonths,
  instanceSettings,
  callIdempotency,
} = schema;
