import { and, eq, inArray, isNull, like, lte, or, sql } from 'drizzle-orm';
import type { MoneySettings, PayoutSkipReason } from '../../../src-shared/contract/payouts';
import { formatMoney } from '../../../src-shared/money/money-text';
import type { AppDb } from '../../data/database';
import { PAYOUT_COUNTER_SEPARATOR, payoutNumber, payoutSkipReason, selectPayoutCredits } from '../../domain/payouts/generation';
import type { Period } from '../../domain/payouts/periods';
import type { AuditService } from '../activity/audit';
import type { Actor, ServiceDeps } from '../context';
import { payoutPartner, slices, type PayoutRunRow, type StoredSkip } from './payout-rows';

/*
 * One partner of a generation run (./generation.ts runs the chunks): its payout — the payout
 * row, its credits taken from the pool by compare-and-set, one line per credit, the audit row —
 * or the reason it is skipped. A compare-and-set that falls short throws ChunkLost: a concurrent
 * run took some of the credits, and the chunk is rolled back and retried partner by partner.
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
  payout?: { id: string; totalMinor: number };
  skip?: StoredSkip;
  /** Already done by this run (a resumed or doubled executor). */
  already?: boolean;
}

export function partnerPayoutWriter(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const { payouts, payoutLines: lines, credits, payoutRequests: requests } = database.t;

  /** One partner: its payout (payout row, credits taken by compare-and-set, one line per credit, audit) or its skip. */
  return async function writePartner(tx: AppDb, ctx: RunContext, partnerId: string): Promise<PartnerOutcome> {
    const { run, period, money } = ctx;
    const tenantId = run.tenantId;
    const partner = await payoutPartner(database, tx, tenantId, partnerId, { lock: true });
    const [existing] = await tx
      .select({ id: payouts.id })
      .from(payouts)
      .where(and(eq(payouts.runId, run.id), eq(payouts.partnerId, partnerId)));
    if (existing) return { already: true };
    const skip = (reason: PayoutSkipReason, amountMinor: number): PartnerOutcome => ({
      skip: { partnerId, partnerCode: partner?.code ?? '?', partnerName: partner?.name ?? 'Unknown partner', reason, amountMinor, message: skipMessage(reason, amountMinor, money) },
    });
    if (!partner || partner.deletedAt) return skip('not_active', 0);
    const pool = await tx
      .select({ id: credits.id, amountMinor: credits.amountMinor, earnedOn: credits.earnedOn, leadId: credits.leadId })
      .from(credits)
      .where(
        and(
          eq(credits.tenantId, tenantId),
          eq(credits.partnerId, partnerId),
          eq(credits.status, 'approved'),
          isNull(credits.payoutStage),
          isNull(credits.payoutId),
          lte(credits.earnedOn, period.end),
        ),
      );
    const selection = selectPayoutCredits(
      pool.map((c) => ({ id: c.id, amountMinor: Number(c.amountMinor), earnedOn: c.earnedOn })),
      period,
    );
    const reason = payoutSkipReason({ ...partner, bankingOnHold: Boolean(partner.bankingOnHold) }, selection, { kycRequired: ctx.kycRequired, minimumPayoutMinor: money.minimumPayoutMinor, today: ctx.today });
    if (reason) return skip(reason, selection.totalMinor);

    const now = clock();
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(payouts)
      .where(
        and(
          eq(payouts.tenantId, tenantId),
          eq(payouts.partnerId, partnerId),
          or(eq(payouts.number, payoutNumber(period.end, partner.code, 0)), like(payouts.number, `${payoutNumber(period.end, partner.code, 0)}${PAYOUT_COUNTER_SEPARATOR}%`)),
        ),
      );
    const payoutId = newId();
    const number = payoutNumber(period.end, partner.code, Number(n));
    const forRequest = run.requestId && run.partnerId === partnerId ? run.requestId : null;
    await tx.insert(payouts).values({
      id: payoutId,
      tenantId,
      partnerId,
      runId: run.id,
      requestId: forRequest,
      number,
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
    });
    // The compare-and-set that takes the credits: every one must still be in the pool, or this chunk lost a race.
    let taken = 0;
    for (const ids of slices(selection.taken.map((c) => c.id))) {
      const rows = await tx
        .update(credits)
        .set({ payoutId, payoutStage: 'pending', updatedAt: now, version: sql`${credits.version} + 1` })
        .where(and(eq(credits.tenantId, tenantId), inArray(credits.id, ids), isNull(credits.payoutId), eq(credits.status, 'approved')))
        .returning({ id: credits.id });
      taken += rows.length;
    }
    if (taken !== selection.taken.length) throw new ChunkLost();
    const leadOf = new Map(pool.map((c) => [c.id, c.leadId]));
    for (const part of slices(selection.taken, 300)) {
      await tx.insert(lines).values(
        part.map((c) => ({
          id: newId(),
          tenantId,
          payoutId,
          creditId: c.id,
          leadId: leadOf.get(c.id) ?? '',
          amountMinor: c.amountMinor,
          status: 'pending',
          note: null,
          decidedBy: null,
          decidedAt: null,
          releasedAt: null,
        })),
      );
    }
    if (forRequest) {
      await tx
        .update(requests)
        .set({ status: 'generated', payoutId, decidedBy: run.startedBy, decidedAt: now })
        .where(and(eq(requests.tenantId, tenantId), eq(requests.id, forRequest), eq(requests.status, 'open')));
    }
    await audit.record(tx, {
      tenantId,
      actor: ctx.actor,
      action: 'payout.generated',
      resourceType: 'payout',
      resourceId: payoutId,
      details: {
        number,
        partnerId,
        partnerCode: partner.code,
        runId: run.id,
        periodStart: period.start,
        periodEnd: period.end,
        lineCount: selection.taken.length,
        totalMinor: selection.totalMinor,
        carriedOverMinor: selection.carried.reduce((s, c) => s + c.amountMinor, 0),
        currency: money.currency,
        ...(forRequest ? { requestId: forRequest } : {}),
      },
    });
    return { payout: { id: payoutId, totalMinor: selection.totalMinor } };
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
