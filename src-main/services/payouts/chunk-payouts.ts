import { and, asc, eq, inArray, isNull, like, lte, sql } from 'drizzle-orm';
import type { MoneySettings, PayoutSkipReason } from '../../../src-shared/contract/payouts';
import { formatMoney } from '../../../src-shared/money/money-text';
import type { AppDb } from '../../data/database';
import { insertMany } from '../../data/insert-many';
import { unindexed } from '../../data/text-search';
import { PAYOUT_COUNTER_SEPARATOR, payoutNumber, payoutSkipReason, selectPayoutCredits, type PoolCredit } from '../../domain/payouts/generation';
import type { Period } from '../../domain/payouts/periods';
import type { AuditService } from '../activity/audit';
import type { Actor, ServiceDeps } from '../context';
import { slices, type PayoutRunRow, type StoredSkip } from './payout-rows';

/*
 * A chunk of a generation run (./generation.ts runs the chunks), set-based: the chunk's partners,
 * their pools and their earlier payout numbers are each one read; then, per partner, its payout
 * or the reason it is skipped is decided in memory (domain/payouts/generation.ts); the payouts
 * and their lines (one per credit) are inserted in bulk; one compare-and-set takes every credit
 * of the chunk from the pool; one audit entry per payout. A compare-and-set that falls short
 * throws ChunkLost: a concurrent run took some of the credits, and the chunk is rolled back and
 * retried partner by partner. The partial unique index on live lines refuses a credit in a
 * second live payout whatever happens (a unique violation, handled the same way).
 */

export class ChunkLost extends Error {
  constructor() {
    super('credits taken by a concurrent run');
  }
}

export interface RunContext {
  run: PayoutRunRow;
  period: Period;
  money: MoneySettings;
  kycRequired: boolean;
  today: string;
  actor: Actor;
}

export interface PartnerOutcome {
  partnerId: string;
  payout?: { id: string; totalMinor: number };
  skip?: StoredSkip;
  /** Already done by this run (a resumed or doubled executor). */
  already?: boolean;
}

interface PoolRow extends PoolCredit {
  partnerId: string;
  leadId: string;
}

