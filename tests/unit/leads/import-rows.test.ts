import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../../src-main/domain/leads/import/column-mapping';
import { checkRecord } from '../../../src-main/domain/leads/import/import-rows';
import { decodeCsvBytes } from '../../../src-main/domain/leads/import/csv-decoding';
import { parseCsvRecords } from '../../../src-main/domain/leads/import/csv-records';

/** One CSV record into a lead or a refusal (table-driven), and the file-level readers. */
const HEADER = ['Contact name', 'Company', 'Email', 'Phone', 'Country', 'Estimated value', 'Notes', 'Source'];
const mapping = suggestMapping(HEADER);
const row = (cells: Partial<Record<(typeof HEADER)[number], string>>) => HEADER.map((h) => cells[h] ?? '');

describe('checkRecord', () => {
  it.each([
    ['a full row', { 'Contact name': 'Ana', Email: 'Ana@Example-Co.com', Phone: '+49 30 901820', Country: 'de', 'Estimated value': '1.234,50' }, null],
    ['empty cells are fields not given (an empty country is no country)', { 'Contact name': 'Ana', Email: 'ana@example-co.com', Country: '  ' }, null],
    ['a national phone with its country', { 'Contact name': 'Ana', Phone: '030 901820', Country: 'DE' }, null],
    ['missing name', { Email: 'ana@example-co.com' }, /^Contact name is required$/],
    ['no way to reach the contact', { 'Contact name': 'Ana' }, /Email: Give an email address or a phone number/],
    ['malformed email', { 'Contact name': 'Ana', Email: 'ana@' }, /^Email: Enter a valid email address$/],
    ['a national phone without a country', { 'Contact name': 'Ana', Phone: '030 901820' }, /^Phone: Enter the phone number with its country code/],
    ['an unknown country code', { 'Contact name': 'Ana', Email: 'ana@example-co.com', Country: 'Germany' }, /^Country: Unknown country/],
    ['a value that is not an amount', { 'Contact name': 'Ana', Email: 'ana@example-co.com', 'Estimated value': 'ten k' }, /^Estimated value: "ten k" is not an amount$/],
    ['a negative value', { 'Contact name': 'Ana', Email: 'ana@example-co.com', 'Estimated value': '-5' }, /^Estimated value: .*cannot be negative/],
    ['a cell over the limit', { 'Contact name': 'Ana', Email: 'ana@example-co.com', Notes: 'x'.repeat(10_001) }, /^The "Notes" cell is 10,001 characters long/],
    ['a name over the field limit', { 'Contact name': 'A'.repeat(201), Email: 'ana@example-co.com' }, /Contact name must be at most 200 characters/],
  ])('%s', (_label, cells, refusal) => {
    const outcome = checkRecord(7, row(cells), mapping, 'EUR');
    if (refusal === null) {
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    } else {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.refused.row).toBe(7);
        expect(outcome.refused.reason).toMatch(refusal);
      }
    }
  });

  it('normalises what it stores and keeps the unknown column as an extra field', () => {
    const outcome = checkRecord(1, row({ 'Contact name': ' Ana ', Email: 'Ana@Example-Co.com', Phone: '030 901820', Country: 'de', 'Estimated value': '1.234,50', Source: 'Fair' }), mapping, 'EUR');
    expect(outcome).toMatchObject({
      ok: true,
      accepted: { lead: { contactName: 'Ana', email: 'ana@example-co.com', country: 'DE', estimatedValue: 123_450, extra: [{ key: 'Source', value: 'Fair' }] }, keys: { email: 'ana@example-co.com', phone: '+4930901820', companyDomain: 'example-co.com' } },
    });
  });

  it('refuses a row with more cells than the header, not one with fewer', () => {
    expect(checkRecord(1, [...row({ 'Contact name': 'Ana', Email: 'ana@example-co.com' }), 'surplus'], mapping, 'EUR')).toMatchObject({ ok: false, refused: { reason: expect.stringMatching(/has 9 cells but the header names 8 columns/) } });
    expect(checkRecord(1, ['Ana', '', 'ana@example-co.com'], mapping, 'EUR').ok).toBe(true);
  });
});

describe('file readers', () => {
  it('tells UTF-8, UTF-8 with BOM and Windows-1252 apart, and refuses binary files', () => {
    expect(decodeCsvBytes(Buffer.from('Name\nMüller\n', 'utf8'))).toEqual({ text: 'Name\nMüller\n', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from('\uFEFFName\nMüller\n', 'utf8'))).toEqual({ text: 'Name\nMüller\n', encoding: 'utf-8-bom' });
    expect(decodeCsvBytes(Buffer.from('Name\nMüller €\n', 'latin1').map((b) => (b === 0xac ? 0x80 : b)))).toMatchObject({ encoding: 'windows-1252' });
    expect(decodeCsvBytes(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x80])).text).toBe('Name\nMüller €');
    expect(() => decodeCsvBytes(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toThrow(/spreadsheet or ZIP file/);
    expect(() => decodeCsvBytes(Buffer.from([]))).toThrow(/empty/);
  });

  it('guesses the delimiter, keeps quoted delimiters and line breaks in their cell, skips blank lines, refuses a repeated header', () => {
    expect(parseCsvRecords('a;b\r\n"x;1";"line\nbreak"\r\n\r\n')).toEqual({ delimiter: ';', headers: ['a', 'b'], records: [['x;1', 'line\nbreak']] });
    expect(parseCsvRecords('a\tb\n1\t2\n').delimiter).toBe('\t');
    expect(() => parseCsvRecords('Email,email\n1,2\n')).toThrow(/appears twice/);
    expect(() => parseCsvRecords('\n\n')).toThrow(/no header row/);
  });
});
