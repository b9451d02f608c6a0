import { describe, expect, it } from 'vitest';
import { KYC_STATUSES, PARTNER_STATUSES } from '../../../src-shared/contract/partners';
import { assertCanApprove, canApprove } from '../../../src-main/domain/partners/partner-approval';

describe('canApprove', () => {
  it('only approves pending partners', () => {
    for (const status of PARTNER_STATUSES) {
      const r = canApprove({ status, kycStatus: 'verified' }, { approvalRequiresVerifiedKyc: false });
      expect(r.ok).toBe(status === 'pending');
      if (!r.ok) expect(r.error.code).toBe('invalid_transition');
    }
  });

  it('ignores KYC when the workspace does not require it', () => {
    for (const kycStatus of KYC_STATUSES) {
      expect(canApprove({ status: 'pending', kycStatus }, { approvalRequiresVerifiedKyc: false }).ok).toBe(true);
    }
  });

  it('requires verified KYC when the workspace says so', () => {
    for (const kycStatus of KYC_STATUSES) {
      const r = canApprove({ status: 'pending', kycStatus }, { approvalRequiresVerifiedKyc: true });
      expect(r.ok).toBe(kycStatus === 'verified');
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_transition');
        expect(r.error.message).toMatch(/verified KYC/);
      }
    }
    expect(() => assertCanApprove({ status: 'pending', kycStatus: 'expired' }, { approvalRequiresVerifiedKyc: true })).toThrow(/expired documents/);
    expect(() => assertCanApprove({ status: 'pending', kycStatus: 'verified' }, { approvalRequiresVerifiedKyc: true })).not.toThrow();
  });
});
