import { and, desc, eq, gte, lt, lte, asc, gt, sql } from 'drizzle-orm';
import type { AppDb } from '../data/database';
import { activityHash, ChainVerifier, GENESIS_HASH } from '../domain/audit-chain';
import type { ActivityEntry, ActivityPage, AuditVerification } from '../../src-shared/contract/activity';
import type { Actor, ServiceDeps } from './context';

export interface ActivityInput {
  tenantId: string;
  actor: Actor;
  action: string;
  resourceType: string;
  resourceId: string | null;
  details?: Record<string, unknown>;
}

export interface ActivityFilters {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

/**
 * The one audit writer. Every mutation calls `record(tx, …)` with the transaction that makes
 * the change, so there is no change without its activity and no activity for a rollback.
 */
export function auditService({ database, clock, newId }: ServiceDeps) {
  const { activity, auditHeads } = database.t;

  async function record(tx: AppDb, input: ActivityInput): Promise<void> {
    await tx.insert(auditHeads).values({ tenantId: input.tenantId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
    // Bumping the head both reserves our seq and (on Postgres) row-locks the tenant's chain
    // until commit, so two desktops can never write the same seq or fork the chain.
    const [head] = await tx
      .update(auditHeads)
      .set({ seq: sql`${auditHeads.seq} + 1` })
      .where(eq(auditHeads.tenantId, input.tenantId))
      .returning({ seq: auditHeads.seq, prevHash: auditHeads.hash });
    if (!head) throw new Error('audit head missing');
    const row = {
      tenantId: input.tenantId,
      seq: head.seq,
      at: clock(),
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorName: input.actor.name,
      action: input.action,
      resourceType: input.resourceType,
      resourceId: input.resourceId,
      details: input.details ?? {},
    };
    const hash = activityHash(head.prevHash, row);
    await tx.insert(activity).values({ id: newId(), ...row, prevHash: head.prevHash, hash });
    await tx.update(auditHeads).set({ hash }).where(eq(auditHeads.tenantId, input.tenantId));
  }

  async function list(tenantId: string, f: ActivityFilters): Promise<ActivityPage> {
    const conditions = [eq(activity.tenantId, tenantId)];
    if (f.actorId) conditions.push(eq(activity.actorId, f.actorId));
    if (f.action) conditions.push(eq(activity.action, f.action));
    if (f.resourceType) conditions.push(eq(activity.resourceType, f.resourceType));
    if (f.resourceId) conditions.push(eq(activity.resourceId, f.resourceId));
    if (f.from) conditions.push(gte(activity.at, new Date(f.from)));
    if (f.to) conditions.push(lte(activity.at, new Date(f.to)));
    if (f.beforeSeq) conditions.push(lt(activity.seq, f.beforeSeq));
    const rows = await database.db
      .select()
      .from(activity)
      .where(and(...conditions))
      .orderBy(desc(activity.seq))
      .limit(f.limit + 1);
    const page = rows.slice(0, f.limit);
    const items: ActivityEntry[] = page.map((r) => ({
      id: r.id,
      seq: r.seq,
      at: r.at.toISOString(),
      actorType: r.actorType as ActivityEntry['actorType'],
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      details: r.details,
    }));
    return { items, nextBeforeSeq: rows.length > f.limit ? (page[page.length - 1]?.seq ?? null) : null };
  }

  async function facets(tenantId: string) {
    const actions = await database.db
      .selectDistinct({ action: activity.action })
      .from(activity)
      .where(eq(activity.tenantId, tenantId))
      .orderBy(asc(activity.action));
    const actors = await database.db
      .selectDistinct({ id: activity.actorId, name: activity.actorName })
      .from(activity)
      .where(and(eq(activity.tenantId, tenantId), sql`${activity.actorId} is not null`));
    const byId = new Map<string, string>();
    for (const a of actors) if (a.id) byId.set(a.id, a.name ?? a.id);
    return {
      actions: actions.map((a) => a.action),
      actors: [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  /** Recomputes the whole chain in batches; reads only, so it never blocks writers. */
  async function verify(tenantId: string): Promise<AuditVerification> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const batch = await database.db
        .select()
        .from(activity)
        .where(and(eq(activity.tenantId, tenantId), gt(activity.seq, after)))
        .orderBy(asc(activity.seq))
        .limit(5000);
      for (const row of batch) verifier.push(row);
      const last = batch[batch.length - 1];
      if (!last || batch.length < 5000) break;
      after = last.seq;
    }
    const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.tenantId, tenantId));
    const problems = verifier.finish(head ?? null);
    return { ok: problems.length === 0, checked: verifier.checked, problems };
  }

  return { record, list, facets, verify };
}

export type AuditService = ReturnType<typeof auditService>;
