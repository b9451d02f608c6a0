import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { todayIn } from '../../../src-shared/calendar';
import { CREDIT_STATUSES, type CreditAction, type CreditStatus } from '../../../src-shared/contract/credits/values';
import type { BulkCreditOutcome, BulkCreditResult, Credit, CreditCounts, CreditPage } from '../../../src-shared/contract/credits/types';
import type { bulkDecideInput, clawbackCreditInput, listCreditsInput, requestCreditInput } from '../../../src-shared/contract/credits/fields';
import { formatMoney } from '../../../src-shared/money';
import type { AppDb } from '../../data/database';
import { decodeKeyset, encodeKeyset } from '../../data/keyset';
import { clawbackBlock, creditActionBlock, FOUR_EYES_CREDIT } from '../../domain/credits/credit-actions';
import { CREDIT_STATUS_TEXT, canRolePerformCreditAction, nextCreditStatus, reasonForCreditTransition } from '../../domain/credits/credit-status';
import type { AuditService } from '../activity/audit';
import { actorNames } from '../partners/actor-names';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { readMoneySettings } from '../payouts/money-settings';
import { bumpPartnerMonth } from '../payouts/partner-months';
import { blankCredit, type CreditRow } from './credit-creation';
import { clawbackRoom, loadCredit, toCredit, toCreditSummaries } from './credit-rows';

type ListInput = z.output<typeof listCreditsInput>;
type BulkInput = z.output<typeof bulkDecideInput>;
type RequestInput = z.output<typeof requestCreditInput>;
type ClawbackInput = z.output<typeof clawbackCreditInput>;

export interface CreditDecisionInput {
  action: CreditAction;
  id: string;
  /** The version the caller saw: the change applies only if the credit is still at it (compare-and-set). */
  version: number;
  reason?: string | undefined;
}

const AUDIT_ACTION: Record<CreditAction, string> = { approve: 'credit.approved', reject: 'credit.rejected', reverse: 'credit.reversed' };

/** Bulk decisions run in transactions of this many credits: short enough for other writers to get a turn between them. */
const BULK_CHUNK = 50;