export function chunkPayoutsWriter(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const { partners, payouts, payoutLines: lines, credits, payoutRequests: requests } = database.t;

  /** The chunk's partners (locked on Postgres, in id order, so two runs on one chunk queue instead of deadlocking). */
  async function readPartners(tx: AppDb, tenantId: string, ids: string[]) {
    const q = tx
      .select({
        id: partners.id,
        code: partners.code,
        name: partners.displayName,
        status: partners.status,
        kycStatus: partners.kycStatus,
        kycExpiresOn: partners.kycExpiresOn,
        bankingOnHold: partners.bankingOnHold,
        deletedAt: partners.deletedAt,
      })
      .from(partners)
      // By primary key: with ten ids or more SQLite (no statistics) walked all the tenant's partners by partners_tenant_code_uq.
      .where(and(inArray(partners.id, ids), eq(unindexed(database.engine, partners.tenantId), tenantId)))
      .orderBy(asc(partners.id));
    const rows = database.dialect.lockForUpdate ? await q.for('update') : await q;
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Every approved credit in the pool of the chunk's partners, earned up to the period's end. */
  async function readPools(tx: AppDb, tenantId: string, ids: string[], end: string): Promise<Map<string, PoolRow[]>> {
    const rows = await tx
      .select({ id: credits.id, partnerId: credits.partnerId, amountMinor: credits.amountMinor, earnedOn: credits.earnedOn, leadId: credits.leadId })
      .from(credits)
      .where(and(eq(credits.tenantId, tenantId), inArray(credits.partnerId, ids), eq(credits.status, 'approved'), isNull(credits.payoutStage), isNull(credits.payoutId), lte(credits.earnedOn, end)));
    const pools = new Map<string, PoolRow[]>();
    for (const r of rows) {
      const pool = pools.get(r.partnerId) ?? [];
      pool.push({ ...r, amountMinor: Number(r.amountMinor) });
      pools.set(r.partnerId, pool);
    }
    return pools;
  }

  /** How many payouts each partner of the chunk has with the month's number (PO-2031-02-CODE, PO-2031-02-CODE/2, …). */
  async function earlierOfMonth(tx: AppDb, tenantId: string, ids: string[], periodEnd: string, codes: Map<string, string>): Promise<Map<string, number>> {
    const rows = await tx
      .select({ partnerId: payouts.partnerId, number: payouts.number })
      .from(payouts)
      .where(and(eq(payouts.tenantId, tenantId), inArray(payouts.partnerId, ids), like(payouts.number, `PO-${periodEnd.slice(0, 7)}-%`)));
    const counts = new Map<string, number>();
    for (const r of rows) {
      const base = payoutNumber(periodEnd, codes.get(r.partnerId) ?? '', 0);
      if (r.number === base || r.number.startsWith(`${base}${PAYOUT_COUNTER_SEPARATOR}`)) counts.set(r.partnerId, (counts.get(r.partnerId) ?? 0) + 1);
    }
    return counts;
  }

  /** The chunk's partners, each to its payout or its skip (or `already`, when this run did it before), in one transaction. */
  return async function writePartners(tx: AppDb, ctx: RunContext, ids: string[], { newRun = false }: { newRun?: boolean } = {}): Promise<PartnerOutcome[]> {
    const { run, period, money } = ctx;
    const tenantId = run.tenantId;
    const found = await readPartners(tx, tenantId, ids);
    // A run created in this transaction has done nothing yet.
    const doneBefore = new Set(
      newRun
        ? []
        : (
            await tx
              .select({ partnerId: payouts.partnerId })
              .from(payouts)
              // Probes payouts_run_partner_uq (run, partner): SQLite's statistics, taken before the run existed, say its
              // partial payouts_run_idx is empty, and walking the run's range there grew to ~1 ms a chunk late in a tenant-month.
              .where(and(eq(payouts.runId, run.id), inArray(payouts.partnerId, ids), eq(unindexed(database.engine, payouts.tenantId), tenantId)))
          ).map((r) => r.partnerId),
    );
    const todo = ids.filter((id) => !doneBefore.has(id));
    const pools = todo.length ? await readPools(tx, tenantId, todo, period.end) : new Map<string, PoolRow[]>();
    const codes = new Map([...found.values()].map((p) => [p.id, p.code]));
    const numbers = todo.some((id) => pools.has(id)) ? await earlierOfMonth(tx, tenantId, todo.filter((id) => pools.has(id)), period.end, codes) : new Map<string, number>();

    const now = clock();
    const outcomes: PartnerOutcome[] = [];
    const payoutRows: (typeof payouts.$inferInsert)[] = [];
    const lineRows: (typeof lines.$inferInsert)[] = [];
    const generated: { payout: typeof payouts.$inferInsert; code: string; carriedOverMinor: number }[] = [];
    for (const partnerId of ids) {
      if (doneBefore.has(partnerId)) {
        outcomes.push({ partnerId, already: true });
        continue;
      }
      const partner = found.get(partnerId);
      const skip = (reason: PayoutSkipReason, amountMinor: number): PartnerOutcome => ({
        partnerId,
        skip: { partnerId, partnerCode: partner?.code ?? '?', partnerName: partner?.name ?? 'Unknown partner', reason, amountMinor, message: skipMessage(reason, amountMinor, money) },
      });
      if (!partner || partner.deletedAt) {
        outcomes.push(skip('not_active', 0));
        continue;
      }
      const pool = pools.get(partnerId) ?? [];
      const selection = selectPayoutCredits(pool, period);
      const reason = payoutSkipReason({ ...partner, bankingOnHold: Boolean(partner.bankingOnHold) }, selection, { kycRequired: ctx.kycRequired, minimumPayoutMinor: money.minimumPayoutMinor, today: ctx.today });
      if (reason) {
        outcomes.push(skip(reason, selection.totalMinor));
        continue;
      }
      const payoutId = newId();
      const forRequest = run.requestId && run.partnerId === partnerId ? run.requestId : null;
      const payout = {
        id: payoutId,
        tenantId,
        partnerId,
        runId: run.id,
        requestId: forRequest,
        number: payoutNumber(period.end, partner.code, numbers.get(partnerId) ?? 0),
        periodStart: period.start,
        periodEnd: period.end,
        currency: money.currency,
        status: 'pending',
        lineCount: selection.taken.length,
        totalMinor: selection.totalMinor,
        approvedMinor: null,
        generatedBy: run.startedBy,
        generatedAt: now,
        firstApprovedBy: null,
        firstApprovedAt: null,
        approvedBy: null,
        approvedAt: null,
        rejectedBy: null,
        rejectedAt: null,
        notes: null,
        paidBy: null,
        paidAt: null,
        paymentDate: null,
        paymentMethod: null,
        paymentReference: null,
        createdAt: now,
        updatedAt: now,
        version: 0,
      };
      payoutRows.push(payout);
      const leadOf = new Map(pool.map((c) => [c.id, c.leadId]));
      for (const c of selection.taken) {
        lineRows.push({ id: newId(), tenantId, payoutId, creditId: c.id, leadId: leadOf.get(c.id) ?? '', amountMinor: c.amountMinor, status: 'pending', note: null, decidedBy: null, decidedAt: null, releasedAt: null });
      }
      generated.push({ payout, code: partner.code, carriedOverMinor: selection.carried.reduce((s, c) => s + c.amountMinor, 0) });
      outcomes.push({ partnerId, payout: { id: payoutId, totalMinor: selection.totalMinor } });
    }
    if (generated.length === 0) return outcomes;

    await insertMany(database, tx, payouts, payoutRows);
    // The lines first: the partial unique index on live lines refuses a credit that is in another live payout.
    await insertMany(database, tx, lines, lineRows);
    // The compare-and-set that takes the credits, each to the payout its live line names: every one must still be in the pool, or this chunk lost a race.
    let taken = 0;
    for (const part of slices(lineRows.map((l) => l.creditId))) {
      const rows = await tx
        .update(credits)
        .set({
          payoutId: sql`(select ${lines.payoutId} from ${lines} where ${lines.creditId} = ${credits.id} and ${lines.releasedAt} is null)`,
          payoutStage: 'pending',
          updatedAt: now,
          version: sql`${credits.version} + 1`,
        })
        // By primary key only: with hundreds of ids SQLite (no statistics) preferred walking the tenant's approved credits
        // through credits_queue_idx, seconds at 1,000,000 credits; the tenant and status stay as checks.
        .where(and(inArray(credits.id, part), eq(unindexed(database.engine, credits.tenantId), tenantId), isNull(credits.payoutId), eq(unindexed(database.engine, credits.status), 'approved')))
        .returning({ id: credits.id });
      taken += rows.length;
    }
    if (taken !== lineRows.length) throw new ChunkLost();
    for (const { payout, code, carriedOverMinor } of generated) {
      if (payout.requestId) {
        await tx
          .update(requests)
          .set({ status: 'generated', payoutId: payout.id, decidedBy: run.startedBy, decidedAt: now })
          .where(and(eq(requests.tenantId, tenantId), eq(requests.id, payout.requestId), eq(requests.status, 'open')));
      }
      await audit.record(tx, {
        tenantId,
        actor: ctx.actor,
        action: 'payout.generated',
        resourceType: 'payout',
        resourceId: payout.id,
        details: {
          number: payout.number,
          partnerId: payout.partnerId,
          partnerCode: code,
          runId: run.id,
          periodStart: period.start,
          periodEnd: period.end,
          lineCount: payout.lineCount,
          totalMinor: payout.totalMinor,
          carriedOverMinor,
          currency: money.currency,
          ...(payout.requestId ? { requestId: payout.requestId } : {}),
        },
      });
    }
    return outcomes;
  };
}

function skipMessage(reason: PayoutSkipReason, amountMinor: number, money: MoneySettings): string {
  switch (reason) {
    case 'not_active':
      return 'The partner is not active.';
    case 'suspended':
      return 'The partner is suspended: no payout until it is reactivated.';
    case 'kyc_not_verified':
      return "The partner's KYC is not verified, which this workspace requires.";
    case 'banking_on_hold':
      return "The partner's banking details changed and are on hold until an admin re-verifies them.";
    case 'nothing_approved':
      return 'No approved credit of the period is waiting for a payout.';
    case 'below_minimum':
      return `Available ${formatMoney(amountMinor, money.currency)} is below the minimum payout of ${formatMoney(money.minimumPayoutMinor, money.currency)}: it carries over.`;
  }
}
