import { AppError } from '../../../src-shared/contract/errors';
import { minor, type Minor } from '../../../src-shared/money';
import { LEAD_FIELD_LIMITS, MAX_DEAL_VALUE_MINOR } from '../../../src-shared/contract/leads/values';

/*
 * The values that travel with a lead's submission and status actions and carry a rule beyond
 * their shape: deal amounts (integer minor units, never negative), the conversion date and the
 * CRM lead id. The contract's schemas will check the shapes; these keep the rules true for
 * callers that do not come through the contract (CSV import rows, the demo, the CLI) and give
 * each refusal its field.
 */

/** An estimated deal value as submitted: null when not given; 0 allowed (unknown yet); negative, fractional or oversize refused. */
export function estimatedDealValue(value: number | null | undefined, field = 'estimatedValue'): Minor | null {
  if (value === null || value === undefined) return null;
  return checkedAmount(value, field, 0);
}

/** The won deal's value when a lead is marked converted: a positive amount (a conversion worth nothing is not one). */
export function convertedDealValue(value: number, field = 'dealValue'): Minor {
  return checkedAmount(value, field, 1);
}

function checkedAmount(value: number, field: string, least: 0 | 1): Minor {
  const amount = minor(value, field);
  if (amount < least) {
    throw new AppError('validation', least === 0 ? 'Deal value cannot be negative' : 'Deal value must be above zero', field);
  }
  if (amount > MAX_DEAL_VALUE_MINOR) throw new AppError('validation', 'Deal value is too large', field);
  return amount;
}

/** The CRM's id of the lead (optional on approve and convert): trimmed, null when empty. */
export function crmLeadId(raw: string | null | undefined, field = 'crmLeadId'): string | null {
  const trimmed = raw?.trim() ?? '';
  if (trimmed.length > LEAD_FIELD_LIMITS.crmLeadId) {
    throw new AppError('validation', `CRM lead id must be at most ${LEAD_FIELD_LIMITS.crmLeadId} characters`, field);
  }
  return trimmed === '' ? null : trimmed;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  const match = CALENDAR_DAY.exec(day);
  if (match === null) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date;
}

/**
 * The day the deal was won. Not in the future (`today` is the workspace's today, todayIn in
 * src-shared/calendar.ts) and not before the lead was submitted (`submittedOn`, the same
 * workspace's day). It may lie before the approval: a deal can close while the lead still
 * waits in the queue. YYYY-MM-DD strings compare in calendar order.
 */
export function conversionDay(day: string, bounds: { today: string; submittedOn: string }, field = 'convertedOn'): string {
  if (!isCalendarDay(day)) throw new AppError('validation', 'Enter the conversion date as YYYY-MM-DD', field);
  if (day > bounds.today) throw new AppError('validation', `The conversion date cannot be after today (${bounds.today})`, field);
  if (day < bounds.submittedOn) {
    throw new AppError('validation', `The conversion date cannot be before the lead was submitted (${bounds.submittedOn})`, field);
  }
  return day;
}
