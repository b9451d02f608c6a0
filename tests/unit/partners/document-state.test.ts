import { describe, expect, it } from 'vitest';
import { deriveKycStatus, documentStateOf, kycExpiresOn, type KycDocumentFacts } from '../../../src-main/domain/partners/kyc-status';
import type { KycDocumentKind } from '../../../src-shared/contract/partners';

const doc = (kind: KycDocumentKind, over: Partial<KycDocumentFacts> = {}): KycDocumentFacts => ({
  kind,
  uploadedAt: '2031-03-01T10:00:00Z',
  verifiedAt: null,
  rejectedAt: null,
  expiresOn: null,
  ...over,
});
const verified = (kind: KycDocumentKind, over: Partial<KycDocumentFacts> = {}) => doc(kind, { verifiedAt: '2031-03-02T10:00:00Z', ...over });
const signOff = { decision: 'verified' as const, decidedAt: '2031-03-03T10:00:00Z' };

describe('documentStateOf', () => {
  it('is expired from the day after its expiry, whether or not it was verified', () => {
    expect(documentStateOf(doc('identity', { expiresOn: '2031-03-10' }), '2031-03-10')).toBe('pending');
    expect(documentStateOf(doc('identity', { expiresOn: '2031-03-10' }), '2031-03-11')).toBe('expired');
    expect(documentStateOf(verified('identity', { expiresOn: '2031-03-10' }), '2031-03-10')).toBe('verified');
    expect(documentStateOf(verified('identity', { expiresOn: '2031-03-10' }), '2031-03-11')).toBe('expired');
  });

  it('a rejection wins over expiry', () => {
    expect(documentStateOf(doc('identity', { rejectedAt: '2031-03-02T10:00:00Z', expiresOn: '2031-03-01' }), '2031-03-11')).toBe('rejected');
  });

  it('the KYC derivation agrees: an unreviewed document past its expiry counts as expired, not as awaiting review', () => {
    const r = deriveKycStatus({ documents: [doc('identity', { expiresOn: '2031-03-10' })], decision: null, today: '2031-03-11' });
    expect(r).toMatchObject({ status: 'expired', expired: ['identity'], awaitingReview: [] });
    // A fresh upload of the kind is what the partner owes: it puts the kind back under review.
    const replaced = deriveKycStatus({ documents: [doc('identity', { expiresOn: '2031-03-10' }), doc('identity')], decision: null, today: '2031-03-11' });
    expect(replaced).toMatchObject({ status: 'submitted', expired: [], awaitingReview: ['identity'] });
  });
});

describe('kycExpiresOn: the last day before time alone makes KYC expired', () => {
  const all = (over: Partial<Record<KycDocumentKind, string>>) =>
    (['tax_form', 'identity', 'bank_proof', 'agreement'] as const).map((k) => verified(k, over[k] ? { expiresOn: over[k] } : {}));

  it('is the earliest expiry of a verified KYC', () => {
    expect(kycExpiresOn({ documents: all({ identity: '2031-06-30', agreement: '2031-04-01' }), decision: signOff, today: '2031-03-03' })).toBe('2031-04-01');
  });

  it('is the expiry of a document still awaiting review', () => {
    expect(kycExpiresOn({ documents: [doc('tax_form', { expiresOn: '2031-03-12' })], decision: null, today: '2031-03-03' })).toBe('2031-03-12');
  });

  it('skips an expiry that does not decide its kind (a second valid copy without expiry)', () => {
    const documents = [...all({ identity: '2031-04-01' }), verified('identity')];
    expect(kycExpiresOn({ documents, decision: signOff, today: '2031-03-03' })).toBeNull();
  });

  it('is null with no expiry dates, and null once already expired', () => {
    expect(kycExpiresOn({ documents: all({}), decision: signOff, today: '2031-03-03' })).toBeNull();
    expect(kycExpiresOn({ documents: all({ identity: '2031-03-01' }), decision: signOff, today: '2031-03-03' })).toBeNull();
  });
});
