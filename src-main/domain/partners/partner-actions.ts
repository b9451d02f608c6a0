import { contract, type ProcedureName, type Role } from '../../../src-shared/contract';
import { allowed } from '../../../src-shared/contract/procedure';
import type { ActionOption } from '../../../src-shared/contract/action-option';
import type {
  DocumentAction,
  DocumentState,
  PartnerAction,
  PartnerOperation,
  PartnerStatus,
  PartnerUserAction,
  PartnerUserStatus,
} from '../../../src-shared/contract/partners';
import { approvalBlocker } from './partner-approval';
import { bankingVerifyBlocker } from './banking';
import { kycSignOffBlocker, type KycAssessment } from './kyc-status';
import { availablePartnerActions, partnerActionNeedsReason } from './partner-status';

/*
 * What the caller may do with a partner and its documents now, for the buttons of the partner
 * screen: the pattern of src-shared/contract/action-option.ts (leads and payouts copy it).
 * Role filtering asks the contract's `access` (the status procedures' access is built from the
 * transition table), so a button is shown exactly when dispatch would let the call through;
 * state and workspace rules come from the same domain functions the services enforce, so a
 * disabled button's reason is the sentence the service would refuse the call with.
 */

/** Who is asking: the session's user and role in the current workspace. */
export interface Caller {
  userId: string;
  role: Role;
}

/** The workspace settings the partner rules depend on. */
export interface PartnerRules {
  approvalNeedsVerifiedKyc: boolean;
}

export interface PartnerFacts {
  status: PartnerStatus;
  /** The derived assessment (deriveKycStatus), not a stored copy. */
  kyc: Pick<KycAssessment, 'status' | 'missing' | 'awaitingReview' | 'expired' | 'rejected'>;
  hasBanking: boolean;
  bankingOnHold: boolean;
  /** Who last changed the banking details (four eyes: not the one who verifies them). */
  bankingChangedBy: string | null;
}

function option<A extends string>(action: A, blocker: string | null, needsReason: boolean): ActionOption<A> {
  return { action, enabled: blocker === null, reason: blocker, needsReason };
}

const mayCall = (procedure: ProcedureName, role: Role) => allowed(contract[procedure].access, role);

/** Status actions: allowed by the transition table from the current status, for the caller's role, blocked by workspace rules. */
export function partnerActions(partner: PartnerFacts, caller: Caller, rules: PartnerRules): ActionOption<PartnerAction>[] {
  return availablePartnerActions(partner.status)
    .filter((action) => mayCall(`partners.${action}`, caller.role))
    .map((action) =>
    option(
      action,
      action === 'approve' ? approvalBlocker(partner.kyc.status, { approvalRequiresVerifiedKyc: rules.approvalNeedsVerifiedKyc }) : null,
      partnerActionNeedsReason(action),
    ),
  );
}

/** The partner's other state-dependent procedures: the KYC decision and the banking re-verification. */
export function partnerOperations(partner: PartnerFacts, caller: Caller): ActionOption<PartnerOperation>[] {
  const offered: ActionOption<PartnerOperation>[] = [];
  // Once verified there is nothing to sign off; a rejection stays possible (e.g. fraud found later).
  if (partner.kyc.status !== 'verified') offered.push(option('partners.kyc.verify', kycSignOffBlocker(partner.kyc), false));
  offered.push(option('partners.kyc.reject', null, true));
  if (partner.hasBanking && partner.bankingOnHold) {
    offered.push(option('partners.banking.verify', bankingVerifyBlocker(partner.bankingChangedBy, caller.userId), false));
  }
  return offered.filter((o) => mayCall(o.action, caller.role));
}

/** A document awaiting review can be verified or rejected; a verified one can still be rejected. Expired or rejected: the partner uploads anew. */
export function documentActions(state: DocumentState, caller: Caller): ActionOption<DocumentAction>[] {
  const offered: ActionOption<DocumentAction>[] = [];
  if (state === 'pending') offered.push(option('partners.documents.verify', null, false));
  if (state === 'pending' || state === 'verified') offered.push(option('partners.documents.reject', null, true));
  return offered.filter((o) => mayCall(o.action, caller.role));
}

/** A portal user can be edited and deactivated until deactivated; a new invite is for one who has not signed up yet. */
export function partnerUserActions(status: PartnerUserStatus, caller: Caller): ActionOption<PartnerUserAction>[] {
  if (status === 'deactivated') return [];
  const offered: ActionOption<PartnerUserAction>[] = [option('partners.users.update', null, false)];
  if (status === 'invited') offered.push(option('partners.users.createInvite', null, false));
  offered.push(option('partners.users.deactivate', null, false));
  return offered.filter((o) => mayCall(o.action, caller.role));
}
