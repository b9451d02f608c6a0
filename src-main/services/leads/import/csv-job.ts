import type { ImportColumn } from '../../../../src-shared/contract/leads';
import type { LeadScore, LeadScoreWeights } from '../../../domain/leads/quality-score';
import type { ParsedLeadCsv } from '../../../domain/leads/import/parse-lead-csv';

/** What the worker thread is given and answers (structured-cloned; the file's bytes are transferred, not copied). */

export interface CsvJob {
  bytes: Uint8Array;
  mapping: ImportColumn[];
  currency: string;
  /** Scored in the worker without the duplicate signal (dedupe needs the database); the writer rescores the flagged rows. */
  scoring: {
    referenceDealValueMinor: number;
    partnerDecisions: { approved: number; converted: number; rejected: number };
    minPartnerDecisions: number;
    weights: LeadScoreWeights;
  };
}

export interface CheckedCsv extends ParsedLeadCsv {
  /** Aligned with `accepted`. */
  scores: LeadScore[];
}

export type WorkerMessage =
  | { type: 'progress'; checked: number; total: number }
  | { type: 'done'; result: CheckedCsv }
  | { type: 'error'; code: string; message: string; field?: string | undefined };
