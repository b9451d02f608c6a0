import type { ImportColumn, ImportDelimiter, ImportEncoding } from '../../../../src-shared/contract/leads';
import { decodeCsvBytes } from './csv-decoding';
import { checkMapping } from './column-mapping';
import { parseCsvRecords } from './csv-records';
import { checkRecord, type AcceptedRecord, type RefusedRecord } from './import-rows';

/*
 * A whole import file, checked: what the worker thread runs (services/leads/import). Pure and
 * synchronous, so the tests call it directly and the worker only carries it off the main thread.
 * The file-level checks (encoding, header, limits, mapping) come first, in `openLeadCsv`, so a
 * bad file is refused before any row is looked at; the rows are then checked in batches, which
 * the worker hands over as they are done so that writing overlaps checking.
 */

export interface OpenedLeadCsv {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  records: string[][];
}

export function openLeadCsv(bytes: Uint8Array, mapping: readonly ImportColumn[]): OpenedLeadCsv {
  const { text, encoding } = decodeCsvBytes(bytes);
  const { delimiter, headers, records } = parseCsvRecords(text);
  checkMapping(mapping, headers);
  return { encoding, delimiter, records };
}

export interface CheckedBatch {
  accepted: AcceptedRecord[];
  refused: RefusedRecord[];
}

/** Records [from, to) of the file; row numbers count from 1 at the first data record. */
export function checkRecords(records: readonly string[][], from: number, to: number, mapping: readonly ImportColumn[], currency: string): CheckedBatch {
  const accepted: AcceptedRecord[] = [];
  const refused: RefusedRecord[] = [];
  for (let i = from; i < Math.min(to, records.length); i++) {
    const outcome = checkRecord(i + 1, records[i]!, mapping, currency);
    if (outcome.ok) accepted.push(outcome.accepted);
    else refused.push(outcome.refused);
  }
  return { accepted, refused };
}

export interface ParsedLeadCsv extends CheckedBatch {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  totalRows: number;
}

/** The whole file at once (tests and small callers). */
export function parseLeadCsv(bytes: Uint8Array, mapping: readonly ImportColumn[], currency: string): ParsedLeadCsv {
  const { encoding, delimiter, records } = openLeadCsv(bytes, mapping);
  return { encoding, delimiter, totalRows: records.length, ...checkRecords(records, 0, records.length, mapping, currency) };
}
