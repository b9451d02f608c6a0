import { describe, expect, it } from 'vitest';
import { buildPain001, checkedIban, endToEndIdOf, xmlText, type Pain001Input } from '../../../src-main/domain/payouts/pain001';
import { amountText, journalCsv, paypalCsv } from '../../../src-main/domain/payouts/payout-files';
import { winAnsi } from '../../../src-main/domain/payouts/statement-pdf';

/** The pure parts of finance's files: amounts from integer minor units, escaping, refusals. */

const base: Pain001Input = {
  messageId: 'PD-1',
  createdAt: new Date('2031-03-03T08:00:00.123Z'),
  executionDate: '2031-03-03',
  currency: 'EUR',
  debtor: { name: 'Acme', iban: 'DE02120300000000202051', bic: '' },
  transfers: [{ endToEndId: 'PO-1', amountMinor: 1, currency: 'EUR', partnerLabel: 'P (CP-1)', creditorName: 'P', creditorIban: 'DE89 3704 0044 0532 0130 00', creditorBic: null, remittance: 'x' }],
};

describe('finance files (pure)', () => {
  it('amounts are decimal text in the currency’s own digits, never through a float', () => {
    expect(amountText(1, 'EUR')).toBe('0.01');
    expect(amountText(-5, 'EUR')).toBe('-0.05');
    expect(amountText(900_719_925_474_099, 'EUR')).toBe('9007199254740.99');
    expect(amountText(1234, 'JPY')).toBe('1234');
    expect(amountText(1234, 'KWD')).toBe('1.234');
  });

  it('pain.001: one cent, control sum from integers, no fractions of a second, debtor agent NOTPROVIDED without a BIC', () => {
    const xml = buildPain001(base);
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.01</InstdAmt>');
    expect(xml).toContain('<CtrlSum>0.01</CtrlSum>');
    expect(xml).toContain('<CreDtTm>2031-03-03T08:00:00</CreDtTm>');
    expect(xml).toContain('<Othr><Id>NOTPROVIDED</Id></Othr>');
    expect(xml).toContain('<IBAN>DE89370400440532013000</IBAN>');
  });

  it("EndToEndId: the payout number while it fits 35 characters; a longer one (a 32-character partner code) is the payout's id, so two never read the same", () => {
    const id1 = '01a23f4a-422e-7424-8595-f5eba696ec11';
    const id2 = '01a23f4a-422e-7424-8595-f5eba696ec12';
    expect(endToEndIdOf('PO-2031-02-CP-0001/2', id1)).toBe('PO-2031-02-CP-0001/2');
    const code = 'ACME-EUROPE-RESELLERS-NORTH-0001'; // 32
    const [a, b] = [endToEndIdOf(`PO-2031-02-${code}/1`, id1), endToEndIdOf(`PO-2031-02-${code}/2`, id2)];
    expect([a, b]).toEqual(['01a23f4a422e74248595f5eba696ec11', '01a23f4a422e74248595f5eba696ec12']);
    const exactly35 = `PO-2031-02-${'A'.repeat(22)}/1`;
    expect(exactly35).toHaveLength(35);
    expect(endToEndIdOf(exactly35, id1)).toBe(exactly35);
  });

  it('pain.001 refuses a foreign currency, nothing to transfer, a bad checksum and a missing debtor, naming whose', () => {
    const t = base.transfers[0];
    if (!t) throw new Error('no transfer');
    expect(() => buildPain001({ ...base, transfers: [{ ...t, currency: 'USD' }] })).toThrow(/in USD, not in the workspace currency EUR/);
    expect(() => buildPain001({ ...base, transfers: [{ ...t, amountMinor: 0 }] })).toThrow(/nothing to transfer/);
    expect(() => buildPain001({ ...base, transfers: [{ ...t, creditorIban: 'DE89370400440532013001' }] })).toThrow(/IBAN of P \(CP-1\) fails its checksum/);
    expect(() => buildPain001({ ...base, debtor: { name: '', iban: '', bic: '' } })).toThrow(/not set/);
    expect(() => checkedIban('not an iban', 'X')).toThrow(/IBAN of X/);
  });

  it('XML text: markup escaped, control characters dropped, cut to the field length by characters', () => {
    expect(xmlText('A & B <c> "d" \'e\'', 140)).toBe('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
    expect(xmlText('a\u0000b\nc', 140)).toBe('a b c');
    expect(xmlText('ü'.repeat(80), 70)).toBe('ü'.repeat(70));
  });

  it('CSV cells that a spreadsheet would run are neutralised; numbers stay digits', () => {
    const csv = paypalCsv([{ email: '=cmd@x.test', amountMinor: 150, currency: 'EUR', referenceId: '@1', note: '+note' }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=cmd@x.test","1.50","EUR","'@1","'+note","PayPal"`);
    const journal = journalCsv([{ paymentDate: '2031-03-01', number: 'PO-1', partnerCode: 'CP-1', partnerName: '-Minus', amountMinor: 7, currency: 'EUR', reference: 'R' }], { expenseAccount: '6400', bankAccount: '1200' });
    expect(journal.startsWith('\uFEFF')).toBe(true);
    expect(journal).toContain(`"'-Minus","0.07"`);
  });

  it('WinAnsi: Latin-1 and the € family kept, other scripts become "?", odd spaces become spaces', () => {
    expect(winAnsi('Müller € “q” – Œ')).toBe('Müller € “q” – Œ');
    expect(winAnsi('Иван 李')).toBe('???? ?');
    expect(winAnsi('1\u202f000\u00a0€')).toBe('1 000 €');
  });
});
