import { createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { BankingDetails, MaskedBanking, PayoutMethod } from '../../../src-shared/contract/partners';

/*
 * Banking details are validated by the contract's `bankingDetails` schema (shared with the
 * renderer, so the form shows "Invalid IBAN checksum" before anything is sent). This module
 * holds the rules that apply to already-valid details: how they are shown masked, and whether
 * they can carry the partner's chosen payout method.
 */

const BULLETS = '••••';

function last4(value: string): string {
  return value.slice(-4);
}

/** j•••@example.com: recognisable to the partner, useless to anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••@${email.slice(at + 1)}`;
}

/** The only form of banking details that leaves the service without an explicit, audited reveal. */
export function maskBanking(details: BankingDetails): MaskedBanking {
  switch (details.method) {
    case 'iban': {
      const tail = last4(details.iban);
      return { method: 'iban', last4: tail, holder: details.accountHolder, bankName: details.bankName, display: `IBAN ${BULLETS} ${tail}` };
    }
    case 'account_number': {
      const tail = last4(details.accountNumber);
      return {
        method: 'account_number',
        last4: tail,
        holder: details.accountHolder,
        bankName: details.bankName,
        display: `Account ${BULLETS} ${tail}`,
      };
    }
    case 'paypal':
      return { method: 'paypal', last4: null, holder: null, bankName: null, display: `PayPal ${maskEmail(details.paypalEmail)}` };
  }
}

/**
 * Whether the stored details can carry the payout method the partner chose: bank transfer and
 * wire need a bank account, PayPal a PayPal address; a check is mailed to the partner's address
 * and needs no banking at all. Payout generation skips a partner for which this is false.
 */
export function bankingSupportsPayoutMethod(method: PayoutMethod, details: BankingDetails | null): boolean {
  switch (method) {
    case 'check':
      return true;
    case 'paypal':
      return details?.method === 'paypal';
    case 'bank_transfer':
    case 'wire':
      return details?.method === 'iban' || details?.method === 'account_number';
  }
}

/**
 * Four eyes on banking changes: the person who changed a partner's banking details cannot be
 * the one who verifies them (a changed bank account is the classic fraud path). Null: may verify.
 */
export function bankingVerifyBlocker(changedBy: string | null, verifierId: string): string | null {
  return changedBy === verifierId ? 'Banking details must be verified by a different admin than the one who changed them' : null;
}

/**
 * The second pair of eyes must have been there before the change: an admin whose account, or
 * whose admin role, is newer than the change cannot verify it (otherwise "create a new admin,
 * approve my own change" defeats the rule). `roleSince` null (rows older than its column): the
 * membership's creation. Null: may verify.
 */
export function bankingVerifierTooNew(changedAt: Date, verifier: { accountCreatedAt: Date; roleSince: Date | null; membershipCreatedAt: Date }): string | null {
  if (verifier.accountCreatedAt.getTime() > changedAt.getTime()) {
    return 'Your account was created after this banking change: an admin who was already there must verify it';
  }
  if ((verifier.roleSince ?? verifier.membershipCreatedAt).getTime() > changedAt.getTime()) {
    return 'You became an admin after this banking change: an admin who already held the role must verify it';
  }
  return null;
}

/** Verifying means having looked: the verifier must reveal the changed details first (audited). */
export const REVEAL_BEFORE_VERIFY = 'Reveal the new details first, then verify';

/**
 * A keyed fingerprint of the full details (already normalised by the contract's schema: IBAN
 * without spaces, upper-case BIC, lower-case e-mail), for the audit trail: two accounts that
 * share their last four digits get different fingerprints, the same details the same one, and
 * without the key nobody can test a guessed IBAN against the trail. 128 bits, hex.
 */
export function bankingFingerprint(details: BankingDetails, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalize(details) ?? '').digest('hex').slice(0, 32);
}
