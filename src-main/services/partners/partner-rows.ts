import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type {
  CommissionModel,
  KycStatus,
  MaskedBanking,
  Partner,
  PartnerStatus,
  PartnerSummary,
  PartnerTier,
  PartnerType,
  PayoutMethod,
} from '../../../src-shared/contract/partners';
import type { AppDb, Database } from '../../data/database';
import { prepared, slot, statementsFor } from '../../data/prepared';
import type { WorkspaceSettings } from '../../../src-shared/contract/workspaces';
import { partnerActions, partnerOperations, type Caller } from '../../domain/partners/partner-actions';
import { deriveKycStatus, kycExpiresOn, type KycAssessment, type KycDecision, type KycDocumentFacts } from '../../domain/partners/kyc-status';
import type { ActiveSession } from '../context';
import { readWorkspaceSettings, workspaceToday } from '../workspaces/settings';
import { actorNamesOn } from './actor-names';

export type PartnerRow = Database['t']['partners']['$inferSelect'];

/** The banking columns of a partner that has given no banking details yet (every new partner). */
export const NO_BANKING = {
  bankingSealed: null,
  bankingMasked: null,
  bankingOnHold: false,
  bankingChangedBy: null,
  bankingChangedAt: null,
  bankingVerifiedAt: null,
  bankingVerifiedBy: null,
} as const satisfies Partial<PartnerRow>;

/**
 * What a partner's output is computed for: the caller (their actions), the workspace's rules
 * and its calendar day ("today" in the workspace's time zone, for every expiry).
 */
export interface PartnerView {
  caller: Caller;
  settings: WorkspaceSettings;
  today: string;
}

/** The view for `session` at `now`; `db` may be the caller's transaction. */
export async function partnerView(database: Database, db: AppDb, session: ActiveSession, now: Date): Promise<PartnerView> {
  const settings = await readWorkspaceSettings(database, db, session.tenantId);
  return { caller: { userId: session.userId, role: session.role }, settings, today: workspaceToday(settings, now) };
}

/**
 * KYC as the list sees it: past the stored `kycExpiresOn` (the last day before the derivation
 * turns to expired, see kycExpiresOn in the domain) a partner counts as expired, as in get.
 */
export function effectiveKycSql(p: Database['t']['partners'], today: string): SQL<string> {
  return sql<string>`case when ${p.kycExpiresOn} < ${today} then 'expired' else ${p.kycStatus} end`;
}

export function effectiveKyc(row: Pick<PartnerRow, 'kycStatus' | 'kycExpiresOn'>, today: string): KycStatus {
  return row.kycExpiresOn !== null && row.kycExpiresOn < today ? 'expired' : (row.kycStatus as KycStatus);
}

/**
 * The effective-KYC filter "is `status`", exact and indexable: the stored column, corrected for
 * the few partners whose stored status turns expired by date (kyc_expires_on before today, read
 * through partners_kyc_expiry_idx). Matches exactly the rows where effectiveKycSql = status.
 */
export function effectiveKycIs(p: Database['t']['partners'], status: KycStatus, today: string): SQL {
  return status === 'expired'
    ? sql`(${p.kycStatus} = 'expired' or ${p.kycExpiresOn} < ${today})`
    : sql`(${p.kycStatus} = ${status} and (${p.kycExpiresOn} is null or ${p.kycExpiresOn} >= ${today}))`;
}

/**
 * The columns a list row shows, and its cursor's keys (kyc_expires_on for the effective KYC):
 * a page never reads the address, the terms or the banking envelope.
 */
