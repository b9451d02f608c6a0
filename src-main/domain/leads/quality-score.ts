import { AppError } from '../../../src-shared/contract/errors';
import { formatMoney, type Minor } from '../../../src-shared/money';
import {
  DEFAULT_MIN_PARTNER_DECISIONS,
  LEAD_SCORE_SIGNALS,
  MAX_LEAD_SCORE_WEIGHT,
  type LeadScore,
  type LeadScoreLine,
  type LeadScoreSignal,
  type LeadScoreWeights,
} from '../../../src-shared/contract/leads/score-types';
import type { DedupeKey } from './dedupe';
import { isFreeMailDomain } from './free-mail-domains';
import { normaliseEmail, normalisePhone } from './normalise';

/*
 * The lead quality score, 0..100: pure and deterministic (same lead, context and weights → the
 * same score, breakdown and sentences), so it can be stored at submission and re-derived.
 *
 * Integer arithmetic only. Each signal judges the lead as an exact fraction num/den of its
 * share (e.g. 5 of 7 fields). The weights are scaled to maxes that add up to exactly 100
 * (largest-remainder apportionment; with the default weights, which add up to 100, each max is
 * the weight itself). A signal's points are max × num / den, rounded half-to-even once, and
 * the score is the sum of the points. So every stored number is a whole number, the lines add
 * up to the score the reviewer sees, and no line exceeds its max (num ≤ den), which keeps the
 * score within 0..100. Rounding the total once instead would leave a breakdown that does not
 * add up.
 */

export { DEFAULT_LEAD_SCORE_WEIGHTS, type LeadScore, type LeadScoreLine, type LeadScoreWeights } from '../../../src-shared/contract/leads/score-types';

/** The lead as submitted (raw text; the score normalises what it judges). */
export interface ScorableLead {
  contactName?: string | null;
  company?: string | null;
  email?: string | null;
  phone?: string | null;
  /** ISO 3166 alpha-2; also how a national phone number is read. */
  country?: string | null;
  jobTitle?: string | null;
  productInterest?: string | null;
  estimatedValue?: Minor | null;
}

/** What the service knows besides the lead: tenant settings and the partner's record. */
export interface ScoreContext {
  /** The tenant's currency, for the sentences. */
  currency: string;
  /** Tenant setting: the deal value that earns the full estimated-value points; > 0. */
  referenceDealValue: Minor;
  /** The partner's decided leads so far (approved + converted + rejected = decided). */
  partnerDecisions: { approved: number; converted: number; rejected: number };
  /** Below this many decided leads the approval-rate signal is neutral (default DEFAULT_MIN_PARTNER_DECISIONS). */
  minPartnerDecisions?: number;
  /** The duplicate decision's match (dedupe.findDuplicate), null when there is none. */
  duplicate: { matchedOn: readonly DedupeKey[] } | null;
}

/** A signal's verdict before weighting: an exact fraction of its share, and the reason in words. */
interface Judgement {
  num: number;
  den: number;
  reason: string;
}

const SCORE_TOTAL = 100;
/** Fixed, so a stored sentence does not depend on the locale of the machine that scored it. */
const SENTENCE_LOCALE = 'en-US';

/** Throws a validation error (field `weights.<signal>`) unless every weight is a whole number 0..MAX and one is above 0. */
export function assertLeadScoreWeights(weights: LeadScoreWeights): void {
  for (const signal of LEAD_SCORE_SIGNALS) {
    const w: unknown = weights[signal];
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > MAX_LEAD_SCORE_WEIGHT) {
      throw new AppError('validation', `Weight must be a whole number from 0 to ${MAX_LEAD_SCORE_WEIGHT}`, `weights.${signal}`);
    }
  }
  if (LEAD_SCORE_SIGNALS.every((signal) => weights[signal] === 0)) {
    throw new AppError('validation', 'At least one weight must be above 0', 'weights');
  }
}

/**
 * The points each signal can give at most: the weights scaled to add up to exactly 100. Each
 * signal gets the whole part of its exact share; the points left over go one each to the largest
 * remainders, ties to the earlier signal (LEAD_SCORE_SIGNALS order), so the split is deterministic.
 * A weight of 0 always gets 0. The weights editor shows these as "up to N points".
 */
