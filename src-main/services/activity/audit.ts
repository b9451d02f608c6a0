import { and, desc, eq, gte, inArray, lt, lte, asc, sql, type SQL } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import { inShape, prepared, preparedShapes, shapeOf, slot, statementsFor } from '../../data/prepared';
import { chainHash, GENESIS_HASH } from '../../domain/audit-chain';
import { SUBKEY_INFO } from '../../security/key-provider';
import type { ActivityEntry, ActivityPage } from '../../../src-shared/contract/activity';
import type { Actor, ServiceDeps } from '../context';
import { resourceLabels } from './resource-labels';
import { auditVerification } from './audit-verify';

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
 * The filter-picker entries an activity row contributes (its action, its actor); the first
 * label seen for a value is kept. Exported for bulk loaders, which derive the facets of a
 * loaded trail with this same rule.
 */
export function facetsOf(input: Pick<ActivityInput, 'tenantId' | 'action' | 'actor'>): { tenantId: string; kind: string; value: string; label: string }[] {
  const facets = [{ tenantId: input.tenantId, kind: 'action', value: input.action, label: input.action }];
  // Staff are the actor picker's options; portal users (thousands) are kept apart so the picker stays short.
  if (input.actor.id) facets.push({ tenantId: input.tenantId, kind: input.actor.type === 'staff' ? 'actor' : `actor:${input.actor.type}`, value: input.actor.id, label: input.actor.name ?? input.actor.id });
  return facets;
}

/**
 * The statements of one audit record, built once (data/prepared.ts): per record, one head read
 * (FOR UPDATE on Postgres), the entry, one head write and one facet upsert; the genesis head is
 * inserted only for a tenant's first entry. An insert's values are bare placeholders (Drizzle
 * encodes them with the column's own mapping: dates, JSON); a set clause takes no placeholder,
 * so there a slot names its column (SQL carrying the column's encoder).
 */
/** The optional filters of an activity page, in the order its statement shapes name them. */
const ACTIVITY_FILTERS = ['actorId', 'action', 'resourceType', 'resourceId', 'minSeq', 'maxSeq', 'beforeSeq'] as const;

const ph = (name: string) => sql.placeholder(name);
const writes = statementsFor((database) => {
  const { activity, auditHeads, activityFacets } = database.t;
  const facet = (n: number) => ({ tenantId: ph('tenantId'), kind: ph(`kind${n}`), value: ph(`value${n}`), label: ph(`label${n}`) });
  return {
    head: prepared(database, 'audit_head', (db) => {
      const query = db.select({ seq: auditHeads.seq, hash: auditHeads.hash, lastAt: auditHeads.lastAt, keyedFromSeq: auditHeads.keyedFromSeq }).from(auditHeads).where(eq(auditHeads.tenantId, slot('tenantId')));
      return database.dialect.lockForUpdate ? query.for('update') : query;
    }),
    createHead: prepared(database, 'audit_head_create', (db) =>
      db.insert(auditHeads).values({ tenantId: ph('tenantId'), seq: 0, hash: GENESIS_HASH }).onConflictDoNothing(),
    ),
    moveHead: prepared(database, 'audit_head_move', (db) =>
      db
        .update(auditHeads)
        .set({ seq: slot('seq', auditHeads.seq), hash: slot('hash', auditHeads.hash), lastAt: slot('lastAt', auditHeads.lastAt) })
        .where(eq(auditHeads.tenantId, slot('tenantId'))),
    ),
    entry: prepared(database, 'audit_entry', (db) =>
      db.insert(activity).values({
        id: ph('id'),
        tenantId: ph('tenantId'),
        seq: ph('seq'),
        at: ph('at'),
        actorType: ph('actorType'),
        actorId: ph('actorId'),
        actorName: ph('actorName'),
        action: ph('action'),
        resourceType: ph('resourceType'),
        resourceId: ph('resourceId'),
        details: ph('details'),
        prevHash: ph('prevHash'),
        hash: ph('hash'),
      }),
    ),
    // The first label seen for a value is kept: a facet is inserted once, never updated.
    facets1: prepared(database, 'audit_facets_1', (db) => db.insert(activityFacets).values([facet(1)]).onConflictDoNothing()),
    facets2: prepared(database, 'audit_facets_2', (db) => db.insert(activityFacets).values([facet(1), facet(2)]).onConflictDoNothing()),
  };
});

/**
 * The one audit writer. Every mutation calls `record(tx, …)` with the transaction that makes
 * the change, so there is no change without its activity and no activity for a rollback.
 */
