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
