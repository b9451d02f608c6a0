import { z } from 'zod';
import { cursor, id } from '../fields';
import { isoDate } from '../partners/fields';
import { idempotencyKey } from '../leads/fields';
import { PAYOUT_FIELD_LIMITS, PAYOUT_REQUEST_STATUSES, PAYOUT_STATUSES } from './values';

/*
 * Field schemas of generation, review, requests and money settings. Imported by the renderer
 * too (forms validate with the procedure's own schema), so free of Node modules. Rules that need
 * the workspace (the default period in its time zone, the IBAN checksum) are the service's.
 */

const N = PAYOUT_FIELD_LIMITS.note;

export const payoutNote = z.string().trim().max(N, `Note must be at most ${N} characters`).optional();
export const requiredNote = z
  .string({ error: 'A note is required' })
  .trim()
  .min(1, 'A note is required: the partner sees why')
  .max(N, `Note must be at most ${N} characters`);

const version = z.number({ error: 'Version is required' }).int().min(0);

export const generatePayoutsInput = z
  .object({
    /** ISO days, both included; default the previous calendar month in the workspace time zone. */
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    /** One partner, or all when absent. */
    partnerId: id.optional(),
    /** A partner's payout request: generates for its partner, period up to today. */
    requestId: id.optional(),
    idempotencyKey,
  })
  .strict()
  .refine((v) => !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd, { message: 'The period must end on or after its start', path: ['periodEnd'] });

export const listPayoutsInput = z
  .object({
    status: z.enum(PAYOUT_STATUSES, { error: 'Unknown payout status' }).optional(),
    partnerId: id.optional(),
    cursor,
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const decideLineInput = z
  .object({ payoutId: id, lineId: id, decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject' }), note: payoutNote, version })
  .strict()
  .refine((v) => v.decision !== 'reject' || (v.note ?? '').length > 0, { message: 'A note is required to reject a line: the partner sees why', path: ['note'] });

export const approvePayoutInput = z.object({ id, version, note: payoutNote }).strict();
export const rejectPayoutInput = z.object({ id, version, notes: requiredNote }).strict();

export const requestPayoutInput = z.object({ note: payoutNote }).strict();
export const listRequestsInput = z.object({ status: z.enum(PAYOUT_REQUEST_STATUSES, { error: 'Unknown request status' }).optional() }).strict();
export const declineRequestInput = z
  .object({ id, reason: z.string({ error: 'A reason is required' }).trim().min(1, 'A reason is required: the partner sees it').max(N, `Reason must be at most ${N} characters`) })
  .strict();

const amount = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be in whole minor units (cents)`)
    .min(0, `${label} cannot be negative`)
    .max(Number.MAX_SAFE_INTEGER, `${label} is too large`);

/** Each setting may be changed alone; the IBAN checksum is checked by the service (ibantools). */
export const updateMoneySettingsInput = z
  .object({
    minimumPayoutMinor: amount('Minimum payout').optional(),
    secondApprovalAboveMinor: amount('Second-approval threshold').nullable().optional(),
    debtorName: z.string().trim().max(70, 'Debtor name must be at most 70 characters').optional(),
    debtorIban: z.string().trim().max(42, 'IBAN is too long').optional(),
    debtorBic: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => v === '' || /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), 'BIC must be 8 or 11 letters and digits, e.g. DEUTDEFF or DEUTDEFF500')
      .optional(),
    expenseAccount: z.string().trim().min(1, 'Account code is required').max(20, 'Account code must be at most 20 characters').optional(),
    bankAccount: z.string().trim().min(1, 'Account code is required').max(20, 'Account code must be at most 20 characters').optional(),
  })
  .strict();
