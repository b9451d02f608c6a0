import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import {
  PENDING_LEAD_STATUSES,
  PREVIEW_LEADS,
  type LeadScoreLine,
  type LeadScoreWeights,
  type LeadStatus,
  type RescoreResult,
  type WeightsPreview,
} from '../../../src-shared/contract/leads';
import { minor } from '../../../src-shared/money';
import { assertLeadScoreWeights, leadScoreMaxima, scoreLead, type LeadScore, type ScorableLead } from '../../domain/leads/quality-score';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { bumpPartnerMonth } from '../payouts/partner-months';
import type { LeadRow } from './lead-rows';
import { NO_DECISIONS, submissionReads, type PartnerDecisions } from './submission';
import { readLeadSettings, type LeadSettings } from './lead-settings';

/** Pending leads rescored per transaction: short enough that other writes and reads keep being answered between chunks. */
export const RESCORE_CHUNK = 500;


type ScoredFields = Pick<
  LeadRow,
  'contactName' | 'company' | 'email' | 'phone' | 'country' | 'jobTitle' | 'productInterest' | 'estimatedValueMinor' | 'duplicateFlag' | 'duplicateMatches'
>;

/**
 * A stored lead scored again from its stored fields. The duplicate signal is the one decided at
 * submission (the first of its stored matches, as `submit` passes it), not a new dedupe check; the
 * partner's decision record is today's, so a partner's later approvals do count.
 */
function rescored(row: ScoredFields, settings: LeadSettings, decisions: PartnerDecisions, weights: LeadScoreWeights): LeadScore {
  const lead: ScorableLead = {
    contactName: row.contactName,
    company: row.company,
    email: row.email,
    phone: row.phone,
    country: row.country,
    jobTitle: row.jobTitle,
    productInterest: row.productInterest,
    estimatedValue: row.estimatedValueMinor === null ? null : minor(row.estimatedValueMinor, 'estimatedValueMinor'),
  };
  const first = row.duplicateFlag ? row.duplicateMatches[0] : undefined;
  return scoreLead(
    lead,
    {
      currency: settings.currency,
      referenceDealValue: minor(settings.referenceDealValueMinor, 'referenceDealValueMinor'),
      partnerDecisions: decisions,
      minPartnerDecisions: settings.minPartnerDecisions,
      duplicate: first ? { matchedOn: first.matchedOn } : null,
    },
    weights,
  );
}

