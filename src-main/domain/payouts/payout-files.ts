import { currencyFractionDigits, minorToDecimalString } from '../../../src-shared/money';
import { toCsv } from '../leads/csv-safety';

/*
 * The CSV files finance exports: the payouts to pay, PayPal's bulk payouts upload, and the
 * accounting journal of what was paid. Amounts are decimal text made from integer minor units
 * (never a float); every text cell goes through csv-safety (quoted, formula triggers
 * neutralised), because partner names and references are typed by people.
 */

/** Decimal text of integer minor units in the currency's own number of digits: 12345 EUR → "123.45". */
export function amountText(amountMinor: number, currency: string): string {
  return minorToDecimalString(amountMinor, currencyFractionDigits(currency));
}

export interface PayoutFileRow {
  number: string;
  partnerCode: string;
  partnerName: string;
  periodStart: string;
  periodEnd: string;
  approvedMinor: number;
  currency: string;
  method: string;
  maskedAccount: string | null;
}

export function payoutsCsv(rows: readonly PayoutFileRow[]): string {
  return toCsv(
    [
      ['Payout', 'Partner code', 'Partner', 'Period start', 'Period end', 'Amount', 'Currency', 'Method', 'Account'],
      ...rows.map((r) => [r.number, r.partnerCode, r.partnerName, r.periodStart, r.periodEnd, amountText(r.approvedMinor, r.currency), r.currency, r.method, r.maskedAccount]),
    ],
    { bom: true },
  );
}

export interface PaypalRow {
  email: string;
  amountMinor: number;
  currency: string;
  /** Unique per payment: PayPal refuses a second item with the same id (the payout number). */
  referenceId: string;
  note: string;
}

/** PayPal Payouts' bulk upload: recipient, amount, currency, reference id, note, wallet. No BOM: PayPal's uploader reads plain UTF-8. */
export function paypalCsv(rows: readonly PaypalRow[]): string {
  return toCsv([
    ['Email/Phone', 'Amount', 'Currency code', 'Reference ID', 'Note to recipient', 'Recipient wallet'],
    ...rows.map((r) => [r.email, amountText(r.amountMinor, r.currency), r.currency, r.referenceId, r.note, 'PayPal']),
  ]);
}

export interface JournalRow {
  paymentDate: string;
  number: string;
  partnerCode: string;
  partnerName: string;
  amountMinor: number;
  currency: string;
  reference: string;
}

/** One booking per paid payout: commission expense (debit) against the bank (credit), account codes from the money settings. */
export function journalCsv(rows: readonly JournalRow[], accounts: { expenseAccount: string; bankAccount: string }): string {
  return toCsv(
    [
      ['Date', 'Payout', 'Partner code', 'Partner', 'Amount', 'Currency', 'Reference', 'Debit account', 'Credit account'],
      ...rows.map((r) => [r.paymentDate, r.number, r.partnerCode, r.partnerName, amountText(r.amountMinor, r.currency), r.currency, r.reference, accounts.expenseAccount, accounts.bankAccount]),
    ],
    { bom: true },
  );
}
