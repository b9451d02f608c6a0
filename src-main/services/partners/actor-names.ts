import { inArray } from 'drizzle-orm';
import type { AppDb, Tables } from '../../data/database';
import type { ActorRef } from '../../../src-shared/contract/partners';

/** Resolves staff ids to {id, name} in one query, for the "by whom" columns of a screen. */
export async function actorNames(db: AppDb, t: Tables, ids: (string | null | undefined)[]): Promise<(id: string | null | undefined) => ActorRef | null> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const rows = wanted.length ? await db.select({ id: t.staffUsers.id, name: t.staffUsers.name }).from(t.staffUsers).where(inArray(t.staffUsers.id, wanted)) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => (id ? { id, name: names.get(id) ?? 'Unknown user' } : null);
}
