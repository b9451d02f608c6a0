import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { markPaidInput } from '../../../src-shared/contract/payouts/finance';
import type { FinanceList, FinancePayout, MarkPaidOutcome, MarkPaidResult } from '../../../src-shared/contract/payouts/finance-types';
import type { PayoutStatus } from '../../../src-shared/contract/payouts/values';
import { todayIn } from '../../../src-shared/calendar';
import { isUniqueViolation } from '../../data/errors';
import { PAYOUT_STATUS_TEXT } from '../../domain/payouts/payout-status';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { financeRows, PAYABLE, type FinanceRow } from './finance-rows';
import { readMoneySettings } from './money-settings';
import { bumpPartnerMonth } from './partner-months';

/*
 * Finance (DOMAIN.md *Payouts*, "Paying"): the payouts ready to pay and marking them paid; the
 * payment files, the accounting journal and the partner's PDF statement are ./exports.ts.
 *
 * Marking paid is one transaction per payout: a compare-and-set UPDATE (status still approved
 * or partially approved AND version still the one the caller saw) that must touch exactly one
 * row, then its credits become paid, partner_months.paid moves by the approved amount in the
 * payment date's month, and the audit row records amount, method and reference. Two finance
 * users (or sixteen, on two servers) paying the same payout: one UPDATE wins, the others
 * match no row and are refused; on Postgres the losers wait on the row lock and re-check the
 * WHERE against the committed row, on SQLite the writer is exclusive. The unique index on
 * (tenant, payment_reference) is the last word on references.
 *
 * A payout whose partner's bank account changed and was not re-verified (banking on hold) is
 * neither paid nor put in a file: paying a swapped account is the fraud this rule stops.
 */

type MarkPaidInput = z.output<typeof markPaidInput>;


