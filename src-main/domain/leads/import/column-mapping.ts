import { AppError } from '../../../../src-shared/contract/errors';
import { LEAD_EXTRA_FIELD_LIMITS } from '../../../../src-shared/contract/leads';
import type { ImportColumn, ImportFieldTarget, ImportTarget } from '../../../../src-shared/contract/leads';

/*
 * Which column fills which lead field. Suggested from the header names (the names CRMs and
 * spreadsheets use, in English, German and French), or the partner's previous mapping when the
 * new file has the same headers. Unknown columns become extra fields (kept with the lead under
 * their header) rather than being dropped silently; the person importing can set them to ignore.
 */

const ALIASES: Record<ImportFieldTarget, readonly string[]> = {
  contactName: ['contactname', 'contact', 'name', 'fullname', 'contactperson', 'person', 'ansprechpartner', 'nom', 'nomcomplet'],
  company: ['company', 'companyname', 'organisation', 'organization', 'account', 'accountname', 'firma', 'unternehmen', 'societe', 'entreprise'],
  email: ['email', 'emailaddress', 'mail', 'contactemail', 'courriel'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'telefon', 'portable'],
  country: ['country', 'countrycode', 'land', 'pays'],
  jobTitle: ['jobtitle', 'title', 'position', 'role', 'function', 'funktion', 'poste'],
  productInterest: ['productinterest', 'product', 'interest', 'interestedin', 'produkt'],
  website: ['website', 'web', 'url', 'homepage', 'domain', 'site', 'siteweb'],
  notes: ['notes', 'note', 'comment', 'comments', 'description', 'remarks', 'bemerkung', 'commentaire'],
  estimatedValue: ['estimatedvalue', 'value', 'dealvalue', 'amount', 'dealsize', 'budget', 'wert', 'montant'],
};

const FIELD_TARGETS = Object.keys(ALIASES) as ImportFieldTarget[];

/** "E-Mail Address" → "emailaddress": letters and digits only, accents folded. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const BY_ALIAS = new Map<string, ImportFieldTarget>(FIELD_TARGETS.flatMap((t) => ALIASES[t].map((a) => [a, t] as const)));

/** Each header's field by name; a field claimed once (the first column named for it wins); the rest extra, empty headers ignored. */
export function suggestMapping(headers: readonly string[]): ImportColumn[] {
  const taken = new Set<ImportTarget>();
  return headers.map((header) => {
    const field = BY_ALIAS.get(headerKey(header));
    if (field && !taken.has(field)) {
      taken.add(field);
      return { header, target: field };
    }
    return { header, target: header.trim() === '' ? 'ignore' : 'extra' };
  });
}

/** The partner's previous mapping, when it was for exactly these headers (same names, same order). */
export function rememberedMappingFor(headers: readonly string[], remembered: readonly ImportColumn[] | null): ImportColumn[] | null {
  if (!remembered || remembered.length !== headers.length) return null;
  return remembered.every((c, i) => c.header === headers[i]) ? remembered.map((c) => ({ ...c })) : null;
}

/**
 * A mapping the import can run with, for this file: one entry per column in order, each field
 * at most once, a contact name and a way to reach the contact, and no more extra fields than a
 * lead holds. Refusals name the mapping, so the screen shows them next to it.
 */
export function checkMapping(mapping: readonly ImportColumn[], headers: readonly string[]): void {
  if (mapping.length !== headers.length || mapping.some((c, i) => c.header !== headers[i])) {
    throw new AppError('validation', "The column mapping does not match the file's header; preview the file again", 'mapping');
  }
  const used = new Map<ImportTarget, string>();
  for (const c of mapping) {
    if (c.target === 'extra' || c.target === 'ignore') continue;
    const earlier = used.get(c.target);
    if (earlier !== undefined) throw new AppError('validation', `"${earlier}" and "${c.header}" both fill the same field; choose one`, 'mapping');
    used.set(c.target, c.header);
  }
  if (!used.has('contactName')) throw new AppError('validation', 'Choose the column with the contact name', 'mapping');
  if (!used.has('email') && !used.has('phone')) throw new AppError('validation', 'Choose the column with the email address or the phone number', 'mapping');
  const extras = mapping.filter((c) => c.target === 'extra');
  if (extras.length > LEAD_EXTRA_FIELD_LIMITS.maxFields) {
    throw new AppError('validation', `At most ${LEAD_EXTRA_FIELD_LIMITS.maxFields} columns can be kept as extra fields; set the others to ignore`, 'mapping');
  }
  if (extras.some((c) => c.header.trim() === '')) throw new AppError('validation', 'A column without a header cannot be kept as an extra field; set it to ignore', 'mapping');
  if (extras.some((c) => c.header.trim().length > LEAD_EXTRA_FIELD_LIMITS.keyLength)) {
    throw new AppError('validation', `An extra field's header must be at most ${LEAD_EXTRA_FIELD_LIMITS.keyLength} characters; set longer ones to ignore`, 'mapping');
  }
}
