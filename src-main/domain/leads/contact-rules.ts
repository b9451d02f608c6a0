import { AppError } from '../../../src-shared/contract/errors';
import type { Minor } from '../../../src-shared/money';
import { estimatedDealValue } from './lead-values';
import { normaliseEmail, normalisePhone, normaliseWebsite } from './normalise';

/** The contact fields a lead's rules look at beyond the schema's shapes. */
export interface ContactFields {
  email?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
  website?: string | undefined;
  estimatedValueMinor?: number | undefined;
}

/**
 * The contact rules of a lead beyond the schema's shapes, each refusal on its field, for a single
 * submission and for every row of an import alike: reachable (email or phone), an email and a
 * phone that normalise, a website that parses. Returns the checked estimated value.
 */
export function checkContact(input: ContactFields): Minor | null {
  if (!input.email && !input.phone) throw new AppError('validation', 'Give an email address or a phone number so the contact can be reached', 'email');
  if (input.email && normaliseEmail(input.email) === null) throw new AppError('validation', 'Enter a valid email address', 'email');
  if (input.phone && normalisePhone(input.phone, input.country) === null) {
    throw new AppError('validation', input.country ? 'Enter a phone number such as +49 30 901820' : "Enter the phone number with its country code (e.g. +49 30 901820), or give the lead's country", 'phone');
  }
  if (input.website && normaliseWebsite(input.website) === null) throw new AppError('validation', 'Enter a website such as acme.com', 'website');
  return estimatedDealValue(input.estimatedValueMinor, 'estimatedValueMinor');
}
