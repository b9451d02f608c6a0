/*
 * The lead quality score as stored with each lead and shown to the reviewer, and its tenant
 * settings. The score is computed once at submission (src-main/domain/leads/quality-score.ts)
 * and stored with its breakdown, so a later change of weights never rewrites what a reviewer
 * already saw: each line carries its own max, and the lines add up to the score.
 */

export const LEAD_SCORE_SIGNALS = ['completeness', 'email', 'phone', 'estimated_value', 'duplicate', 'partner_history'] as const;
export type LeadScoreSignal = (typeof LEAD_SCORE_SIGNALS)[number];

/** One signal's share of the score: whole points out of its max, and why, in a sentence. */
export interface LeadScoreLine {
  signal: LeadScoreSignal;
  points: number;
  max: number;
  /** E.g. "Corporate email domain acme.com: +15". */
  sentence: string;
}

export interface LeadScore {
  /** 0..100, the sum of the breakdown's points. */
  score: number;
  /** One line per signal, in LEAD_SCORE_SIGNALS order; the maxes add up to 100. */
  breakdown: LeadScoreLine[];
}

/**
 * Relative weights of the signals (tenant setting): whole numbers ≥ 0, at least one above 0.
 * They need not add up to 100; the score scales them so the maxes do.
 */
export type LeadScoreWeights = Readonly<Record<LeadScoreSignal, number>>;

/** The defaults add up to 100, so each weight is the signal's max in points. */
export const DEFAULT_LEAD_SCORE_WEIGHTS: LeadScoreWeights = {
  completeness: 20,
  email: 15,
  phone: 15,
  estimated_value: 20,
  duplicate: 20,
  partner_history: 10,
};

/** Keeps every intermediate product of the integer arithmetic far below 2^53. */
export const MAX_LEAD_SCORE_WEIGHT = 1000;

/** Fewer decided leads than this, and a partner's approval rate is too thin to judge by: the signal is neutral. */
export const DEFAULT_MIN_PARTNER_DECISIONS = 10;
