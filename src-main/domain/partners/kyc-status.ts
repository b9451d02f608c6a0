import { KYC_DOCUMENT_KINDS, type KycDocumentKind, type KycStatus } from '../../../src-shared/contract/partners';

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
 * Per required kind, the best document decides (a newer upload never makes things worse
 * until it is itself verified or rejected), in this order:
 *   valid    - verified, not rejected, expiry absent or today or later;
 *   pending  - uploaded, neither verified nor rejected (the reviewer has to act);
 *   expired  - was verified, expiry before today (the partner has to act);
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

function documentState(doc: KycDocumentFacts, today: string): Exclude<KycKindState, 'missing'> {
  if (doc.rejectedAt !== null) return 'rejected';
  if (doc.verifiedAt === null) return 'pending';
  return isDocumentExpired(doc.expiresOn, today) ? 'expired' : 'valid';
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
