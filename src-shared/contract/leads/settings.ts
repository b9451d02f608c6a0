import { z } from 'zod';
import { ALL_STAFF } from '../roles';
import { mutation, query } from '../procedure';
import { LEAD_SCORE_SIGNALS, MAX_LEAD_SCORE_WEIGHT, type LeadScoreSignal, type LeadScoreWeights } from './score-types';
import { MAX_DEAL_VALUE_MINOR, MAX_PROTECTION_WINDOW_DAYS, type LeadStatus } from './values';
import type { LeadPartnerRef } from './types';

/*
 * A workspace's lead settings (services/leads/settings.ts and rescoring.ts): the score weights,
 * the duplicate protection window, the reference deal value, the partner-history threshold and
 * the standard rejection reasons. Changing the weights never rewrites a stored score; only the
 * explicit, audited `leads.rescore` does, and only for leads nobody has decided yet.
 */

/** Offered in the reject dialogs until an admin sets the workspace's own list; a reviewer may still write any reason. */
export const DEFAULT_REJECTION_REASONS: readonly string[] = [
  'Duplicate of an earlier registration',
  'Outside our target market',
  'Contact incomplete or unreachable',
  'Already a customer',
  'No real buying interest',
];

export const REJECTION_REASON_LIMITS = { maxReasons: 30, length: 200 } as const;

/** The largest partner-history threshold: a record of more decided leads than this is judged anyway. */
export const MAX_MIN_PARTNER_DECISIONS = 1000;

const weight = z
  .number({ error: 'Weight must be a number' })
  .int('Weight must be a whole number')
  .min(0, 'Weight cannot be negative')
  .max(MAX_LEAD_SCORE_WEIGHT, `Weight must be at most ${MAX_LEAD_SCORE_WEIGHT}`);

/**
 * All six weights at once: a weight is only meaningful relative to the others. The shape is
 * checked here; "at least one above 0" is the domain's rule (assertLeadScoreWeights), answered by
 * the service on `weights`.
 */
export const scoreWeightsInput = z.object(Object.fromEntries(LEAD_SCORE_SIGNALS.map((s) => [s, weight])) as Record<LeadScoreSignal, typeof weight>).strict();

export const rejectionReasonsInput = z
  .array(
    z
      .string({ error: 'A reason must be text' })
      .trim()
      .min(1, 'A reason cannot be empty')
      .max(REJECTION_REASON_LIMITS.length, `A reason must be at most ${REJECTION_REASON_LIMITS.length} characters`),
  )
  .min(1, 'Keep at least one standard reason')
  .max(REJECTION_REASON_LIMITS.maxReasons, `At most ${REJECTION_REASON_LIMITS.maxReasons} standard reasons`)
  .refine((reasons) => new Set(reasons.map((r) => r.toLowerCase())).size === reasons.length, 'Each reason may appear once');

/** Any subset of the settings; the others keep their values. */
export const updateLeadSettingsInput = z
  .object({
    weights: scoreWeightsInput.optional(),
    protectionWindowDays: z
      .number({ error: 'Days must be a number' })
      .int('Days must be a whole number')
      .min(1, 'The protection window is at least 1 day')
      .max(MAX_PROTECTION_WINDOW_DAYS, `The protection window is at most ${MAX_PROTECTION_WINDOW_DAYS} days`)
      .optional(),
    referenceDealValueMinor: z
      .number({ error: 'Amount must be a number' })
      .int('Amount must be in whole minor units (cents)')
      .min(1, 'The reference deal value must be above zero')
      .max(MAX_DEAL_VALUE_MINOR, 'The reference deal value is too large')
      .optional(),
    minPartnerDecisions: z
      .number({ error: 'Must be a number' })
      .int('Must be a whole number')
      .min(1, 'At least 1 decided lead')
      .max(MAX_MIN_PARTNER_DECISIONS, `At most ${MAX_MIN_PARTNER_DECISIONS} decided leads`)
      .optional(),
    rejectionReasons: rejectionReasonsInput.optional(),
  })
  .strict()
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'Change at least one setting');

export interface LeadSettingsView {
  weights: LeadScoreWeights;
  /** The points each signal can give at most under these weights (they add up to 100). */
  maxima: Record<LeadScoreSignal, number>;
  protectionWindowDays: number;
  /** Minor units of `currency`: the estimated deal value that earns the full value points. */
  referenceDealValueMinor: number;
  currency: string;
  /** Fewer decided leads than this, and the partner-history signal is neutral. */
  minPartnerDecisions: number;
  rejectionReasons: string[];
}

export interface WeightsPreviewRow {
  id: string;
  contactName: string;
  partner: LeadPartnerRef;
  status: LeadStatus;
  /** The score stored with the lead (what the reviewer sees). */
  oldScore: number;
  /** The score under the proposed weights. */
  newScore: number;
}

export interface WeightsPreview {
  /** Most recent first. */
  rows: WeightsPreviewRow[];
  summary: { leads: number; up: number; down: number; unchanged: number; /** Mean of new − old, one decimal. */ meanChange: number };
  /** The points each signal could give at most under the proposed weights. */
  maxima: Record<LeadScoreSignal, number>;
}

export interface RescoreResult {
  /** Pending leads read. */
  examined: number;
  /** Those whose score or breakdown changed (written, version bumped). */
  rescored: number;
  weights: LeadScoreWeights;
}

export const PREVIEW_LEADS = 200;

export const leadSettingsProcedures = {
  'leads.settings': query(z.object({}).strict()).returns<LeadSettingsView>(
    ALL_STAFF,
    "The workspace's lead settings: score weights (and the points each can give), protection window, reference deal value, partner-history threshold and standard rejection reasons.",
  ),
  'leads.updateSettings': mutation(updateLeadSettingsInput)
    .effects('leads', 'activity')
    .returns<LeadSettingsView>(['admin'], 'Changes any of the lead settings (audited with what changed); stored scores stay as they are until an explicit rescore.'),
  'leads.previewWeights': query(z.object({ weights: scoreWeightsInput }).strict()).returns<WeightsPreview>(
    ['admin'],
    `The ${PREVIEW_LEADS} most recent leads scored under proposed weights beside their stored score, with how many go up or down; the duplicate signal comes from each lead's stored matches and the partner's decision record is today's.`,
  ),
  'leads.rescore': mutation(z.object({}).strict())
    .effects('leads', 'activity')
    .returns<RescoreResult>(['admin'], "Rescores the pending (submitted, under review) leads with the current weights in chunks, each audited; decided leads keep their score. A changed lead's version moves, so a reviewer's stale action conflicts."),
} as const;
