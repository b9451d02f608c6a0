import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { AppDb, Database } from '../../data/database';
import type { ActiveSession, PartnerSession } from '../context';

export type UserRow = Database['t']['partnerUsers']['$inferSelect'];

/**
 * Locks the partner's row until the write commits (Postgres; SQLite's writer is exclusive
 * anyway): team changes of one partner then run one after the other, so the "another admin
 * remains" check cannot pass twice for two admins removing each other at once.
 */
export async function lockTeam(database: Database, tx: AppDb, tenantId: string, partnerId: string): Promise<void> {
  const p = database.t.partners;
  const query = tx
    .select({ id: p.id })
    .from(p)
    .where(and(eq(p.tenantId, tenantId), eq(p.id, partnerId), isNull(p.deletedAt)));
  const [row] = database.dialect.lockForUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'Partner not found');
}

/** Dispatch lets only partner roles in; a staff session reaching here is a wiring bug, refused all the same. */
export function partnerOf(session: ActiveSession): PartnerSession {
  if (session.userKind !== 'partner') throw new AppError('forbidden', 'Only portal users manage a partner team');
  return session;
}
