import { eq } from 'drizzle-orm';
import type { AppDb, Database } from '../../data/database';
import { createInvalidatedCache } from '../../data/invalidated-cache';
import { prepared, slot, statementsFor } from '../../data/prepared';
import type { TenantSettings } from '../../data/schema/logical';

/**
 * The tenant row's settings and currency, which nearly every call reads (the time zone for
 * "today", the KYC rule, the lead settings): cached in the process outside writes, invalidated
 * exactly (data/invalidated-cache.ts). Every write of a tenant's settings or currency calls
 * `invalidateTenant` in its transaction. Inside a write the row is always read from the
 * transaction, so a decision never rests on a cached copy.
 */

const CHANNEL = 'partnerdesk_tenants';

export interface TenantFacts {
  settings: Partial<TenantSettings> | null;
  currency: string;
}

/** Drops the tenant's cached row in every process once `tx` commits. */
export function invalidateTenant(database: Database, tx: AppDb, tenantId: string): Promise<void> {
  return database.signalAtCommit(tx, CHANNEL, tenantId);
}

const perDatabase = statementsFor((database) => ({
  read: prepared<{ id: string }, TenantFacts[]>(database, 'tenant_facts', (db, t) =>
    db.select({ settings: t.tenants.settings, currency: t.tenants.currency }).from(t.tenants).where(eq(t.tenants.id, slot('id'))),
  ),
  cache: createInvalidatedCache<TenantFacts>(database, {
    channel: CHANNEL,
    ttlMs: 5_000,
    maxEntries: 1_000,
    now: Date.now,
    matcher: (message) => (key) => key === message,
  }),
}));

/** The tenant's settings and currency; `db` is the read handle or the caller's transaction. */
export async function tenantFacts(database: Database, db: AppDb, tenantId: string): Promise<TenantFacts | undefined> {
  const { read, cache } = perDatabase(database);
  if (db !== database.db) return (await read.run(db, { id: tenantId }))[0];
  const hit = cache.get(tenantId);
  if (hit) return hit;
  const since = cache.epoch();
  const [row] = await read.run(db, { id: tenantId });
  if (row) cache.fill(tenantId, row, since);
  return row;
}
