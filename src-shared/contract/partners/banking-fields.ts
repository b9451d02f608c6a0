import { z } from 'zod';
import { electronicFormatIBAN, validateBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { email } from '../fields';
import type { BankingMethod } from './values';

const IBAN_MESSAGES: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'IBAN is required',
  [ValidationErrorsIBAN.NoIBANCountry]: 'This country does not use IBANs: use account number and routing code instead',
  [ValidationErrorsIBAN.WrongBBANLength]: 'IBAN has the wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'IBAN format is not valid for its country',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'Invalid IBAN checksum',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'Invalid IBAN checksum',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'Invalid IBAN checksum (account or branch check digits)',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'QR-IBANs cannot receive payouts',
};

/** Accepts the printed form ("DE89 3704 0044 ...") and yields the electronic one ("DE8937040044..."). */
export const iban = z
  .string({ error: 'IBAN is required' })
  .transform((v) => electronicFormatIBAN(v) ?? '')
  .superRefine((v, ctx) => {
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: 'IBAN is required' });
      return;
    }
    // QR-IBANs are for Swiss QR bills (incoming payments with reference), not for credit transfers.
    const result = validateIBAN(v, { allowQRIBAN: false });
    if (result.valid) return;
    // The length/format error is the most useful one to show: a checksum over a truncated IBAN is noise.
    const first = result.errorCodes[0];
    ctx.addIssue({ code: 'custom', message: (first !== undefined && IBAN_MESSAGES[first]) || 'Invalid IBAN' });
  });

export const bic = z
  .string({ error: 'BIC is required' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => v !== '', 'BIC is required')
  .refine((v) => v === '' || validateBIC(v).valid, 'Invalid BIC/SWIFT code: 8 or 11 characters, e.g. DEUTDEFF or DEUTDEFF500');

const optionalBic = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => v === '' || validateBIC(v).valid, 'Invalid BIC/SWIFT code: 8 or 11 characters, e.g. DEUTDEFF or DEUTDEFF500')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const accountHolder = z
  .string({ error: 'Account holder is required' })
  .trim()
  .min(1, 'Account holder is required')
  .max(140, 'Account holder must be at most 140 characters'); // 140: the ISO 20022 name limit

const bankName = z
  .string({ error: 'Bank name is required' })
  .trim()
  .min(1, 'Bank name is required')
  .max(140, 'Bank name must be at most 140 characters');

/** Spaces and hyphens are how people write account numbers; they are not part of the number. */
const compact = (v: string) => v.replace(/[\s-]+/g, '').toUpperCase();

export const accountNumber = z
  .string({ error: 'Account number is required' })
  .transform(compact)
  .refine((v) => v !== '', 'Account number is required')
  .refine((v) => v === '' || /^[A-Z0-9]{4,34}$/.test(v), 'Account number must be 4 to 34 letters or digits');

/** ABA routing number, sort code, BSB, IFSC, transit number…: too many national formats to check one. */
export const routingCode = z
  .string({ error: 'Routing code is required' })
  .transform(compact)
  .refine((v) => v !== '', 'Routing code is required')
  .refine((v) => v === '' || /^[A-Z0-9]{3,15}$/.test(v), 'Routing code must be 3 to 15 letters or digits');

export const bankingDetails = z.discriminatedUnion(
  'method',
  [
    z.object({ method: z.literal('iban'), accountHolder, bankName, iban, bic }).strict(),
    z.object({ method: z.literal('account_number'), accountHolder, bankName, accountNumber, routingCode, bic: optionalBic }).strict(),
    z.object({ method: z.literal('paypal'), paypalEmail: email }).strict(),
  ],
  { error: 'Choose IBAN, account number or PayPal' },
);
/** Validated, normalised banking details: what is encrypted at rest and shown on explicit reveal. */
export type BankingDetails = z.output<typeof bankingDetails>;
export type BankingDetailsInput = z.input<typeof bankingDetails>;

/** What everyone else sees: enough to recognise the account, not enough to use it. */
export interface MaskedBanking {
  method: BankingMethod;
  /** Last four characters of the IBAN or account number; null for PayPal. */
  last4: string | null;
  holder: string | null;
  bankName: string | null;
  /** A ready-to-show line, e.g. "IBAN •••• 4300" or "PayPal j•••@example.com". */
  display: string;
}

// ---------------------------------------------------------------------------------------------
// Output types
