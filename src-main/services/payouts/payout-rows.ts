import { and, asc, eq, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type {
  PaymentMethod,
  PayoutLine,
  PayoutLineStatus,
  PayoutPartnerRef,
  PayoutRequest,
  PayoutRequestStatus,
  PayoutRun,
  PayoutRunSkip,
  PayoutRunStatus,
  PayoutStatus,
  PayoutSummary,
} from '../../../src-shared/contract/payouts';
import type { CreditCalculation, CreditKind } from '../../../src-shared/contract/credits/values';
import type { AppDb, Database } from '../../data/database';
import { partnerRefs } from '../leads/lead-rows';
import { actorNames } from '../partners/actor-names';
import type { ActiveSession } from '../context';

/*
 * Rows of payouts, lines, runs and requests, and their shapes for the caller. A row of another
 * tenant, or (for a partner user) of another partner, behaves exactly as a missing one.
 */

export type PayoutRow = Database['t']['payouts']['$inferSelect'];
export type PayoutLineRow = Database['t']['payoutLines']['$inferSelect'];
export type PayoutRunRow = Database['t']['payoutRuns']['$inferSelect'];
export type PayoutRequestRow = Database['t']['payoutRequests']['$inferSelect'];

/** A partner a run skipped, as recorded in payout_run_skips (with the sentence and the concurrent-run reason). */
export interface StoredSkip {
  partnerId: string;
  partnerCode: string;
  partnerName: string;
  reason: PayoutRunSkip['reason'];
  amountMinor: number;
  message: string;
}

const unknownPartner = (id: string): PayoutPartnerRef => ({ id, code: '?', name: 'Unknown partner' });

/** A payout of the caller's tenant (a partner user: of their partner), or not_found. */
export async function loadPayout(database: Database, db: AppDb, session: ActiveSession, id: string, { lock = false } = {}): Promise<PayoutRow> {
  const p = database.t.payouts;
  const q = db
    .select()
    .from(p)
    .where(and(eq(p.tenantId, session.tenantId), eq(p.id, id)));
  const [row] = lock && database.dialect.lockForUpdate ? await q.for('update') : await q;
  if (!row || (session.userKind === 'partner' && row.partnerId !== session.partnerId)) throw new AppError('not_found', 'Payout not found', 'id');
  return row;
}

export async function toSummaries(database: Database, db: AppDb, session: ActiveSession, rows: PayoutRow[]): Promise<PayoutSummary[]> {
  const partners = await partnerRefs(database, db, session.tenantId, rows.map((r) => r.partnerId));
  const staff = session.userKind === 'staff';
  const names = await actorNames(db, database.t, session.tenantId, staff ? rows.flatMap((r) => [r.generatedBy, r.firstApprovedBy, r.approvedBy, r.rejectedBy, r.paidBy]) : []);
  const who = (id: string | null) => (staff ? names(id) : null);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    partner: partners.get(r.partnerId) ?? unknownPartner(r.partnerId),
    period: { start: r.periodStart, end: r.periodEnd },
    status: r.status as PayoutStatus,
    lineCount: r.lineCount,
    totalMinor: Number(r.totalMinor),
    approvedMinor: r.approvedMinor === null ? null : Number(r.approvedMinor),
    currency: r.currency,
    generatedAt: r.generatedAt.toISOString(),
    generatedBy: who(r.generatedBy),
    firstApprovedBy: who(r.firstApprovedBy),
    firstApprovedAt: r.firstApprovedAt?.toISOString() ?? null,
    approvedBy: who(r.approvedBy),
    approvedAt: r.approvedAt?.toISOString() ?? null,
    rejectedBy: who(r.rejectedBy),
    rejectedAt: r.rejectedAt?.toISOString() ?? null,
    paidBy: who(r.paidBy),
    paidAt: r.paidAt?.toISOString() ?? null,
    paymentDate: r.paymentDate,
    paymentMethod: (r.paymentMethod as PaymentMethod | null) ?? null,
    paymentReference: r.paymentReference,
    runId: r.runId,
    requestId: r.requestId,
    version: r.version,
  }));
}

