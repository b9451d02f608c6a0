import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppDb } from '../../data/database';
import { insertMany } from '../../data/insert-many';
import type { AuditService } from '../activity/audit';
import type { Actor, ServiceDeps } from '../context';
import type { PayoutRunRow, StoredSkip } from './payout-rows';

/*
 * A generation run's own row and its audit: started, the progress each chunk adds in its
 * transaction, completed or failed. Shared by the chunked run (./generation.ts) and the
 * one-partner run that does all of it in one transaction.
 */

export const RUN_AUDIT = { started: 'payout_run.started', completed: 'payout_run.completed', failed: 'payout_run.failed' } as const;

export function runRecords(deps: ServiceDeps, audit: AuditService) {
  const { database, clock } = deps;
  const { payoutRuns: runs, payoutRunSkips: runSkips } = database.t;

  /** The run row, `running`, with its `payout_run.started` entry. */
  async function insertRun(tx: AppDb, row: PayoutRunRow, actor: Actor): Promise<void> {
    await tx.insert(runs).values(row);
    await audit.record(tx, {
      tenantId: row.tenantId,
      actor,
      action: RUN_AUDIT.started,
      resourceType: 'payout_run',
      resourceId: row.id,
      details: { periodStart: row.periodStart, periodEnd: row.periodEnd, partnerId: row.partnerId, requestId: row.requestId },
    });
  }

  /** The run row, locked on Postgres: a second executor of the same run waits, then sees what this one did. */
  function lockedRun(tx: AppDb, runId: string) {
    const q = tx.select().from(runs).where(eq(runs.id, runId));
    return database.dialect.lockForUpdate ? q.for('update') : q;
  }

  /** Adds what a chunk did (partners settled, payouts made, skips) to the run, in the chunk's transaction. */
  async function recordProgress(tx: AppDb, runId: string, tenantId: string, done: number, made: { totalMinor: number }[], skips: StoredSkip[]): Promise<void> {
    if (done === 0) return;
    await insertMany(database, tx, runSkips, skips.map((k) => ({ runId, tenantId, ...k })));
    await tx
      .update(runs)
      .set({
        partnersDone: sql`${runs.partnersDone} + ${done}`,
        payoutsCreated: sql`${runs.payoutsCreated} + ${made.length}`,
        totalMinor: sql`${runs.totalMinor} + ${made.reduce((s, m) => s + m.totalMinor, 0)}`,
      })
      .where(eq(runs.id, runId));
  }

  /** The partners of `partnerIds` (all, without) that the run has recorded as skipped. */
  async function skippedAmong(db: AppDb, runId: string, partnerIds?: string[]): Promise<Set<string>> {
    if (partnerIds?.length === 0) return new Set();
    const rows = await db
      .select({ partnerId: runSkips.partnerId })
      .from(runSkips)
      .where(and(eq(runSkips.runId, runId), partnerIds ? inArray(runSkips.partnerId, partnerIds) : undefined));
    return new Set(rows.map((r) => r.partnerId));
  }

  /** A running run becomes `completed`, with its `payout_run.completed` entry (the totals and skips by reason); returns the row as completed. */
  async function completeRun(tx: AppDb, runId: string, actor: Actor): Promise<PayoutRunRow | null> {
    const [now] = await lockedRun(tx, runId);
    if (!now || now.status !== 'running') return null;
    const finishedAt = clock();
    await tx.update(runs).set({ status: 'completed', finishedAt, partnersTotal: now.partnersDone }).where(eq(runs.id, runId));
    const byReason = await tx
      .select({ reason: runSkips.reason, n: sql<number>`count(*)` })
      .from(runSkips)
      .where(eq(runSkips.runId, runId))
      .groupBy(runSkips.reason);
    await audit.record(tx, {
      tenantId: now.tenantId,
      actor,
      action: RUN_AUDIT.completed,
      resourceType: 'payout_run',
      resourceId: runId,
      details: {
        periodStart: now.periodStart,
        periodEnd: now.periodEnd,
        partnersTotal: now.partnersDone,
        payoutsCreated: now.payoutsCreated,
        totalMinor: Number(now.totalMinor),
        skipped: byReason.reduce((sum, r) => sum + Number(r.n), 0),
        skippedByReason: Object.fromEntries(byReason.map((r) => [r.reason, Number(r.n)])),
      },
    });
    return { ...now, status: 'completed', finishedAt, partnersTotal: now.partnersDone };
  }

  /** A running run becomes `failed` with the reason, and its `payout_run.failed` entry. */
  async function failRun(tx: AppDb, tenantId: string, runId: string, actor: Actor, reason: string): Promise<void> {
    await tx
      .update(runs)
      .set({ status: 'failed', failure: reason, finishedAt: clock() })
      .where(and(eq(runs.id, runId), eq(runs.status, 'running')));
    await audit.record(tx, { tenantId, actor, action: RUN_AUDIT.failed, resourceType: 'payout_run', resourceId: runId, details: { reason } });
  }

  return { insertRun, lockedRun, recordProgress, skippedAmong, completeRun, failRun };
}
