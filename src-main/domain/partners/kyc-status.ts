import { KYC_DOCUMENT_KINDS, type DocumentState, type KycDocumentKind, type KycStatus } from '../../../src-shared/contract/partners';

/*
 * KYC status, derived (never stored by hand) from the partner's documents and the reviewer's
 * overall decision, so that it cannot drift from the facts: a document expiring overnight
 * changes the status the next day without anyone touching the partner.
 *
 * Required kinds: all four (tax form, identity, bank proof, signed agreement). DOMAIN.md lists
 * exactly these as the KYC documents, and each guards something the system does: the tax form
 * for reporting what is paid, identity against fake partners, bank proof against the "changed
 * bank account" fraud path, the agreement for the legal right to commission. Callers may pass a
 * narrower list (a future tenant setting); nothing else in the rules changes.
 *
 * Each document has one state (documentStateOf, also what the UI shows): rejected wins; then
 * expired (its expiry day is before today, whether or not it was verified: an expired copy can
 * no longer be verified, so the partner has to act); then verified; otherwise pending.
 *
 * Per required kind, the best document decides (a newer upload never makes things worse
 * until it is itself verified or rejected), in this order:
 *   valid    - a verified document (not rejected, not expired);
 *   pending  - a pending document: uploaded, neither verified nor rejected, not expired (the reviewer has to act);
 *   expired  - an expired document (the partner has to act);
 *   rejected - every document of the kind was rejected;
 *   missing  - no document of the kind.
 *
 * Overall, first match wins:
 *   1. nothing uploaded and no decision                       → not_started
 *   2. reviewer rejected, and nothing uploaded since          → rejected
 *   3. some required kind expired                             → expired (even if signed off:
 *      that is the point of an expiry)
 *   4. every required kind valid and the reviewer signed off  → verified
 *   5. some required kind rejected                            → rejected (the partner must
 *      upload again; a document rejection is itself a human decision)
 *   6. otherwise                                              → submitted (under review)
 * Rule 4 needs the reviewer's explicit sign-off on top of the per-document checks because KYC
 * also covers what no document shows (legal name, tax id, address, banking match); the golden
 * rule says a person decides. The sign-off survives a document being replaced: once the
 * replacement is verified the status returns to verified without a second sign-off.
 */

export const REQUIRED_KYC_KINDS: readonly KycDocumentKind[] = KYC_DOCUMENT_KINDS;

export interface KycDocumentFacts {
  kind: KycDocumentKind;
  /** ISO date-time. */
  uploadedAt: string;
  verifiedAt: string | null;
  rejectedAt: string | null;
  /** YYYY-MM-DD: still valid on that day, expired from the next. */
  expiresOn: string | null;
}

export interface KycDecision {
  decision: 'verified' | 'rejected';
  /** ISO date-time. */
  decidedAt: string;
}

export type KycKindState = 'valid' | 'pending' | 'expired' | 'rejected' | 'missing';

export interface KycAssessment {
  status: KycStatus;
  kinds: Record<KycDocumentKind, KycKindState>;
  missing: KycDocumentKind[];
  expired: KycDocumentKind[];
  rejected: KycDocumentKind[];
  awaitingReview: KycDocumentKind[];
}

export interface DeriveKycInput {
  /** Live documents only (soft-deleted ones left out by the caller). */
  documents: readonly KycDocumentFacts[];
  decision: KycDecision | null;
  /** The tenant's calendar day, YYYY-MM-DD, from the injected clock. */
  today: string;
  requiredKinds?: readonly KycDocumentKind[];
}

/** A day-granular check: YYYY-MM-DD strings compare correctly as text. */
export function isDocumentExpired(expiresOn: string | null, today: string): boolean {
  return expiresOn !== null && expiresOn < today;
}

const RANK: Readonly<Record<KycKindState, number>> = { valid: 4, pending: 3, expired: 2, rejected: 1, missing: 0 };

/** A document's state on `today` (the workspace's calendar day): the one the server returns and the UI shows. */
export function documentStateOf(doc: Pick<KycDocumentFacts, 'verifiedAt' | 'rejectedAt' | 'expiresOn'>, today: string): DocumentState {
  if (doc.rejectedAt !== null) return 'rejected';
  if (isDocumentExpired(doc.expiresOn, today)) return 'expired';
  return doc.verifiedAt !== null ? 'verified' : 'pending';
}

