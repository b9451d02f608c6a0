import { z } from 'zod';
import { cursor, id, isSafeFreeText, isSafeOneLine, MULTI_LINE_MESSAGE, UNSAFE_TEXT_MESSAGE } from '../fields';
import { country, optionalLine, optionalText, reason } from '../partners/fields';
import { LEAD_EXTRA_FIELD_LIMITS, LEAD_FIELD_LIMITS, LEAD_STATUSES, MAX_DEAL_VALUE_MINOR, PENDING_LEAD_STATUSES } from './values';

/*
 * Field schemas of the lead domain. Imported by the renderer too (forms validate with the
 * procedure's own schema), so free of Node modules. The shapes are checked here; the rules that
 * need normalisation (a readable email or phone, E.164, company domain) are the domain's
 * (src-main/domain/leads) and answered by the service with the field named.
 */

const L = LEAD_FIELD_LIMITS;

export const contactName = z
  .string({ error: 'Contact name is required' })
  .trim()
  .min(1, 'Contact name is required')
  .max(L.contactName, `Contact name must be at most ${L.contactName} characters`)
  .refine(isSafeOneLine, MULTI_LINE_MESSAGE);

/** Only submitted lead types: `import_batch` leads come from a CSV import, never from this form. */
export const FORM_SUBMISSION_TYPES = ['new_lead', 'referral'] as const;

export const dealValueMinor = z
  .number({ error: 'Deal value must be a number' })
  .int('Deal value must be in whole minor units (cents)')
  .min(0, 'Deal value cannot be negative')
  .max(MAX_DEAL_VALUE_MINOR, 'Deal value is too large');

/** Extra fields as ordered pairs (what a partner's CRM had besides ours); keys unique. */
export const extraFields = z
  .array(
    z
      .object({
        key: z
          .string()
          .trim()
          .min(1, 'Field name is required')
          .max(LEAD_EXTRA_FIELD_LIMITS.keyLength, `Field name must be at most ${LEAD_EXTRA_FIELD_LIMITS.keyLength} characters`)
          .refine(isSafeOneLine, MULTI_LINE_MESSAGE),
        value: z.string().trim().max(LEAD_EXTRA_FIELD_LIMITS.valueLength, `Value must be at most ${LEAD_EXTRA_FIELD_LIMITS.valueLength} characters`).refine(isSafeFreeText, UNSAFE_TEXT_MESSAGE),
      })
      .strict(),
  )
  .max(LEAD_EXTRA_FIELD_LIMITS.maxFields, `At most ${LEAD_EXTRA_FIELD_LIMITS.maxFields} extra fields`)
  .refine((pairs) => new Set(pairs.map((p) => p.key.toLowerCase())).size === pairs.length, 'Each extra field name may appear once');

/**
 * The client's idempotency key: the same key from the same partner returns the lead the first
 * call created instead of a second one (a retried request after a timeout, a double click).
 */
export const idempotencyKey = z
  .string({ error: 'An idempotency key is required' })
  .trim()
  .min(8, 'Idempotency key must be at least 8 characters')
  .max(100, 'Idempotency key must be at most 100 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'Idempotency key may contain letters, digits, dots, colons, underscores and hyphens');

export const submitLeadInput = z
  .object({
    /** Staff submit on behalf of this partner; a partner user's own partner is taken from the session (an id, if given, must be it). */
    partnerId: id.optional(),
    type: z.enum(FORM_SUBMISSION_TYPES, { error: 'Choose new lead or referral' }),
    idempotencyKey,
    contactName,
    company: optionalLine(L.company, 'Company'),
    email: optionalLine(L.email, 'Email'),
    phone: optionalLine(L.phone, 'Phone'),
    country: country.optional(),
    jobTitle: optionalLine(L.jobTitle, 'Job title'),
    productInterest: optionalLine(L.productInterest, 'Product interest'),
    website: optionalLine(L.website, 'Website'),
    notes: optionalText(L.notes, 'Notes'),
    estimatedValueMinor: dealValueMinor.optional(),
    extra: extraFields.optional(),
  })
  .strict();

export const scoreBound = z.number({ error: 'Score must be a number' }).int('Score must be a whole number').min(0, 'Score is 0 to 100').max(100, 'Score is 0 to 100');

const leadFilters = {
  partnerId: id.optional(),
  type: z.enum(['new_lead', 'referral', 'import_batch'], { error: 'Unknown submission type' }).optional(),
  minScore: scoreBound.optional(),
  maxScore: scoreBound.optional(),
  /** true: only leads flagged as duplicates; false: only unflagged ones. */
  duplicate: z.boolean({ error: 'Expected yes or no' }).optional(),
  /** Only leads submitted at least this many days ago (the queue's "waiting 7+ days"). */
  olderThanDays: z
    .number({ error: 'Days must be a number' })
    .int('Days must be a whole number')
    .min(1, 'Days must be at least 1')
    .max(3650, 'Days must be at most 3650 (ten years)')
    .optional(),
  cursor,
  limit: z.number({ error: 'Limit must be a number' }).int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(200, 'At most 200 rows per page').default(50),
};

/** All leads, newest first. */
export const listLeadsInput = z.object({ ...leadFilters, status: z.enum(LEAD_STATUSES, { error: 'Unknown status' }).optional() }).strict();

/** The review queue: pending leads, highest score first, then oldest. */
export const queueLeadsInput = z.object({ ...leadFilters, status: z.enum(PENDING_LEAD_STATUSES, { error: 'The queue holds submitted and under-review leads only' }).optional() }).strict();

/** Every status action names the version the reviewer saw: an action on a lead changed meanwhile is a conflict, not a surprise. */
export const leadVersion = z.number({ error: 'Version must be a number' }).int('Version must be a whole number').min(0, 'Version cannot be negative');

export const leadRef = { id, version: leadVersion };

export const crmLeadIdField = optionalLine(L.crmLeadId, 'CRM lead id');
export const rejectionReason = reason;
