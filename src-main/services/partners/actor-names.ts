import { and, eq, inArray } from 'drizzle-orm';
import type { AppDb, Database, Tables } from '../../data/database';
import { prepared, slot, statementsFor } from '../../data/prepared';
import type { ActorRef } from '../../../src-shared/contract/partners';

/**
 * Resolves the ids in the "by whom" columns of a screen (uploaded by, verified by, decided by)
 * to {id, name}, whichever kind of user acted: staff users (global ids) and the tenant's portal
 * users, one query for each kind. A portal user of another tenant is never named.
 */
const oneName = statementsFor((database) => ({
  staff: prepared(database, 'staff_name_by_id', (db, t) => db.select({ id: t.staffUsers.id, name: t.staffUsers.name }).from(t.staffUsers).where(eq(t.staffUsers.id, slot('id')))),
  portal: prepared(database, 'portal_user_name_by_id', (db, t) =>
    db
      .select({ id: t.partnerUsers.id, name: t.partnerUsers.name })
      .from(t.partnerUsers)
      .where(and(eq(t.partnerUsers.id, slot('id')), eq(t.partnerUsers.tenantId, slot('tenantId')))),
  ),
}));

/** Like actorNames, with `database` given: a detail view's single "by whom" id is then a prepared lookup. */
export async function actorNamesOn(database: Database, db: AppDb, tenantId: string, ids: (string | null | undefined)[]): Promise<(id: string | null | undefined) => ActorRef | null> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (wanted.length !== 1) return actorNames(db, database.t, tenantId, wanted);
  const id = wanted[0] as string;
  const reads = oneName(database);
  const staff = await reads.staff.run(db, { id });
  const [row] = staff.length ? staff : await reads.portal.run(db, { id, tenantId });
  return (asked) => (asked ? { id: asked, name: asked === row?.id ? row.name : 'Unknown user' } : null);
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