/** A payout's lines with their credit and lead, in line order. */
export async function payoutLines(database: Database, db: AppDb, session: ActiveSession, payoutId: string): Promise<PayoutLine[]> {
  const { payoutLines: pl, credits: c, leads: l } = database.t;
  const rows = await db
    .select({
      id: pl.id,
      creditId: pl.creditId,
      leadId: pl.leadId,
      amountMinor: pl.amountMinor,
      status: pl.status,
      note: pl.note,
      decidedBy: pl.decidedBy,
      decidedAt: pl.decidedAt,
      // Kept on the credit; a credit made before it was kept asks its lead (coalesce evaluates the subquery only then).
      contactName: sql<string | null>`coalesce(${c.leadContactName}, (select ${l.contactName} from ${l} where ${l.id} = ${pl.leadId}))`,
      kind: c.kind,
      calculation: c.calculation,
      baseMinor: c.baseMinor,
      rateBp: c.rateBp,
      earnedOn: c.earnedOn,
    })
    .from(pl)
    .innerJoin(c, eq(c.id, pl.creditId))
    .where(and(eq(pl.tenantId, session.tenantId), eq(pl.payoutId, payoutId)))
    .orderBy(asc(pl.id));
  const names = await actorNames(db, database.t, session.tenantId, session.userKind === 'staff' ? rows.map((r) => r.decidedBy) : []);
  return rows.map((r) => ({
    id: r.id,
    creditId: r.creditId,
    leadId: r.leadId,
    leadContactName: r.contactName ?? 'Unknown lead',
    creditKind: r.kind as CreditKind,
    creditCalculation: r.calculation as CreditCalculation,
    creditBaseMinor: r.baseMinor === null ? null : Number(r.baseMinor),
    creditRateBp: r.rateBp,
    earnedOn: r.earnedOn,
    amountMinor: Number(r.amountMinor),
    status: r.status as PayoutLineStatus,
    note: r.note,
    decidedBy: session.userKind === 'staff' ? names(r.decidedBy) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

/**
 * A run as payouts.run answers it: its progress, and its report (every payout made, every partner
 * skipped) once it has ended. While it runs the dialog polls twice a second and shows counts only:
 * reading a tenant-month's thousands of payouts and skips at each poll held the main thread tens of
 * milliseconds late in the run, for nothing shown.
 */
export async function toRun(database: Database, db: AppDb, session: ActiveSession, row: PayoutRunRow, currency: string): Promise<PayoutRun> {
  const names = await actorNames(db, database.t, session.tenantId, [row.startedBy]);
  const k = database.t.payoutRunSkips;
  if (row.status === 'running') {
    const partners = await partnerRefs(database, db, session.tenantId, row.partnerId ? [row.partnerId] : []);
    const [counted] = await db
      .select({ n: sql<number>`count(*)` })
      .from(k)
      .where(and(eq(k.tenantId, session.tenantId), eq(k.runId, row.id)));
    return { ...runSummaryOf(row, currency, names, partners), skippedCount: Number(counted?.n ?? 0), payouts: [], skipped: [] };
  }
  const p = database.t.payouts;
  const made = await db
    .select({ id: p.id, number: p.number, partnerId: p.partnerId, totalMinor: p.totalMinor, lineCount: p.lineCount })
    .from(p)
    .where(and(eq(p.tenantId, session.tenantId), eq(p.runId, row.id)))
    .orderBy(asc(p.number));
  const partners = await partnerRefs(database, db, session.tenantId, [...made.map((m) => m.partnerId), ...(row.partnerId ? [row.partnerId] : [])]);
  const skips = await db
    .select()
    .from(k)
    .where(and(eq(k.tenantId, session.tenantId), eq(k.runId, row.id)))
    .orderBy(asc(k.partnerCode), asc(k.partnerId));
  const skipped = skips.map((s) => ({
    partner: { id: s.partnerId, code: s.partnerCode, name: s.partnerName },
    reason: s.reason as StoredSkip['reason'],
    message: s.message,
    amountMinor: Number(s.amountMinor),
  }));
  return {
    ...runSummaryOf(row, currency, names, partners),
    skippedCount: skipped.length,
    payouts: made.map((m) => ({ id: m.id, number: m.number, partner: partners.get(m.partnerId) ?? unknownPartner(m.partnerId), totalMinor: Number(m.totalMinor), lineCount: m.lineCount })),
    skipped,
  };
}

export function runSummaryOf(row: PayoutRunRow, currency: string, names: (id: string | null) => { id: string; name: string } | null, partners: Map<string, PayoutPartnerRef>) {
  return {
    id: row.id,
    period: { start: row.periodStart, end: row.periodEnd },
    partner: row.partnerId ? (partners.get(row.partnerId) ?? unknownPartner(row.partnerId)) : null,
    requestId: row.requestId,
    status: row.status as PayoutRunStatus,
    partnersTotal: row.partnersTotal,
    partnersDone: row.partnersDone,
    payoutsCreated: row.payoutsCreated,
    totalMinor: Number(row.totalMinor),
    currency,
    failure: row.failure,
    startedBy: names(row.startedBy),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function toRequests(database: Database, db: AppDb, session: ActiveSession, rows: PayoutRequestRow[], currency: string): Promise<PayoutRequest[]> {
  const partners = await partnerRefs(database, db, session.tenantId, rows.map((r) => r.partnerId));
  const names = await actorNames(db, database.t, session.tenantId, rows.flatMap((r) => [r.requestedBy, r.decidedBy]));
  return rows.map((r) => ({
    id: r.id,
    partner: partners.get(r.partnerId) ?? unknownPartner(r.partnerId),
    amountMinor: Number(r.amountMinor),
    currency,
    note: r.note,
    status: r.status as PayoutRequestStatus,
    requestedBy: names(r.requestedBy),
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: session.userKind === 'staff' ? names(r.decidedBy) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
    payoutId: r.payoutId,
  }));
}

/** The partner facts generation and approval check, locked until commit on Postgres inside a write. */
export async function payoutPartner(database: Database, db: AppDb, tenantId: string, partnerId: string, { lock }: { lock: boolean }) {
  const p = database.t.partners;
  const q = db
    .select({
      id: p.id,
      code: p.code,
      name: p.displayName,
      status: p.status,
      kycStatus: p.kycStatus,
      kycExpiresOn: p.kycExpiresOn,
      bankingOnHold: p.bankingOnHold,
      deletedAt: p.deletedAt,
    })
    .from(p)
    .where(and(eq(p.tenantId, tenantId), eq(p.id, partnerId)));
  const [row] = lock && database.dialect.lockForUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Ids in slices, so a long list never meets a bound-parameter limit. */
export function slices<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

