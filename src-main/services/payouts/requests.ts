import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { declineRequestInput, listRequestsInput, PayoutRequest, requestPayoutInput } from '../../../src-shared/contract/payouts';
import { formatMoney } from '../../../src-shared/money/money-text';
import type { AppDb } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { readMoneySettings } from './money-settings';
import { toRequests, type PayoutRequestRow } from './payout-rows';

type RequestInput = z.output<typeof requestPayoutInput>;
type ListInput = z.output<typeof listRequestsInput>;
type DeclineInput = z.output<typeof declineRequestInput>;

/*
 * Partner payout requests (`payouts.request`, `payouts.requests`, `payouts.declineRequest`). A
 * request asks; it never pays: a manager generates for it (`payouts.generate` with requestId),
 * and the payout then goes through the same review and four eyes as any other.
 */

export function payoutRequestService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const { payoutRequests: r, credits: c } = database.t;

  /** Σ approved credits in the pool: the partner's available balance. */
  async function available(db: AppDb, tenantId: string, partnerId: string): Promise<number> {
    const [row] = await db
      .select({ total: sql<number>`coalesce(sum(${c.amountMinor}), 0)` })
      .from(c)
      .where(and(eq(c.tenantId, tenantId), eq(c.partnerId, partnerId), eq(c.status, 'approved'), isNull(c.payoutStage), isNull(c.payoutId)));
    return Number(row?.total ?? 0);
  }

  async function request(session: ActiveSession, input: RequestInput): Promise<PayoutRequest> {
    if (session.userKind !== 'partner') throw new AppError('forbidden', 'Only a partner user can request a payout');
    const partnerId = session.partnerId;
    const money = await readMoneySettings(database, database.db, session.tenantId);
    try {
      const row = await database.write(async (tx) => {
        const [open] = await tx
          .select({ id: r.id })
          .from(r)
          .where(and(eq(r.tenantId, session.tenantId), eq(r.partnerId, partnerId), eq(r.status, 'open')));
        if (open) throw new AppError('conflict', 'Your partner has an open payout request already: wait for it to be generated or declined.');
        const balance = await available(tx, session.tenantId, partnerId);
        if (balance < money.minimumPayoutMinor || balance <= 0) {
          throw new AppError(
            'validation',
            `Your available balance of ${formatMoney(balance, money.currency)} is below the minimum payout of ${formatMoney(money.minimumPayoutMinor, money.currency)}: it carries over until it reaches the minimum.`,
          );
        }
        const created: PayoutRequestRow = {
          id: newId(),
          tenantId: session.tenantId,
          partnerId,
          amountMinor: balance,
          note: input.note?.trim() || null,
          status: 'open',
          requestedBy: session.userId,
          requestedAt: clock(),
          decidedBy: null,
          decidedAt: null,
          reason: null,
          payoutId: null,
        };
        await tx.insert(r).values(created);
        await audit.record(tx, {
          tenantId: session.tenantId,
          actor: actorOf(session),
          action: 'payout.requested',
          resourceType: 'payout_request',
          resourceId: created.id,
          details: { partnerId, amountMinor: balance, currency: money.currency, ...(created.note ? { note: created.note } : {}) },
        });
        return created;
      });
      const [out] = await toRequests(database, database.db, session, [row], money.currency);
      return out!;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Your partner has an open payout request already: wait for it to be generated or declined.');
      throw error;
    }
  }

  async function requests(session: ActiveSession, input: ListInput): Promise<PayoutRequest[]> {
    const conditions = [eq(r.tenantId, session.tenantId)];
    if (session.userKind === 'partner') conditions.push(eq(r.partnerId, session.partnerId));
    if (input.status) conditions.push(eq(r.status, input.status));
    const rows = await database.db
      .select()
      .from(r)
      .where(and(...conditions))
      .orderBy(desc(r.requestedAt), desc(r.id))
      .limit(200);
    const money = await readMoneySettings(database, database.db, session.tenantId);
    return toRequests(database, database.db, session, rows, money.currency);
  }

  async function declineRequest(session: ActiveSession, input: DeclineInput): Promise<PayoutRequest> {
    const money = await readMoneySettings(database, database.db, session.tenantId);
    const row = await database.write(async (tx) => {
      const [before] = await tx
        .select()
        .from(r)
        .where(and(eq(r.tenantId, session.tenantId), eq(r.id, input.id)));
      if (!before) throw new AppError('not_found', 'Payout request not found', 'id');
      if (before.status !== 'open') throw new AppError('invalid_transition', `This payout request is ${before.status} already.`);
      const [updated] = await tx
        .update(r)
        .set({ status: 'declined', reason: input.reason, decidedBy: session.userId, decidedAt: clock() })
        .where(and(eq(r.tenantId, session.tenantId), eq(r.id, before.id), eq(r.status, 'open')))
        .returning();
      if (!updated) throw new AppError('conflict', 'Someone else decided this request meanwhile. Reload it.');
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payout.request_declined',
        resourceType: 'payout_request',
        resourceId: before.id,
        details: { partnerId: before.partnerId, amountMinor: Number(before.amountMinor), reason: input.reason },
      });
      return updated;
    });
    const [out] = await toRequests(database, database.db, session, [row], money.currency);
    return out!;
  }

  return { request, requests, declineRequest };
}