export const summaryColumns = (p: Database['t']['partners']) => ({
  id: p.id,
  code: p.code,
  type: p.type,
  legalName: p.legalName,
  displayName: p.displayName,
  status: p.status,
  kycStatus: p.kycStatus,
  kycExpiresOn: p.kycExpiresOn,
  tier: p.tier,
  country: p.country,
  contactEmail: p.contactEmail,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
export type PartnerSummaryRow = Pick<PartnerRow, keyof ReturnType<typeof summaryColumns>>;

export function toSummary(row: PartnerSummaryRow, today: string): PartnerSummary {
  return {
    id: row.id,
    code: row.code,
    type: row.type as PartnerType,
    legalName: row.legalName,
    displayName: row.displayName,
    status: row.status as PartnerStatus,
    kycStatus: effectiveKyc(row, today),
    tier: row.tier as PartnerTier,
    country: row.country,
    contactEmail: row.contactEmail,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Loads a live partner of the session's tenant, locking it on Postgres when inside a write.
 * Another tenant's id, a deleted partner and a made-up id all give the same not_found.
 */
const reads = statementsFor((database) => ({
  partner: prepared(database, 'partner_by_id', (db, t) =>
    db
      .select()
      .from(t.partners)
      .where(and(eq(t.partners.tenantId, slot('tenantId')), eq(t.partners.id, slot('id')), isNull(t.partners.deletedAt))),
  ),
  documents: prepared(database, 'partner_documents_of', (db, t) =>
    db
      .select({
        kind: t.partnerDocuments.kind,
        uploadedAt: t.partnerDocuments.uploadedAt,
        verifiedAt: t.partnerDocuments.verifiedAt,
        rejectedAt: t.partnerDocuments.rejectedAt,
        expiresOn: t.partnerDocuments.expiresOn,
      })
      .from(t.partnerDocuments)
      .where(and(eq(t.partnerDocuments.tenantId, slot('tenantId')), eq(t.partnerDocuments.partnerId, slot('partnerId')), isNull(t.partnerDocuments.deletedAt))),
  ),
}));

export async function loadPartner(database: Database, db: AppDb, tenantId: string, id: string, lock = false): Promise<PartnerRow> {
  const p = database.t.partners;
  const [row] =
    lock && database.dialect.lockForUpdate
      ? await db
          .select()
          .from(p)
          .where(and(eq(p.tenantId, tenantId), eq(p.id, id), isNull(p.deletedAt)))
          .for('update')
      : await reads(database).partner.run(db, { tenantId, id });
  if (!row) throw new AppError('not_found', 'Partner not found', 'id');
  return row;
}

export async function kycDocumentsOf(database: Database, db: AppDb, tenantId: string, partnerId: string): Promise<KycDocumentFacts[]> {
  const docs = await reads(database).documents.run(db, { tenantId, partnerId });
  return docs.map((doc) => ({
    kind: doc.kind as KycDocumentFacts['kind'],
    uploadedAt: doc.uploadedAt.toISOString(),
    verifiedAt: doc.verifiedAt?.toISOString() ?? null,
    rejectedAt: doc.rejectedAt?.toISOString() ?? null,
    expiresOn: doc.expiresOn,
  }));
}

function kycDecisionOf(row: PartnerRow): KycDecision | null {
  const decided = row.kycDecision;
  return decided === 'verified' || decided === 'rejected' ? { decision: decided, decidedAt: (row.kycDecidedAt ?? new Date(0)).toISOString() } : null;
}

export function assessKyc(row: PartnerRow, documents: KycDocumentFacts[], today: string): KycAssessment {
  return deriveKycStatus({ documents, decision: kycDecisionOf(row), today });
}

/** The full detail view: terms, masked banking, KYC summary and what the caller may do with it now. */
export async function toPartner(database: Database, db: AppDb, row: PartnerRow, view: PartnerView, documents?: KycDocumentFacts[]): Promise<Partner> {
  const { today } = view;
  // `documents`: the partner's KYC documents when the caller has just read them in this write (see refreshKycOf).
  const kyc = assessKyc(row, documents ?? (await kycDocumentsOf(database, db, row.tenantId, row.id)), today);
  const facts = {
    status: row.status as PartnerStatus,
    kyc,
    hasBanking: row.bankingSealed !== null,
    bankingOnHold: row.bankingOnHold,
    bankingChangedBy: row.bankingChangedBy,
  };
  const names = await actorNamesOn(database, db, row.tenantId, [row.kycDecidedBy]);
  return {
    ...toSummary(row, today),
    kycStatus: kyc.status,
    contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    address: row.address,
    taxId: row.taxId,
    terms: {
      commissionModel: row.commissionModel as CommissionModel,
      rateBp: row.rateBp,
      fixedPriceMinor: row.fixedPriceMinor,
      tier: row.tier as PartnerTier,
      monthlyLeadQuota: row.monthlyLeadQuota,
    },
    payoutMethod: row.payoutMethod as PayoutMethod,
    banking: (row.bankingMasked as MaskedBanking | null) ?? null,
    bankingOnHold: row.bankingOnHold,
    bankingVerifiedAt: row.bankingVerifiedAt?.toISOString() ?? null,
    kyc: {
      status: kyc.status,
      missing: kyc.missing,
      expired: kyc.expired,
      rejected: kyc.rejected,
      awaitingReview: kyc.awaitingReview,
      decidedAt: row.kycDecidedAt?.toISOString() ?? null,
      decidedBy: names(row.kycDecidedBy),
    },
    statusReason: row.statusReason,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    actions: partnerActions(facts, view.caller, view.settings),
    operations: partnerOperations(facts, view.caller),
  };
}

/** A write's KYC refresh: the assessment, the documents it came from, and the stored columns as they now are. */
export interface KycRefresh {
  kyc: KycAssessment;
  documents: KycDocumentFacts[];
  stored: Pick<PartnerRow, 'kycStatus' | 'kycExpiresOn'>;
}

/**
 * Recomputes the stored KYC status (used by list filters and counts) from the documents, inside
 * the caller's write. `row` must hold the stored columns as they are now: they are written only
 * when the derivation changed them (most refreshes change nothing, e.g. an approval).
 */
export async function refreshKycOf(database: Database, tx: AppDb, row: PartnerRow, today: string): Promise<KycRefresh> {
  const documents = await kycDocumentsOf(database, tx, row.tenantId, row.id);
  const input = { documents, decision: kycDecisionOf(row), today };
  const kyc = deriveKycStatus(input);
  const stored = { kycStatus: kyc.status, kycExpiresOn: kycExpiresOn(input) };
  if (stored.kycStatus !== row.kycStatus || stored.kycExpiresOn !== row.kycExpiresOn) {
    const p = database.t.partners;
    await tx.update(p).set(stored).where(eq(p.id, row.id));
  }
  return { kyc, documents, stored };
}

/** refreshKycOf for a caller that needs only the assessment. */
export async function refreshKyc(database: Database, tx: AppDb, row: PartnerRow, today: string): Promise<KycAssessment> {
  return (await refreshKycOf(database, tx, row, today)).kyc;
}

/**
 * The part of search_text that is the partner's names (legal, then display), found by the
 * layout searchTextOf writes: code, space, legal name, space, display name, … . Lengths are in
 * characters on both engines, and lower-casing keeps them for all but a few letters (e.g. "İ"),
 * where only the name-first ranking, never the match, can be off.
 */
export function searchNamesSql(p: Database['t']['partners']): SQL {
  return sql`substr(${p.searchText}, length(${p.code}) + 2, length(${p.legalName}) + 1 + length(${p.displayName}))`;
}

export function searchTextOf(fields: { code: string; legalName: string; displayName: string; contactName: string; contactEmail: string; taxId: string | null }): string {
  return [fields.code, fields.legalName, fields.displayName, fields.contactName, fields.contactEmail, fields.taxId ?? ''].join(' ').toLowerCase();
}
