import { and, eq } from 'drizzle-orm';
import type { CommercialTerms } from '../../../src-shared/contract/partners';
import type { AppDb, Database } from '../../data/database';
import { proposeCredits, type CommissionEvent } from '../../domain/partners/commercial-terms';
import type { AuditService } from '../activity/audit';
import type { Actor } from '../context';

/*
 * The system's credits: proposed from the partner's commission model when a lead is approved
 * (fixed) or converted (percentage), hybrid both, inside the lead transition's own transaction, so
 * that a lead decision never stands without the credit it earns nor a credit without its decision.
 * Each is created pending_approval (nothing is credited automatically) with base, rate and amount
 * stored; `source_key` ('approval:<lead>' / 'conversion:<lead>', unique per tenant) makes the
 * creation idempotent. A zero amount (a fixed price of 0) creates nothing.
 */

export interface CommissionCreditInput {
  tenantId: string;
  partnerId: string;
  leadId: string;
  leadContactName: string;
  event: CommissionEvent;
  currency: string;
  /** The workspace's calendar day (todayIn): the day the credit was earned. */
  earnedOn: string;
  now: Date;
  /** The person whose decision earned it, kept in the audit details. */
  triggeredBy: string;
}

export type CreditRow = Database['t']['credits']['$inferSelect'];

const SYSTEM: Actor = { type: 'system', id: null, name: null };

export function sourceKeyOf(event: CommissionEvent, leadId: string): string {
  return `${event.kind === 'lead_approved' ? 'approval' : 'conversion'}:${leadId}`;
}

/** Creates the credits the event earns under the partner's terms now; returns those created. */
export async function createCommissionCredits(database: Database, tx: AppDb, audit: AuditService, newId: () => string, input: CommissionCreditInput): Promise<CreditRow[]> {
  const p = database.t.partners;
  const c = database.t.credits;
  const [partner] = await tx
    .select({ commissionModel: p.commissionModel, rateBp: p.rateBp, fixedPriceMinor: p.fixedPriceMinor })
    .from(p)
    .where(and(eq(p.tenantId, input.tenantId), eq(p.id, input.partnerId)));
  if (!partner) return [];
  const terms = { commissionModel: partner.commissionModel, rateBp: partner.rateBp, fixedPriceMinor: partner.fixedPriceMinor } as Pick<CommercialTerms, 'commissionModel' | 'rateBp' | 'fixedPriceMinor'>;
  const proposed = proposeCredits(terms as CommercialTerms, input.event).filter((x) => x.amountMinor !== 0);
  if (proposed.length === 0) return [];
  const sourceKey = sourceKeyOf(input.event, input.leadId);
  // A lead is approved (or converted) once, by compare-and-set; the unique index stays the last word.
  const [existing] = await tx
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.tenantId, input.tenantId), eq(c.sourceKey, sourceKey)));
  if (existing) return [];
  const created: CreditRow[] = [];
  for (const credit of proposed) {
    const row: CreditRow = {
      ...blankCredit(),
      id: newId(),
      tenantId: input.tenantId,
      partnerId: input.partnerId,
      leadId: input.leadId,
      leadContactName: input.leadContactName,
      kind: 'commission',
      calculation: credit.calculation,
      baseMinor: credit.calculation === 'percentage' ? credit.baseMinor : null,
      rateBp: credit.calculation === 'percentage' ? credit.rateBp : null,
      amountMinor: credit.amountMinor,
      currency: input.currency,
      sourceKey,
      earnedOn: input.earnedOn,
      createdByType: 'system',
      createdBy: null,
      createdAt: input.now,
      updatedAt: input.now,
    };
    await tx.insert(c).values(row);
    await audit.record(tx, {
      tenantId: input.tenantId,
      actor: SYSTEM,
      action: 'credit.created',
      resourceType: 'credit',
      resourceId: row.id,
      details: {
        leadId: input.leadId,
        partnerId: input.partnerId,
        kind: row.kind,
        calculation: row.calculation,
        baseMinor: row.baseMinor,
        rateBp: row.rateBp,
        amountMinor: row.amountMinor,
        currency: row.currency,
        sourceKey,
        earnedOn: row.earnedOn,
        triggeredBy: input.triggeredBy,
      },
    });
    created.push(row);
  }
  return created;
}

/** The columns a new person-made credit leaves empty. */
export function blankCredit(): Pick<CreditRow, 'baseMinor' | 'rateBp' | 'status' | 'sourceKey' | 'justification' | 'clawbackOf' | 'decidedBy' | 'decidedAt' | 'reason' | 'payoutId' | 'payoutStage' | 'paidAt' | 'version'> {
  return {
    baseMinor: null,
    rateBp: null,
    status: 'pending_approval',
    sourceKey: null,
    justification: null,
    clawbackOf: null,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    payoutId: null,
    payoutStage: null,
    paidAt: null,
    version: 0,
  };
}