export function leadScoreMaxima(weights: LeadScoreWeights): Record<LeadScoreSignal, number> {
  assertLeadScoreWeights(weights);
  const total = LEAD_SCORE_SIGNALS.reduce((sum, s) => sum + weights[s], 0);
  const shares = LEAD_SCORE_SIGNALS.map((signal, order) => {
    const exact = SCORE_TOTAL * weights[signal];
    return { signal, order, points: Math.floor(exact / total), remainder: exact % total };
  });
  let left = SCORE_TOTAL - shares.reduce((sum, s) => sum + s.points, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.order - b.order)) {
    if (left === 0) break;
    share.points += 1;
    left -= 1;
  }
  return Object.fromEntries(shares.map((s) => [s.signal, s.points])) as Record<LeadScoreSignal, number>;
}

/**
 * leadScoreMaxima for the last weights scored with: an import scores 100,000 leads with one
 * weights object. Keyed by the six values, not the object, so a mutated object is never trusted.
 */
let lastMaxima: { key: string; maxima: Record<LeadScoreSignal, number> } | null = null;
function maximaOf(weights: LeadScoreWeights): Record<LeadScoreSignal, number> {
  const key = LEAD_SCORE_SIGNALS.map((s) => weights[s]).join(',');
  if (lastMaxima?.key !== key) lastMaxima = { key, maxima: leadScoreMaxima(weights) };
  return lastMaxima.maxima;
}

/** num/den rounded to the nearest integer, ties to the even one; exact for any safe integers. */
export function roundHalfEven(num: number, den: number): number {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) throw new RangeError(`roundHalfEven needs safe integers and den > 0, got ${num}/${den}`);
  const n = BigInt(num);
  const d = BigInt(den);
  let q = n / d; // truncates toward zero
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  const twice = 2n * r;
  if (twice > d || (twice === d && q % 2n !== 0n)) q += 1n;
  return Number(q);
}

/** The score of a lead with its breakdown, one line per signal in LEAD_SCORE_SIGNALS order. */
export function scoreLead(lead: ScorableLead, context: ScoreContext, weights: LeadScoreWeights): LeadScore {
  const maxima = maximaOf(weights);
  const judgements: Record<LeadScoreSignal, Judgement> = {
    completeness: judgeCompleteness(lead),
    email: judgeEmail(lead),
    phone: judgePhone(lead),
    estimated_value: judgeEstimatedValue(lead, context),
    duplicate: judgeDuplicate(context),
    partner_history: judgePartnerHistory(context),
  };
  const breakdown = LEAD_SCORE_SIGNALS.map((signal): LeadScoreLine => {
    const max = maxima[signal];
    const { num, den, reason } = judgements[signal];
    const points = roundHalfEven(max * num, den);
    const sentence = max === 0 ? `${reason}: +0 (weight 0, signal off)` : `${reason}: +${points}`;
    return { signal, points, max, sentence };
  });
  return { score: breakdown.reduce((sum, line) => sum + line.points, 0), breakdown };
}

// ── The signals ────────────────────────────────────────────────────────────────────────────

