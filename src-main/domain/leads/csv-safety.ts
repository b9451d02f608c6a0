/*
 * CSV written for people to open in a spreadsheet (import reports, lead exports, later payout
 * exports) must not run what partners typed: Excel, LibreOffice and Google Sheets read a cell
 * that starts with "=", "+", "-" or "@" as a formula, so "=HYPERLINK(...)" from an imported row
 * would become a live link (or worse, a DDE call) on the reviewer's machine. Following the OWASP
 * CSV injection guidance, such a cell gets a leading apostrophe, which spreadsheets take as
 * "this is text" and do not display; every text cell is also quoted with inner quotes doubled
 * (RFC 4180), so a delimiter or line break inside a cell cannot start a new cell or row.
 * The apostrophe stays visible to plain-text readers: the lesser evil.
 */

/**
 * OWASP's list (=, +, -, @, tab, carriage return) plus NUL, which OWASP ASVS 1.2.10 adds.
 * Line feed is not a trigger; quoting keeps it inside the cell.
 */
const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/**
 * The cell with a leading apostrophe when a spreadsheet would read it as a formula. Leading
 * spaces are looked past too: import options such as "trim spaces" would bring a formula to the
 * front. Already neutralised text (starting with the apostrophe) is left as it is.
 */
export function neutraliseFormula(cell: string): string {
  const first = cell.replace(/^ +/, '').charAt(0);
  return FORMULA_TRIGGERS.has(first) ? `'${cell}` : cell;
}

/** A value as one CSV field: empty for null, a finite number as digits (a number cannot be a formula), text neutralised and quoted. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`A CSV number must be finite, got ${value}`);
    return String(value);
  }
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

export type CsvDelimiter = ',' | ';' | '\t';

/** One CSV record (without its line ending). */
export function csvRow(values: readonly (string | number | null | undefined)[], delimiter: CsvDelimiter = ','): string {
  return values.map(csvField).join(delimiter);
}

/**
 * A whole CSV document: records ended by CRLF (RFC 4180). With `bom`, prefixed by the UTF-8 byte
 * order mark, without which Excel on Windows reads UTF-8 as Windows-1252 and garbles "Müller".
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[], options: { delimiter?: CsvDelimiter; bom?: boolean } = {}): string {
  const body = rows.map((row) => `${csvRow(row, options.delimiter)}\r\n`).join('');
  return options.bom ? `\uFEFF${body}` : body;
}
