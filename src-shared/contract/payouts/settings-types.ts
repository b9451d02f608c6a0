/**
 * The money settings of a workspace (the key `money` of the tenant's settings JSON, each read over
 * its default): what generation, the four-eyes rule and the finance exports need.
 */
export interface MoneySettings {
  /** A partner whose available balance is below this is skipped ("below minimum"); it carries over. */
  minimumPayoutMinor: number;
  /** A payout whose total is above this needs two different managers' approvals; null: never. */
  secondApprovalAboveMinor: number | null;
  /** The paying company, for ISO 20022 pain.001 (the debtor). Empty until finance sets them. */
  debtorName: string;
  debtorIban: string;
  debtorBic: string;
  /** Account codes of the accounting journal: commission expense (debit) and bank (credit). */
  expenseAccount: string;
  bankAccount: string;
  currency: string;
  timeZone: string;
}

export const DEFAULT_MONEY_SETTINGS = {
  minimumPayoutMinor: 5_000,
  secondApprovalAboveMinor: 1_000_000,
  debtorName: '',
  debtorIban: '',
  debtorBic: '',
  expenseAccount: '6400',
  bankAccount: '1200',
} as const satisfies Omit<MoneySettings, 'currency' | 'timeZone'>;
