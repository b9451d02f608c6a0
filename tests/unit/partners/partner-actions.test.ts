import { describe, expect, it } from 'vitest';
import { contract, STAFF_ROLES, type Role } from '../../../src-shared/contract';
import { allowed } from '../../../src-shared/contract/procedure';
import { PARTNER_STATUSES, PARTNER_TRANSITIONS, type KycStatus, type PartnerStatus } from '../../../src-shared/contract/partners';
import { documentActions, partnerActions, partnerOperations, partnerUserActions, type PartnerFacts } from '../../../src-main/domain/partners/partner-actions';
import { canApprove } from '../../../src-main/domain/partners/partner-approval';

const ADMIN = { userId: 'u-admin', role: 'admin' as Role };
const strict = { approvalNeedsVerifiedKyc: true };
const lenient = { approvalNeedsVerifiedKyc: false };

function facts(over: Partial<PartnerFacts> = {}, kycStatus: KycStatus = 'not_started'): PartnerFacts {
  return {
    status: 'pending',
    kyc: { status: kycStatus, missing: kycStatus === 'verified' ? [] : ['tax_form', 'identity', 'bank_proof', 'agreement'], awaitingReview: [], expired: [], rejected: [] },
    hasBanking: false,
    bankingOnHold: false,
    bankingChangedBy: null,
    ...over,
  };
}

describe('partnerActions: status actions for the caller', () => {
  it('disables Approve with the reason while the workspace requires verified KYC and it has not started', () => {
    expect(partnerActions(facts(), ADMIN, strict)).toEqual([
      { action: 'approve', enabled: false, reason: "This workspace approves partners only with verified KYC, and this partner's KYC has not started.", needsReason: false },
      { action: 'reject', enabled: true, reason: null, needsReason: true },
    ]);
  });

  it('the reason is the sentence the service refuses the call with', () => {
    for (const kycStatus of ['not_started', 'submitted', 'rejected', 'expired'] as const) {
      const [approve] = partnerActions(facts({}, kycStatus), ADMIN, strict);
      const check = canApprove({ status: 'pending', kycStatus }, { approvalRequiresVerifiedKyc: true });
      expect(check.ok).toBe(false);
      expect(approve?.reason).toBe(check.ok ? null : check.error.message);
    }
  });

  it('enables Approve once KYC is verified, or when the workspace does not require it', () => {
    expect(partnerActions(facts({}, 'verified'), ADMIN, strict)[0]).toEqual({ action: 'approve', enabled: true, reason: null, needsReason: false });
    expect(partnerActions(facts(), ADMIN, lenient)[0]).toMatchObject({ action: 'approve', enabled: true, reason: null });
  });

  it('offers exactly what the transition table allows from each status, for each role the table names', () => {
    for (const status of PARTNER_STATUSES) {
      for (const role of STAFF_ROLES) {
        const offered = partnerActions(facts({ status: status as PartnerStatus }, 'verified'), { userId: 'u', role }, strict).map((o) => o.action);
        const expected = (Object.keys(PARTNER_TRANSITIONS) as (keyof typeof PARTNER_TRANSITIONS)[]).filter(
          (a) => (PARTNER_TRANSITIONS[a].from as readonly string[]).includes(status) && (PARTNER_TRANSITIONS[a].roles as readonly string[]).includes(role),
        );
        expect({ status, role, offered }).toEqual({ status, role, offered: expected });
        // Never a button that dispatch would refuse for the role.
        for (const action of offered) expect(allowed(contract[`partners.${action}`].access, role)).toBe(true);
      }
    }
  });

  it('takes needsReason from the table', () => {
    const all = [...partnerActions(facts({ status: 'active' }), ADMIN, strict), ...partnerActions(facts({ status: 'suspended' }), ADMIN, strict)];
    for (const option of all) expect(option.needsReason).toBe(PARTNER_TRANSITIONS[option.action].reasonRequired);
  });

  it('offers nothing to a portal user', () => {
    expect(partnerActions(facts(), { userId: 'p', role: 'partner_admin' }, lenient)).toEqual([]);
    expect(partnerOperations(facts(), { userId: 'p', role: 'partner_admin' })).toEqual([]);
  });
});

