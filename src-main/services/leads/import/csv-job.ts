import type { ImportColumn, ImportDelimiter, ImportEncoding } from '../../../../src-shared/contract/leads';
import type { CheckedBatch } from '../../../domain/leads/import/parse-lead-csv';
import type { LeadScore, LeadScoreWeights } from '../../../domain/leads/quality-score';

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

export interface CsvFileInfo {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  totalRows: number;
}

export interface ScoredBatch extends CheckedBatch {
  /** Aligned with `accepted`. */
  scores: LeadScore[];
  /** Records checked so far, this batch included. */
  checked: number;
}

export type WorkerMessage =
  | { type: 'opened'; info: CsvFileInfo }
  | { type: 'batch'; batch: ScoredBatch }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string; field?: string | undefined };
