import { describe, expect, it } from 'vitest';
import type { KycDocumentKind } from '../../../src-shared/contract/partners';
import { deriveKycStatus, isDocumentExpired, kindState, type KycDocumentFacts } from '../../../src-main/domain/partners/kyc-status';

const TODAY = '2026-03-15';
const ALL: KycDocumentKind[] = ['tax_form', 'identity', 'bank_proof', 'agreement'];

function doc(kind: KycDocumentKind, over: Partial<KycDocumentFacts> = {}): KycDocumentFacts {
  return { kind, uploadedAt: '2026-03-01T10:00:00Z', verifiedAt: null, rejectedAt: null, expiresOn: null, ...over };
}
const verified = (kind: KycDocumentKind, over: Partial<KycDocumentFacts> = {}) => doc(kind, { verifiedAt: '2026-03-02T10:00:00Z', ...over });
const allVerified = () => ALL.map((k) => verified(k));
const signOff = { decision: 'verified' as const, decidedAt: '2026-03-03T10:00:00Z' };
const rejection = { decision: 'rejected' as const, decidedAt: '2026-03-03T10:00:00Z' };

describe('deriveKycStatus', () => {
  it('is not_started with no documents and no decision', () => {
    const r = deriveKycStatus({ documents: [], decision: null, today: TODAY });
    expect(r.status).toBe('not_started');
    expect(r.missing).toEqual(ALL);
  });

  it('is submitted while documents await review', () => {
    const r = deriveKycStatus({ documents: [doc('identity')], decision: null, today: TODAY });
    expect(r.status).toBe('submitted');
    expect(r.awaitingReview).toEqual(['identity']);
    expect(r.missing).toEqual(['tax_form', 'bank_proof', 'agreement']);
  });

  it('stays submitted when every document is verified but the reviewer has not signed off', () => {
    expect(deriveKycStatus({ documents: allVerified(), decision: null, today: TODAY }).status).toBe('submitted');
  });

  it('is verified with every required document verified and the sign-off', () => {
    const r = deriveKycStatus({ documents: allVerified(), decision: signOff, today: TODAY });
    expect(r.status).toBe('verified');
    expect(r.missing).toEqual([]);
  });

  it('is not verified on a sign-off when a required document is missing', () => {
    const docs = allVerified().filter((d) => d.kind !== 'agreement');
    const r = deriveKycStatus({ documents: docs, decision: signOff, today: TODAY });
    expect(r.status).toBe('submitted');
    expect(r.missing).toEqual(['agreement']);
  });

  it('honours a narrower list of required kinds', () => {
    const docs = [verified('identity'), verified('tax_form')];
    expect(deriveKycStatus({ documents: docs, decision: signOff, today: TODAY, requiredKinds: ['identity', 'tax_form'] }).status).toBe('verified');
  });

  it('counts a document as valid on its expiry day and expired the day after', () => {
    expect(isDocumentExpired('2026-03-15', TODAY)).toBe(false);
    expect(isDocumentExpired('2026-03-14', TODAY)).toBe(true);
    expect(isDocumentExpired(null, TODAY)).toBe(false);
    const onTheDay = ALL.map((k) => verified(k, { expiresOn: '2026-03-15' }));
    expect(deriveKycStatus({ documents: onTheDay, decision: signOff, today: TODAY }).status).toBe('verified');
  });

  it('is expired when a verified required document has passed its expiry, despite the sign-off', () => {
    const docs = [...allVerified().filter((d) => d.kind !== 'identity'), verified('identity', { expiresOn: '2026-03-14' })];
    const r = deriveKycStatus({ documents: docs, decision: signOff, today: TODAY });
    expect(r.status).toBe('expired');
    expect(r.expired).toEqual(['identity']);
  });

  it('ignores the expiry of a document kind that is not required', () => {
    const docs = [verified('identity'), verified('tax_form', { expiresOn: '2020-01-01' })];
    expect(deriveKycStatus({ documents: docs, decision: signOff, today: TODAY, requiredKinds: ['identity'] }).status).toBe('verified');
  });

  it('returns to verified once an expired document is replaced and the replacement verified', () => {
    const old = verified('identity', { expiresOn: '2026-03-01' });
    const base = allVerified().filter((d) => d.kind !== 'identity');
    const pendingReplacement = doc('identity', { uploadedAt: '2026-03-10T09:00:00Z' });
    const r1 = deriveKycStatus({ documents: [...base, old, pendingReplacement], decision: signOff, today: TODAY });
    expect(r1.status).toBe('submitted'); // the reviewer's turn now, not the partner's
    const verifiedReplacement = { ...pendingReplacement, verifiedAt: '2026-03-11T09:00:00Z', expiresOn: '2030-01-01' };
    expect(deriveKycStatus({ documents: [...base, old, verifiedReplacement], decision: signOff, today: TODAY }).status).toBe('verified');
  });

  it('keeps verified while a newer upload of a valid kind awaits review', () => {
    const docs = [...allVerified(), doc('bank_proof', { uploadedAt: '2026-03-12T00:00:00Z' })];
    expect(deriveKycStatus({ documents: docs, decision: signOff, today: TODAY }).status).toBe('verified');
  });

  it('is rejected when every document of a required kind was rejected', () => {
    const docs = [...allVerified().filter((d) => d.kind !== 'bank_proof'), doc('bank_proof', { rejectedAt: '2026-03-05T00:00:00Z' })];
    const r = deriveKycStatus({ documents: docs, decision: null, today: TODAY });
    expect(r.status).toBe('rejected');
    expect(r.rejected).toEqual(['bank_proof']);
  });

  it('goes back to submitted when a rejected document is replaced', () => {
    const docs = [doc('bank_proof', { rejectedAt: '2026-03-05T00:00:00Z' }), doc('bank_proof', { uploadedAt: '2026-03-06T00:00:00Z' })];
    expect(kindState(docs, 'bank_proof', TODAY)).toBe('pending');
    expect(deriveKycStatus({ documents: docs, decision: null, today: TODAY }).status).toBe('submitted');
  });

  it("is rejected after the reviewer's rejection until something new is uploaded", () => {
    expect(deriveKycStatus({ documents: allVerified(), decision: rejection, today: TODAY }).status).toBe('rejected');
    expect(deriveKycStatus({ documents: [], decision: rejection, today: TODAY }).status).toBe('rejected');
    const later = doc('identity', { uploadedAt: '2026-03-04T08:00:00Z' });
    expect(deriveKycStatus({ documents: [...allVerified(), later], decision: rejection, today: TODAY }).status).toBe('submitted');
  });

  it('compares instants, not strings, for uploads after a decision', () => {
    const later = doc('identity', { uploadedAt: '2026-03-03T09:30:00-02:00' }); // 11:30Z: after, though it sorts before as text
    expect(deriveKycStatus({ documents: [later], decision: rejection, today: TODAY }).status).toBe('submitted');
  });

  it('falls back to not_started when a sign-off remains but every document was deleted', () => {
    expect(deriveKycStatus({ documents: [], decision: signOff, today: TODAY }).status).toBe('not_started');
  });

  it('reports a rejected document as rejected even if verified (a later rejection wins)', () => {
    expect(kindState([doc('identity', { verifiedAt: '2026-03-02T00:00:00Z', rejectedAt: '2026-03-03T00:00:00Z' })], 'identity', TODAY)).toBe('rejected');
  });
});
