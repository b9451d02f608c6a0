import Papa from 'papaparse';
import { AppError } from '../../../../src-shared/contract/errors';
import { LEAD_IMPORT_LIMITS, type ImportDelimiter } from '../../../../src-shared/contract/leads';

/*
 * CSV text into records with papaparse: RFC 4180 quoting (delimiters and line breaks inside
 * quoted cells), the delimiter guessed from the text among those partners' exports use. The
 * header is the first record; blank lines are skipped. The file-level limits (columns, rows)
 * are refusals of the whole file; everything about one record is left to the row check.
 */

const DELIMITERS: readonly ImportDelimiter[] = [',', ';', '\t', '|'];

export interface CsvRecords {
  delimiter: ImportDelimiter;
  headers: string[];
  /** Data records, each as its cells; a record may have more or fewer cells than the header. */
  records: string[][];
}

export function parseCsvRecords(text: string, options: { maxRecords?: number } = {}): CsvRecords {
  const result = Papa.parse<string[]>(text, {
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: 'greedy',
    ...(options.maxRecords !== undefined ? { preview: options.maxRecords + 1 } : {}),
  });
  const delimiter = (DELIMITERS as readonly string[]).includes(result.meta.delimiter) ? (result.meta.delimiter as ImportDelimiter) : ',';
  const [header, ...records] = result.data;
  if (!header || header.every((h) => h.trim() === '')) throw new AppError('validation', 'The file has no header row: the first line must name the columns', 'contentBase64');
  if (header.length > LEAD_IMPORT_LIMITS.maxColumns) {
    throw new AppError('validation', `The file has ${header.length} columns; at most ${LEAD_IMPORT_LIMITS.maxColumns} can be imported`, 'contentBase64');
  }
  if (records.length > LEAD_IMPORT_LIMITS.maxRows) {
    throw new AppError('validation', `The file has ${records.length.toLocaleString('en-US')} rows; at most ${LEAD_IMPORT_LIMITS.maxRows.toLocaleString('en-US')} can be imported at once`, 'contentBase64');
  }
  const headers = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of headers) {
    const key = h.toLowerCase();
    if (key !== '' && seen.has(key)) throw new AppError('validation', `The column "${h}" appears twice in the header`, 'contentBase64');
    seen.add(key);
  }
  return { delimiter, headers, records };
}
