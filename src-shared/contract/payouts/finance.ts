import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role } from '../roles';
import { mutation, query } from '../procedure';
import { id } from '../fields';
import { isoDate } from '../partners/fields';
import { PAYMENT_METHODS, PAYOUT_FIELD_LIMITS } from './values';
import { PAYOUT_TRANSITIONS } from './transitions';
import type { ExportedFile, FinanceList, MarkPaidResult } from './finance-types';

/**
 * Finance (services/payouts/finance.ts): the payouts ready to pay and those paid, marking them
 * paid (the pay rule of the transition table: admin and finance), payment files, the accounting
 * journal, and the PDF statement of a payout (staff, and partner users for their own partner).
 */

const PAYERS = PAYOUT_TRANSITIONS.pay.roles;
const STATEMENT_READERS: readonly Role[] = [...ALL_STAFF, ...PARTNER_ROLES];

export const EXPORT_FORMATS = ['csv', 'pain001', 'paypal_csv', 'journal_csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The bank reference of a payment. For one payout it is stored as given; for several, each payout
 * stores `<reference>/<payout number>` (one bank batch, one reference per payment), which must fit
 * the same 35 characters (an ISO 20022 reference's limit). Unique per workspace.
 */
export const paymentReference = z
  .string()
  .trim()
  .min(1, 'A payment reference is required')
  .max(PAYOUT_FIELD_LIMITS.paymentReference, `At most ${PAYOUT_FIELD_LIMITS.paymentReference} characters`)
  .regex(/^[^\p{Cc}]*$/u, 'No control characters');

const payoutVersions = z
  .array(z.object({ id, version: z.number().int().min(0) }).strict())
  .min(1, 'Select at least one payout')
  .max(200, 'At most 200 payouts at once')
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'A payout is listed twice');

export const markPaidInput = z
  .object({
    payouts: payoutVersions,
    paymentDate: isoDate,
    method: z.enum(PAYMENT_METHODS, { error: 'Choose a payment method' }),
    reference: paymentReference,
  })
  .strict();

const payoutIds = z
  .array(id)
  .min(1, 'Select at least one payout')
  .max(1000, 'At most 1000 payouts at once')
  .refine((ids) => new Set(ids).size === ids.length, 'A payout is listed twice');

export const financeProcedures = {
  'payouts.financeList': query(z.object({ view: z.enum(['payable', 'paid']), limit: z.number().int().min(1).max(500).default(200) }).strict()).returns<FinanceList>(
    PAYERS,
    'Payouts ready to pay (approved or partially approved), oldest approval first, or the most recently paid, with their totals.',
  ),
  'payouts.markPaid': mutation(markPaidInput)
    .effects('payouts', 'credits', 'activity')
    .returns<MarkPaidResult>(
      PAYERS,
      'Marks approved payouts paid with payment date, method and bank reference (one compare-and-set per payout; the approver cannot pay); returns one outcome per payout.',
    ),
  'payouts.export': mutation(z.object({ ids: payoutIds, format: z.enum(EXPORT_FORMATS) }).strict())
    .effects('activity')
    .returns<ExportedFile>(
      PAYERS,
      'A file of the selected payouts: CSV, ISO 20022 pain.001.001.03 or PayPal payouts CSV of approved payouts, or the accounting journal CSV of paid ones (audited).',
    ),
  'payouts.statement': query(z.object({ id }).strict()).returns<ExportedFile>(
    STATEMENT_READERS,
    "A payout's PDF statement for the partner: lines, totals, rejected lines with their notes, and the payment once paid.",
  ),
} as const;