export function financeService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock } = deps;
  const { payouts: po, credits: c } = database.t;
  const { selectRows, toFinance } = financeRows(database);


  async function financeList(session: ActiveSession, input: { view: 'payable' | 'paid'; limit: number }): Promise<FinanceList> {
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    // One row past the limit tells the screen that more are waiting than it shows.
    const read = input.limit + 1;
    const found =
      input.view === 'payable'
        ? await selectRows(database.db, session.tenantId, inArray(po.status, [...PAYABLE]), [asc(po.approvedAt), asc(po.id)], read)
        : await selectRows(database.db, session.tenantId, eq(po.status, 'paid'), [desc(po.paidAt), desc(po.id)], read);
    const list = await toFinance(database.db, session.tenantId, found.slice(0, input.limit));
    return {
      rows: list,
      more: found.length > input.limit,
      totals: { count: list.length, approvedMinor: list.reduce((sum, r) => sum + r.approvedMinor, 0), currency: settings.currency },
    };
  }

  /** Whose the approval was: that person may not also pay (four eyes). */
  function approverBlocks(row: FinanceRow, userId: string): boolean {
    return row.approvedBy === userId || row.firstApprovedBy === userId;
  }

  function refusal(row: FinanceRow | undefined, version: number, userId: string): AppError | null {
    if (!row) return new AppError('not_found', 'No such payout');
    if (row.status === 'paid') return new AppError('invalid_transition', `${row.number} is paid already (on ${row.paymentDate ?? '?'}, reference ${row.paymentReference ?? '?'})`);
    if (!PAYABLE.includes(row.status)) return new AppError('invalid_transition', `${row.number} is ${PAYOUT_STATUS_TEXT[row.status as PayoutStatus] ?? row.status}: only approved payouts can be paid`);
    if (row.version !== version) return new AppError('conflict', `Someone else changed ${row.number} meanwhile: reload it and try again`);
    if (approverBlocks(row, userId)) return new AppError('forbidden', `You approved ${row.number}: someone else must mark it paid (four eyes)`);
    if (row.bankingOnHold) return new AppError('invalid_transition', `${row.partnerName} changed its banking details and an admin has not re-verified them: ${row.number} is on hold`);
    return null;
  }

  async function payOne(session: ActiveSession, item: { id: string; version: number }, reference: string, input: MarkPaidInput): Promise<FinancePayout> {
    return database.write(async (tx) => {
      const [row] = await selectRows(tx, session.tenantId, eq(po.id, item.id));
      const refused = refusal(row, item.version, session.userId);
      if (refused || !row) throw refused ?? new AppError('not_found', 'No such payout');
      const now = clock();
      const changed = await tx
        .update(po)
        .set({
          status: 'paid',
          paidBy: session.userId,
          paidAt: now,
          paymentDate: input.paymentDate,
          paymentMethod: input.method,
          paymentReference: reference,
          updatedAt: now,
          version: sql`${po.version} + 1`,
        })
        .where(and(eq(po.id, row.id), eq(po.tenantId, session.tenantId), inArray(po.status, [...PAYABLE]), eq(po.version, item.version)))
        .returning({ id: po.id });
      if (changed.length !== 1) {
        // Lost the race: the winner's row is committed now; say what it did.
        const [now2] = await selectRows(tx, session.tenantId, eq(po.id, row.id));
        throw refusal(now2, item.version, session.userId) ?? new AppError('conflict', `Someone else changed ${row.number} meanwhile: reload it and try again`);
      }
      const paidCredits = await tx
        .update(c)
        .set({ status: 'paid', paidAt: now, payoutStage: null, updatedAt: now, version: sql`${c.version} + 1` })
        .where(and(eq(c.tenantId, session.tenantId), eq(c.payoutId, row.id), eq(c.status, 'approved'), eq(c.payoutStage, 'approved')))
        .returning({ id: c.id });
      const amountMinor = Number(row.approvedMinor ?? 0);
      await bumpPartnerMonth(database, tx, session.tenantId, row.partnerId, input.paymentDate, { paidMinor: amountMinor });
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payout.paid',
        resourceType: 'payout',
        resourceId: row.id,
        details: {
          number: row.number,
          partnerId: row.partnerId,
          partnerCode: row.partnerCode,
          amountMinor,
          currency: row.currency,
          paymentDate: input.paymentDate,
          method: input.method,
          reference,
          credits: paidCredits.length,
        },
      });
      const [after] = await selectRows(tx, session.tenantId, eq(po.id, row.id));
      if (!after) throw new Error('payout vanished');
      const [view] = await toFinance(tx, session.tenantId, [after]);
      if (!view) throw new Error('payout vanished');
      return view;
    });
  }

  /**
   * The reference each payout will carry: the one given for a single payout, `<reference>/<number>`
   * for several (one bank batch, one reference per payment). All are checked before anything is
   * written: too long, or already used in the workspace → a validation error, nothing paid.
   */
  async function referencesFor(session: ActiveSession, input: MarkPaidInput): Promise<Map<string, string>> {
    const ids = input.payouts.map((i) => i.id);
    const refs = new Map<string, string>();
    if (ids.length === 1) refs.set(ids[0] as string, input.reference);
    else {
      const numbers = await database.db
        .select({ id: po.id, number: po.number })
        .from(po)
        .where(and(eq(po.tenantId, session.tenantId), inArray(po.id, ids)));
      for (const n of numbers) {
        const ref = `${input.reference}/${n.number}`;
        if (ref.length > 35) throw new AppError('validation', `With several payouts each reference is "<reference>/<payout number>", at most 35 characters: shorten the reference (${ref} is too long)`, 'reference');
        refs.set(n.id, ref);
      }
    }
    const wanted = [...refs.values()];
    if (wanted.length) {
      const taken = await database.db
        .select({ id: po.id, number: po.number, reference: po.paymentReference })
        .from(po)
        .where(and(eq(po.tenantId, session.tenantId), inArray(po.paymentReference, wanted)));
      // A retry of the same payment (after a lost answer or a crash) is not a clash: that payout says "paid already".
      const first = taken.find((t) => refs.get(t.id) !== t.reference);
      if (first) throw new AppError('validation', `Reference ${first.reference ?? ''} is already used by ${first.number}: each payment needs its own reference`, 'reference');
    }
    return refs;
  }

  async function markPaid(session: ActiveSession, input: MarkPaidInput): Promise<MarkPaidResult> {
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    const today = todayIn(settings.timeZone, clock());
    if (input.paymentDate > today) throw new AppError('validation', `The payment date cannot be after today (${today})`, 'paymentDate');
    const refs = await referencesFor(session, input);
    const outcomes: MarkPaidOutcome[] = [];
    for (const item of input.payouts) {
      const reference = refs.get(item.id);
      if (reference === undefined) {
        outcomes.push({ id: item.id, ok: false, code: 'not_found', message: 'No such payout' });
        continue;
      }
      try {
        outcomes.push({ id: item.id, ok: true, payout: await payOne(session, item, reference, input) });
      } catch (error) {
        if (isUniqueViolation(error)) {
          if (input.payouts.length === 1) throw new AppError('validation', `Reference ${reference} is already used by another payment`, 'reference');
          outcomes.push({ id: item.id, ok: false, code: 'conflict', message: `Reference ${reference} is already used by another payment` });
        } else if (error instanceof AppError && (error.code === 'not_found' || error.code === 'conflict' || error.code === 'invalid_transition' || error.code === 'forbidden')) {
          outcomes.push({ id: item.id, ok: false, code: error.code, message: error.message });
        } else throw error;
      }
    }
    const paid = outcomes.flatMap((o) => (o.ok ? [o.payout] : []));
    return { outcomes, paidCount: paid.length, paidMinor: paid.reduce((sum, r) => sum + r.approvedMinor, 0) };
  }

  return { financeList, markPaid };
}