/** The descriptive fields a reviewer needs; value and notes are judged elsewhere or not at all. */
const COMPLETENESS_FIELDS = [
  ['contactName', 'contact name'],
  ['company', 'company'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['country', 'country'],
  ['jobTitle', 'job title'],
  ['productInterest', 'product interest'],
] as const satisfies ReadonlyArray<readonly [keyof ScorableLead, string]>;

const present = (value: string | null | undefined) => (value ?? '').trim() !== '';

function judgeCompleteness(lead: ScorableLead): Judgement {
  const missing = COMPLETENESS_FIELDS.filter(([field]) => !present(lead[field])).map(([, label]) => label);
  const den = COMPLETENESS_FIELDS.length;
  const num = den - missing.length;
  if (missing.length === 0) return { num, den, reason: `All ${den} contact fields filled in` };
  if (num === 0) return { num, den, reason: `None of the ${den} contact fields filled in` };
  return { num, den, reason: `${num} of ${den} contact fields filled in (missing: ${missing.join(', ')})` };
}

/** A free-mail address is real but says nothing about a company: a third of the email share. */
function judgeEmail(lead: ScorableLead): Judgement {
  if (!present(lead.email)) return { num: 0, den: 1, reason: 'No email address' };
  const email = normaliseEmail(lead.email);
  if (email === null) return { num: 0, den: 1, reason: 'Email address is not valid' };
  if (isFreeMailDomain(email.domain)) return { num: 1, den: 3, reason: `Free-mail domain ${email.domain}, not a company address` };
  return { num: 1, den: 1, reason: `Corporate email domain ${email.domain}` };
}

/** A number of possible length that the numbering plan does not know may still be new: half the share. */
function judgePhone(lead: ScorableLead): Judgement {
  if (!present(lead.phone)) return { num: 0, den: 1, reason: 'No phone number' };
  const phone = normalisePhone(lead.phone, lead.country);
  if (phone === null) {
    return { num: 0, den: 1, reason: present(lead.country) ? 'Phone number could not be read' : "Phone number could not be read (a national number needs the lead's country)" };
  }
  if (!phone.valid) return { num: 1, den: 2, reason: `Phone number ${phone.e164} has a possible length but is not a known number range` };
  return { num: 1, den: 1, reason: `Valid phone number ${phone.e164}` };
}

/** Bands relative to the tenant's reference amount R: ≥ R full, ≥ R/2 three quarters, ≥ R/10 half, > 0 a quarter. */
function judgeEstimatedValue(lead: ScorableLead, context: ScoreContext): Judgement {
  const reference = context.referenceDealValue;
  if (!Number.isSafeInteger(reference) || reference <= 0) {
    throw new AppError('validation', 'The reference deal value must be a positive amount', 'referenceDealValue');
  }
  const value = lead.estimatedValue;
  if (value === null || value === undefined) return { num: 0, den: 4, reason: 'No estimated deal value' };
  if (value <= 0) return { num: 0, den: 4, reason: 'Estimated deal value is zero' };
  const money = (m: number) => formatMoney(m, context.currency, SENTENCE_LOCALE);
  const amount = `Estimated deal value ${money(value)}`;
  const ref = money(reference);
  // BigInt: ten times a large deal value may exceed 2^53.
  const v = BigInt(value);
  const r = BigInt(reference);
  if (v >= r) return { num: 4, den: 4, reason: `${amount} is at or above the reference ${ref}` };
  if (2n * v >= r) return { num: 3, den: 4, reason: `${amount} is at least half the reference ${ref}` };
  if (10n * v >= r) return { num: 2, den: 4, reason: `${amount} is at least a tenth of the reference ${ref}` };
  return { num: 1, den: 4, reason: `${amount} is below a tenth of the reference ${ref}` };
}

/** The full share without a duplicate; none when email or phone match; half when only the company domain does (same company, perhaps another contact). */
function judgeDuplicate(context: ScoreContext): Judgement {
  const matched = context.duplicate?.matchedOn ?? [];
  if (matched.length === 0) return { num: 1, den: 1, reason: 'No duplicate of a live lead found' };
  const keys = matched.map((k) => KEY_TEXT[k]).join(' and ');
  if (matched.includes('email') || matched.includes('phone')) return { num: 0, den: 1, reason: `Duplicate of an earlier lead (same ${keys})` };
  return { num: 1, den: 2, reason: `Same ${keys} as an earlier lead (possible channel conflict)` };
}

const KEY_TEXT: Readonly<Record<DedupeKey, string>> = { email: 'email', phone: 'phone', companyDomain: 'company domain' };

/** (approved + converted) / decided, DOMAIN.md's approval rate; neutral (half the share) while the record is thin. */
function judgePartnerHistory(context: ScoreContext): Judgement {
  const { approved, converted, rejected } = context.partnerDecisions;
  for (const n of [approved, converted, rejected]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Decision counts must be whole numbers ≥ 0, got ${n}`);
  }
  const decided = approved + converted + rejected;
  const needed = Math.max(1, context.minPartnerDecisions ?? DEFAULT_MIN_PARTNER_DECISIONS);
  if (decided < needed) {
    return { num: 1, den: 2, reason: `Only ${decided} decided ${decided === 1 ? 'lead' : 'leads'} from this partner so far (fewer than ${needed}), neutral` };
  }
  const accepted = approved + converted;
  const percent = roundHalfEven(100 * accepted, decided);
  return { num: accepted, den: decided, reason: `Partner's past approval rate ${percent}% (${accepted} of ${decided} decided leads)` };
}
