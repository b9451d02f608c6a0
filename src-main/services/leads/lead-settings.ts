import { AppError } from '../../../src-shared/contract/errors';
import { DEFAULT_LEAD_SCORE_WEIGHTS, DEFAULT_MIN_PARTNER_DECISIONS, LEAD_SCORE_SIGNALS, type LeadScoreWeights } from '../../../src-shared/contract/leads/score-types';
import { DEFAULT_PROTECTION_WINDOW_DAYS } from '../../../src-shared/contract/leads/values';
import { DEFAULT_REJECTION_REASONS } from '../../../src-shared/contract/leads/settings';
import type { AppDb, Database } from '../../data/database';
import { assertWindowDays } from '../../domain/leads/dedupe';
import { assertLeadScoreWeights } from '../../domain/leads/quality-score';
import { workspaceSettingsOf } from '../workspaces/settings';
import { tenantFacts } from '../workspaces/tenant-cache';

/*
 * The lead settings of a workspace: the key `leads` of the tenant's settings JSON, each entry
 * read over its default, so a workspace that never set one scores with the defaults. They are
 * changed by `leads.updateSettings` (./settings.ts); a stored value is still checked by the
 * domain's rules, and a broken one is reported rather than silently replaced.
 */

/** The deal value that earns the full estimated-value points when the workspace set none: 10,000.00 in its currency. */
export const DEFAULT_REFERENCE_DEAL_VALUE_MINOR = 1_000_000;

export interface LeadSettings {
  scoreWeights: LeadScoreWeights;
  protectionWindowDays: number;
  referenceDealValueMinor: number;
  minPartnerDecisions: number;
  /** Offered in the reject dialogs; a reviewer may still write another reason. */
  rejectionReasons: string[];
  timeZone: string;
  currency: string;
}

/** What the JSON holds under `leads`: only the settings an admin changed. */
export type StoredLeadSettings = Partial<Omit<LeadSettings, 'timeZone' | 'currency' | 'scoreWeights'>> & { scoreWeights?: Partial<LeadScoreWeights> };

export async function readLeadSettings(database: Database, db: AppDb, tenantId: string): Promise<LeadSettings> {
  const row = await tenantFacts(database, db, tenantId);
  // One read of the tenant row serves both: the workspace's keys and the `leads` key of the same JSON.
  const workspace = workspaceSettingsOf(row?.settings);
  const stored = ((row?.settings as unknown as { leads?: StoredLeadSettings } | undefined)?.leads ?? {}) as StoredLeadSettings;
  const scoreWeights = Object.fromEntries(LEAD_SCORE_SIGNALS.map((s) => [s, stored.scoreWeights?.[s] ?? DEFAULT_LEAD_SCORE_WEIGHTS[s]])) as LeadScoreWeights;
  assertLeadScoreWeights(scoreWeights);
  const protectionWindowDays = stored.protectionWindowDays ?? DEFAULT_PROTECTION_WINDOW_DAYS;
  assertWindowDays(protectionWindowDays);
  const referenceDealValueMinor = stored.referenceDealValueMinor ?? DEFAULT_REFERENCE_DEAL_VALUE_MINOR;
  if (!Number.isSafeInteger(referenceDealValueMinor) || referenceDealValueMinor <= 0) {
    throw new AppError('validation', 'The reference deal value must be a positive amount', 'referenceDealValueMinor');
  }
  return {
    scoreWeights,
    protectionWindowDays,
    referenceDealValueMinor,
    minPartnerDecisions: stored.minPartnerDecisions ?? DEFAULT_MIN_PARTNER_DECISIONS,
    rejectionReasons: stored.rejectionReasons?.length ? [...stored.rejectionReasons] : [...DEFAULT_REJECTION_REASONS],
    timeZone: workspace.timeZone,
    currency: row?.currency ?? 'EUR',
  };
}
