import { and, asc, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import {
  LEAD_STATUSES,
  type Lead,
  type LeadAction,
  type LeadCounts,
  type LeadPage,
  type LeadStatus,
  type LeadSubmitted,
  type listLeadsInput,
  type queueLeadsInput,
  type submitLeadInput,
} from '../../../src-shared/contract/leads';
import { todayIn } from '../../../src-shared/calendar';
import { minor, type Minor } from '../../../src-shared/money';
import type { AppDb } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { inShape, preparedShapes, shapeOf, slot } from '../../data/prepared';
import { dedupeKeysOf, findDuplicate, protectionWindowStart } from '../../domain/leads/dedupe';
import { canRolePerformLeadAction, nextLeadStatus, reasonForLeadTransition } from '../../domain/leads/lead-status';
import { conversionDay, convertedDealValue, crmLeadId } from '../../domain/leads/lead-values';
import { normaliseEmail } from '../../domain/leads/normalise';
import { scoreLead } from '../../domain/leads/quality-score';
import { remainingLeadQuota } from '../../domain/partners/commercial-terms';
import type { AuditService } from '../activity/audit';
import { actorNames } from '../partners/actor-names';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { createCommissionCredits } from '../credits/credit-creation';
import { bumpPartnerMonth, type PartnerMonthDelta } from '../payouts/partner-months';
import { bumpCounts, decodeCursor, encodeCursor, loadLead, newLeadRow, summaryColumns, toLead, toSummaries, type LeadRow } from './lead-rows';
import { readLeadSettings } from './lead-settings';
import { assertPartnerSubmits, checkContact, partnerIdFor, submissionReads } from './submission';

type SubmitInput = z.output<typeof submitLeadInput>;
type ListInput = z.output<typeof listLeadsInput>;
type QueueInput = z.output<typeof queueLeadsInput>;

export interface TransitionInput {
  action: LeadAction;
  id: string;
  /** The version the caller saw: the change applies only if the lead is still at it (compare-and-set). */
  version: number;
  note?: string | undefined;
  reason?: string | undefined;
  crmLeadId?: string | undefined;
  dealValueMinor?: number | undefined;
  convertedOn?: string | undefined;
}

const AUDIT_ACTION: Record<LeadAction, string> = {
  start_review: 'lead.review_started',
  approve: 'lead.approved',
  reject: 'lead.rejected',
  convert: 'lead.converted',
};

const DAY_MS = 86_400_000;

/** What each transition moves in partner_months (a conversion leaves "approved" for "converted"). */
const MONTH_DELTA: Record<LeadAction, PartnerMonthDelta> = {
  start_review: {},
  approve: { leadsApproved: 1 },
  reject: { leadsRejected: 1 },
  convert: { leadsConverted: 1, leadsApproved: -1 },
};

/** The optional filters of a lead page, in the order its statement shapes name them. */
const PAGE_FILTERS = ['partnerId', 'type', 'status', 'maxRank', 'minRank', 'duplicate', 'olderThan'] as const;

type PageValues = { tenantId: string; limit: number; partnerId?: string; type?: string; status?: string; maxRank?: number; minRank?: number; duplicate?: boolean; olderThan?: Date };

const STATUS_TEXT: Record<LeadStatus, string> = {
  submitted: 'submitted',
  under_review: 'under review',
  approved: 'approved',
  rejected: 'rejected',
  converted: 'converted',
};

export function leadService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const l = database.t.leads;
  const { partnerFor, submittedInMonth, existingByKey, candidates, partnerDecisions } = submissionReads(database);

  /**
   * The queue's rows: pending, live. Literal SQL, not bound parameters, so that SQLite can see
   * that the query implies the partial indexes' WHERE and use them.
   */
  const PENDING_SQL = sql`${l.status} in ('submitted', 'under_review') and ${l.deletedAt} is null`;

  /**
   * One submission. The partner's row is locked first (Postgres; SQLite's writer is exclusive
   * anyway), which serialises submissions per partner: the idempotency lookup, the quota count
   * and the insert then cannot interleave with a concurrent submission for the same partner.
   * The unique (tenant, partner, key) index stays the last word: a retry that still raced
   * through returns the row that won.
   */
  async function submit(session: ActiveSession, input: SubmitInput): Promise<LeadSubmitted> {
    const partnerId = partnerIdFor(session, input.partnerId);
    const estimatedValue = checkContact(input);
    try {
      return await insertLead(session, partnerId, input, estimatedValue);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const row = await existingByKey(database.db, session.tenantId, partnerId, input.idempotencyKey);
      if (!row) throw error;
      return { lead: await toLead(database, database.db, session, row), created: false };
    }
  }

  async function insertLead(session: ActiveSession, partnerId: string, input: SubmitInput, estimatedValue: Minor | null): Promise<LeadSubmitted> {
    return database.write(async (tx) => {
      const partner = await partnerFor(tx, session.tenantId, partnerId, { lock: true });
      // A retry returns the first lead even if the partner was suspended or reached its quota meanwhile: it is the same submission.
      const earlier = await existingByKey(tx, session.tenantId, partnerId, input.idempotencyKey);
      if (earlier) return { lead: await toLead(database, tx, session, earlier), created: false };
      assertPartnerSubmits(partner);
      const settings = await readLeadSettings(database, tx, session.tenantId);
      const now = clock();
      const today = todayIn(settings.timeZone, now);
      if (partner.quota > 0) {
        const month = today.slice(0, 7);
        const n = await submittedInMonth(tx, session.tenantId, partnerId, month);
        if (remainingLeadQuota({ monthlyLeadQuota: partner.quota }, n) === 0) {
          throw new AppError('rate_limited', `Monthly lead quota reached: ${partner.code} may submit ${partner.quota} leads a month and has submitted ${n} in ${month}`, 'partnerId');
        }
      }
      const keys = dedupeKeysOf({ email: input.email ?? null, phone: input.phone ?? null, website: input.website ?? null, country: input.country ?? null });
      const id = newId();
      const decision = findDuplicate({ id, submittedAt: now, keys }, await candidates(tx, session.tenantId, keys, protectionWindowStart(now, settings.protectionWindowDays)), settings.protectionWindowDays);
      const scored = scoreLead(
        { ...input, estimatedValue },
        {
          currency: settings.currency,
          referenceDealValue: minor(settings.referenceDealValueMinor, 'referenceDealValueMinor'),
          partnerDecisions: await partnerDecisions(tx, session.tenantId, partnerId),
          minPartnerDecisions: settings.minPartnerDecisions,
          duplicate: decision ? { matchedOn: decision.duplicateOf.matchedOn } : null,
        },
        settings.scoreWeights,
      );
      const row = newLeadRow({
        id,
        tenantId: session.tenantId,
        partnerId,
        type: input.type,
        fields: { ...input, email: input.email ? (normaliseEmail(input.email)?.address ?? input.email) : undefined },
        estimatedValue,
        score: scored,
        keys,
        decision,
        idempotencyKey: input.idempotencyKey,
        importId: null,
        session,
        submittedOn: today,
        now,
      });
      await tx.insert(l).values(row);
      await bumpCounts(database, tx, session.tenantId, [{ status: 'submitted', total: 1, duplicates: row.duplicateFlag ? 1 : 0 }]);
      await bumpPartnerMonth(database, tx, session.tenantId, partnerId, today, { leadsSubmitted: 1, scoreSum: scored.score });
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'lead.submitted',
        resourceType: 'lead',
        resourceId: id,
        details: {
          partnerId,
          partnerCode: partner.code,
          type: input.type,
          contactName: input.contactName,
          score: scored.score,
          ...(decision ? { duplicateOf: decision.duplicateOf.leadId, matchedOn: decision.duplicateOf.matchedOn } : {}),
        },
      });
      return { lead: await toLead(database, tx, session, row), created: true };
    });
  }

  async function get(session: ActiveSession, id: string): Promise<Lead> {
    return toLead(database, database.db, session, await loadLead(database, database.db, session, id));
  }

  /**
   * The filters shared by the list and the queue, as placeholder values and the statement shape
   * they select (one prepared statement per combination in use). A partner user is held to their
   * own partner: another partner's id finds nothing (null, no query at all).
   */
  function filterValues(session: ActiveSession, input: ListInput | QueueInput): PageValues | null {
    let partnerId = input.partnerId;
    if (session.userKind === 'partner') {
      if (partnerId !== undefined && partnerId !== session.partnerId) return null;
      partnerId = session.partnerId;
    }
    return {
      tenantId: session.tenantId,
      partnerId,
      type: input.type,
      status: input.status,
      maxRank: input.minScore !== undefined ? 100 - input.minScore : undefined,
      minRank: input.maxScore !== undefined ? 100 - input.maxScore : undefined,
      duplicate: input.duplicate,
      olderThan: input.olderThanDays !== undefined ? new Date(clock().getTime() - input.olderThanDays * DAY_MS) : undefined,
      limit: input.limit + 1,
    };
  }

  function pageConditions(shape: string): SQL[] {
    const conditions: SQL[] = [eq(l.tenantId, slot('tenantId'))];
    const when = (key: (typeof PAGE_FILTERS)[number], condition: () => SQL) => {
      if (inShape(shape, key)) conditions.push(condition());
    };
    when('partnerId', () => eq(l.partnerId, slot('partnerId')));
    when('type', () => eq(l.type, slot('type')));
    when('status', () => eq(l.status, slot('status')));
    when('maxRank', () => lte(l.queueRank, slot('maxRank')));
    when('minRank', () => gte(l.queueRank, slot('minRank')));
    when('duplicate', () => eq(l.duplicateFlag, slot('duplicate', l.duplicateFlag)));
    when('olderThan', () => lte(l.createdAt, slot('olderThan', l.createdAt)));
    return conditions;
  }

  // A row value after the cursor: one index range on both engines, starting right at it.
  const listPages = preparedShapes(database, 'lead_list_page', (shape, db) => {
    const conditions = [...pageConditions(shape), isNull(l.deletedAt)];
    if (inShape(shape, 'afterId')) conditions.push(sql`(${l.createdAt}, ${l.id}) < (${slot('afterAt', l.createdAt)}, ${slot('afterId')})`);
    return db
      .select(summaryColumns(l))
      .from(l)
      .where(and(...conditions))
      .orderBy(desc(l.createdAt), desc(l.id))
      .limit(slot('limit'));
  });
  // With "rank ≥ r and (…or…)" SQLite bounded the range by the rank only and walked every earlier row of that rank
  // (~1,500 at 1,000,000 leads) through the filter; the row value starts the range right after (rank, at, id).
  const queuePages = preparedShapes(database, 'lead_queue_page', (shape, db) => {
    const conditions = [...pageConditions(shape), PENDING_SQL];
    if (inShape(shape, 'afterId')) conditions.push(sql`(${l.queueRank}, ${l.createdAt}, ${l.id}) > (${slot('afterRank')}, ${slot('afterAt', l.createdAt)}, ${slot('afterId')})`);
    return db
      .select(summaryColumns(l))
      .from(l)
      .where(and(...conditions))
      .orderBy(asc(l.queueRank), asc(l.createdAt), asc(l.id))
      .limit(slot('limit'));
  });

  /** All leads, newest first: keyset on (created_at, id) descending, never OFFSET. */
  async function list(session: ActiveSession, input: ListInput): Promise<LeadPage> {
    const values = filterValues(session, input);
    if (!values) return { rows: [], nextCursor: null };
    const after = input.cursor ? decodeCursor(input.cursor, 'l') : null;
    const shape = [shapeOf(PAGE_FILTERS, values), ...(after ? ['afterid'] : [])].filter(Boolean).join('_');
    const rows = await listPages.run(database.db, shape, { ...values, ...(after ? { afterAt: new Date(after.at), afterId: after.id } : {}) });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      rows: await toSummaries(database, database.db, session, page),
      nextCursor: rows.length > input.limit && last ? encodeCursor({ kind: 'l', at: last.createdAt.getTime(), id: last.id }) : null,
    };
  }

  /**
   * The review queue: pending leads, highest score first, then oldest (queue_rank = 100 − score
   * ascending, created_at, id): the same order as the partial queue indexes, so a page at any
   * depth is an index range starting after the cursor.
   */
  async function queue(session: ActiveSession, input: QueueInput): Promise<LeadPage> {
    const values = filterValues(session, input);
    if (!values) return { rows: [], nextCursor: null };
    const after = input.cursor ? decodeCursor(input.cursor, 'q') : null;
    const shape = [shapeOf(PAGE_FILTERS, values), ...(after ? ['afterid'] : [])].filter(Boolean).join('_');
    const rows = await queuePages.run(database.db, shape, { ...values, ...(after ? { afterRank: after.rank, afterAt: new Date(after.at), afterId: after.id } : {}) });
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      rows: await toSummaries(database, database.db, session, page),
      nextCursor: rows.length > input.limit && last ? encodeCursor({ kind: 'q', rank: last.queueRank, at: last.createdAt.getTime(), id: last.id }) : null,
    };
  }

  /** Counts per status: five rows of lead_counts, kept in every lead write's transaction; no scan of leads. */
  async function counts(session: ActiveSession): Promise<LeadCounts> {
    const c = database.t.leadCounts;
    const rows = await database.db.select().from(c).where(eq(c.tenantId, session.tenantId));
    const byStatus = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
    const duplicatesByStatus = { ...byStatus };
    for (const r of rows) {
      byStatus[r.status as LeadStatus] = r.total;
      duplicatesByStatus[r.status as LeadStatus] = r.duplicates;
    }
    return { byStatus, duplicatesByStatus, pending: byStatus.submitted + byStatus.under_review };
  }

  /** The refusal of a lost race: who changed the lead to what, so the reviewer knows what they missed. */
  async function conflict(tx: AppDb, session: ActiveSession, id: string): Promise<AppError> {
    const [now] = await tx
      .select({ status: l.status, claimedBy: l.claimedBy, decidedBy: l.decidedBy })
      .from(l)
      .where(and(eq(l.tenantId, session.tenantId), eq(l.id, id)));
    if (!now) return new AppError('not_found', 'Lead not found', 'id');
    const by = (await actorNames(tx, database.t, session.tenantId, [now.decidedBy ?? now.claimedBy]))(now.decidedBy ?? now.claimedBy);
    const who = by ? ` by ${by.name}` : '';
    return new AppError('conflict', `Someone else changed this lead meanwhile: it is now ${STATUS_TEXT[now.status as LeadStatus]}${who}. Reload it and decide again.`);
  }

  /**
   * Every status change goes through the domain's transition table, and applies only to the
   * version the caller saw: the UPDATE's WHERE names both the status and the version read, so of
   * two reviewers acting at once exactly one row update succeeds (on Postgres the second waits
   * for the first's row lock, then finds the version moved and updates nothing); the other gets
   * `conflict`. On SQLite the write queue runs them one after the other and the second sees
   * the newer version already. Counters and the audit row go in the same transaction.
   */
  async function transition(session: ActiveSession, input: TransitionInput): Promise<Lead> {
    if (session.userKind !== 'staff' || !canRolePerformLeadAction(session.role, input.action)) throw new AppError('forbidden', 'Your role does not allow this');
    const { action } = input;
    const reason = action === 'reject' ? reasonForLeadTransition(action, input.reason) : null;
    const note = input.note?.trim() || null;
    const crm = crmLeadId(input.crmLeadId);
    const dealValue = action === 'convert' ? convertedDealValue(input.dealValueMinor ?? 0, 'dealValueMinor') : null;
    return database.write(async (tx) => {
      const before = await loadLead(database, tx, session, input.id);
      if (before.version !== input.version) throw await conflict(tx, session, before.id);
      const from = before.status as LeadStatus;
      const to = nextLeadStatus(from, action);
      const now = clock();
      let convertedOn: string | null = null;
      if (action === 'convert') {
        const settings = await readLeadSettings(database, tx, session.tenantId);
        convertedOn = conversionDay(input.convertedOn ?? '', { today: todayIn(settings.timeZone, now), submittedOn: before.submittedOn }, 'convertedOn');
      }
      const changes: Partial<LeadRow> = { status: to, version: before.version + 1, updatedAt: now };
      if (action === 'start_review') Object.assign(changes, { claimedBy: session.userId, claimedAt: now });
      if (action === 'approve') Object.assign(changes, { decidedBy: session.userId, decidedAt: now, decisionNote: note, crmLeadId: crm ?? before.crmLeadId });
      if (action === 'reject') Object.assign(changes, { decidedBy: session.userId, decidedAt: now, rejectionReason: reason });
      if (action === 'convert') Object.assign(changes, { convertedValueMinor: dealValue, convertedOn, convertedAt: now, crmLeadId: crm ?? before.crmLeadId });
      const [row] = await tx
        .update(l)
        .set(changes)
        .where(and(eq(l.tenantId, session.tenantId), eq(l.id, before.id), eq(l.status, from), eq(l.version, input.version)))
        .returning();
      if (!row) throw await conflict(tx, session, before.id);
      const dup = before.duplicateFlag ? 1 : 0;
      await bumpCounts(database, tx, session.tenantId, [
        { status: from, total: -1, duplicates: -dup },
        { status: to, total: 1, duplicates: dup },
      ]);
      // The lead's figures count in its submission month (its cohort), whatever day it is decided.
      await bumpPartnerMonth(database, tx, session.tenantId, row.partnerId, row.submittedOn, MONTH_DELTA[action]);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: AUDIT_ACTION[action],
        resourceType: 'lead',
        resourceId: row.id,
        details: {
          contactName: row.contactName,
          from,
          to,
          version: row.version,
          ...(reason ? { reason } : {}),
          ...(note && action !== 'reject' ? { note } : {}),
          ...(crm ? { crmLeadId: crm } : {}),
          ...(action === 'convert' ? { dealValueMinor: dealValue, convertedOn } : {}),
        },
      });
      // The credits the decision earns, pending a manager's approval, in this same transaction.
      if (action === 'approve' || action === 'convert') {
        const settings = await readLeadSettings(database, tx, session.tenantId);
        await createCommissionCredits(database, tx, audit, newId, {
          tenantId: session.tenantId,
          partnerId: row.partnerId,
          leadId: row.id,
          leadContactName: row.contactName,
          event: action === 'approve' ? { kind: 'lead_approved' } : { kind: 'lead_converted', dealValueMinor: dealValue ?? 0 },
          currency: settings.currency,
          earnedOn: todayIn(settings.timeZone, now),
          now,
          triggeredBy: session.userId,
        });
      }
      return toLead(database, tx, session, row);
    });
  }

  return { submit, get, list, queue, counts, transition };
}

export type LeadService = ReturnType<typeof leadService>;