export function auditService(deps: ServiceDeps) {
  const { database, clock, newId, keys } = deps;
  const { activity, activityFacets } = database.t;

  async function record(tx: AppDb, input: ActivityInput): Promise<void> {
    const w = writes(database);
    // Derived once and cached by the key provider: after the first entry this await costs nothing.
    const key = await keys.getSubkey(SUBKEY_INFO.auditChain);
    const tenant = { tenantId: input.tenantId };
    // Locked on Postgres until commit, so two desktops can never write the same seq or fork the
    // chain; SQLite's single writer is exclusive already.
    let [head] = await w.head.run(tx, tenant);
    if (!head) {
      // The tenant's first entry: its genesis head, once. A writer racing us on Postgres waits on
      // the key, finds ours committed, and reads (and locks) it on the second read.
      await w.createHead.run(tx, tenant);
      [head] = await w.head.run(tx, tenant);
      if (!head) throw new Error('audit head missing');
    }
    // Time never runs backwards within a trail (a clock step back is clamped), which lets a
    // date filter become a seq range on the seq index.
    const now = clock();
    const at = head.lastAt && head.lastAt.getTime() > now.getTime() ? head.lastAt : now;
    const row = {
      tenantId: input.tenantId,
      seq: head.seq + 1,
      at,
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorName: input.actor.name,
      action: input.action,
      resourceType: input.resourceType,
      resourceId: input.resourceId,
      details: input.details ?? {},
    };
    const hash = chainHash(head.hash, row, { key, keyedFromSeq: head.keyedFromSeq });
    await w.entry.run(tx, { id: newId(), ...row, prevHash: head.hash, hash });
    await w.moveHead.run(tx, { tenantId: input.tenantId, seq: row.seq, hash, lastAt: at });
    const facets = facetsOf(input);
    const facetValues: Record<string, string> = { tenantId: input.tenantId };
    facets.forEach((f, i) => Object.assign(facetValues, { [`kind${i + 1}`]: f.kind, [`value${i + 1}`]: f.value, [`label${i + 1}`]: f.label }));
    await (facets.length === 2 ? w.facets2 : w.facets1).run(tx, facetValues);
  }

  /** The seq range covering [from, to]: lookups on (tenant_id, at), valid because `at` grows with seq. */
  const firstSeqFrom = prepared(database, 'activity_first_seq_from', (db) =>
    db
      .select({ seq: activity.seq })
      .from(activity)
      .where(and(eq(activity.tenantId, slot('tenantId')), gte(activity.at, slot('at', activity.at))))
      .orderBy(asc(activity.at), asc(activity.seq))
      .limit(1),
  );
  const lastSeqTo = prepared(database, 'activity_last_seq_to', (db) =>
    db
      .select({ seq: activity.seq })
      .from(activity)
      .where(and(eq(activity.tenantId, slot('tenantId')), lte(activity.at, slot('at', activity.at))))
      .orderBy(desc(activity.at), desc(activity.seq))
      .limit(1),
  );

  async function seqBounds(tenantId: string, from?: string, to?: string): Promise<{ min?: number; max?: number }> {
    const bounds: { min?: number; max?: number } = {};
    if (from) {
      const [first] = await firstSeqFrom.run(database.db, { tenantId, at: new Date(from) });
      bounds.min = first?.seq ?? Number.MAX_SAFE_INTEGER;
    }
    if (to) {
      const [last] = await lastSeqTo.run(database.db, { tenantId, at: new Date(to) });
      bounds.max = last?.seq ?? 0;
    }
    return bounds;
  }

  const pages = preparedShapes(database, 'activity_page', (shape, db) => {
    // A filter's placeholder is named like the filter.
    const conditions = [eq(activity.tenantId, slot('tenantId'))];
    const when = (key: (typeof ACTIVITY_FILTERS)[number], condition: () => SQL) => {
      if (inShape(shape, key)) conditions.push(condition());
    };
    when('actorId', () => eq(activity.actorId, slot('actorId')));
    when('action', () => eq(activity.action, slot('action')));
    when('resourceType', () => eq(activity.resourceType, slot('resourceType')));
    when('resourceId', () => eq(activity.resourceId, slot('resourceId')));
    when('minSeq', () => gte(activity.seq, slot('minSeq')));
    when('maxSeq', () => lte(activity.seq, slot('maxSeq')));
    when('beforeSeq', () => lt(activity.seq, slot('beforeSeq')));
    return db
      .select()
      .from(activity)
      .where(and(...conditions))
      .orderBy(desc(activity.seq))
      .limit(slot('limit'));
  });

  async function list(tenantId: string, f: ActivityFilters): Promise<ActivityPage> {
    const bounds = await seqBounds(tenantId, f.from, f.to);
    const values = {
      tenantId,
      actorId: f.actorId,
      action: f.action,
      resourceType: f.resourceType,
      resourceId: f.resourceId,
      minSeq: bounds.min,
      maxSeq: bounds.max,
      beforeSeq: f.beforeSeq || undefined,
      limit: f.limit + 1,
    };
    // One prepared statement per combination of filters in use (at most 2^7, a handful in practice).
    const shape = shapeOf(ACTIVITY_FILTERS, values);
    const rows = await pages.run(database.db, shape, values);
    const page = rows.slice(0, f.limit);
    const labels = await resourceLabels(database, database.db, tenantId, page);
    const items: ActivityEntry[] = page.map((r, i) => ({
      id: r.id,
      seq: r.seq,
      at: r.at.toISOString(),
      actorType: r.actorType as ActivityEntry['actorType'],
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      resourceLabel: labels[i] ?? null,
      details: r.details,
    }));
    return { items, nextBeforeSeq: rows.length > f.limit ? (page[page.length - 1]?.seq ?? null) : null };
  }

  async function facets(tenantId: string) {
    const rows = await database.db
      .select()
      .from(activityFacets)
      .where(and(eq(activityFacets.tenantId, tenantId), inArray(activityFacets.kind, ['action', 'actor'])));
    return {
      actions: rows.filter((r) => r.kind === 'action').map((r) => r.value).sort(),
      actors: rows
        .filter((r) => r.kind === 'actor')
        .map((r) => ({ id: r.value, name: r.label }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  }

  const verification = auditVerification(deps);
  return { record, list, facets, verify: verification.verify, verification };
}

export type AuditService = ReturnType<typeof auditService>;
