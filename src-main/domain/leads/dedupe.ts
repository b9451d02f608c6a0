import { AppError } from '../../../src-shared/contract/errors';
import { DEFAULT_PROTECTION_WINDOW_DAYS, LIVE_LEAD_STATUSES, MAX_PROTECTION_WINDOW_DAYS, type LeadStatus } from '../../../src-shared/contract/leads/values';
import { companyDomain, normaliseEmail, normalisePhone } from './normalise';

/*
 * Duplicate / channel-conflict detection, pure. The service looks up, in the lead's tenant and
 * across all partners, the earlier leads that share any dedupe key (indexed columns holding
 * these keys) since protectionWindowStart(); this module decides which of them count and which
 * one the new lead duplicates. The reviewer decides in the end; the earliest registration is
 * the default winner, so it is the one the new lead is linked to.
 */

export const DEDUPE_KEYS = ['email', 'phone', 'companyDomain'] as const;
export type DedupeKey = (typeof DEDUPE_KEYS)[number];

/** The normalised forms a lead is compared on; null when the lead has no usable value. */
export type DedupeKeys = Readonly<Record<DedupeKey, string | null>>;

export interface DedupeFields {
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  /** The lead's country (ISO 3166 alpha-2): how a national phone number is read. */
  country?: string | null;
}

/**
 * The keys stored with a lead. A phone counts once it has a possible length, even where the
 * numbering plan does not know it (yet): equal E.164 digits are the same line either way.
 */
export function dedupeKeysOf(lead: DedupeFields): DedupeKeys {
  return {
    email: normaliseEmail(lead.email)?.canonical ?? null,
    phone: normalisePhone(lead.phone, lead.country)?.e164 ?? null,
    companyDomain: companyDomain(lead),
  };
}

/** An earlier lead of the same tenant that shares at least one key, as the service found it. */
export interface DedupeCandidate {
  id: string;
  partnerId: string;
  status: LeadStatus;
  submittedAt: Date;
  keys: DedupeKeys;
}

export interface DuplicateMatch {
  leadId: string;
  partnerId: string;
  submittedAt: Date;
  /** The keys both leads share, in DEDUPE_KEYS order. */
  matchedOn: DedupeKey[];
}

export interface DuplicateDecision {
  /** The lead the new one is flagged against: the earliest registration among the matches. */
  duplicateOf: DuplicateMatch;
  /** Every counting match, earliest first (the duplicate panel lists them). */
  matches: DuplicateMatch[];
}

const DAY_MS = 86_400_000;

/**
 * The protection window counts whole days of 24 hours back from the new lead's submission
 * instant, not calendar days: the boundary is then the same moment for every reviewer's time
 * zone and the same in the service's SQL (`submitted_at >= start`) as here. A lead registered
 * exactly `windowDays` days earlier is still protected.
 */
export function protectionWindowStart(submittedAt: Date, windowDays: number = DEFAULT_PROTECTION_WINDOW_DAYS): Date {
  assertWindowDays(windowDays);
  return new Date(submittedAt.getTime() - windowDays * DAY_MS);
}

/** The tenant setting's check: whole days from 1 to MAX_PROTECTION_WINDOW_DAYS. */
export function assertWindowDays(windowDays: number): void {
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_PROTECTION_WINDOW_DAYS) {
    throw new AppError('validation', `The protection window must be a whole number of days from 1 to ${MAX_PROTECTION_WINDOW_DAYS}`, 'protectionWindowDays');
  }
}

/** Which keys two leads share; null never matches null. */
export function sharedKeys(a: DedupeKeys, b: DedupeKeys): DedupeKey[] {
  return DEDUPE_KEYS.filter((key) => a[key] !== null && a[key] === b[key]);
}

const LIVE: ReadonlySet<LeadStatus> = new Set(LIVE_LEAD_STATUSES);

/**
 * The earlier lead the new one duplicates, or null. A candidate counts when it is another lead
 * (not `lead.id`), live (not rejected: a refused registration protects nothing), registered
 * inside the window and before the new lead (registeredBefore), and shares a key. Any partner
 * counts, the same one included: a partner registering a contact twice is a duplicate too.
 * Ties on the instant go to the smaller id (ids are UUIDv7, so time-ordered), which keeps the
 * decision stable.
 */
export function findDuplicate(
  lead: { id?: string; submittedAt: Date; keys: DedupeKeys },
  candidates: readonly DedupeCandidate[],
  windowDays: number = DEFAULT_PROTECTION_WINDOW_DAYS,
): DuplicateDecision | null {
  const start = protectionWindowStart(lead.submittedAt, windowDays).getTime();
  const matches = candidates
    .filter((c) => c.id !== lead.id && LIVE.has(c.status) && c.submittedAt.getTime() >= start && registeredBefore(c, lead))
    .map((c): DuplicateMatch => ({ leadId: c.id, partnerId: c.partnerId, submittedAt: c.submittedAt, matchedOn: sharedKeys(lead.keys, c.keys) }))
    .filter((m) => m.matchedOn.length > 0)
    .sort((a, b) => compareRegistration(a.submittedAt, a.leadId, b.submittedAt, b.leadId));
  const first = matches[0];
  return first === undefined ? null : { duplicateOf: first, matches };
}

/**
 * Registration order: by instant, then by id. Two rows of one import share an instant; the id
 * decides between them, so of two such leads exactly one is the earlier. A new lead without an
 * id yet comes after every lead of its instant.
 */
function registeredBefore(candidate: DedupeCandidate, lead: { id?: string; submittedAt: Date }): boolean {
  if (lead.id === undefined) return candidate.submittedAt.getTime() <= lead.submittedAt.getTime();
  return compareRegistration(candidate.submittedAt, candidate.id, lead.submittedAt, lead.id) < 0;
}

function compareRegistration(atA: Date, idA: string, atB: Date, idB: string): number {
  return atA.getTime() - atB.getTime() || (idA < idB ? -1 : idA > idB ? 1 : 0);
}

/** What a partner user may see of a duplicate flag: that there is one, on which keys, and whether it is their own earlier lead. */
export interface PartnerDuplicateView {
  flagged: true;
  matchedOn: DedupeKey[];
  /** The earlier lead's id only when it is the viewer's own; another partner's lead stays anonymous. */
  ownLeadId: string | null;
}

/** A partner never learns which other partner registered the lead, nor that lead's id or date. */
export function duplicateForPartner(match: DuplicateMatch, viewerPartnerId: string): PartnerDuplicateView {
  return { flagged: true, matchedOn: [...match.matchedOn], ownLeadId: match.partnerId === viewerPartnerId ? match.leadId : null };
}
