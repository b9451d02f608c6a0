import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { approvePayoutInput, decideLineInput, listPayoutsInput, PayoutDetail, PayoutLineStatus, PayoutPage, PayoutStatus, rejectPayoutInput } from '../../../src-shared/contract/payouts';
import type { AppDb } from '../../data/database';
import { approvedPayoutStatus, PAYOUT_STATUS_TEXT } from '../../domain/payouts/payout-status';
import { approvableMinor, approvalRefusal, lineActions, lineRefusal, needsSecondApproval, payoutActions, rejectionRefusal, type PayoutFacts, type Refusal } from '../../domain/payouts/payout-actions';
import type { AuditService } from '../activity/audit';
import { actorNames } from '../partners/actor-names';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { readMoneySettings } from './money-settings';
import { loadPayout, payoutLines, payoutPartner, slices, toSummaries, type PayoutRow } from './payout-rows';

type ListInput = z.output<typeof listPayoutsInput>;
type DecideLineInput = z.output<typeof decideLineInput>;
type ApproveInput = z.output<typeof approvePayoutInput>;
type RejectInput = z.output<typeof rejectPayoutInput>;

/*
 * Review (`payouts.list`, `payouts.get`, `payouts.decideLine`, `payouts.approve`,
 * `payouts.reject`). Every decision is a compare-and-set on the payout's status and version (the
 * version the caller saw), in one transaction with its lines, its credits and its audit row. A
 * released line (its own rejection, or its payout's) frees its credit: payout_id and
 * payout_stage null, back in the pool for the next generation.
 */

const throwRefusal = (r: Refusal | null) => {
  if (r) throw new AppError(r.code, r.message);
};

