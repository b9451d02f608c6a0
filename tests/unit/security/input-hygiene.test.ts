import { describe, expect, it } from 'vitest';
import { email, findUnsafeText, id, MULTI_LINE_MESSAGE, personName, UNSAFE_TEXT_MESSAGE, workspaceName } from '../../../src-shared/contract/fields';
import { contract, type ImportColumn } from '../../../src-shared/contract';
import { checkRecord } from '../../../src-main/domain/leads/import/import-rows';

/**
 * Text hygiene (issue 9, point 9): what the dispatch refuses in any string of any input, and
 * what the one-line field builders refuse on top. The fuzz test (tests/contract/input-fuzz.test.ts)
 * sends the bad strings to every field of every procedure; this pins the rules themselves.
 */
describe('input hygiene', () => {
  it('lets free text keep tab, newline and CRLF, and real pairs of surrogates (emoji), nothing else of the kind', () => {
    for (const ok of ['plain', 'two\nlines', 'windows\r\nlines', 'a\ttab', 'Müller, São Paulo, 東京', 'party 🎉 time', '']) {
      expect(findUnsafeText({ notes: ok }), JSON.stringify(ok)).toBeNull();
    }
    for (const bad of ['nul\u0000', 'bell\u0007', 'vt\u000B', 'ff\u000C', 'lone cr\r', 'esc\u001B[0m', 'del\u007F', 'c1\u0085', 'c1\u009F', 'hi\uD83D', '\uDE00lo', 'swapped\uDE00\uD83D']) {
      expect(findUnsafeText({ notes: bad }), JSON.stringify(bad)).toEqual({ path: 'notes', message: UNSAFE_TEXT_MESSAGE });
    }
  });

  it('names the dotted path of the string, in nested objects and arrays, and refuses bad object keys', () => {
    expect(findUnsafeText({ contact: { name: 'ok', email: 'x\u0000' } })).toEqual({ path: 'contact.email', message: UNSAFE_TEXT_MESSAGE });
    expect(findUnsafeText({ ids: ['a', 'b\uD800'] })).toEqual({ path: 'ids.1', message: UNSAFE_TEXT_MESSAGE });
    expect(findUnsafeText({ extra: { 'key\u0000': 'v' } })).toEqual({ path: 'extra', message: UNSAFE_TEXT_MESSAGE });
    expect(findUnsafeText('\u0000')).toEqual({ path: '', message: UNSAFE_TEXT_MESSAGE });
    expect(findUnsafeText({ n: 1, b: true, z: null, d: undefined })).toBeNull();
  });

  it('one-line builders (names, e-mails, ids) refuse tab and newline inside, after trimming the ends', () => {
    for (const schema of [personName, workspaceName, id]) {
      expect(schema.safeParse('  Ada Admin \n').success).toBe(true);
      for (const bad of ['Ada\nAdmin', 'Ada\tAdmin', 'Ada\r\nAdmin', 'Ada\u0000', 'Ada\uD800']) {
        const parsed = schema.safeParse(bad);
        expect(parsed.success, JSON.stringify(bad)).toBe(false);
        expect(parsed.error?.issues[0]?.message).toBe(MULTI_LINE_MESSAGE);
      }
    }
    expect(email.safeParse('ada@acme.test\n').data).toBe('ada@acme.test');
    expect(email.safeParse('ada\n@acme.test').success).toBe(false);
  });

  it('a CSV row with a NUL, a C1 control or a lone surrogate in a cell is refused in the report (never stored, never internal); notes keep their lines', () => {
    const mapping: ImportColumn[] = [
      { header: 'Contact name', target: 'contactName' },
      { header: 'Email', target: 'email' },
      { header: 'Company', target: 'company' },
      { header: 'Notes', target: 'notes' },
      { header: 'Source', target: 'extra' },
    ];
    expect(checkRecord(2, ['Cora Csv', 'cora@csv.test', 'Acme', 'two\nlines\twith a tab', 'Fair'], mapping, 'EUR').ok).toBe(true);
    for (const cells of [
      ['Cora Csv', 'cora@csv.test', 'Acme', 'nul\u0000', 'Fair'],
      ['Cora Csv', 'cora@csv.test', 'Acme', 'ok', 'c1\u0085'],
      ['Co\uD800ra', 'cora@csv.test', 'Acme', 'ok', 'Fair'],
      ['Cora Csv', 'cora@csv.test', 'Ac\nme', 'ok', 'Fair'],
      ['Cora\tCsv', 'cora@csv.test', 'Acme', 'ok', 'Fair'],
    ]) {
      expect(checkRecord(3, cells, mapping, 'EUR').ok, JSON.stringify(cells)).toBe(false);
    }
  });

  it('a free-text field of the contract still accepts several lines', () => {
    const note = contract['partners.kyc.reject'].input.safeParse({ id: 'p1', reason: 'Scan unreadable.\nPlease upload again.' });
    expect(note.success).toBe(true);
  });
});
