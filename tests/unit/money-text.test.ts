import { describe, expect, it } from 'vitest';
import {
  bpToPercentText,
  currencyFractionDigits,
  formatBp,
  formatMoney,
  minorToDecimalString,
  parseMoney,
  parsePercentToBp,
} from '../../src-shared/money';

describe('parseMoney: user text → integer minor units', () => {
  it('reads the grouping and decimal mark of the locale or of the text', () => {
    expect(parseMoney('1.234,56', 'EUR', 'de-DE')).toBe(123456);
    expect(parseMoney('1,234.56', 'USD', 'en-US')).toBe(123456);
    expect(parseMoney('1 234,56 €', 'EUR', 'fr-FR')).toBe(123456);
    expect(parseMoney("1'234.56", 'CHF', 'de-CH')).toBe(123456);
    expect(parseMoney('€1,234.56', 'EUR', 'en-IE')).toBe(123456);
    expect(parseMoney('1,5', 'EUR', 'de-DE')).toBe(150);
    expect(parseMoney('1.234', 'USD', 'en-US')).toBeNull(); // three decimals after the en-US decimal mark // three digits after one comma: grouping
    expect(parseMoney('0.05', 'USD')).toBe(5);
    expect(parseMoney('.5', 'USD')).toBe(50);
  });

  it('keeps the sign of a negative amount (a clawback)', () => {
    expect(parseMoney('-12.30', 'USD', 'en-US')).toBe(-1230);
    expect(parseMoney('−0,01', 'EUR', 'de-DE')).toBe(-1);
  });

  it('follows the currency: no minor units for JPY, three for KWD', () => {
    expect(parseMoney('1,234', 'JPY', 'ja-JP')).toBe(1234);
    expect(parseMoney('12.5', 'JPY')).toBeNull();
    expect(parseMoney('1.234', 'KWD', 'en-US')).toBe(1234);
    expect(parseMoney('1,234', 'KWD', 'en-US')).toBe(1234000);
  });

  it('refuses too many decimals, empty text, letters and malformed grouping', () => {
    expect(parseMoney('1.234', 'USD', 'en-US')).toBeNull(); // three decimals after the en-US decimal mark
    expect(parseMoney('12.345', 'EUR', 'de-DE')).toBe(1234500); // "." grouping in de-DE
    expect(parseMoney('12,345', 'EUR', 'de-DE')).toBeNull(); // three decimals after the de-DE decimal mark
    expect(parseMoney('12.3456', 'USD')).toBeNull();
    expect(parseMoney('0,001', 'EUR', 'de-DE')).toBeNull();
    expect(parseMoney('', 'EUR')).toBeNull();
    expect(parseMoney('   ', 'EUR')).toBeNull();
    expect(parseMoney('12a', 'EUR')).toBeNull();
    expect(parseMoney('1.2.3,4,5', 'EUR', 'de-DE')).toBeNull();
    expect(parseMoney('12,34,567', 'USD', 'en-US')).toBeNull();
    expect(parseMoney('--5', 'USD')).toBeNull();
  });

  it('refuses amounts beyond exact integer arithmetic instead of rounding them', () => {
    expect(parseMoney('90071992547409.91', 'USD')).toBe(9007199254740991);
    expect(parseMoney('90071992547409.92', 'USD')).toBeNull();
    expect(parseMoney('99999999999999999999999', 'USD')).toBeNull();
  });
});

describe('formatting minor units', () => {
  it('builds the decimal string from integers', () => {
    expect(minorToDecimalString(123456, 2)).toBe('1234.56');
    expect(minorToDecimalString(-5, 2)).toBe('-0.05');
    expect(minorToDecimalString(7, 0)).toBe('7');
    expect(() => minorToDecimalString(1.5, 2)).toThrow(RangeError);
  });

  it('formats in the tenant currency and the reader locale, exactly at any size', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(-1230, 'USD', 'en-US')).toBe('-$12.30');
    expect(formatMoney(9007199254740991, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
    expect(currencyFractionDigits('jpy')).toBe(0);
  });
});

describe('percent text ↔ basis points', () => {
  it('parses at most two decimals between 0 and 100', () => {
    expect(parsePercentToBp('12.5')).toBe(1250);
    expect(parsePercentToBp('7')).toBe(700);
    expect(parsePercentToBp('0,25 %')).toBe(25);
    expect(parsePercentToBp('100')).toBe(10_000);
    expect(parsePercentToBp('100.01')).toBeNull();
    expect(parsePercentToBp('12.345')).toBeNull();
    expect(parsePercentToBp('-1')).toBeNull();
    expect(parsePercentToBp('')).toBeNull();
  });

  it('formats for the form and for display', () => {
    expect(bpToPercentText(1250)).toBe('12.5');
    expect(bpToPercentText(25)).toBe('0.25');
    expect(formatBp(1500)).toBe('15.00%');
  });
});
