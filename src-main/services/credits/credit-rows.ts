import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { Credit, CreditSummary, CreditLeadRef } from '../../../src-shared/contract/credits/types';
import type { CreditCalculation, CreditKind, CreditStatus, PayoutStage } from '../../../src-shared/contract/credits/values';
import type { AppDb, Database } from '../../data/database';
import { creditActions, creditOperations, type CreditFacts } from '../../domain/credits/credit-actions';
import { calculationText } from '../../domain/credits/credit-text';
import { actorNames } from '../partners/actor-names';
import { partnerRefs } from '../leads/lead-rows';
import type { ActiveSession } from '../context';
import type { CreditRow } from './credit-creation';

/** Loading credits for a caller and mapping their rows to what the procedures return. */

/** A credit of the caller's tenant (and, for a partner user, of their partner); anything else is not found, exactly like a missing id. */
export async function loadCredit(database: Database, db: AppDb, session: ActiveSession, id: string, { lock = false } = {}): Promise<CreditRow> {
  const c = database.t.credits;
  const q = db
    .select()
    .from(c)
    .where(and(eq(c.tenantId, session.tenantId), eq(c.id, id)));
  const [row] = lock && database.dialect.lockForUpdate ? await q.for('update') : await q;
  if (!row || (session.userKind === 'partner' && row.partnerId !== session.partnerId)) throw new AppError('not_found', 'Credit not found', 'id');
  return row;
}

/** Statuses of a clawback that still count against the credit it claws back. */
export const LIVE_CLAWBACK_STATUSES = ['pending_approval', 'approved', 'paid'] as const;

/** The amount of a paid credit still open to clawback: its amount minus its live clawbacks (negative amounts). */
export async function clawbackRoom(database: Database, db: AppDb, credit: Pick<CreditRow, 'tenantId' | 'leadId' | 'id' | 'amountMinor'>): Promise<number> {
  const c = database.t.credits;
  // By lead first: clawbacks share their credit's lead, so credits_lead_idx finds them.
  const [row] = await db
    .select({ total: sql<string | number | null>`sum(${c.amountMinor})` })
    .from(c)
    .where(and(eq(c.tenantId, credit.tenantId), eq(c.leadId, credit.leadId), eq(c.clawbackOf, credit.id), inArray(c.status, [...LIVE_CLAWBACK_STATUSES])));
  return credit.amountMinor + Number(row?.total ?? 0);
}

async function leadRefs(database: Database, db: AppDb, tenantId: string, ids: string[]): Promise<Map<string, CreditLeadRef>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const l = database.t.leads;
  const rows = await db.select({ id: l.id, tenantId: l.tenantId, contactName: l.contactName, company: l.company }).from(l).where(inArray(l.id, wanted));
  return new Map(rows.filter((r) => r.tenantId === tenantId).map((r) => [r.id, { id: r.id, contactName: r.contactName, company: r.company }]));
}

function summaryOf(r: CreditRow, partner: CreditSummary['partner'], lead: CreditLeadRef): CreditSummary {
  return {
    id: r.id,
    partner,
    lead,
    kind: r.kind as CreditKind,
    calculation: r.calculation as CreditCalculation,
    baseMinor: r.baseMinor,
    rateBp: r.rateBp,
    amountMinor: r.amountMinor,
    currency: r.currency,
    status: r.status as CreditStatus,
    calculationText: calculationText(r),
    reason: r.reason,
    payoutId: r.payoutId,
    payoutStage: (r.payoutStage as PayoutStage | null) ?? null,
    earnedOn: r.earnedOn,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export async function toCreditSummaries(database: Database, db: AppDb, session: ActiveSession, rows: CreditRow[]): Promise<CreditSummary[]> {
  const partners = await partnerRefs(database, db, session.tenantId, rows.map((r) => r.partnerId));
  const leads = await leadRefs(database, db, session.tenantId, rows.map((r) => r.leadId));
  return rows.map((r) =>
    summaryOf(r, partners.get(r.partnerId) ?? { id: r.partnerId, code: '?', name: 'Unknown partner' }, leads.get(r.leadId) ?? { id: r.leadId, contactName: 'Unknown lead', company: null }),
  );
}

export async function toCredit(database: Database, db: AppDb, session: ActiveSession, r: CreditRow): Promise<Credit> {
  const [summary] = await toCreditSummaries(database, db, session, [r]);
  const staff = session.userKind === 'staff';
  const names = await actorNames(db, database.t, session.tenantId, staff ? [r.createdBy, r.decidedBy] : []);
  const room = r.status === 'paid' && r.kind !== 'clawback' ? await clawbackRoom(database, db, r) : null;
  const facts: CreditFacts = { status: r.status as CreditStatus, kind: r.kind, createdByType: r.createdByType, createdBy: r.createdBy, payoutId: r.payoutId, clawbackRoomMinor: room };
  return {
    ...(summary as CreditSummary),
    justification: r.justification,
    clawbackOf: r.clawbackOf,
    clawbackRoomMinor: room,
    createdByType: r.createdByType as Credit['createdByType'],
    createdBy: staff ? names(r.createdBy) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: staff ? names(r.decidedBy) : null,
    paidAt: r.paidAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    actions: creditActions(facts, session.role, session.userId),
    operations: creditOperations(facts, session.role),
  };
}
