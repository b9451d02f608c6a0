import { and, asc, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { LeadStatus } from '../../../src-shared/contract/leads';
import type { AppDb, Database } from '../../data/database';
import { DEDUPE_KEYS, type DedupeCandidate, type DedupeKey, type DedupeKeys } from '../../domain/leads/dedupe';
import type { ActiveSession } from '../context';
import type { LeadRow } from './lead-rows';

/*
 * What a submission checks and reads before it writes (services/leads/leads.ts submit): the
 * partner it is for, the contact rules beyond the schema, and the three reads inside its
 * transaction (an earlier submission with the same idempotency key, dedupe candidates, the
 * partner's past decisions for the score).
 */

/** A partner's decided leads, as the quality score weighs them. */
export type PartnerDecisions = { approved: number; converted: number; rejected: number };
export const NO_DECISIONS: PartnerDecisions = { approved: 0, converted: 0, rejected: 0 };

/** Earlier leads read per dedupe key: the earliest ones decide, and the duplicate panel lists a handful, not thousands. */
const MATCHES_PER_KEY = 20;

/** The partner a submission is for: a partner user's own; staff name one. Another tenant's or partner's id is "not found". */
export function partnerIdFor(session: ActiveSession, requested: string | undefined): string {
  if (session.userKind === 'partner') {
    if (requested !== undefined && requested !== session.partnerId) throw new AppError('not_found', 'Partner not found', 'partnerId');
    return session.partnerId;
  }
  if (requested === undefined) throw new AppError('validation', 'Choose the partner the lead is for', 'partnerId');
  return requested;
}

export { checkContact } from '../../domain/leads/contact-rules';

/** Only active partners submit leads, one at a time or by import. */
export function assertPartnerSubmits(partner: { code: string; status: string }): void {
  if (partner.status !== 'active') throw new AppError('validation', `Partner ${partner.code} is ${partner.status}: only active partners can submit leads`, 'partnerId');
}

export function submissionReads(database: Database) {
  const l = database.t.leads;

  /**
   * The partner a submission or import is for, live and of the caller's tenant (else "not found").
   * With `lock` (inside a write), row-locked until commit on Postgres (SQLite's writer is exclusive
   * anyway): submissions and imports for one partner then run one after the other, so the
   * idempotency check, the quota count and the insert cannot interleave.
   */
  async function partnerFor(db: AppDb, tenantId: string, partnerId: string, { lock }: { lock: boolean }) {
    const p = database.t.partners;
    const query = db
      .select({ id: p.id, code: p.code, status: p.status, quota: p.monthlyLeadQuota })
      .from(p)
      .where(and(eq(p.tenantId, tenantId), eq(p.id, partnerId), isNull(p.deletedAt)));
    const [partner] = lock && database.dialect.lockForUpdate ? await query.for('update') : await query;
    if (!partner) throw new AppError('not_found', 'Partner not found', 'partnerId');
    return partner;
  }

  /** Leads the partner submitted in a calendar month (YYYY-MM, the workspace's days): what its monthly quota counts. */
  async function submittedInMonth(tx: AppDb, tenantId: string, partnerId: string, month: string): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(l)
      .where(and(eq(l.tenantId, tenantId), eq(l.partnerId, partnerId), gte(l.submittedOn, `${month}-01`), lte(l.submittedOn, `${month}-31`), isNull(l.deletedAt)));
    return Number(row?.n ?? 0);
  }

  async function existingByKey(tx: AppDb, tenantId: string, partnerId: string, key: string): Promise<LeadRow | undefined> {
    const [row] = await tx
      .select()
      .from(l)
      .where(and(eq(l.tenantId, tenantId), eq(l.partnerId, partnerId), eq(l.idempotencyKey, key)));
    return row;
  }

  const keyColumn = { email: l.emailKey, phone: l.phoneE164, companyDomain: l.companyDomain } as const;
  const candidateColumns = { id: l.id, partnerId: l.partnerId, status: l.status, createdAt: l.createdAt, emailKey: l.emailKey, phoneE164: l.phoneE164, companyDomain: l.companyDomain };
  /** Live leads of the tenant, inside the window: what every dedupe read adds to its key condition. */
  const liveSince = (tenantId: string, since: Date) => [eq(l.tenantId, tenantId), gte(l.createdAt, since), isNull(l.deletedAt), ne(l.status, 'rejected')];
  const candidateOf = (r: { id: string; partnerId: string; status: string; createdAt: Date; emailKey: string | null; phoneE164: string | null; companyDomain: string | null }): DedupeCandidate => ({
    id: r.id,
    partnerId: r.partnerId,
    status: r.status as LeadStatus,
    submittedAt: r.createdAt,
    keys: { email: r.emailKey, phone: r.phoneE164, companyDomain: r.companyDomain },
  });

  /** Earlier live leads of the tenant (any partner) that share a key, inside the window: one index range per key. */
  async function candidates(tx: AppDb, tenantId: string, keys: DedupeKeys, since: Date): Promise<DedupeCandidate[]> {
    const found = new Map<string, DedupeCandidate>();
    for (const key of DEDUPE_KEYS) {
      const value = keys[key];
      if (value === null) continue;
      const rows = await tx
        .select(candidateColumns)
        .from(l)
        .where(and(eq(keyColumn[key], value), ...liveSince(tenantId, since)))
        // By instant only: the key's index (tenant, key, created_at) then yields the rows in order; adding id would let
        // SQLite prefer the list index for its order and walk every lead of the window. findDuplicate breaks ties by id.
        .orderBy(asc(l.createdAt))
        .limit(MATCHES_PER_KEY);
      for (const r of rows) found.set(r.id, candidateOf(r));
    }
    return [...found.values()];
  }

  /** The same for many leads at once (an import's chunk): every live lead sharing any of these key values, one IN-list read per key. */
  async function candidatesAmong(tx: AppDb, tenantId: string, values: Record<DedupeKey, string[]>, since: Date): Promise<DedupeCandidate[]> {
    const found = new Map<string, DedupeCandidate>();
    for (const key of DEDUPE_KEYS) {
      const wanted = values[key];
      if (wanted.length === 0) continue;
      const rows = await tx
        .select(candidateColumns)
        .from(l)
        .where(and(inArray(keyColumn[key], wanted), ...liveSince(tenantId, since)));
      for (const r of rows) found.set(r.id, candidateOf(r));
    }
    return [...found.values()];
  }

  /**
   * The partner's decided leads (approved, converted, rejected), for the score: the sums of its
   * partner_months rows (a primary-key range, one row per month), which every transition keeps in
   * its own transaction (services/payouts/partner-months.ts; the property test recomputes them from
   * the leads). Counting the leads instead visited every decided lead of the partner: 1.6 ms for a
   * partner with a few thousand at seed scale, most of a submission.
   */
  async function partnerDecisions(tx: AppDb, tenantId: string, partnerId: string): Promise<PartnerDecisions> {
    return (await decisionsOfPartners(tx, tenantId, [partnerId])).get(partnerId) ?? { ...NO_DECISIONS };
  }

  /** The same for several partners in one read (rescoring); a partner without a month has none. */
  async function decisionsOfPartners(tx: AppDb, tenantId: string, partnerIds: readonly string[]): Promise<Map<string, PartnerDecisions>> {
    const wanted = [...new Set(partnerIds)];
    const out = new Map<string, PartnerDecisions>();
    if (wanted.length === 0) return out;
    const m = database.t.partnerMonths;
    const rows = await tx
      .select({ partnerId: m.partnerId, approved: sql<number>`sum(${m.leadsApproved})`, converted: sql<number>`sum(${m.leadsConverted})`, rejected: sql<number>`sum(${m.leadsRejected})` })
      .from(m)
      // One partner by equality: an IN list of one let Postgres prefer partner_months_month_idx on a small table.
      .where(and(eq(m.tenantId, tenantId), wanted.length === 1 ? eq(m.partnerId, wanted[0] as string) : inArray(m.partnerId, wanted)))
      .groupBy(m.partnerId);
    for (const r of rows) out.set(r.partnerId, { approved: Number(r.approved ?? 0), converted: Number(r.converted ?? 0), rejected: Number(r.rejected ?? 0) });
    return out;
  }

    return { partnerFor, submittedInMonth, existingByKey, candidates, candidatesAmong, partnerDecisions, decisionsOfPartners };
}
