import { minor as checkedMinor, type Minor } from './minor';

/**
 * Money crosses the UI only as integers in minor units (cents). Formatting and parsing never go
 * through floating point: amounts become decimal strings built from integers (Intl formats a
 * numeric string exactly), and user text is split at the decimal separator and read digit by digit.
 */

const fractionDigitsCache = new Map<string, number>();

/**
 * Building an Intl.NumberFormat costs tens of microseconds, formatting with one about one: the
 * formatters are kept per locale and currency, so an import of 100,000 amounts builds a handful.
 */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, currency: string | null, fractionDigits?: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency ?? ''}|${fractionDigits ?? ''}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(
      locale,
      currency === null ? {} : { style: 'currency', currency, ...(fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }) },
    );
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The number of minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0, KWD 3). */
export function currencyFractionDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = fractionDigitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat(undefined, { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsCache.set(code, digits);
  }
  return digits;
}

/** The decimal string of a minor-unit amount, e.g. (123456, 2) → "1234.56", (-5, 2) → "-0.05". */
export function minorToDecimalString(minor: number, fractionDigits: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Money amount must be a safe integer, got ${minor}`);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(fractionDigits + 1, '0');
  const whole = digits.slice(0, digits.length - fractionDigits);
  const fraction = digits.slice(digits.length - fractionDigits);
  return `${negative ? '-' : ''}${whole}${fractionDigits > 0 ? `.${fraction}` : ''}`;
}

/** Formats integer minor units in the given currency, e.g. formatMoney(123456, 'EUR') → "€1,234.56". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const code = currency.toUpperCase();
  const fractionDigits = currencyFractionDigits(code);
  return numberFormat(locale, code, fractionDigits).format(minorToDecimalString(minor, fractionDigits) as Intl.StringNumericLiteral);
}

const decimalMarks = new Map<string, string>();
function localeDecimalMark(locale?: string): string {
  let mark = decimalMarks.get(locale ?? '');
  if (mark === undefined) {
    mark = numberFormat(locale, null).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    decimalMarks.set(locale ?? '', mark);
  }
  return mark;
}

const currencySymbols = new Map<string, string | undefined>();
function currencySymbol(locale: string | undefined, code: string): string | undefined {
  const key = `${locale ?? ''}|${code}`;
  if (!currencySymbols.has(key)) currencySymbols.set(key, numberFormat(locale, code).formatToParts(1).find((p) => p.type === 'currency')?.value);
  return currencySymbols.get(key);
}

/**
 * Parses what a user typed into integer minor units, or null when it is not a valid amount
 * (letters, more decimals than the currency has, malformed grouping). Accepts an optional
 * leading minus, the currency code or symbol, spaces and the locale's grouping, and both "." and
 * "," as the decimal mark when the meaning is unambiguous ("1,5" or "1.50"; "1,234" is grouping).
 */
export function parseMoney(text: string, currency: string, locale?: string): Minor | null {
  const code = currency.toUpperCase();
  const fractionDigits = currencyFractionDigits(code);
  const decimal = localeDecimalMark(locale);

  let s = text.trim();
  // Drop the currency symbol and code, then every kind of space and apostrophe-like grouping.
  const symbol = currencySymbol(locale, code);
  if (symbol) s = s.split(symbol).join('');
  if (/[a-z]/i.test(s)) s = s.replace(new RegExp(code, 'gi'), '');
  s = s.replace(/[\s\u00a0\u202f'’]/g, '');

  let negative = false;
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = true;
    s = s.slice(1);
  }
  if (s === '' || !/^[0-9.,]+$/.test(s)) return null;

  let wholeText = s;
  let fractionText = '';
  const decimalAt = findDecimalMark(s, decimal);
  if (decimalAt >= 0) {
    wholeText = s.slice(0, decimalAt);
    fractionText = s.slice(decimalAt + 1);
    if (!/^[0-9]+$/.test(fractionText) || fractionText.length > fractionDigits) return null;
    if (wholeText === '') wholeText = '0';
  }
  // The whole part is either plain digits or digits grouped by threes with "." or ",".
  // A group never starts with 0: "0,001" is not one thousand and one.
  if (!/^[0-9]+$/.test(wholeText) && !/^[1-9][0-9]{0,2}([.,][0-9]{3})+$/.test(wholeText)) return null;
  if (/[.,]/.test(wholeText)) {
    const marks = new Set(wholeText.replace(/[0-9]/g, ''));
    if (marks.size > 1) return null;
  }
  const wholeDigits = wholeText.replace(/[.,]/g, '');

  const scale = 10n ** BigInt(fractionDigits);
  const minor = BigInt(wholeDigits) * scale + BigInt(fractionText.padEnd(fractionDigits, '0') || '0');
  const signed = negative ? -minor : minor;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) return null;
  return checkedMinor(Number(signed));
}

/**
 * Index of the decimal mark in `s` (digits, "." and ","), or -1 when it has no fractional part.
 * A mark that repeats is grouping ("1.234.567"); the last mark after a different one is decimal
 * ("1.234,56"); a single mark followed by exactly three digits is the locale's decimal mark or
 * else grouping.
 */
function findDecimalMark(s: string, localeDecimal: string): number {
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (last < 0) return -1;
  const mark = s.charAt(last);
  const before = s.slice(0, last);
  if (before.includes(mark)) return -1;
  if (before.includes(mark === '.' ? ',' : '.')) return last;
  // "1,234": grouping where "," groups (en-US), three decimals where it is the decimal mark
  // (de-DE), which the caller then refuses for a two-decimal currency rather than guess.
  if (s.length - last - 1 === 3) return mark === localeDecimal ? last : -1;
  return last;
}
