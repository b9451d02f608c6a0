import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { FinancePayout } from '../../../src-shared/contract/payouts/finance-types';
import { PAYABLE_PAYOUT_STATUSES, type PaymentMethod, type PayoutStatus } from '../../../src-shared/contract/payouts/values';
import type { AppDb, Database } from '../../data/database';
import { actorNames } from '../partners/actor-names';

/* The payout rows finance reads (with their partner), shared by paying (./finance.ts) and the files (./exports.ts). */

export const PAYABLE: readonly string[] = PAYABLE_PAYOUT_STATUSES;

export const METHOD_TEXT: Record<PaymentMethod, string> = { bank_transfer: 'Bank transfer', paypal: 'PayPal', check: 'Check', wire: 'Wire' };

/** A payout with the partner fields finance shows, by `where` of the workspace, in `order`. */
function selectFinanceRows(database: Database, db: AppDb, tenantId: string, where: SQL, order?: SQL[], limit?: number) {
  const { payouts: po, partners: p } = database.t;
  const columns = {
    id: po.id,
    number: po.number,
    partnerId: po.partnerId,
    periodStart: po.periodStart,
    periodEnd: po.periodEnd,
    currency: po.currency,
    status: po.status,
    lineCount: po.lineCount,
    totalMinor: po.totalMinor,
    approvedMinor: po.approvedMinor,
    firstApprovedBy: po.firstApprovedBy,
    approvedBy: po.approvedBy,
    approvedAt: po.approvedAt,
    paidBy: po.paidBy,
    paidAt: po.paidAt,
    paymentDate: po.paymentDate,
    paymentMethod: po.paymentMethod,
    paymentReference: po.paymentReference,
    version: po.version,
    partnerCode: p.code,
    partnerName: p.legalName,
    partnerPayoutMethod: p.payoutMethod,
    bankingMasked: p.bankingMasked,
    bankingOnHold: p.bankingOnHold,
  };

  const query = db
    .select(columns)
    .from(po)
    .innerJoin(p, eq(p.id, po.partnerId))
    .where(and(eq(po.tenantId, tenantId), where))
    .orderBy(...(order ?? [asc(po.number)]));
  return limit === undefined ? query : query.limit(limit);
}

export type FinanceRow = Awaited<ReturnType<typeof selectFinanceRows>>[number];

export function financeRows(database: Database) {
  const selectRows = (db: AppDb, tenantId: string, where: SQL, order?: SQL[], limit?: number) => selectFinanceRows(database, db, tenantId, where, order, limit);

  async function toFinance(db: AppDb, tenantId: string, rows: FinanceRow[]): Promise<FinancePayout[]> {
    const name = await actorNames(db, database.t, tenantId, rows.flatMap((r) => [r.approvedBy ?? r.firstApprovedBy, r.paidBy]));
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      partner: { id: r.partnerId, code: r.partnerCode, name: r.partnerName },
      partnerPayoutMethod: r.partnerPayoutMethod as PaymentMethod,
      maskedAccount: (r.bankingMasked as { display?: string } | null)?.display ?? null,
      bankingOnHold: Boolean(r.bankingOnHold),
      period: { start: r.periodStart, end: r.periodEnd },
      status: r.status as PayoutStatus,
      lineCount: r.lineCount,
      totalMinor: Number(r.totalMinor),
      approvedMinor: Number(r.approvedMinor ?? 0),
      currency: r.currency,
      approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
      approvedBy: name(r.approvedBy ?? r.firstApprovedBy),
      paymentDate: r.paymentDate,
      paymentMethod: (r.paymentMethod as PaymentMethod | null) ?? null,
      paymentReference: r.paymentReference,
      paidAt: r.paidAt ? r.paidAt.toISOString() : null,
      paidBy: name(r.paidBy),
      version: r.version,
    }));
  }

  /** How a file's refusal names a partner. */
  const label = (r: FinanceRow) => `${r.partnerName} (${r.partnerCode})`;

  return { selectRows, toFinance, label };
}