describe('partnerOperations: KYC decision and banking re-verification', () => {
  it('disables the sign-off while documents are missing or unreviewed, naming them', () => {
    const kyc = { status: 'submitted' as const, missing: ['tax_form' as const], awaitingReview: ['identity' as const, 'agreement' as const], expired: [], rejected: [] };
    expect(partnerOperations(facts({ kyc }), ADMIN)).toEqual([
      { action: 'partners.kyc.verify', enabled: false, reason: 'KYC cannot be signed off yet (missing: tax form; not yet verified: identity, agreement)', needsReason: false },
      { action: 'partners.kyc.reject', enabled: true, reason: null, needsReason: true },
    ]);
  });

  it('enables the sign-off when every required document is verified and current, and drops it once KYC is verified', () => {
    const ready = { status: 'submitted' as const, missing: [], awaitingReview: [], expired: [], rejected: [] };
    expect(partnerOperations(facts({ kyc: ready }), ADMIN)[0]).toEqual({ action: 'partners.kyc.verify', enabled: true, reason: null, needsReason: false });
    expect(partnerOperations(facts({}, 'verified'), ADMIN).map((o) => o.action)).toEqual(['partners.kyc.reject']);
  });

  it('four eyes: the admin who changed the banking details sees Verify disabled with the reason; another admin may verify', () => {
    const onHold = facts({ hasBanking: true, bankingOnHold: true, bankingChangedBy: 'u-admin' });
    expect(partnerOperations(onHold, ADMIN).find((o) => o.action === 'partners.banking.verify')).toEqual({
      action: 'partners.banking.verify',
      enabled: false,
      reason: 'Banking details must be verified by a different admin than the one who changed them',
      needsReason: false,
    });
    expect(partnerOperations(onHold, { userId: 'u-admin2', role: 'admin' }).find((o) => o.action === 'partners.banking.verify')).toMatchObject({ enabled: true, reason: null });
    // Not on hold (or no banking): nothing to verify.
    expect(partnerOperations(facts({ hasBanking: true }), ADMIN).map((o) => o.action)).not.toContain('partners.banking.verify');
  });

  it('offers each operation only to roles the contract lets call it', () => {
    const onHold = facts({ hasBanking: true, bankingOnHold: true, bankingChangedBy: 'someone' });
    for (const role of STAFF_ROLES) {
      for (const option of partnerOperations(onHold, { userId: 'u', role })) expect(allowed(contract[option.action].access, role)).toBe(true);
    }
    expect(partnerOperations(onHold, { userId: 'u', role: 'manager' })).toEqual([]);
  });
});

describe('documentActions', () => {
  it('verify and reject while pending, reject only once verified, nothing when expired or rejected', () => {
    expect(documentActions('pending', ADMIN).map((o) => [o.action, o.needsReason])).toEqual([
      ['partners.documents.verify', false],
      ['partners.documents.reject', true],
    ]);
    expect(documentActions('verified', ADMIN).map((o) => o.action)).toEqual(['partners.documents.reject']);
    expect(documentActions('expired', ADMIN)).toEqual([]);
    expect(documentActions('rejected', ADMIN)).toEqual([]);
    expect(documentActions('pending', { userId: 'u', role: 'manager' })).toEqual([]);
  });
});

describe('partnerUserActions', () => {
  it('edit and deactivate until deactivated; a new invite only for a user who has not signed up', () => {
    expect(partnerUserActions('invited', ADMIN).map((o) => o.action)).toEqual(['partners.users.update', 'partners.users.createInvite', 'partners.users.deactivate']);
    expect(partnerUserActions('active', ADMIN).map((o) => o.action)).toEqual(['partners.users.update', 'partners.users.deactivate']);
    expect(partnerUserActions('deactivated', ADMIN)).toEqual([]);
    expect(partnerUserActions('active', { userId: 'u', role: 'manager' })).toEqual([]);
  });
});
