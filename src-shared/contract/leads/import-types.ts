import type { ImportTarget } from './imports';
import type { LeadActorRef, LeadPartnerRef } from './types';

/** What the import procedures return. */

export type ImportEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export type ImportDelimiter = ',' | ';' | '\t' | '|';

export interface ImportColumn {
  header: string;
  target: ImportTarget;
}

export interface LeadImportPreview {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  columns: ImportColumn[];
  /** Where the mapping came from: the partner's last import (same headers), or the header names. */
  mappingSource: 'remembered' | 'suggested';
  /** The first data rows as text cells, one array per row, aligned with `columns`. */
  rows: string[][];
}

export type LeadImportStatus = 'running' | 'completed' | 'failed';
/** Where a running import is: reading the file (decoding, header), then rows being checked and written batch by batch. */
export type LeadImportPhase = 'parsing' | 'writing' | 'done';

export interface LeadImport {
  id: string;
  partner: LeadPartnerRef;
  fileName: string;
  byteSize: number;
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  status: LeadImportStatus;
  phase: LeadImportPhase;
  /** Data rows (header excluded), known once the file is parsed; 0 before. */
  totalRows: number;
  /** Rows checked and written so far (of totalRows), for the progress bar. */
  processedRows: number;
  accepted: number;
  refused: number;
  /** Flagged as duplicates among the accepted rows. */
  duplicates: number;
  /** Why a failed import failed (nothing of it was written). */
  failure: string | null;
  createdBy: LeadActorRef | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface LeadImportPage {
  rows: LeadImport[];
}

export interface LeadImportReport {
  /** A file name for the download, e.g. "leads-2026-12-01-report.csv". */
  fileName: string;
  csv: string;
}