const KIND_STATE_OF: Readonly<Record<DocumentState, Exclude<KycKindState, 'missing'>>> = {
  verified: 'valid',
  pending: 'pending',
  expired: 'expired',
  rejected: 'rejected',
};

function documentState(doc: KycDocumentFacts, today: string): Exclude<KycKindState, 'missing'> {
  return KIND_STATE_OF[documentStateOf(doc, today)];
}

export function kindState(documents: readonly KycDocumentFacts[], kind: KycDocumentKind, today: string): KycKindState {
  let best: KycKindState = 'missing';
  for (const doc of documents) {
    if (doc.kind !== kind) continue;
    const state = documentState(doc, today);
    if (RANK[state] > RANK[best]) best = state;
  }
  return best;
}

export function deriveKycStatus(input: DeriveKycInput): KycAssessment {
  const { documents, decision, today } = input;
  const required = input.requiredKinds ?? REQUIRED_KYC_KINDS;

  const kinds = {} as Record<KycDocumentKind, KycKindState>;
  for (const kind of KYC_DOCUMENT_KINDS) kinds[kind] = kindState(documents, kind, today);
  const requiredIn = (state: KycKindState) => required.filter((kind) => kinds[kind] === state);

  const assessment = (status: KycStatus): KycAssessment => ({
    status,
    kinds,
    missing: requiredIn('missing'),
    expired: requiredIn('expired'),
    rejected: requiredIn('rejected'),
    awaitingReview: requiredIn('pending'),
  });

  if (documents.length === 0 && decision === null) return assessment('not_started');
  if (decision?.decision === 'rejected' && !documents.some((d) => Date.parse(d.uploadedAt) > Date.parse(decision.decidedAt))) {
    return assessment('rejected');
  }
  if (requiredIn('expired').length > 0) return assessment('expired');
  if (decision?.decision === 'verified' && required.every((kind) => kinds[kind] === 'valid')) return assessment('verified');
  if (requiredIn('rejected').length > 0) return assessment('rejected');
  // A sign-off with every document since deleted leaves nothing to review: back to the start.
  if (documents.length === 0) return assessment('not_started');
  return assessment('submitted');
}

/** The day after `day` (YYYY-MM-DD), in plain calendar arithmetic. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The last day on which the derived status is not yet `expired` by the mere passing of time,
 * or null when no expiry date ahead would make it so. Stored with the partner so that the list
 * filter (which cannot rerun the derivation in SQL) counts the partner as expired from the
 * next day on, as partners.get does. Only the documents' own expiry days can change the
 * outcome, so those are the days tried.
 */
export function kycExpiresOn(input: DeriveKycInput): string | null {
  if (deriveKycStatus(input).status === 'expired') return null;
  const days = [...new Set(input.documents.map((d) => d.expiresOn).filter((d): d is string => d !== null && d >= input.today))].sort();
  for (const day of days) {
    if (deriveKycStatus({ ...input, today: nextDay(day) }).status === 'expired') return day;
  }
  return null;
}

const KIND_NAME: Readonly<Record<KycDocumentKind, string>> = {
  tax_form: 'tax form',
  identity: 'identity',
  bank_proof: 'bank proof',
  agreement: 'agreement',
};

/**
 * Why the reviewer cannot sign KYC off now (null: they can): every required document must be
 * verified and current. One sentence for the service's refusal and the disabled button.
 */
export function kycSignOffBlocker(kyc: Pick<KycAssessment, 'missing' | 'awaitingReview' | 'expired' | 'rejected'>): string | null {
  const names = (kinds: readonly KycDocumentKind[]) => kinds.map((k) => KIND_NAME[k]).join(', ');
  const gaps = [
    kyc.missing.length ? `missing: ${names(kyc.missing)}` : '',
    kyc.awaitingReview.length ? `not yet verified: ${names(kyc.awaitingReview)}` : '',
    kyc.expired.length ? `expired: ${names(kyc.expired)}` : '',
    kyc.rejected.length ? `rejected: ${names(kyc.rejected)}` : '',
  ].filter(Boolean);
  return gaps.length ? `KYC cannot be signed off yet (${gaps.join('; ')})` : null;
}
