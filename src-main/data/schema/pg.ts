import { pgKit } from './kits';
import { defineSchema } from './logical';

/** The Postgres schema (drizzle-kit reads this file for drizzle/pg). */
export const schema = defineSchema(pgKit);
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