/** Line by line, field by field: jsonb hands the stored lines back with their keys in its own order. */
function sameBreakdown(a: readonly LeadScoreLine[], b: readonly LeadScoreLine[]): boolean {
  return a.length === b.length && a.every((line, i) => line.signal === b[i]?.signal && line.points === b[i].points && line.max === b[i].max && line.sentence === b[i].sentence);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `leads.previewWeights` and `leads.rescore`. A preview writes nothing. A rescore rewrites the
 * score, breakdown and queue rank of pending leads only, in chunks of RESCORE_CHUNK, each chunk
 * its own transaction with its own `lead.rescored` audit row (the run's id, the weights used, and
 * each changed lead's old and new score). Per-chunk rows, rather than one row at the end, keep
 * every committed change audited in its own transaction: a run cut off half-way leaves exactly
 * the chunks it finished, each recorded. A lead whose score and breakdown come out the same is not
 * written, so its reviewer has nothing to reload; a changed one's version moves, so a reviewer's
 * action taken on the old score is a conflict rather than a decision on a number they did not see.
 */
export function leadRescoringService({ database, clock, newId }: ServiceDeps, audit: AuditService, { chunkSize = RESCORE_CHUNK } = {}) {
  const l = database.t.leads;
  const p = database.t.partners;

  /** The decision record of each partner named, in one read of their partner_months (as a submission reads it). */
  const decisionsOf = submissionReads(database).decisionsOfPartners;

  async function previewWeights(session: ActiveSession, input: { weights: LeadScoreWeights }): Promise<WeightsPreview> {
    const { weights } = input;
    assertLeadScoreWeights(weights);
    const db = database.db;
    const settings = await readLeadSettings(database, db, session.tenantId);
    // One read of the leads (leads_list_idx, newest first), their partners joined by primary key.
    const rows = await db
      .select({
        id: l.id,
        partnerId: l.partnerId,
        partnerCode: p.code,
        partnerName: p.displayName,
        status: l.status,
        score: l.score,
        contactName: l.contactName,
        company: l.company,
        email: l.email,
        phone: l.phone,
        country: l.country,
        jobTitle: l.jobTitle,
        productInterest: l.productInterest,
        estimatedValueMinor: l.estimatedValueMinor,
        duplicateFlag: l.duplicateFlag,
        duplicateMatches: l.duplicateMatches,
      })
      .from(l)
      .innerJoin(p, and(eq(p.tenantId, l.tenantId), eq(p.id, l.partnerId)))
      .where(and(eq(l.tenantId, session.tenantId), isNull(l.deletedAt)))
      .orderBy(desc(l.createdAt), desc(l.id))
      .limit(PREVIEW_LEADS);
    const decisions = await decisionsOf(db, session.tenantId, rows.map((r) => r.partnerId));
    const out = rows.map((r) => ({
      id: r.id,
      contactName: r.contactName,
      partner: { id: r.partnerId, code: r.partnerCode, name: r.partnerName },
      status: r.status as LeadStatus,
      oldScore: r.score,
      newScore: rescored(r, settings, decisions.get(r.partnerId) ?? NO_DECISIONS, weights).score,
    }));
    const change = out.reduce((sum, r) => sum + (r.newScore - r.oldScore), 0);
    return {
      rows: out,
      summary: {
        leads: out.length,
        up: out.filter((r) => r.newScore > r.oldScore).length,
        down: out.filter((r) => r.newScore < r.oldScore).length,
        unchanged: out.filter((r) => r.newScore === r.oldScore).length,
        meanChange: out.length === 0 ? 0 : Math.round((change * 10) / out.length) / 10,
      },
      maxima: leadScoreMaxima(weights),
    };
  }

  interface ChunkResult {
    examined: number;
    rescored: number;
    weights: LeadScoreWeights;
    /** The last row read: the next chunk starts strictly after it. */
    last: { createdAt: Date; id: string } | null;
  }

  /**
   * One chunk: up to chunkSize leads of one pending status after the cursor, in (created_at, id)
   * order (leads_list_status_idx). Not the queue's order: the rank is what changes, so a keyset over
   * it would skip or revisit rows. Settings and decision records are read inside the transaction,
   * so the chunk's audit row names the weights it actually used.
   */
  async function rescoreChunk(session: ActiveSession, runId: string, chunk: number, status: LeadStatus, after: ChunkResult['last'], auditEmpty: boolean): Promise<ChunkResult> {
    return database.write(async (tx) => {
      const settings = await readLeadSettings(database, tx, session.tenantId);
      const conditions: SQL[] = [eq(l.tenantId, session.tenantId), eq(l.status, status), isNull(l.deletedAt)];
      // A row value: the index range starts right after the cursor on both engines (an OR of the two
      // comparisons lets SQLite bound the range by the status only and walk every earlier chunk again).
      if (after) conditions.push(sql`(${l.createdAt}, ${l.id}) > (${sql.param(after.createdAt, l.createdAt)}, ${after.id})`);
      const q = tx
        .select()
        .from(l)
        .where(and(...conditions))
        .orderBy(asc(l.createdAt), asc(l.id))
        .limit(chunkSize);
      // Locked on Postgres: a reviewer's decision on one of these rows waits for the chunk, then sees the new version.
      const rows = database.dialect.lockForUpdate ? await q.for('update') : await q;
      const decisions = await decisionsOf(tx, session.tenantId, rows.map((r) => r.partnerId));
      const now = clock();
      const changed: { id: string; from: number; to: number }[] = [];
      const scoreDeltas = new Map<string, number>();
      for (const row of rows) {
        const next = rescored(row, settings, decisions.get(row.partnerId) ?? NO_DECISIONS, settings.scoreWeights);
        if (next.score === row.score && sameBreakdown(next.breakdown, row.scoreBreakdown)) continue;
        await tx
          .update(l)
          .set({ score: next.score, queueRank: 100 - next.score, scoreBreakdown: next.breakdown, version: row.version + 1, updatedAt: now })
          .where(and(eq(l.tenantId, session.tenantId), eq(l.id, row.id), eq(l.version, row.version)));
        changed.push({ id: row.id, from: row.score, to: next.score });
        const key = `${row.partnerId}|${row.submittedOn.slice(0, 7)}`;
        scoreDeltas.set(key, (scoreDeltas.get(key) ?? 0) + next.score - row.score);
      }
      // partner_months keeps the sum of the stored scores: one bump per partner-month, in key order (no crossed locks on Postgres).
      for (const key of [...scoreDeltas.keys()].sort()) {
        const [partnerId, month] = key.split('|') as [string, string];
        await bumpPartnerMonth(database, tx, session.tenantId, partnerId, month, { scoreSum: scoreDeltas.get(key) ?? 0 });
      }
      if (rows.length > 0 || auditEmpty) {
        await audit.record(tx, {
          tenantId: session.tenantId,
          actor: actorOf(session),
          action: 'lead.rescored',
          resourceType: 'workspace',
          resourceId: session.tenantId,
          details: { run: runId, chunk, status, examined: rows.length, rescored: changed.length, weights: { ...settings.scoreWeights }, leads: changed },
        });
      }
      const last = rows[rows.length - 1];
      return { examined: rows.length, rescored: changed.length, weights: settings.scoreWeights, last: last ? { createdAt: last.createdAt, id: last.id } : null };
    });
  }

  async function rescore(session: ActiveSession): Promise<RescoreResult> {
    const runId = newId();
    let chunk = 0;
    let examined = 0;
    let changed = 0;
    let weights: LeadScoreWeights | null = null;
    for (const [index, status] of PENDING_LEAD_STATUSES.entries()) {
      let after: ChunkResult['last'] = null;
      for (;;) {
        // The last status's first chunk records the run even when nothing at all was pending.
        const auditEmpty = index === PENDING_LEAD_STATUSES.length - 1 && after === null && examined === 0;
        const result = await rescoreChunk(session, runId, ++chunk, status, after, auditEmpty);
        examined += result.examined;
        changed += result.rescored;
        weights = result.weights;
        if (result.examined < chunkSize || !result.last) break;
        after = result.last;
        await yieldToEventLoop();
      }
    }
    return { examined, rescored: changed, weights: { ...(weights as LeadScoreWeights) } };
  }

  return { previewWeights, rescore };
}
