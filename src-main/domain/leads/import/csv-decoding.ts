import { AppError } from '../../../../src-shared/contract/errors';
import type { ImportEncoding } from '../../../../src-shared/contract/leads';

/*
 * The text of a CSV file from its bytes. Partners' exports come as UTF-8 (with or without the
 * byte order mark Excel writes) or as Windows-1252 (Excel's "CSV" on a Western European
 * Windows). A strict UTF-8 decode tells them apart: Windows-1252 text with any accented letter
 * is almost never valid UTF-8, and pure ASCII reads the same either way. Anything else that is
 * not text (a spreadsheet, a PDF, an image) is refused up front rather than imported as garbage.
 */

const BOM = [0xef, 0xbb, 0xbf] as const;

/** File signatures of what people pick by mistake instead of the CSV export. */
const NOT_CSV: readonly { magic: readonly number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a spreadsheet or ZIP file (save it as CSV first)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel file (save it as CSV first)' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'an image' },
  { magic: [0xff, 0xd8, 0xff], what: 'an image' },
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

export interface DecodedCsv {
  text: string;
  encoding: ImportEncoding;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (bytes.length === 0) throw new AppError('validation', 'The file is empty', 'contentBase64');
  const known = NOT_CSV.find((k) => startsWith(bytes, k.magic));
  if (known) throw new AppError('validation', `This is ${known.what}, not a CSV file`, 'contentBase64');
  // NUL never occurs in text; UTF-16 exports are full of them.
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    throw new AppError('validation', 'This is not a CSV text file (it contains binary data; UTF-16 files must be saved as UTF-8 first)', 'contentBase64');
  }
  if (startsWith(bytes, BOM)) {
    return { text: strictUtf8(bytes.subarray(3)) ?? new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes, Š, Ž, …), and
 * Node's TextDecoder('windows-1252') decodes those as Latin-1's control characters, so "€" would
 * come out as U+0080. Latin-1 then the 27 characters of that range; the five bytes Windows-1252
 * leaves undefined keep their Latin-1 meaning, as in the WHATWG encoding standard.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
