import { and, desc, eq, getTableColumns, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import {
  LEAD_IMPORT_LIMITS,
  type ImportColumn,
  type ImportDelimiter,
  type ImportEncoding,
  type LeadImport,
  type LeadImportPage,
  type LeadImportPhase,
  type LeadImportPreview,
  type LeadImportReport,
  type LeadImportStatus,
  type previewImportInput,
  type startImportInput,
} from '../../../src-shared/contract/leads';
import { headOfFile } from '../../../src-shared/file-head';
import type { AppDb } from '../../data/database';
import { toCsv } from '../../domain/leads/csv-safety';
import { checkMapping, rememberedMappingFor, suggestMapping } from '../../domain/leads/import/column-mapping';
import { decodeCsvBytes } from '../../domain/leads/import/csv-decoding';
import { parseCsvRecords } from '../../domain/leads/import/csv-records';
import { isUniqueViolation } from '../../data/errors';
import { log } from '../../log';
import type { AuditService } from '../activity/audit';
import { actorNames } from '../partners/actor-names';
import { actorOf, type ActiveSession, type Actor, type ServiceDeps } from '../context';
import { checkOffThread } from './import/check-off-thread';
import { importWriter } from './import/write-import';
import { partnerRefs } from './lead-rows';
import { readLeadSettings } from './lead-settings';
import { assertPartnerSubmits, partnerIdFor, submissionReads } from './submission';

type PreviewInput = z.output<typeof previewImportInput>;
type StartInput = z.output<typeof startImportInput>;

/*
 * CSV imports (contract: leads/imports.ts). `startImport` records the import and returns at
 * once; the file is then checked on a worker thread, batch by batch, while import/write-import.ts
 * writes the checked batches in one transaction. Progress lives in this process while the import runs (the row says `running`);
 * the outcome and the per-row report are stored with the import, so they can be read later.
 */

interface Progress {
  phase: LeadImportPhase;
  processed: number;
  total: number;
  settled: Promise<void>;
}

const REPORT_HEADER = ['Row', 'Outcome', 'Lead id', 'Contact name', 'Email', 'Reason', 'Duplicate of'];
const PREVIEW_CELL_CHARS = 200;

export function leadImportService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId } = deps;
  const imports = database.t.leadImports;
  const mappings = database.t.leadImportMappings;
  const writer = importWriter(deps, audit);
  const { partnerFor, partnerDecisions } = submissionReads(database);
  const running = new Map<string, Progress>();
  /** Every column but the report, which can be megabytes: only the report download reads it. */
  const { report: reportColumn, ...summaryColumns } = getTableColumns(imports);

  async function activePartner(db: AppDb, session: ActiveSession, partnerId: string, options: { lock: boolean }) {
    const partner = await partnerFor(db, session.tenantId, partnerId, options);
    assertPartnerSubmits(partner);
    return partner;
  }

  /** The header of a file (or of its head), decoded and parsed by the same code as the import. */
  function headerOf(bytes: Uint8Array, records: number) {
    const head = headOfFile(bytes, LEAD_IMPORT_LIMITS.previewBytes);
    const { text, encoding } = decodeCsvBytes(head);
    return { encoding, ...parseCsvRecords(text, { maxRecords: records }) };
  }

  async function previewImport(session: ActiveSession, input: PreviewInput): Promise<LeadImportPreview> {
    const partnerId = partnerIdFor(session, input.partnerId);
    await activePartner(database.db, session, partnerId, { lock: false });
    const { encoding, delimiter, headers, records } = headerOf(Buffer.from(input.contentBase64, 'base64'), LEAD_IMPORT_LIMITS.previewRows);
    const [stored] = await database.db
      .select({ mapping: mappings.mapping })
      .from(mappings)
      .where(and(eq(mappings.tenantId, session.tenantId), eq(mappings.partnerId, partnerId)));
    const remembered = rememberedMappingFor(headers, (stored?.mapping as ImportColumn[] | undefined) ?? null);
    return {
      encoding,
      delimiter,
      columns: remembered ?? suggestMapping(headers),
      mappingSource: remembered ? 'remembered' : 'suggested',
      rows: records.slice(0, LEAD_IMPORT_LIMITS.previewRows).map((cells) => headers.map((_, i) => (cells[i] ?? '').slice(0, PREVIEW_CELL_CHARS))),
    };
  }

  async function startImport(session: ActiveSession, input: StartInput): Promise<LeadImport> {
    const partnerId = partnerIdFor(session, input.partnerId);
    const bytes = Buffer.from(input.contentBase64, 'base64');
    if (bytes.length > LEAD_IMPORT_LIMITS.maxBytes) throw new AppError('validation', 'The file must be at most 20 MiB', 'contentBase64');
    const { encoding, delimiter, headers } = headerOf(bytes, 0);
    checkMapping(input.mapping, headers);
    let created: typeof imports.$inferSelect;
    try {
      created = await database.write(async (tx) => {
        const partner = await activePartner(tx, session, partnerId, { lock: true });
        const [earlier] = await tx
          .select()
          .from(imports)
          .where(and(eq(imports.tenantId, session.tenantId), eq(imports.partnerId, partnerId), eq(imports.idempotencyKey, input.idempotencyKey)));
        if (earlier) return { ...earlier, retried: true };
        const now = clock();
        const row: typeof imports.$inferSelect = {
          id: newId(),
          tenantId: session.tenantId,
          partnerId,
          fileName: input.fileName,
          byteSize: bytes.length,
          encoding,
          delimiter,
          mapping: input.mapping,
          status: 'running',
          totalRows: 0,
          accepted: 0,
          refused: 0,
          duplicates: 0,
          failure: null,
          report: [],
          idempotencyKey: input.idempotencyKey,
          createdBy: session.userId,
          createdAt: now,
          finishedAt: null,
        };
        await tx.insert(imports).values(row);
        await tx
          .insert(mappings)
          .values({ tenantId: session.tenantId, partnerId, mapping: input.mapping, updatedAt: now, updatedBy: session.userId })
          .onConflictDoUpdate({ target: [mappings.tenantId, mappings.partnerId], set: { mapping: input.mapping, updatedAt: now, updatedBy: session.userId } });
        await audit.record(tx, {
          tenantId: session.tenantId,
          actor: actorOf(session),
          action: 'lead.import_started',
          resourceType: 'lead_import',
          resourceId: row.id,
          details: { partnerId, partnerCode: partner.code, fileName: input.fileName, byteSize: bytes.length, encoding, delimiter },
        });
        return { ...row, retried: false };
      });
    } catch (error) {
      // Two first attempts with one key at once: the unique index lets one in; the other reads it.
      if (!isUniqueViolation(error)) throw error;
      const [winner] = await database.db
        .select()
        .from(imports)
        .where(and(eq(imports.tenantId, session.tenantId), eq(imports.partnerId, partnerId), eq(imports.idempotencyKey, input.idempotencyKey)));
      if (!winner) throw error;
      return toLeadImport(session, winner);
    }
    if (!('retried' in created) || !created.retried) run(session, created.id, bytes, input.mapping, partnerId);
    return toLeadImport(session, created);
  }

  /** Checks the file off the main thread, then writes it; a failure marks the import failed (nothing of it was written). */
  function run(session: ActiveSession, importId: string, bytes: Uint8Array, mapping: ImportColumn[], partnerId: string) {
    const progress: Progress = { phase: 'parsing', processed: 0, total: 0, settled: Promise.resolve() };
    running.set(importId, progress);
    progress.settled = (async () => {
      try {
        const settings = await readLeadSettings(database, database.db, session.tenantId);
        const decisions = await partnerDecisions(database.db, session.tenantId, partnerId);
        const stream = checkOffThread({
          bytes,
          mapping,
          currency: settings.currency,
          scoring: { referenceDealValueMinor: settings.referenceDealValueMinor, partnerDecisions: decisions, minPartnerDecisions: settings.minPartnerDecisions, weights: settings.scoreWeights },
        });
        await writer.write(session, importId, stream, { settings, partnerDecisions: decisions }, (checkedRows, _written, total) =>
          Object.assign(progress, { phase: 'writing', processed: checkedRows, total }),
        );
      } catch (error) {
        await markFailed({ tenantId: session.tenantId, actor: actorOf(session) }, importId, error);
      } finally {
        running.delete(importId);
      }
    })();
  }

  async function markFailed(session: Pick<ActiveSession, 'tenantId'> & { actor: Actor }, importId: string, error: unknown) {
    const reason = error instanceof AppError ? error.message : 'The import failed because of an internal error; nothing of it was written';
    if (!(error instanceof AppError)) log.error(`lead import ${importId} failed`, error);
    try {
      await database.write(async (tx) => {
        await tx
          .update(imports)
          .set({ status: 'failed', failure: reason, finishedAt: clock() })
          .where(and(eq(imports.tenantId, session.tenantId), eq(imports.id, importId), eq(imports.status, 'running')));
        await audit.record(tx, {
          tenantId: session.tenantId,
          actor: session.actor,
          action: 'lead.import_failed',
          resourceType: 'lead_import',
          resourceId: importId,
          details: { reason },
        });
      });
    } catch (writeError) {
      log.error(`could not record the failure of lead import ${importId}`, writeError);
    }
  }

  /** An import of the caller's tenant (and, for a partner user, of their partner); anything else is not found. */
  async function load(session: ActiveSession, id: string, { withReport }: { withReport: boolean }) {
    const [row] = await database.db
      .select(withReport ? { ...summaryColumns, report: reportColumn } : summaryColumns)
      .from(imports)
      .where(and(eq(imports.tenantId, session.tenantId), eq(imports.id, id)));
    if (!row || (session.userKind === 'partner' && row.partnerId !== session.partnerId)) throw new AppError('not_found', 'Import not found', 'id');
    return { report: [], ...row } as typeof imports.$inferSelect;
  }

  async function toLeadImport(session: ActiveSession, row: Omit<typeof imports.$inferSelect, 'report'>): Promise<LeadImport> {
    const [one] = await toLeadImports(session, [row]);
    return one!;
  }

  async function toLeadImports(session: ActiveSession, rows: Omit<typeof imports.$inferSelect, 'report'>[]): Promise<LeadImport[]> {
    const partners = await partnerRefs(database, database.db, session.tenantId, rows.map((r) => r.partnerId));
    const names = await actorNames(database.db, database.t, session.tenantId, session.userKind === 'staff' ? rows.map((r) => r.createdBy) : []);
    return rows.map((r) => {
      const live = r.status === 'running' ? running.get(r.id) : undefined;
      return {
        id: r.id,
        partner: partners.get(r.partnerId) ?? { id: r.partnerId, code: '?', name: 'Unknown partner' },
        fileName: r.fileName,
        byteSize: r.byteSize,
        encoding: r.encoding as ImportEncoding,
        delimiter: r.delimiter as ImportDelimiter,
        status: r.status as LeadImportStatus,
        phase: live?.phase ?? (r.status === 'running' ? 'parsing' : 'done'),
        totalRows: live ? live.total : r.totalRows,
        processedRows: live ? live.processed : r.totalRows,
        accepted: r.accepted,
        refused: r.refused,
        duplicates: r.duplicates,
        failure: r.failure,
        createdBy: session.userKind === 'staff' ? names(r.createdBy) : null,
        createdAt: r.createdAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      };
    });
  }

  async function importOf(session: ActiveSession, id: string): Promise<LeadImport> {
    return toLeadImport(session, await load(session, id, { withReport: false }));
  }

  async function recentImports(session: ActiveSession, input: { partnerId?: string | undefined }): Promise<LeadImportPage> {
    const conditions = [eq(imports.tenantId, session.tenantId)];
    if (session.userKind === 'partner') conditions.push(eq(imports.partnerId, session.partnerId));
    if (input.partnerId !== undefined) conditions.push(eq(imports.partnerId, input.partnerId));
    const rows = await database.db
      .select(summaryColumns)
      .from(imports)
      .where(and(...conditions))
      .orderBy(desc(imports.createdAt))
      .limit(50);
    return { rows: await toLeadImports(session, rows) };
  }

  async function importReport(session: ActiveSession, id: string): Promise<LeadImportReport> {
    const row = await load(session, id, { withReport: true });
    if (row.status !== 'completed') {
      throw new AppError('validation', row.status === 'running' ? 'The report is ready when the import has finished' : `The import failed, so nothing was imported: ${row.failure ?? 'no reason recorded'}`);
    }
    const lines = row.report.map((r) => [r.row, r.reason === null ? 'accepted' : 'refused', r.leadId, r.contactName, r.email, r.reason, r.duplicateOf]);
    const base = row.fileName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'import';
    return { fileName: `${base}-report.csv`, csv: toCsv([REPORT_HEADER, ...lines], { bom: true }) };
  }

  /**
   * At start-up: imports left `running` by a process that stopped (closed, crashed) can never
   * finish, and their transaction was rolled back with the process, so none of their rows exist.
   * They are marked failed, audited as the system's doing. On Postgres other servers may be
   * importing right now, so only imports started more than a day ago count as abandoned there.
   */
  async function failInterruptedImports(): Promise<number> {
    const conditions = [eq(imports.status, 'running')];
    if (database.engine === 'postgres') conditions.push(lt(imports.createdAt, new Date(clock().getTime() - 24 * 3_600_000)));
    const left = await database.db.select({ id: imports.id, tenantId: imports.tenantId }).from(imports).where(and(...conditions));
    const system: Actor = { type: 'system', id: null, name: null };
    for (const row of left) {
      if (running.has(row.id)) continue;
      await markFailed({ tenantId: row.tenantId, actor: system }, row.id, new AppError('internal', 'The import was interrupted (the application stopped before it finished); nothing of it was written. Import the file again.'));
    }
    return left.length;
  }

  /** Resolves when an import started by this process (or, without an id, every one running) has finished: tests, the benchmark, the demo. */
  async function whenImportSettled(id?: string): Promise<void> {
    if (id !== undefined) await running.get(id)?.settled;
    else await Promise.all([...running.values()].map((p) => p.settled));
  }

  return { previewImport, startImport, importOf, recentImports, importReport, whenImportSettled, failInterruptedImports };
}
