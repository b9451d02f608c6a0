import { domainToASCII } from 'node:url';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { LEAD_FIELD_LIMITS } from '../../../src-shared/contract/leads/values';
import { isFreeMailDomain } from './free-mail-domains';

/*
 * Normalisation of the lead's contact data into the forms duplicate detection compares and the
 * quality score judges: email, phone (E.164) and company domain. Pure: no I/O (node:url's
 * domainToASCII and WHATWG URL are computations).
 *
 * Phones use libphonenumber-js with its `max` metadata, not the default `min`: min checks only
 * a number's length ("possible"), max also checks the digits against each country's numbering
 * plan ("valid"), which is the distinction the phone signal of the quality score rests on. The
 * cost, about 65 KB more metadata, does not matter in the main process.
 */

// ── Email ──────────────────────────────────────────────────────────────────────────────────

export interface NormalisedEmail {
  /**
   * Trimmed and lower-cased, domain in ASCII (punycode): what is stored and shown. The local part
   * is lower-cased too: RFC 5321 lets a server tell "Jane" from "jane", but no mail provider
   * does, and a reviewer would call those the same contact.
   */
  address: string;
  /** The dedupe key: `address` with the provider's aliases folded (see PROVIDER_RULES). */
  canonical: string;
  /** The domain of `address`. */
  domain: string;
}

interface ProviderRule {
  /** Everything from the first "+" to the "@" is a tag the mailbox ignores. */
  plusTags: boolean;
  /** Dots in the local part are ignored by the mailbox. */
  ignoreDots: boolean;
  /** The domain this one is an alias of: the same local part reaches the same mailbox. */
  sameMailboxAs?: string;
}

/*
 * Only what the provider documents is folded: folding too much would flag an innocent lead as a
 * duplicate, folding too little only misses one. Hence:
 * - Gmail ignores dots and +tags; googlemail.com is the same mailbox as gmail.com.
 * - Outlook.com (outlook/hotmail/live/msn) supports +tags; dots are significant there.
 * - iCloud supports +tags; me.com and mac.com are the same mailbox as icloud.com (one namespace).
 * - Fastmail and Proton support +tags (Proton's pm.me is an extra address of paid plans only,
 *   so it is not folded into proton.me).
 * Yahoo's disposable addresses use "-" with a chosen base name, which cannot be told from a
 * real hyphen, so Yahoo is not folded. Unknown domains keep their +tags: a company's own mail
 * server may treat "+" as an ordinary character.
 */
const PLUS_ONLY: ProviderRule = { plusTags: true, ignoreDots: false };
export const PROVIDER_RULES: Readonly<Record<string, ProviderRule>> = {
  'gmail.com': { plusTags: true, ignoreDots: true },
  'googlemail.com': { plusTags: true, ignoreDots: true, sameMailboxAs: 'gmail.com' },
  'outlook.com': PLUS_ONLY,
  'hotmail.com': PLUS_ONLY,
  'live.com': PLUS_ONLY,
  'msn.com': PLUS_ONLY,
  'hotmail.co.uk': PLUS_ONLY,
  'hotmail.fr': PLUS_ONLY,
  'hotmail.de': PLUS_ONLY,
  'hotmail.it': PLUS_ONLY,
  'hotmail.es': PLUS_ONLY,
  'outlook.de': PLUS_ONLY,
  'outlook.fr': PLUS_ONLY,
  'live.co.uk': PLUS_ONLY,
  'live.fr': PLUS_ONLY,
  'live.de': PLUS_ONLY,
  'live.nl': PLUS_ONLY,
  'icloud.com': PLUS_ONLY,
  'me.com': { ...PLUS_ONLY, sameMailboxAs: 'icloud.com' },
  'mac.com': { ...PLUS_ONLY, sameMailboxAs: 'icloud.com' },
  'fastmail.com': PLUS_ONLY,
  'fastmail.fm': PLUS_ONLY,
  'proton.me': PLUS_ONLY,
  'protonmail.com': PLUS_ONLY,
  'protonmail.ch': PLUS_ONLY,
  'pm.me': PLUS_ONLY,
};

// RFC 5322 dot-atom (no quoted local parts, no comments): what real mailboxes use. Internationalised
// local parts (SMTPUTF8) are refused; internationalised domains are accepted and stored as punycode.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const MAX_LOCAL_PART = 64;

/** The email as stored and its dedupe key, or null when empty or not a valid address. */
export function normaliseEmail(raw: string | null | undefined): NormalisedEmail | null {
  const text = (raw ?? '').trim();
  if (lastEmail !== null && lastEmail.text === text) return lastEmail.result;
  const result = readEmail(text);
  lastEmail = { text, result };
  return result;
}

/** The last answer, for the same reason as normalisePhone's: several rules ask about one lead's email in turn. */
let lastEmail: { text: string; result: NormalisedEmail | null } | null = null;

