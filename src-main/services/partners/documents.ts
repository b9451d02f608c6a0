import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentMimeType, KycDocumentKind, PartnerDocument, PartnerDocumentContent, uploadDocumentInput } from '../../../src-shared/contract/partners';
import type { AppDb, Database } from '../../data/database';
import { detectDocumentType, sanitizeDocumentFileName } from '../../files/document-type';
import { DocumentIntegrityError, DocumentNotFoundError } from '../../files/document-store';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { actorNames } from './actor-names';
import { documentActions } from '../../domain/partners/partner-actions';
import { documentStateOf } from '../../domain/partners/kyc-status';
import { loadPartner, partnerView, refreshKyc, type PartnerView } from './partner-rows';

type UploadInput = z.output<typeof uploadDocumentInput>;
type DocumentRow = Database['t']['partnerDocuments']['$inferSelect'];

/**
 * KYC documents (`partners.documents.*`; the overall KYC decision is ./kyc.ts). Bytes are stored content-addressed before the
 * row is written (an orphan blob after a rollback is harmless; a row without its blob is not).
 * Every change recomputes the partner's KYC status from the documents, in the same transaction.
 */
export function documentService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, newId, blobs } = deps;
  const d = database.t.partnerDocuments;
  const viewNow = (db: AppDb, session: ActiveSession) => partnerView(database, db, session, clock());

  /** The output form: with the state on the workspace's today and what the caller may do with each. */
  async function toDocuments(db: AppDb, rows: DocumentRow[], view: PartnerView): Promise<PartnerDocument[]> {
    const tenantId = rows[0]?.tenantId;
    if (!tenantId) return [];
    const names = await actorNames(db, database.t, tenantId, rows.flatMap((r) => [r.uploadedBy, r.verifiedBy, r.rejectedBy]));
    return rows.map((r) => {
      const state = documentStateOf({ verifiedAt: r.verifiedAt?.toISOString() ?? null, rejectedAt: r.rejectedAt?.toISOString() ?? null, expiresOn: r.expiresOn }, view.today);
      return {
        id: r.id,
        partnerId: r.partnerId,
        kind: r.kind as KycDocumentKind,
        fileName: r.fileName,
        mimeType: r.mimeType as DocumentMimeType,
        size: r.size,
        sha256: r.sha256,
        uploadedAt: r.uploadedAt.toISOString(),
        uploadedBy: names(r.uploadedBy),
        verifiedAt: r.verifiedAt?.toISOString() ?? null,
        verifiedBy: names(r.verifiedBy),
        rejectedAt: r.rejectedAt?.toISOString() ?? null,
        rejectedBy: names(r.rejectedBy),
        rejectionReason: r.rejectionReason,
        expiresOn: r.expiresOn,
        state,
        actions: documentActions(state, view.caller),
      };
    });
  }

  async function loadDocument(db: AppDb, tenantId: string, id: string): Promise<DocumentRow> {
    const [row] = await db
      .select()
      .from(d)
      .where(and(eq(d.tenantId, tenantId), eq(d.id, id), isNull(d.deletedAt)));
    if (!row) throw new AppError('not_found', 'Document not found', 'id');
    // A document of a deleted partner is gone with it.
    await loadPartner(database, db, tenantId, row.partnerId);
    return row;
  }

  /** `today` is the workspace's calendar day (PartnerView): an expiry on it is still valid. */
  function assertNotPast(expiresOn: string | undefined, today: string): void {
    if (expiresOn && expiresOn < today) throw new AppError('validation', 'The expiry date is in the past', 'expiresOn');
  }

  async function list(session: ActiveSession, partnerId: string): Promise<PartnerDocument[]> {
    await loadPartner(database, database.db, session.tenantId, partnerId);
    const rows = await database.db
      .select()
      .from(d)
      .where(and(eq(d.tenantId, session.tenantId), eq(d.partnerId, partnerId), isNull(d.deletedAt)))
      .orderBy(desc(d.uploadedAt));
    return toDocuments(database.db, rows, await viewNow(database.db, session));
  }

  async function upload(session: ActiveSession, input: UploadInput): Promise<PartnerDocument> {
    assertNotPast(input.expiresOn, (await viewNow(database.db, session)).today);
    await loadPartner(database, database.db, session.tenantId, input.partnerId);
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const type = detectDocumentType(bytes, input.fileName);
    const fileName = sanitizeDocumentFileName(input.fileName, type);
    const stored = await blobs.put(bytes);
    return database.write(async (tx) => {
      const partner = await loadPartner(database, tx, session.tenantId, input.partnerId, true);
      const now = clock();
      const row: DocumentRow = {
        id: newId(),
        tenantId: session.tenantId,
        partnerId: partner.id,
        kind: input.kind,
        fileName,
        mimeType: type.mimeType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedAt: now,
        uploadedBy: session.userId,
        verifiedAt: null,
        verifiedBy: null,
        rejectedAt: null,
        rejectedBy: null,
        rejectionReason: null,
        expiresOn: input.expiresOn ?? null,
        deletedAt: null,
      };
      await tx.insert(d).values(row);
      const view = await partnerView(database, tx, session, now);
      const kyc = await refreshKyc(database, tx, partner, view.today);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'partner.document_uploaded',
        resourceType: 'partner',
        resourceId: partner.id,
        details: { code: partner.code, documentId: row.id, kind: row.kind, fileName, size: row.size, sha256: row.sha256, kycStatus: kyc.status },
      });
      const [doc] = await toDocuments(tx, [row], view);
      return doc as PartnerDocument;
    });
  }

  /**
   * A document's content, audited: identity scans and bank proofs are personal data, so every
   * view leaves a row (who saw which file, when) before the bytes leave, and only once they
   * passed their SHA-256 check (a refused view shows nothing and records nothing).
   */
  async function view(session: ActiveSession, id: string): Promise<PartnerDocumentContent> {
    const row = await loadDocument(database.db, session.tenantId, id);
    let bytes: Buffer;
    try {
      bytes = await blobs.get(row.sha256);
    } catch (error) {
      if (error instanceof DocumentIntegrityError) {
        throw new AppError('conflict', 'The stored file no longer matches what was uploaded (it was altered or damaged); it will not be shown. Ask the partner for a new copy.');
      }
      if (error instanceof DocumentNotFoundError) throw new AppError('not_found', 'The stored file is missing from the data folder');
      throw error;
    }
    return database.write(async (tx) => {
      // Read again in the transaction: a document deleted meanwhile is not shown.
      const current = await loadDocument(tx, session.tenantId, row.id);
      const partner = await loadPartner(database, tx, session.tenantId, current.partnerId);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'partner.document_viewed',
        resourceType: 'partner',
        resourceId: partner.id,
        details: { code: partner.code, documentId: current.id, kind: current.kind, fileName: current.fileName },
      });
      const [document] = await toDocuments(tx, [current], await viewNow(tx, session));
      return { document: document as PartnerDocument, contentBase64: bytes.toString('base64') };
    });
  }

  async function decide(session: ActiveSession, id: string, decision: { verify: true; expiresOn?: string } | { verify: false; reason: string }): Promise<PartnerDocument> {
    if (decision.verify) assertNotPast(decision.expiresOn, (await viewNow(database.db, session)).today);
    return database.write(async (tx) => {
      const before = await loadDocument(tx, session.tenantId, id);
      const now = clock();
      const view = await partnerView(database, tx, session, now);
      // A stored expiry counts too: verifying a document that has already expired would record a check that is void at once.
      if (decision.verify) assertNotPast(decision.expiresOn ?? before.expiresOn ?? undefined, view.today);
      const partner = await loadPartner(database, tx, session.tenantId, before.partnerId, true);
      const [row] = await tx
        .update(d)
        .set(
          decision.verify
            ? { verifiedAt: now, verifiedBy: session.userId, rejectedAt: null, rejectedBy: null, rejectionReason: null, expiresOn: decision.expiresOn ?? before.expiresOn }
            : { rejectedAt: now, rejectedBy: session.userId, rejectionReason: decision.reason, verifiedAt: null, verifiedBy: null },
        )
        .where(eq(d.id, before.id))
        .returning();
      if (!row) throw new Error('document vanished');
      const kyc = await refreshKyc(database, tx, partner, view.today);
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: decision.verify ? 'partner.document_verified' : 'partner.document_rejected',
        resourceType: 'partner',
        resourceId: partner.id,
        details: { code: partner.code, documentId: row.id, kind: row.kind, ...(decision.verify ? { expiresOn: row.expiresOn } : { reason: decision.reason }), kycStatus: kyc.status },
      });
      const [doc] = await toDocuments(tx, [row], view);
      return doc as PartnerDocument;
    });
  }

  return {
    list,
    upload,
    view,
    verify: (s: ActiveSession, id: string, expiresOn?: string) => decide(s, id, expiresOn ? { verify: true, expiresOn } : { verify: true }),
    reject: (s: ActiveSession, id: string, reason: string) => decide(s, id, { verify: false, reason }),
  };
}
