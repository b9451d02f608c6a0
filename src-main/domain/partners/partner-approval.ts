import { AppError } from '../../../src-shared/contract/errors';
import type { KycStatus, PartnerStatus } from '../../../src-shared/contract/partners';
import { transitionPartner } from './partner-status';

/*
 * Whether a partner may be approved now: the workflow must allow it (pending only) and, when
 * the workspace says so, its KYC must be verified. Kept apart from the transition table because
 * it depends on a tenant setting and on KYC, which the plain status machine knows nothing of.
 */

export interface ApprovalSettings {
  /** Tenant setting "approval needs verified KYC". */
  approvalRequiresVerifiedKyc: boolean;
}

export interface ApprovalCandidate {
  status: PartnerStatus;
  /** The derived status (deriveKycStatus), not a stored copy that could be stale. */
  kycStatus: KycStatus;
}

export type ApprovalCheck = { ok: true } | { ok: false; error: AppError };

const KYC_LABEL: Readonly<Record<KycStatus, string>> = {
  not_started: 'has not started',
  submitted: 'is still under review',
  verified: 'is verified',
  rejected: 'was rejected',
  expired: 'has expired documents',
};

/**
 * Why the workspace's rules block approval now, or null; the workflow itself (pending only) is
 * checked apart. One sentence for the service's refusal and the disabled Approve button.
 */
export function approvalBlocker(kycStatus: KycStatus, settings: ApprovalSettings): string | null {
  if (settings.approvalRequiresVerifiedKyc && kycStatus !== 'verified') {
    return `This workspace approves partners only with verified KYC, and this partner's KYC ${KYC_LABEL[kycStatus]}.`;
  }
  return null;
}

export function canApprove(partner: ApprovalCandidate, settings: ApprovalSettings): ApprovalCheck {
  const transition = transitionPartner(partner.status, 'approve');
  if (!transition.ok) return transition;
  const blocker = approvalBlocker(partner.kycStatus, settings);
  // invalid_transition rather than validation: nothing the caller typed is wrong, the partner is not ready.
  if (blocker) return { ok: false, error: new AppError('invalid_transition', blocker) };
  return { ok: true };
}

export function assertCanApprove(partner: ApprovalCandidate, settings: ApprovalSettings): void {
  const check = canApprove(partner, settings);
  if (!check.ok) throw check.error;
}
