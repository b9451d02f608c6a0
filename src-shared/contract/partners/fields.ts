import { z } from 'zod';
import { getCountrySpecifications } from 'ibantools';
import { email, id, isSafeFreeText, isSafeOneLine, MULTI_LINE_MESSAGE, oneLine, personName, UNSAFE_TEXT_MESSAGE } from '../fields';
import { COMMISSION_MODELS, PARTNER_TIERS, PAYOUT_METHODS } from './values';

/*
 * Field schemas of the partner domain. Imported by the renderer too, so free of Node modules
 * (ibantools is plain JS). Messages are what the user reads beside the field.
 */

/** ISO 3166-1 alpha-2 codes; ibantools carries the list, which keeps the renderer free of extra data. */
const COUNTRY_CODES: ReadonlySet<string> = new Set(Object.keys(getCountrySpecifications()));

export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_CODES.has(c), 'Unknown country: use an ISO 3166 two-letter code such as DE or US');

/** Letters and digits in groups joined by single hyphens, e.g. CP-0042 or ACME-EU. */
export const PARTNER_CODE_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** Empty means "generate one for me" (PO/CP/VE/CU-nnnn); the service makes the code unique per tenant. */
export const partnerCode = z
  .string()
  .trim()
  .toUpperCase()
  .max(32, 'Code must be at most 32 characters')
  .refine((c) => c === '' || PARTNER_CODE_PATTERN.test(c), 'Code may contain letters, digits and single hyphens, e.g. CP-0042')
  .optional()
  .transform((c) => (c === '' ? undefined : c));

/** Optional free text (notes, address lines): tab and newline allowed, no other control character. */
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine(isSafeFreeText, UNSAFE_TEXT_MESSAGE)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** Optional one-line text (a company, a job title, a website): no tab, newline or control character. */
export const optionalLine = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .refine(isSafeOneLine, MULTI_LINE_MESSAGE)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const legalName = oneLine()
  .min(1, 'Legal name is required')
  .max(200, 'Legal name must be at most 200 characters');

/** Loose on purpose: partners are worldwide; leads normalise phones to E.164, contacts only need to be dialable. */
export const phone = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\+?[0-9][0-9 ()./-]{4,24}$/.test(v), 'Enter a phone number such as +44 20 7946 0958')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const taxId = z
  .string()
  .trim()
  .toUpperCase()
  .max(40, 'Tax ID must be at most 40 characters')
  .refine((v) => v === '' || /^[A-Z0-9][A-Z0-9 ./-]*$/.test(v), 'Tax ID may contain letters, digits, spaces, dots, slashes and hyphens')
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const reason = z.string().trim().min(1, 'A reason is required').max(1000, 'Reason must be at most 1000 characters').refine(isSafeFreeText, UNSAFE_TEXT_MESSAGE);
export const optionalNote = optionalText(1000, 'Note');

/** Calendar date (YYYY-MM-DD), e.g. a document's expiry: a day, not an instant, so no time zone. */
export const isoDate = z.iso.date({ error: 'Expected a date such as 2026-12-31' });

export const contact = z
  .object({
    name: personName,
    email,
    phone,
  })
  .strict();

export const address = z
  .object({
    line1: optionalText(200, 'Address line 1'),
    line2: optionalText(200, 'Address line 2'),
    city: optionalText(100, 'City'),
    postalCode: optionalText(20, 'Postal code'),
    region: optionalText(100, 'Region'),
  })
  .strict();

/** Basis points: 1500 = 15%. */
export const rateBp = z
  .number({ error: 'Rate must be a number' })
  .int('Rate must be a whole number of basis points (1% = 100)')
  .min(0, 'Rate must be between 0% and 100%')
  .max(10_000, 'Rate must be between 0% and 100%');

/** Integer minor units (cents); the upper bound keeps sums far from Number.MAX_SAFE_INTEGER. */
export const amountMinor = z
  .number({ error: 'Amount must be a number' })
  .int('Amount must be in whole cents (minor units)')
  .min(0, 'Amount cannot be negative')
  .max(1_000_000_000_000, 'Amount is too large');

/**
 * Commercial terms, flat so that one form edits them. A model ignores the other model's field:
 * the domain's normaliseCommercialTerms() zeroes it so that stored terms never suggest a fee
 * that is not applied (switching model in a form must not leave a stale rate behind).
 */
export const commercialTerms = z
  .object({
    commissionModel: z.enum(COMMISSION_MODELS, { error: 'Choose percentage, fixed or hybrid' }),
    rateBp: rateBp.default(0),
    fixedPriceMinor: amountMinor.default(0),
    tier: z.enum(PARTNER_TIERS, { error: 'Choose bronze, silver, gold or platinum' }).default('bronze'),
    monthlyLeadQuota: z
      .number({ error: 'Quota must be a number' })
      .int('Quota must be a whole number')
      .min(0, 'Quota cannot be negative (0 means no limit)')
      .max(1_000_000, 'Quota is too large')
      .default(0),
  })
  .strict();

export const payoutMethod = z.enum(PAYOUT_METHODS, { error: 'Choose bank transfer, PayPal, check or wire' });

// ---------------------------------------------------------------------------------------------
// Banking details

export const byId = z.object({ id }).strict();
export const withReason = z.object({ id, reason }).strict();
export const withNote = z.object({ id, note: optionalNote }).strict();
