import type { ActionOption } from '../../../src-shared/contract/action-option';
import type { ErrorCode } from '../../../src-shared/contract/errors';
import { PAYOUT_TRANSITIONS } from '../../../src-shared/contract/payouts/transitions';
import type { PayoutAction, PayoutLineStatus, PayoutStatus } from '../../../src-shared/contract/payouts/values';
import type { PayoutLineAction } from '../../../src-shared/contract/payouts/types';

/*
 * What a caller may do with a payout now, and why not (ActionOption's pattern): the four-eyes
 * rules, the partner's state and the lines. The service throws the same sentence when the action
 * is called anyway, so the disabled button and the refusal never disagree.
 */

export interface PayoutFacts {
  status: PayoutStatus;
  generatedBy: string;
  firstApprovedBy: string | null;
  approvedBy: string | null;
  lines: readonly { status: PayoutLineStatus; amountMinor: number }[];
}

export interface PayoutCaller {
  userKind: 'staff' | 'partner';
  role: string;
  userId: string;
}

export interface PayoutPartnerState {
  status: string;
  bankingOnHold: boolean;
}

export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** The amount an approval would approve: every line not rejected. */
export function approvableMinor(lines: PayoutFacts['lines']): number {
  return lines.filter((l) => l.status !== 'rejected').reduce((s, l) => s + l.amountMinor, 0);
}

/** Whether approving this payout takes two different managers (its approvable amount above the threshold). */
export function needsSecondApproval(lines: PayoutFacts['lines'], secondApprovalAboveMinor: number | null): boolean {
  return secondApprovalAboveMinor !== null && approvableMinor(lines) > secondApprovalAboveMinor;
}

/** Why `caller` may not approve now (null: they may). Role and status first, then the four-eyes rules, the partner, the lines. */
export function approvalRefusal(p: PayoutFacts, caller: PayoutCaller, partner: PayoutPartnerState): Refusal | null {
  if (caller.userKind !== 'staff' || !(PAYOUT_TRANSITIONS.approve.roles as readonly string[]).includes(caller.role)) return { code: 'forbidden', message: 'Your role does not allow this' };
  if (p.status !== 'pending') return { code: 'invalid_transition', message: 'Only a pending payout can be approved.' };
  if (p.generatedBy === caller.userId) return { code: 'forbidden', message: 'You generated this payout: another manager must approve it.' };
  if (p.firstApprovedBy === caller.userId) return { code: 'forbidden', message: 'You gave the first approval: a second, different manager must complete it.' };
  if (partner.status === 'suspended') return { code: 'invalid_transition', message: 'The partner is suspended: its payout cannot be approved until it is reactivated.' };
  if (partner.bankingOnHold) return { code: 'invalid_transition', message: "The partner's banking details changed and are on hold: its payout cannot be approved until an admin re-verifies them." };
  if (p.lines.every((l) => l.status === 'rejected')) return { code: 'invalid_transition', message: 'Every line of this payout was rejected: reject the payout instead of approving it.' };
  if (approvableMinor(p.lines) < 0) return { code: 'invalid_transition', message: 'The approved lines add up to less than zero: a payout never goes below zero. Reject a clawback line or the payout.' };
  return null;
}

export function rejectionRefusal(p: Pick<PayoutFacts, 'status'>, caller: PayoutCaller): Refusal | null {
  if (caller.userKind !== 'staff' || !(PAYOUT_TRANSITIONS.reject.roles as readonly string[]).includes(caller.role)) return { code: 'forbidden', message: 'Your role does not allow this' };
  if (p.status !== 'pending') return { code: 'invalid_transition', message: 'Only a pending payout can be rejected.' };
  return null;
}

/** Line decisions: by the payout's deciders, while it is pending. The generator may reject lines (that only takes money away). */
export function lineRefusal(p: Pick<PayoutFacts, 'status'>, caller: PayoutCaller): Refusal | null {
  if (caller.userKind !== 'staff' || !(PAYOUT_TRANSITIONS.approve.roles as readonly string[]).includes(caller.role)) return { code: 'forbidden', message: 'Your role does not allow this' };
  if (p.status !== 'pending') return { code: 'invalid_transition', message: 'Lines can be decided only while the payout is pending.' };
  return null;
}

export function payRefusal(p: PayoutFacts, caller: PayoutCaller): Refusal | null {
  if (caller.userKind !== 'staff' || !(PAYOUT_TRANSITIONS.pay.roles as readonly string[]).includes(caller.role)) return { code: 'forbidden', message: 'Your role does not allow this' };
  if (p.status !== 'approved' && p.status !== 'partially_approved') return { code: 'invalid_transition', message: 'Only an approved or partially approved payout can be paid.' };
  if (p.approvedBy === caller.userId || p.firstApprovedBy === caller.userId) return { code: 'forbidden', message: 'You approved this payout: someone else must mark it paid.' };
  return null;
}

const offered = (role: string, action: PayoutAction) => (PAYOUT_TRANSITIONS[action].roles as readonly string[]).includes(role);

/** The payout actions offered to the caller (roles that may never take one are left out; the state's other actions too). */
export function payoutActions(p: PayoutFacts, caller: PayoutCaller, partner: PayoutPartnerState): ActionOption<PayoutAction>[] {
  if (caller.userKind !== 'staff') return [];
  const out: ActionOption<PayoutAction>[] = [];
  const option = (action: PayoutAction, refusal: Refusal | null) => out.push({ action, enabled: refusal === null, reason: refusal?.message ?? null, needsReason: PAYOUT_TRANSITIONS[action].reasonRequired });
  if (p.status === 'pending') {
    if (offered(caller.role, 'approve')) option('approve', approvalRefusal(p, caller, partner));
    if (offered(caller.role, 'reject')) option('reject', rejectionRefusal(p, caller));
  }
  if ((p.status === 'approved' || p.status === 'partially_approved') && offered(caller.role, 'pay')) option('pay', payRefusal(p, caller));
  return out;
}

export function lineActions(p: PayoutFacts, caller: PayoutCaller): ActionOption<PayoutLineAction>[] {
  if (caller.userKind !== 'staff' || p.status !== 'pending' || !offered(caller.role, 'approve')) return [];
  return [
    { action: 'approve', enabled: true, reason: null, needsReason: false },
    { action: 'reject', enabled: true, reason: null, needsReason: true },
  ];
}