export function creditService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const c = database.t.credits;

  function assertDecider(session: ActiveSession, action: CreditAction): asserts session is ActiveSession & { userKind: 'staff' } {
    if (session.userKind !== 'staff' || !canRolePerformCreditAction(session.role, action)) throw new AppError('forbidden', 'Your role does not allow this');
  }

  async function assertCurrency(tx: AppDb, session: ActiveSession, given: string | undefined): Promise<string> {
    const settings = await readMoneySettings(database, tx, session.tenantId);
    if (given !== undefined && given !== settings.currency) throw new AppError('validation', `Amounts are in the workspace's currency, ${settings.currency}, not ${given}`, 'currency');
    return settings.currency;
  }

  /** The refusal of a lost race: who changed the credit to what. */
  async function conflict(tx: AppDb, session: ActiveSession, id: string): Promise<AppError> {
    const [now] = await tx
      .select({ status: c.status, decidedBy: c.decidedBy })
      .from(c)
      .where(and(eq(c.tenantId, session.tenantId), eq(c.id, id)));
    if (!now) return new AppError('not_found', 'Credit not found', 'id');
    const by = (await actorNames(tx, database.t, session.tenantId, [now.decidedBy]))(now.decidedBy);
    return new AppError('conflict', `Someone else changed this credit meanwhile: it is now ${CREDIT_STATUS_TEXT[now.status as CreditStatus]}${by ? ` by ${by.name}` : ''}. Reload it and decide again.`);
  }

  /**
   * The change of one decision inside the caller's transaction: everything that can refuse it is
   * checked before its one write, so a bulk decision can catch the refusal and go on with the next
   * credit in the same transaction. The UPDATE names the status and version read (compare-and-set):
   * of two deciders at once exactly one row update succeeds.
   */
  async function applyDecision(tx: AppDb, session: ActiveSession, input: CreditDecisionInput, reason: string | null): Promise<{ row: CreditRow; from: CreditStatus }> {
    const before = await loadCredit(database, tx, session, input.id);
    if (before.version !== input.version) throw await conflict(tx, session, before.id);
    const from = before.status as CreditStatus;
    const to = nextCreditStatus(from, input.action);
    const block = creditActionBlock({ ...before, status: from, clawbackRoomMinor: null }, input.action, session.userId);
    if (block) throw new AppError(block === FOUR_EYES_CREDIT ? 'forbidden' : 'invalid_transition', block);
    const now = clock();
    const changes: Partial<CreditRow> = { status: to, version: before.version + 1, updatedAt: now, decidedBy: session.userId, decidedAt: now };
    if (reason !== null) changes.reason = reason;
    const conditions = [eq(c.tenantId, session.tenantId), eq(c.id, before.id), eq(c.status, from), eq(c.version, input.version)];
    // A credit a generator took into a payout meanwhile is not reversed under it.
    if (input.action === 'reverse') conditions.push(sql`${c.payoutId} is null`);
    const [row] = await tx
      .update(c)
      .set(changes)
      .where(and(...conditions))
      .returning();
    if (!row) throw await conflict(tx, session, before.id);
    return { row, from };
  }

  /** Earned moves by the credit's own month: in at approval, out at reversal. */
  function earnedDelta(action: CreditAction, row: CreditRow): number {
    return action === 'approve' ? row.amountMinor : action === 'reverse' ? -row.amountMinor : 0;
  }

  async function recordDecision(tx: AppDb, session: ActiveSession, action: CreditAction, row: CreditRow, from: CreditStatus, reason: string | null): Promise<void> {
    await audit.record(tx, {
      tenantId: session.tenantId,
      actor: actorOf(session),
      action: AUDIT_ACTION[action],
      resourceType: 'credit',
      resourceId: row.id,
      details: {
        partnerId: row.partnerId,
        leadId: row.leadId,
        kind: row.kind,
        amountMinor: row.amountMinor,
        currency: row.currency,
        from,
        to: row.status,
        version: row.version,
        ...(reason !== null ? { reason } : {}),
      },
    });
  }

  /** One decision: the change, its partner-month, its audit row; in that order, like every other writer (the audit head last). */
  async function decide(session: ActiveSession, input: CreditDecisionInput): Promise<Credit> {
    assertDecider(session, input.action);
    const reason = reasonForCreditTransition(input.action, input.reason);
    return database.write(async (tx) => {
      const { row, from } = await applyDecision(tx, session, input, reason);
      await bumpPartnerMonth(database, tx, session.tenantId, row.partnerId, row.earnedOn, { earnedMinor: earnedDelta(input.action, row) });
      await recordDecision(tx, session, input.action, row, from, reason);
      return toCredit(database, tx, session, row);
    });
  }

  /**
   * Up to 200 decisions, each on its own compare-and-set, in transactions of BULK_CHUNK: a
   * refused credit (decided meanwhile, four eyes, unknown) is reported with its sentence and the
   * others go on. A database failure rolls back its chunk and is thrown (earlier chunks stand,
   * each complete with its audit rows).
   *
   * Lock order (Postgres): a chunk changes its credits in id order, then bumps the partner-months
   * summed and in (partner, month) order, and writes its audit rows last. Every writer takes the
   * tenant's audit head last, so a chunk never holds it while waiting for a credit or a
   * partner-month another transaction holds while waiting for the head (a deadlock); two chunks
   * take their credits and partner-months in the same order.
   */
  async function bulkDecide(session: ActiveSession, input: BulkInput): Promise<BulkCreditResult> {
    const action: CreditAction = input.decision;
    assertDecider(session, action);
    const reason = reasonForCreditTransition(action, input.reason);
    const outcomes = new Map<string, BulkCreditOutcome>();
    for (let start = 0; start < input.items.length; start += BULK_CHUNK) {
      const chunk = [...input.items.slice(start, start + BULK_CHUNK)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const decided = await database.write(async (tx) => {
        const out: { id: string; outcome: BulkCreditOutcome }[] = [];
        const changed: { row: CreditRow; from: CreditStatus }[] = [];
        for (const item of chunk) {
          try {
            const done = await applyDecision(tx, session, { action, id: item.id, version: item.version }, reason);
            changed.push(done);
            out.push({ id: item.id, outcome: { id: item.id, ok: true, status: done.row.status as CreditStatus, version: done.row.version } });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            out.push({ id: item.id, outcome: { id: item.id, ok: false, code: error.code, message: error.message } });
          }
        }
        const months = new Map<string, { partnerId: string; month: string; earned: number }>();
        for (const { row } of changed) {
          const key = `${row.partnerId}|${row.earnedOn.slice(0, 7)}`;
          const entry = months.get(key) ?? { partnerId: row.partnerId, month: row.earnedOn.slice(0, 7), earned: 0 };
          entry.earned += earnedDelta(action, row);
          months.set(key, entry);
        }
        for (const key of [...months.keys()].sort()) {
          const m = months.get(key)!;
          await bumpPartnerMonth(database, tx, session.tenantId, m.partnerId, m.month, { earnedMinor: m.earned });
        }
        for (const { row, from } of changed) await recordDecision(tx, session, action, row, from, reason);
        return out;
      });
      for (const d of decided) outcomes.set(d.id, d.outcome);
    }
    // In the caller's order.
    const results = input.items.map((item) => outcomes.get(item.id)!);
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }

  async function get(session: ActiveSession, id: string): Promise<Credit> {
    return toCredit(database, database.db, session, await loadCredit(database, database.db, session, id));
  }

  /**
   * Credits oldest first: keyset on (created_at, id), never OFFSET. With a status, the queue index
   * (tenant, status, created_at, id) serves the page as one range after the cursor. A partner user
   * is held to their own partner: another partner's id finds nothing.
   */
  async function list(session: ActiveSession, input: ListInput): Promise<CreditPage> {
    let partnerId = input.partnerId;
    if (session.userKind === 'partner') {
      if (partnerId !== undefined && partnerId !== session.partnerId) return { rows: [], nextCursor: null };
      partnerId = session.partnerId;
    }
    const conditions: SQL[] = [eq(c.tenantId, session.tenantId)];
    if (input.status) conditions.push(eq(c.status, input.status));
    if (input.kind) conditions.push(eq(c.kind, input.kind));
    if (partnerId) conditions.push(eq(c.partnerId, partnerId));
    if (input.leadId) conditions.push(eq(c.leadId, input.leadId));
    if (input.cursor) {
      const [at, id] = decodeKeyset(input.cursor, 'c', ['int', 'id']);
      conditions.push(sql`(${c.createdAt}, ${c.id}) > (${sql.param(new Date(at), c.createdAt)}, ${id})`);
    }
    const rows = await database.db
      .select()
      .from(c)
      .where(and(...conditions))
      .orderBy(asc(c.createdAt), asc(c.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      rows: await toCreditSummaries(database, database.db, session, page),
      nextCursor: rows.length > input.limit && last ? encodeKeyset('c', [last.createdAt.getTime(), last.id]) : null,
    };
  }

  /** Counts and sums per status: one grouped read over the queue index's leading columns. */
  async function counts(session: ActiveSession): Promise<CreditCounts> {
    const rows = await database.db
      .select({ status: c.status, count: sql<string | number>`count(*)`, amount: sql<string | number | null>`sum(${c.amountMinor})` })
      .from(c)
      .where(eq(c.tenantId, session.tenantId))
      .groupBy(c.status);
    const byStatus = Object.fromEntries(CREDIT_STATUSES.map((s) => [s, { count: 0, amountMinor: 0 }])) as CreditCounts['byStatus'];
    for (const r of rows) byStatus[r.status as CreditStatus] = { count: Number(r.count), amountMinor: Number(r.amount ?? 0) };
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    return { byStatus, currency: settings.currency };
  }

  /**
   * A credit asked for by a partner user (or by a staff decider on the partner's behalf) for one of
   * the partner's own leads: kind 'requested', calculation 'manual', pending approval. Another
   * partner's lead, like another tenant's, is not found.
   */
  async function request(session: ActiveSession, input: RequestInput): Promise<Credit> {
    let partnerId: string;
    if (session.userKind === 'partner') {
      if (input.partnerId !== undefined && input.partnerId !== session.partnerId) throw new AppError('not_found', 'Partner not found', 'partnerId');
      partnerId = session.partnerId;
    } else {
      if (input.partnerId === undefined) throw new AppError('validation', 'Choose the partner the credit is for', 'partnerId');
      partnerId = input.partnerId;
    }
    return database.write(async (tx) => {
      const p = database.t.partners;
      const [partner] = await tx
        .select({ id: p.id, code: p.code, deletedAt: p.deletedAt })
        .from(p)
        .where(and(eq(p.tenantId, session.tenantId), eq(p.id, partnerId)));
      if (!partner || partner.deletedAt) throw new AppError('not_found', 'Partner not found', 'partnerId');
      const l = database.t.leads;
      const [lead] = await tx
        .select({ id: l.id, partnerId: l.partnerId, contactName: l.contactName, deletedAt: l.deletedAt })
        .from(l)
        .where(and(eq(l.tenantId, session.tenantId), eq(l.id, input.leadId)));
      if (!lead || lead.deletedAt || lead.partnerId !== partnerId) throw new AppError('not_found', 'Lead not found', 'leadId');
      const currency = await assertCurrency(tx, session, input.currency);
      const settings = await readMoneySettings(database, tx, session.tenantId);
      const now = clock();
      const row: CreditRow = {
        ...blankCredit(),
        id: newId(),
        tenantId: session.tenantId,
        partnerId,
        leadId: lead.id,
        leadContactName: lead.contactName,
        kind: 'requested',
        calculation: 'manual',
        amountMinor: input.amountMinor,
        currency,
        justification: input.justification,
        earnedOn: todayIn(settings.timeZone, now),
        createdByType: session.userKind === 'staff' ? 'staff' : 'partner_user',
        createdBy: session.userId,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(c).values(row);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'credit.requested',
        resourceType: 'credit',
        resourceId: row.id,
        details: { partnerId, partnerCode: partner.code, leadId: lead.id, amountMinor: row.amountMinor, currency, justification: row.justification },
      });
      return toCredit(database, tx, session, row);
    });
  }

  /**
   * A clawback of (part of) a paid credit: a negative credit pending approval, approved like any
   * other, that the partner's next payout nets off. The paid credit's row is locked (Postgres; the
   * SQLite writer is exclusive) while the live clawbacks are summed, so two clawbacks at once can
   * never exceed it together.
   */
  async function clawback(session: ActiveSession, input: ClawbackInput): Promise<Credit> {
    if (session.userKind !== 'staff' || (session.role !== 'admin' && session.role !== 'manager')) throw new AppError('forbidden', 'Your role does not allow this');
    return database.write(async (tx) => {
      const original = await loadCredit(database, tx, session, input.id, { lock: true });
      const currency = await assertCurrency(tx, session, input.currency);
      const room = original.status === 'paid' && original.kind !== 'clawback' ? await clawbackRoom(database, tx, original) : 0;
      const block = clawbackBlock({ ...original, status: original.status as CreditStatus, clawbackRoomMinor: room });
      if (block) throw new AppError('invalid_transition', block);
      if (input.amountMinor > room) {
        throw new AppError('validation', `At most ${formatMoney(room, original.currency, 'en')} of this credit can still be clawed back`, 'amountMinor');
      }
      const settings = await readMoneySettings(database, tx, session.tenantId);
      const now = clock();
      const row: CreditRow = {
        ...blankCredit(),
        id: newId(),
        tenantId: session.tenantId,
        partnerId: original.partnerId,
        leadId: original.leadId,
        leadContactName: original.leadContactName,
        kind: 'clawback',
        calculation: 'manual',
        amountMinor: -input.amountMinor,
        currency,
        justification: input.reason,
        clawbackOf: original.id,
        earnedOn: todayIn(settings.timeZone, now),
        createdByType: 'staff',
        createdBy: session.userId,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(c).values(row);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'credit.clawback_created',
        resourceType: 'credit',
        resourceId: row.id,
        details: { partnerId: row.partnerId, leadId: row.leadId, clawbackOf: original.id, amountMinor: row.amountMinor, currency, reason: input.reason, roomBeforeMinor: room },
      });
      return toCredit(database, tx, session, row);
    });
  }

  return { list, get, counts, decide, bulkDecide, request, clawback };
}

export type CreditService = ReturnType<typeof creditService>;
