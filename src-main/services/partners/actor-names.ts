import { inArray } from 'drizzle-orm';
import type { AppDb, Database, Tables } from '../../data/database';
import { inListSlot, prepared, statementsFor } from '../../data/prepared';
import type { ActorRef } from '../../../src-shared/contract/partners';

/**
 * Resolves the ids in the "by whom" columns of a screen (uploaded by, verified by, decided by)
 * to {id, name}, whichever kind of user acted: staff users (global ids) and the tenant's portal
 * users, one query for each kind. A portal user of another tenant is never named.
 */
const named = statementsFor((database) => ({
  staff: prepared<{ ids: string[] }, { id: string; name: string }[]>(database, 'staff_names_by_ids', (db, t) =>
    db.select({ id: t.staffUsers.id, name: t.staffUsers.name }).from(t.staffUsers).where(inListSlot(database, t.staffUsers.id, 'ids')),
  ),
  // By id alone, the tenant checked on the rows (see actorNames).
  portal: prepared<{ ids: string[] }, { id: string; tenantId: string; name: string }[]>(database, 'portal_user_names_by_ids', (db, t) =>
    db.select({ id: t.partnerUsers.id, tenantId: t.partnerUsers.tenantId, name: t.partnerUsers.name }).from(t.partnerUsers).where(inListSlot(database, t.partnerUsers.id, 'ids')),
  ),
}));

/** Like actorNames, on prepared statements (the ids as one list parameter): for hot reads. */
export async function actorNamesOn(database: Database, db: AppDb, tenantId: string, ids: (string | null | undefined)[]): Promise<(id: string | null | undefined) => ActorRef | null> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const names = new Map<string, string>();
  if (wanted.length) {
    const reads = named(database);
    for (const r of await reads.staff.run(db, { ids: wanted })) names.set(r.id, r.name);
    const rest = wanted.filter((id) => !names.has(id));
    if (rest.length) for (const r of await reads.portal.run(db, { ids: rest })) if (r.tenantId === tenantId) names.set(r.id, r.name);
  }
  return (id) => (id ? { id, name: names.get(id) ?? 'Unknown user' } : null);
}

export async function actorNames(db: AppDb, t: Tables, tenantId: string, ids: (string | null | undefined)[]): Promise<(id: string | null | undefined) => ActorRef | null> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const names = new Map<string, string>();
  if (wanted.length) {
    // One after the other: `db` may be a transaction, which runs one statement at a time anyway.
    const staff = await db.select({ id: t.staffUsers.id, name: t.staffUsers.name }).from(t.staffUsers).where(inArray(t.staffUsers.id, wanted));
    // By id alone, the tenant checked here: with five ids or more, "tenant_id = ? and id in (…)" let SQLite (no
    // statistics) walk every portal user of the tenant through a tenant index instead of probing the primary key.
    const portal = (
      await db.select({ id: t.partnerUsers.id, tenantId: t.partnerUsers.tenantId, name: t.partnerUsers.name }).from(t.partnerUsers).where(inArray(t.partnerUsers.id, wanted))
    ).filter((r) => r.tenantId === tenantId);
    for (const r of [...staff, ...portal]) names.set(r.id, r.name);
  }
  return (id) => (id ? { id, name: names.get(id) ?? 'Unknown user' } : null);
}
