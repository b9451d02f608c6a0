import type { ImportColumn, ImportDelimiter, ImportEncoding } from '../../../../src-shared/contract/leads';
import { decodeCsvBytes } from './csv-decoding';
import { checkMapping } from './column-mapping';
import { parseCsvRecords } from './csv-records';
import { checkRecord, type AcceptedRecord, type RefusedRecord } from './import-rows';

/*
 * A whole import file, checked: what the worker thread runs (services/leads/import). Pure and
 * synchronous, so the tests call it directly and the worker only carries it off the main thread.
 */

export interface ParsedLeadCsv {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  totalRows: number;
  accepted: AcceptedRecord[];
  refused: RefusedRecord[];
}

/** How often (in records) progress is reported: often enough for a smooth bar, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 2_000;

export function parseLeadCsv(bytes: Uint8Array, mapping: readonly ImportColumn[], currency: string, onProgress: (checked: number, total: number) => void = () => {}): ParsedLeadCsv {
  const { text, encoding } = decodeCsvBytes(bytes);
  const { delimiter, headers, records } = parseCsvRecords(text);
  checkMapping(mapping, headers);
  const accepted: AcceptedRecord[] = [];
  const refused: RefusedRecord[] = [];
  onProgress(0, records.length);
  for (let i = 0; i < records.length; i++) {
    const outcome = checkRecord(i + 1, records[i]!, mapping, currency);
    if (outcome.ok) accepted.push(outcome.accepted);
    else refused.push(outcome.refused);
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, records.length);
  }
  onProgress(records.length, records.length);
  return { encoding, delimiter, totalRows: records.length, accepted, refused };
}