export function payoutReviewService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock } = deps;
  const { payouts: p, payoutCounts: pc, payoutLines: pl, credits: c } = database.t;

  function encodeCursor(row: Pick<PayoutRow, 'generatedAt' | 'id'>): string {
    return Buffer.from(JSON.stringify([row.generatedAt.getTime(), row.id])).toString('base64url');
  }
  function decodeCursor(cursor: string): { at: Date; id: string } {
    try {
      const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string];
      if (typeof at !== 'number' || typeof id !== 'string') throw new Error('shape');
      return { at: new Date(at), id };
    } catch {
      throw new AppError('validation', 'Invalid cursor', 'cursor');
    }
  }

  /** Newest first, keyset on (generated_at, id); the totals are of the whole filter (kept counters, or one partner's range). */
  async function list(session: ActiveSession, input: ListInput): Promise<PayoutPage> {
    const money = await readMoneySettings(database, database.db, session.tenantId);
    const conditions: SQL[] = [eq(p.tenantId, session.tenantId)];
    if (input.status) conditions.push(eq(p.status, input.status));
    if (input.partnerId) conditions.push(eq(p.partnerId, input.partnerId));
    const [totals] = input.partnerId
      ? // One partner's payouts: a range of payouts_partner_idx, a few dozen rows.
        await database.db
          .select({ count: sql<number>`count(*)`, total: sql<number>`coalesce(sum(${p.totalMinor}), 0)` })
          .from(p)
          .where(and(...conditions))
      : // The whole tenant's: the counters the database keeps per status (payout_counts), not a sum over every payout.
        await database.db
          .select({ count: sql<number>`coalesce(sum(${pc.total}), 0)`, total: sql<number>`coalesce(sum(${pc.totalMinor}), 0)` })
          .from(pc)
          .where(and(eq(pc.tenantId, session.tenantId), input.status ? eq(pc.status, input.status) : undefined));
    const page = [...conditions];
    if (input.cursor) {
      const after = decodeCursor(input.cursor);
      page.push(or(lt(p.generatedAt, after.at), and(eq(p.generatedAt, after.at), lt(p.id, after.id)))!);
    }
    const rows = await database.db
      .select()
      .from(p)
      .where(and(...page))
      .orderBy(desc(p.generatedAt), desc(p.id))
      .limit(input.limit + 1);
    const shown = rows.slice(0, input.limit);
    const last = shown[shown.length - 1];
    return {
      rows: await toSummaries(database, database.db, session, shown),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
      totals: { count: Number(totals?.count ?? 0), totalMinor: Number(totals?.total ?? 0), currency: money.currency },
    };
  }

  async function facts(db: AppDb, row: PayoutRow): Promise<PayoutFacts> {
    const lines = await db
      .select({ status: pl.status, amountMinor: pl.amountMinor })
      .from(pl)
      .where(and(eq(pl.tenantId, row.tenantId), eq(pl.payoutId, row.id)));
    return {
      status: row.status as PayoutStatus,
      generatedBy: row.generatedBy,
      firstApprovedBy: row.firstApprovedBy,
      approvedBy: row.approvedBy,
      lines: lines.map((l) => ({ status: l.status as PayoutLineStatus, amountMinor: Number(l.amountMinor) })),
    };
  }

  async function partnerState(db: AppDb, row: PayoutRow, lock: boolean) {
    const partner = await payoutPartner(database, db, row.tenantId, row.partnerId, { lock });
    return { status: partner?.status ?? 'inactive', bankingOnHold: Boolean(partner?.bankingOnHold) };
  }

  async function detail(db: AppDb, session: ActiveSession, row: PayoutRow): Promise<PayoutDetail> {
    const [summary] = await toSummaries(database, db, session, [row]);
    const lines = await payoutLines(database, db, session, row.id);
    const money = await readMoneySettings(database, db, session.tenantId);
    // The facts from the lines already read (no second read of them).
    const f: PayoutFacts = {
      status: row.status as PayoutStatus,
      generatedBy: row.generatedBy,
      firstApprovedBy: row.firstApprovedBy,
      approvedBy: row.approvedBy,
      lines: lines.map((l) => ({ status: l.status, amountMinor: l.amountMinor })),
    };
    const partner = await partnerState(db, row, false);
    const caller = { userKind: session.userKind, role: session.role, userId: session.userId };
    const actions = payoutActions(f, caller, partner);
    const second = f.status === 'pending' && needsSecondApproval(f.lines, money.secondApprovalAboveMinor);
    const blockers = actions.flatMap((a) => (a.enabled || !a.reason || a.reason === 'Your role does not allow this' ? [] : [a.reason]));
    if (second && !row.firstApprovedBy) blockers.push('Above the approval threshold: two different managers must approve this payout.');
    if (second && row.firstApprovedBy && summary?.firstApprovedBy) blockers.push(`First approved by ${summary.firstApprovedBy.name}: a second, different manager must complete the approval.`);
    const sum = (status: PayoutLineStatus) => lines.filter((l) => l.status === status).reduce((s, l) => s + l.amountMinor, 0);
    return {
      ...summary!,
      lines,
      pendingMinor: sum('pending'),
      rejectedMinor: sum('rejected'),
      notes: session.userKind === 'staff' || row.status === 'rejected' ? row.notes : null,
      actions,
      lineActions: lineActions(f, caller),
      blockers,
      needsSecondApproval: second,
    };
  }

  async function get(session: ActiveSession, id: string): Promise<PayoutDetail> {
    return detail(database.db, session, await loadPayout(database, database.db, session, id));
  }

  /** The refusal of a lost race: what the payout is now and who moved it. */
  async function conflict(tx: AppDb, session: ActiveSession, id: string): Promise<AppError> {
    const [now] = await tx
      .select({ status: p.status, by: sql<string | null>`coalesce(${p.approvedBy}, ${p.rejectedBy}, ${p.firstApprovedBy})` })
      .from(p)
      .where(and(eq(p.tenantId, session.tenantId), eq(p.id, id)));
    if (!now) return new AppError('not_found', 'Payout not found', 'id');
    const by = (await actorNames(tx, database.t, session.tenantId, [now.by]))(now.by);
    return new AppError('conflict', `Someone else changed this payout meanwhile: it is now ${PAYOUT_STATUS_TEXT[now.status as PayoutStatus]}${by ? ` (last decided by ${by.name})` : ''}. Reload it and decide again.`);
  }

  /** The payout's version and status move only if still what the caller saw; 0 rows → conflict. */
  async function casPayout(tx: AppDb, session: ActiveSession, row: PayoutRow, version: number, changes: Partial<PayoutRow>): Promise<PayoutRow> {
    const [updated] = await tx
      .update(p)
      .set({ ...changes, version: row.version + 1, updatedAt: clock() })
      .where(and(eq(p.tenantId, session.tenantId), eq(p.id, row.id), eq(p.status, row.status), eq(p.version, version)))
      .returning();
    if (!updated) throw await conflict(tx, session, row.id);
    return updated;
  }

  /** Frees the credits of released lines: back in the pool (only those this payout still holds). */
  async function releaseCredits(tx: AppDb, tenantId: string, payoutId: string, creditIds: string[]) {
    const now = clock();
    for (const ids of slices(creditIds)) {
      await tx
        .update(c)
        .set({ payoutId: null, payoutStage: null, updatedAt: now, version: sql`${c.version} + 1` })
        .where(and(eq(c.tenantId, tenantId), inArray(c.id, ids), eq(c.payoutId, payoutId)));
    }
  }

  async function decideLine(session: ActiveSession, input: DecideLineInput): Promise<PayoutDetail> {
    return database.write(async (tx) => {
      const row = await loadPayout(database, tx, session, input.payoutId, { lock: true });
      throwRefusal(lineRefusal({ status: row.status as PayoutStatus }, { userKind: session.userKind, role: session.role, userId: session.userId }));
      if (row.version !== input.version) throw await conflict(tx, session, row.id);
      const [line] = await tx
        .select()
        .from(pl)
        .where(and(eq(pl.tenantId, session.tenantId), eq(pl.payoutId, row.id), eq(pl.id, input.lineId)));
      if (!line) throw new AppError('not_found', 'Payout line not found', 'lineId');
      if (line.status !== 'pending') throw new AppError('invalid_transition', `This line was ${line.status} already.`, 'lineId');
      const now = clock();
      const note = input.note?.trim() || null;
      const reject = input.decision === 'reject';
      const [changed] = await tx
        .update(pl)
        .set({ status: reject ? 'rejected' : 'approved', note, decidedBy: session.userId, decidedAt: now, ...(reject ? { releasedAt: now } : {}) })
        .where(and(eq(pl.id, line.id), eq(pl.status, 'pending'), isNull(pl.releasedAt)))
        .returning({ id: pl.id });
      if (!changed) throw await conflict(tx, session, row.id);
      if (reject) await releaseCredits(tx, session.tenantId, row.id, [line.creditId]);
      // A line decision changes what an approval approves: a first approval given before it no longer stands.
      const updated = await casPayout(tx, session, row, input.version, row.firstApprovedBy ? { firstApprovedBy: null, firstApprovedAt: null } : {});
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: reject ? 'payout.line_rejected' : 'payout.line_approved',
        resourceType: 'payout',
        resourceId: row.id,
        details: {
          number: row.number,
          lineId: line.id,
          creditId: line.creditId,
          amountMinor: Number(line.amountMinor),
          ...(note ? { note } : {}),
          ...(row.firstApprovedBy ? { firstApprovalWithdrawn: row.firstApprovedBy } : {}),
        },
      });
      return detail(tx, session, updated);
    });
  }

  /**
   * Approve: the four-eyes rules and the partner's state first (approvalRefusal); above the
   * threshold the first approval is recorded and the payout stays pending; the completing
   * approval approves every pending line, sets approved_minor and the status from the lines,
   * and moves the approved lines' credits to stage 'approved'.
   */
  async function approve(session: ActiveSession, input: ApproveInput): Promise<PayoutDetail> {
    return database.write(async (tx) => {
      const row = await loadPayout(database, tx, session, input.id, { lock: true });
      const f = await facts(tx, row);
      const caller = { userKind: session.userKind, role: session.role, userId: session.userId };
      throwRefusal(approvalRefusal(f, caller, await partnerState(tx, row, true)));
      if (row.version !== input.version) throw await conflict(tx, session, row.id);
      const money = await readMoneySettings(database, tx, session.tenantId);
      const now = clock();
      const note = input.note?.trim() || null;
      const amount = approvableMinor(f.lines);
      const notes = note ? [row.notes, note].filter(Boolean).join('\n') : row.notes;
      if (needsSecondApproval(f.lines, money.secondApprovalAboveMinor) && !row.firstApprovedBy) {
        const updated = await casPayout(tx, session, row, input.version, { firstApprovedBy: session.userId, firstApprovedAt: now, notes });
        await audit.record(tx, {
          tenantId: session.tenantId,
          actor: actorOf(session),
          action: 'payout.first_approved',
          resourceType: 'payout',
          resourceId: row.id,
          details: { number: row.number, approvableMinor: amount, thresholdMinor: money.secondApprovalAboveMinor, ...(note ? { note } : {}) },
        });
        return detail(tx, session, updated);
      }
      const status = approvedPayoutStatus(f.lines.map((l) => ({ status: l.status === 'pending' ? 'approved' : l.status })));
      await tx
        .update(pl)
        .set({ status: 'approved', decidedBy: session.userId, decidedAt: now })
        .where(and(eq(pl.tenantId, session.tenantId), eq(pl.payoutId, row.id), eq(pl.status, 'pending')));
      await tx
        .update(c)
        .set({ payoutStage: 'approved', updatedAt: now, version: sql`${c.version} + 1` })
        .where(and(eq(c.tenantId, session.tenantId), eq(c.payoutId, row.id), eq(c.payoutStage, 'pending')));
      const updated = await casPayout(tx, session, row, input.version, { status, approvedMinor: amount, approvedBy: session.userId, approvedAt: now, notes });
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payout.approved',
        resourceType: 'payout',
        resourceId: row.id,
        details: {
          number: row.number,
          from: row.status,
          to: status,
          totalMinor: Number(row.totalMinor),
          approvedMinor: amount,
          ...(row.firstApprovedBy ? { firstApprovedBy: row.firstApprovedBy } : {}),
          ...(note ? { note } : {}),
        },
      });
      return detail(tx, session, updated);
    });
  }

  /** Reject: every line released, every credit back in the pool; the notes are the partner's to read. */
  async function reject(session: ActiveSession, input: RejectInput): Promise<PayoutDetail> {
    return database.write(async (tx) => {
      const row = await loadPayout(database, tx, session, input.id, { lock: true });
      throwRefusal(rejectionRefusal({ status: row.status as PayoutStatus }, { userKind: session.userKind, role: session.role, userId: session.userId }));
      if (row.version !== input.version) throw await conflict(tx, session, row.id);
      const now = clock();
      const live = await tx
        .select({ creditId: pl.creditId })
        .from(pl)
        .where(and(eq(pl.tenantId, session.tenantId), eq(pl.payoutId, row.id), isNull(pl.releasedAt)));
      await tx
        .update(pl)
        .set({ releasedAt: now })
        .where(and(eq(pl.tenantId, session.tenantId), eq(pl.payoutId, row.id), isNull(pl.releasedAt)));
      await releaseCredits(tx, session.tenantId, row.id, live.map((l) => l.creditId));
      const updated = await casPayout(tx, session, row, input.version, { status: 'rejected', rejectedBy: session.userId, rejectedAt: now, notes: input.notes });
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payout.rejected',
        resourceType: 'payout',
        resourceId: row.id,
        details: { number: row.number, from: row.status, to: 'rejected', totalMinor: Number(row.totalMinor), releasedLines: live.length, notes: input.notes },
      });
      return detail(tx, session, updated);
    });
  }

  return { list, get, decideLine, approve, reject };
}