function readEmail(text: string): NormalisedEmail | null {
  if (text === '' || text.length > LEAD_FIELD_LIMITS.email) return null;
  const at = text.lastIndexOf('@');
  if (at <= 0) return null;
  const local = text.slice(0, at).toLowerCase();
  const domain = normaliseHostName(text.slice(at + 1), { stripWww: false });
  if (domain === null || local.length > MAX_LOCAL_PART || !LOCAL_PART.test(local)) return null;
  const address = `${local}@${domain}`;
  if (address.length > LEAD_FIELD_LIMITS.email) return null;
  return Object.freeze({ address, canonical: canonicalAddress(local, domain), domain });
}

function canonicalAddress(local: string, domain: string): string {
  const rule = PROVIDER_RULES[domain];
  if (rule === undefined) return `${local}@${domain}`;
  let mailbox = local;
  if (rule.plusTags) {
    const plus = mailbox.indexOf('+');
    // "+tag@gmail.com" has no mailbox name before the tag: keep it whole rather than fold it to "@gmail.com".
    if (plus > 0) mailbox = mailbox.slice(0, plus);
  }
  if (rule.ignoreDots) mailbox = mailbox.replace(/\./g, '') || mailbox;
  return `${mailbox}@${rule.sameMailboxAs ?? domain}`;
}

// ── Host names and company domain ────────────────────────────────────────────────────────────

const HOST_CHARACTERS = /[^\p{L}\p{M}\p{N}.-]/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A host name in lower-case ASCII (IDN as punycode), without a trailing dot and, if asked,
 * without a leading "www."; null unless it has at least two labels of letters, digits and
 * inner hyphens and an alphabetic (or punycode) top-level label, which also refuses IP addresses.
 */
function normaliseHostName(raw: string, options: { stripWww: boolean }): string | null {
  const text = raw.trim().replace(/\.$/, '');
  // domainToASCII parses a URL host and would quietly drop "/x", "?x" or "#x": refuse anything but letters, digits, dots and hyphens first.
  if (HOST_CHARACTERS.test(text)) return null;
  let host = domainToASCII(text);
  if (host === '' || host.length > 253) return null;
  if (options.stripWww && host.startsWith('www.')) host = host.slice(4);
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return TOP_LEVEL.test(labels[labels.length - 1] ?? '') ? host : null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The host of a website field: "https://WWW.Acme.com:8443/about?x" → "acme.com". Accepts a
 * bare host ("acme.com/contact") or a URL with any scheme; drops user info, port, path, query
 * and fragment. Subdomains other than "www." are kept: telling "shop.acme.com" from
 * "acme.co.uk" needs the public suffix list, and over-merging is worse than missing a match.
 */
export function normaliseWebsite(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (text === '' || text.length > LEAD_FIELD_LIMITS.website || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(`http://${text.replace(SCHEME, '')}`);
  } catch {
    return null;
  }
  return normaliseHostName(url.hostname, { stripWww: true });
}

/**
 * The company's domain, for channel-conflict detection: the email's domain when it is not a
 * free-mail provider (a working mailbox is better evidence than a typed website), else the
 * website's host when that is not one either, else null. A free-mail domain is never a company
 * domain: every gmail.com lead would otherwise collide.
 */
export function companyDomain(fields: { email?: string | null; website?: string | null }): string | null {
  const emailDomain = normaliseEmail(fields.email)?.domain;
  const fromEmail = emailDomain === undefined ? null : normaliseHostName(emailDomain, { stripWww: true });
  if (fromEmail !== null && !isFreeMailDomain(fromEmail)) return fromEmail;
  const fromWebsite = normaliseWebsite(fields.website);
  if (fromWebsite !== null && !isFreeMailDomain(fromWebsite)) return fromWebsite;
  return null;
}

// ── Phone ──────────────────────────────────────────────────────────────────────────────────

export interface NormalisedPhone {
  /** E.164 ("+4930901820"); an extension is dropped: it reaches the same switchboard. */
  e164: string;
  /** The digits fit the country's numbering plan (libphonenumber's isValid with max metadata); otherwise only the length fits. */
  valid: boolean;
}

/**
 * The phone in E.164, or null when empty or not even of a possible length. A national number
 * ("030 901820") is read in `country`, the lead's country (ISO 3166 alpha-2); an unknown or
 * missing country leaves only international numbers ("+49 30 901820") readable.
 */
export function normalisePhone(raw: string | null | undefined, country?: string | null): NormalisedPhone | null {
  const text = (raw ?? '').trim();
  if (text === '' || text.length > LEAD_FIELD_LIMITS.phone) return null;
  const region = country?.trim().toUpperCase() ?? '';
  if (lastPhone !== null && lastPhone.text === text && lastPhone.region === region) return lastPhone.result;
  const parsed = parsePhoneNumberFromString(text, isSupportedCountry(region) ? { defaultCountry: region } : undefined);
  const result = parsed === undefined || !parsed.isPossible() ? null : Object.freeze({ e164: parsed.number, valid: parsed.isValid() });
  lastPhone = { text, region, result };
  return result;
}

/**
 * The last answer: the contact rules, the dedupe keys and the quality score each ask about the
 * same lead's phone in turn, and parsing one costs about 18 µs (the bulk of an imported row's
 * checks). Safe because the function is pure and the result is never mutated by its callers.
 */
let lastPhone: { text: string; region: string; result: NormalisedPhone | null } | null = null;
