import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../../src-shared/contract/errors';
import { todayIn } from '../../../../src-shared/calendar';
import { minor } from '../../../../src-shared/money';
import type { AppDb } from '../../../data/database';
import { insertMany } from '../../../data/insert-many';
import type { LeadImportReportJson } from '../../../data/schema/leads';
import { DEDUPE_KEYS, findDuplicate, protectionWindowStart, type DedupeCandidate, type DedupeKey } from '../../../domain/leads/dedupe';
import { scoreLead } from '../../../domain/leads/quality-score';
import { remainingLeadQuota } from '../../../domain/partners/commercial-terms';
import type { AuditService } from '../../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../../context';
import { bumpCounts, newLeadRow, type LeadRow } from '../lead-rows';
import { bumpPartnerMonth } from '../../payouts/partner-months';
import type { LeadSettings } from '../lead-settings';
import { assertPartnerSubmits, submissionReads } from '../submission';
import type { CheckedCsvStream } from './check-off-thread';
import type { AcceptedRecord } from '../../../domain/leads/import/import-rows';
import type { LeadScore } from '../../../domain/leads/quality-score';

/*
 * The write of an import: every accepted row in ONE transaction with the import's final update
 * and its audit row, so an import is either complete or absent (a crash, a suspended partner or
 * a database error leaves no lead of it). The rows are written in chunks with a turn of the
 * event loop between them: reads keep being answered meanwhile (SQLite readers use their own
 * connection and see only committed data), while other writes wait for the commit. The rows
 * arrive from the worker in batches as they are checked, so checking (worker thread) and
 * writing (this thread) overlap; the transaction opens once the file as a whole was accepted
 * and lasts about as long as checking the file takes.
 *
 * Duplicates are decided as for a single submission, against the tenant's live leads inside the
 * protection window (three index lookups per chunk, by key value) and against the file's own
 * earlier rows: every row of one import has the same instant, and its UUIDv7 id (generated in
 * file order) makes the earlier row the earlier registration.
 */

const CHUNK = 500;
/** Earlier leads kept per key value: the earliest decides, the duplicate panel lists a handful. */
const MATCHES_PER_VALUE = 20;

export interface PartnerDecisions {
  approved: number;
  converted: number;
  rejected: number;
}

export interface ImportOutcome {
  accepted: number;
  refused: number;
  duplicates: number;
  report: LeadImportReportJson[];
}

