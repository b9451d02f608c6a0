import { z } from 'zod';
import { currency, cursor, id } from '../fields';
import { CREDIT_FIELD_LIMITS, CREDIT_KINDS, CREDIT_STATUSES } from './values';

/*
 * Field schemas of the credit procedures. Imported by the renderer too (forms validate with the
 * procedure's own schema), so free of Node modules.
 */

/** Every decision names the version the caller saw: a credit changed meanwhile is a conflict. */
export const creditVersion = z.number({ error: 'Version must be a number' }).int('Version must be a whole number').min(0, 'Version cannot be negative');

export const creditRef = { id, version: creditVersion };

export const creditReason = z
  .string({ error: 'A reason is required' })
  .trim()
  .min(1, 'A reason is required')
  .max(CREDIT_FIELD_LIMITS.reason, `Reason must be at most ${CREDIT_FIELD_LIMITS.reason} characters`);

export const creditJustification = z
  .string({ error: 'A justification is required' })
  .trim()
  .min(1, 'A justification is required')
  .max(CREDIT_FIELD_LIMITS.justification, `Justification must be at most ${CREDIT_FIELD_LIMITS.justification} characters`);

/** Requested and clawed-back amounts: whole minor units above zero (a clawback's sign is the service's). */
export const positiveAmountMinor = z
  .number({ error: 'Amount must be a number' })
  .int('Amount must be in whole minor units (cents)')
  .min(1, 'Amount must be above zero')
  .max(Number.MAX_SAFE_INTEGER, 'Amount is too large');

/** An input may name its currency; it must then be the workspace's (the service checks). */
export const optionalCurrency = currency.optional();

export const listCreditsInput = z
  .object({
    status: z.enum(CREDIT_STATUSES, { error: 'Unknown credit status' }).optional(),
    kind: z.enum(CREDIT_KINDS, { error: 'Unknown credit kind' }).optional(),
    partnerId: id.optional(),
    leadId: id.optional(),
    cursor,
    limit: z.number({ error: 'Limit must be a number' }).int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(200, 'At most 200 rows per page').default(50),
  })
  .strict();

export const BULK_CREDIT_LIMIT = 200;

export const bulkDecideInput = z
  .object({
    decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject' }),
    /** Required to reject (the partner sees it); ignored for approve. */
    reason: creditReason.optional(),
    items: z
      .array(z.object(creditRef).strict())
      .min(1, 'Select at least one credit')
      .max(BULK_CREDIT_LIMIT, `At most ${BULK_CREDIT_LIMIT} credits at once`)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'Each credit may appear once'),
  })
  .strict();

export const requestCreditInput = z
  .object({
    /** Staff request on a partner's behalf; a partner user's own partner comes from the session (an id, if given, must be it). */
    partnerId: id.optional(),
    leadId: id,
    amountMinor: positiveAmountMinor,
    currency: optionalCurrency,
    justification: creditJustification,
  })
  .strict();

export const clawbackCreditInput = z
  .object({
    /** The paid credit clawed back. */
    id,
    amountMinor: positiveAmountMinor,
    currency: optionalCurrency,
    reason: creditReason,
  })
  .strict();