export function importWriter(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const l = database.t.leads;
  const { partnerFor, submittedInMonth, candidatesAmong } = submissionReads(database);

  async function write(
    session: ActiveSession,
    importId: string,
    checked: CheckedCsvStream,
    scoring: { settings: LeadSettings; partnerDecisions: PartnerDecisions },
    onProgress: (checked: number, written: number, total: number) => void,
  ): Promise<ImportOutcome> {
    // A file refused as a whole (encoding, header, mapping) is refused before any transaction opens.
    const info = await checked.info;
    onProgress(0, 0, info.totalRows);
    return database.write(async (tx) => {
      const { partnerId } = await importRow(tx, session, importId);
      const partner = await partnerFor(tx, session.tenantId, partnerId, { lock: true });
      assertPartnerSubmits(partner);

      const { settings, partnerDecisions } = scoring;
      const now = clock();
      const today = todayIn(settings.timeZone, now);
      const month = today.slice(0, 7);
      const used = partner.quota > 0 ? await submittedInMonth(tx, session.tenantId, partner.id, month) : 0;
      const room = remainingLeadQuota({ monthlyLeadQuota: partner.quota }, used) ?? Number.POSITIVE_INFINITY;

      const report: LeadImportReportJson[] = [];
      const quotaReason = `Monthly lead quota reached: ${partner.code} may submit ${partner.quota} leads a month and had submitted ${used} in ${month} before this import`;
      const since = protectionWindowStart(now, settings.protectionWindowDays);
      const fromFile: Record<DedupeKey, Map<string, DedupeCandidate[]>> = { email: new Map(), phone: new Map(), companyDomain: new Map() };
      const context = {
        currency: settings.currency,
        referenceDealValue: minor(settings.referenceDealValueMinor, 'referenceDealValueMinor'),
        partnerDecisions,
        minPartnerDecisions: settings.minPartnerDecisions,
      };
      let accepted = 0;
      let duplicates = 0;
      let scoreSum = 0;

      /** One chunk of accepted records: dedupe reads, rows built, one insert, then a turn of the event loop for other calls. */
      async function writeChunk(chunk: readonly AcceptedRecord[], scores: readonly LeadScore[]) {
        const values: Record<DedupeKey, string[]> = { email: [], phone: [], companyDomain: [] };
        for (const record of chunk) for (const key of DEDUPE_KEYS) if (record.keys[key] !== null) values[key].push(record.keys[key]);
        const known = await candidatesAmong(tx, session.tenantId, { email: [...new Set(values.email)], phone: [...new Set(values.phone)], companyDomain: [...new Set(values.companyDomain)] }, since);
        const knownByValue = indexByValue(known);
        const rows: LeadRow[] = chunk.map((record, i) => {
          const id = newId();
          const candidates = new Map<string, DedupeCandidate>();
          for (const key of DEDUPE_KEYS) {
            const value = record.keys[key];
            if (value === null) continue;
            for (const c of knownByValue[key].get(value) ?? []) candidates.set(c.id, c);
            for (const c of fromFile[key].get(value) ?? []) candidates.set(c.id, c);
          }
          const decision = findDuplicate({ id, submittedAt: now, keys: record.keys }, [...candidates.values()], settings.protectionWindowDays);
          // The worker scored without the duplicate signal, from the same settings and decision record.
          const score = decision ? scoreLead(record.lead, { ...context, duplicate: { matchedOn: decision.duplicateOf.matchedOn } }, settings.scoreWeights) : scores[i]!;
          if (decision) duplicates++;
          const self: DedupeCandidate = { id, partnerId: partner!.id, status: 'submitted', submittedAt: now, keys: record.keys };
          for (const key of DEDUPE_KEYS) {
            const value = record.keys[key];
            if (value === null) continue;
            const list = fromFile[key].get(value) ?? [];
            if (list.length < MATCHES_PER_VALUE) list.push(self);
            fromFile[key].set(value, list);
          }
          report.push({ row: record.row, leadId: id, contactName: record.lead.contactName, email: record.lead.email ?? '', reason: null, duplicateOf: decision?.duplicateOf.leadId ?? null });
          return newLeadRow({
            id,
            tenantId: session.tenantId,
            partnerId: partner!.id,
            type: 'import_batch',
            fields: record.lead,
            estimatedValue: record.lead.estimatedValue,
            score,
            keys: record.keys,
            decision,
            idempotencyKey: `import:${importId}:${record.row}`,
            importId,
            session,
            submittedOn: today,
            now,
          });
        });
        await insertMany(database, tx, l, rows);
        accepted += rows.length;
        for (const row of rows) scoreSum += row.score;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }

      for await (const batch of checked.batches) {
        for (const r of batch.refused) report.push({ row: r.row, leadId: null, contactName: r.contactName, email: r.email, reason: r.reason, duplicateOf: null });
        const fits = Math.max(0, Math.min(batch.accepted.length, room - accepted));
        for (const record of batch.accepted.slice(fits)) {
          report.push({ row: record.row, leadId: null, contactName: record.lead.contactName, email: record.lead.email ?? '', reason: quotaReason, duplicateOf: null });
        }
        for (let start = 0; start < fits; start += CHUNK) {
          await writeChunk(batch.accepted.slice(start, Math.min(start + CHUNK, fits)), batch.scores.slice(start, Math.min(start + CHUNK, fits)));
        }
        onProgress(batch.checked, accepted, info.totalRows);
      }
      if (accepted > 0) await bumpCounts(database, tx, session.tenantId, [{ status: 'submitted', total: accepted, duplicates }]);
      // Every accepted row is the partner's, submitted today: one partner-month, summed.
      await bumpPartnerMonth(database, tx, session.tenantId, partner.id, today, { leadsSubmitted: accepted, scoreSum });
      report.sort((a, b) => a.row - b.row);
      const outcome: ImportOutcome = { accepted, refused: report.length - accepted, duplicates, report };
      const imports = database.t.leadImports;
      await tx
        .update(imports)
        .set({ status: 'completed', totalRows: info.totalRows, encoding: info.encoding, delimiter: info.delimiter, accepted: outcome.accepted, refused: outcome.refused, duplicates, report, finishedAt: clock() })
        .where(and(eq(imports.tenantId, session.tenantId), eq(imports.id, importId)));
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'lead.import_completed',
        resourceType: 'lead_import',
        resourceId: importId,
        details: { partnerId: partner.id, partnerCode: partner.code, rows: info.totalRows, accepted: outcome.accepted, refused: outcome.refused, duplicates },
      });
      return outcome;
    });
  }

  async function importRow(tx: AppDb, session: ActiveSession, importId: string) {
    const imports = database.t.leadImports;
    const [row] = await tx
      .select({ partnerId: imports.partnerId, status: imports.status })
      .from(imports)
      .where(and(eq(imports.tenantId, session.tenantId), eq(imports.id, importId)));
    if (!row) throw new AppError('not_found', 'Import not found', 'id');
    if (row.status !== 'running') throw new AppError('conflict', 'This import has already finished');
    return row;
  }

  return { write };
}

function indexByValue(candidates: readonly DedupeCandidate[]): Record<DedupeKey, Map<string, DedupeCandidate[]>> {
  const out: Record<DedupeKey, Map<string, DedupeCandidate[]>> = { email: new Map(), phone: new Map(), companyDomain: new Map() };
  for (const c of candidates) {
    for (const key of DEDUPE_KEYS) {
      const value = c.keys[key];
      if (value === null) continue;
      const list = out[key].get(value) ?? [];
      list.push(c);
      out[key].set(value, list);
    }
  }
  for (const byValue of Object.values(out)) {
    for (const [value, list] of byValue) {
      list.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : 1));
      byValue.set(value, list.slice(0, MATCHES_PER_VALUE));
    }
  }
  return out;
}
