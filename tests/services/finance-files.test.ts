import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/engines';
import { call } from '../support/actors';
import { callError } from '../support/outcomes';
import { audited, setUpPartnerSuite, unchanged, type PartnerSuite } from '../support/partners';
import { portalUser } from '../support/leads';
import { approvedPayout, DEBTOR, GOOD_IBAN, paidPartner, sealBankingDirectly, setMoneySettings } from '../support/finance';

/**
 * Finance's files on every engine: the payouts CSV, ISO 20022 pain.001.001.03 (valid against the
 * XSD by xmllint, amounts and control sums from integer cents), PayPal's CSV, the accounting
 * journal of paid payouts, all audited and all neutralising formulas; and the PDF statement,
 * read back with pdftotext and rendered with pdftoppm.
 */
const XSD = join(import.meta.dirname, '..', 'fixtures', 'pain.001.001.03.xsd');

describe.each(engines)('finance files on $name', (engine) => {
  let s: PartnerSuite;
  let dir: string;
  const finance = () => s.staff.finance.token;

  beforeAll(async () => {
    s = await setUpPartnerSuite(engine);
    dir = mkdtempSync(join(tmpdir(), 'partnerdesk-finance-files-'));
  });
  afterAll(async () => {
    await s?.app.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function xmllint(xml: string): { ok: boolean; output: string } {
    const file = join(dir, `pain-${Date.now()}-${Math.random().toString(36).slice(2)}.xml`);
    writeFileSync(file, xml);
    const run = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  }

  it('pain.001: valid against the XSD; one transfer per payout with the payout number, amounts and control sum from integer cents; audited', async () => {
    await setMoneySettings(s, s.tenantId, DEBTOR);
    const a = await paidPartner(s, { method: 'iban', accountHolder: 'Müller & Söhne <GmbH>', bankName: 'Commerzbank', iban: GOOD_IBAN, bic: 'COBADEFFXXX' });
    const b = await paidPartner(s, { method: 'iban', accountHolder: 'Bea Partner', bankName: 'Lloyds', iban: 'GB82 WEST 1234 5698 7654 32', bic: 'NWBKGB2L' });
    // 0.10 + 0.20 is 0.30000000000000004 in floating point; from cents it is 0.30.
    const pa = await approvedPayout(s, a.id, [{ amountMinor: 10 }, { amountMinor: 20 }]);
    const pb = await approvedPayout(s, b.id, [{ amountMinor: 123_456_78 }, { amountMinor: 999, status: 'rejected', note: 'Not ours' }]);
    const { result: file, row } = await audited(s.app, s.tenantId, ['payouts.exported'], () => call(s.app, 'payouts.export', { ids: [pa.id, pb.id], format: 'pain001' }, finance()));
    expect(file).toMatchObject({ mimeType: 'application/xml', fileName: expect.stringMatching(/^pain001-\d{4}-\d{2}-\d{2}\.xml$/) });
    const xml = file.text ?? '';
    const lint = xmllint(xml);
    expect(lint.output).toContain('validates');
    expect(lint.ok).toBe(true);
    expect(xml.match(/<NbOfTxs>2<\/NbOfTxs>/g)).toHaveLength(2);
    expect(xml.match(/<CtrlSum>123457\.08<\/CtrlSum>/g)).toHaveLength(2);
    expect(xml).toContain(`<EndToEndId>${pa.number}</EndToEndId>`);
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.30</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">123456.78</InstdAmt>');
    expect(xml).toContain('<Nm>Müller &amp; Söhne &lt;GmbH&gt;</Nm>');
    expect(xml).toContain(`<IBAN>${GOOD_IBAN}</IBAN>`);
    expect(xml).toContain('<IBAN>GB82WEST12345698765432</IBAN>');
    expect(xml).toContain('<BIC>NWBKGB2L</BIC>');
    expect(xml).toContain(`<DbtrAcct><Id><IBAN>${DEBTOR.debtorIban}</IBAN></Id></DbtrAcct>`);
    expect(row?.details).toMatchObject({ format: 'pain001', count: 2, totalMinor: 12_345_708, currency: 'EUR' });
  });

  it("pain.001: a payout number longer than an EndToEndId's 35 characters (a 32-character partner code) goes as the payout's id; the remittance keeps the number", async () => {
    await setMoneySettings(s, s.tenantId, DEBTOR);
    const long = await paidPartner(s, { method: 'iban', accountHolder: 'Long Code', bankName: 'Commerzbank', iban: GOOD_IBAN, bic: 'COBADEFFXXX' });
    const built = await approvedPayout(s, long.id, [{ amountMinor: 5_000 }]);
    // The number generation gives a partner whose code is 32 characters long (the longest a code may be), second payout of its month.
    const number = `PO-2031-02-${'LONG-CODE-'.repeat(4).slice(0, 32)}/2`;
    const po = s.app.database.t.payouts;
    await s.app.database.write((tx) => tx.update(po).set({ number }).where(eq(po.id, built.id)));
    const payout = { id: built.id, number };
    expect(payout.number.length).toBeGreaterThan(35);
    const xml = (await call(s.app, 'payouts.export', { ids: [payout.id], format: 'pain001' }, finance())).text ?? '';
    expect(xmllint(xml).ok).toBe(true);
    expect(xml).toContain(`<EndToEndId>${payout.id.replace(/-/g, '')}</EndToEndId>`);
    expect(xml).toContain(`<Ustrd>Commission ${payout.number} `);
  });

  it('xmllint catches a broken file (the validation can fail)', () => {
    expect(xmllint('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>').ok).toBe(false);
  });

  it('pain.001 refuses, naming the partner and writing nothing: a bad IBAN checksum, no IBAN on file, no debtor set', async () => {
    await setMoneySettings(s, s.tenantId, DEBTOR);
    const bad = await paidPartner(s, undefined, { legalName: 'Broken Iban AG' });
    await sealBankingDirectly(s, bad.id, { method: 'iban', accountHolder: 'Broken', bankName: 'X', iban: 'DE89370400440532013001', bic: 'COBADEFFXXX' });
    const payout = await approvedPayout(s, bad.id, [{ amountMinor: 1_000 }]);
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.export', { ids: [payout.id], format: 'pain001' }, finance())).toMatchObject({ code: 'validation', message: expect.stringMatching(/IBAN of Broken Iban AG .* fails its checksum/) });
    });
    const pp = await paidPartner(s, { method: 'paypal', paypalEmail: 'pay@partner.test' }, { legalName: 'Paypal Only Ltd' });
    const ppPayout = await approvedPayout(s, pp.id, [{ amountMinor: 1_000 }]);
    expect(await callError(s.app, 'payouts.export', { ids: [ppPayout.id], format: 'pain001' }, finance())).toMatchObject({ code: 'validation', message: expect.stringContaining('Paypal Only Ltd') });
    const good = await paidPartner(s);
    const goodPayout = await approvedPayout(s, good.id, [{ amountMinor: 1_000 }]);
    await setMoneySettings(s, s.tenantId, { debtorName: '', debtorIban: '' });
    expect(await callError(s.app, 'payouts.export', { ids: [goodPayout.id], format: 'pain001' }, finance())).toMatchObject({ code: 'validation', message: expect.stringContaining("paying company's name and IBAN are not set") });
    await setMoneySettings(s, s.tenantId, DEBTOR);
  });

  it('exports take approved payouts only (journal: paid only); a payout in another currency is refused', async () => {
    const partner = await paidPartner(s);
    const pending = await approvedPayout(s, partner.id, [{ amountMinor: 1_000 }], { status: 'pending' });
    const approved = await approvedPayout(s, partner.id, [{ amountMinor: 1_000 }]);
    const usd = await approvedPayout(s, partner.id, [{ amountMinor: 1_000 }], { currency: 'USD' });
    await unchanged(s.app, async () => {
      expect(await callError(s.app, 'payouts.export', { ids: [pending.id, approved.id], format: 'csv' }, finance())).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining(pending.number) });
      expect(await callError(s.app, 'payouts.export', { ids: [approved.id], format: 'journal_csv' }, finance())).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('paid payouts only') });
      expect(await callError(s.app, 'payouts.export', { ids: [usd.id], format: 'csv' }, finance())).toMatchObject({ code: 'validation', message: expect.stringContaining('USD') });
      expect(await callError(s.app, 'payouts.export', { ids: [approved.id], format: 'csv' }, s.staff.manager.token)).toMatchObject({ code: 'forbidden' });
    });
  });

  it('payouts CSV: decimal amounts from cents, masked account, formula cells neutralised', async () => {
    const partner = await paidPartner(s, undefined, { legalName: '=HYPERLINK("http://evil.test","x")' });
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 100_005 }]);
    const { result } = await audited(s.app, s.tenantId, ['payouts.exported'], () => call(s.app, 'payouts.export', { ids: [payout.id], format: 'csv' }, finance()));
    const text = result.text ?? '';
    expect(text.startsWith('\uFEFF"Payout","Partner code","Partner"')).toBe(true);
    const line = text.split('\r\n').find((l) => l.includes(payout.number)) ?? '';
    expect(line).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(line).toContain('"1000.05","EUR","Bank transfer","IBAN •••• 3000"');
  });

  it('PayPal CSV: recipient, amount, currency, payout number as reference id; refuses a partner without PayPal', async () => {
    const pp = await paidPartner(s, { method: 'paypal', paypalEmail: 'money@partner.test' }, { legalName: '@SUM(A1) Ltd' });
    const payout = await approvedPayout(s, pp.id, [{ amountMinor: 4_250 }]);
    const file = await call(s.app, 'payouts.export', { ids: [payout.id], format: 'paypal_csv' }, finance());
    const rows = (file.text ?? '').split('\r\n');
    expect(rows[0]).toBe('"Email/Phone","Amount","Currency code","Reference ID","Note to recipient","Recipient wallet"');
    expect(rows[1]).toBe(`"money@partner.test","42.50","EUR","${payout.number}","Commission ${payout.number} 2031-02-01 to 2031-02-28","PayPal"`);
    const bank = await paidPartner(s, undefined, { legalName: 'Bank Only GmbH' });
    const bankPayout = await approvedPayout(s, bank.id, [{ amountMinor: 1_000 }]);
    expect(await callError(s.app, 'payouts.export', { ids: [bankPayout.id], format: 'paypal_csv' }, finance())).toMatchObject({ code: 'validation', message: expect.stringContaining('Bank Only GmbH') });
  });

  it('accounting journal: one booking per paid payout, payment date, reference and the configured accounts', async () => {
    await setMoneySettings(s, s.tenantId, { expenseAccount: '4940', bankAccount: '1810' });
    const partner = await paidPartner(s, undefined, { legalName: '+Plus Partner' });
    const payout = await approvedPayout(s, partner.id, [{ amountMinor: 7_000 }, { amountMinor: 50, status: 'rejected', note: 'x' }]);
    await call(s.app, 'payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: '2031-03-01', method: 'bank_transfer', reference: '-cmd|calc' }, finance());
    const file = await call(s.app, 'payouts.export', { ids: [payout.id], format: 'journal_csv' }, finance());
    const rows = (file.text ?? '').replace('\uFEFF', '').split('\r\n');
    expect(rows[0]).toBe('"Date","Payout","Partner code","Partner","Amount","Currency","Reference","Debit account","Credit account"');
    expect(rows[1]).toBe(`"2031-03-01","${payout.number}","${partner.code}","'+Plus Partner","70.00","EUR","'-cmd|calc","4940","1810"`);
  });

  it('statement PDF: workspace, partner, period, lines, totals, rejected lines with their notes, payment once paid; rendered to an image', async () => {
    const partner = await paidPartner(s, undefined, { legalName: 'Statement Partner GmbH' });
    const payout = await approvedPayout(s, partner.id, [
      { amountMinor: 15_000, contactName: 'Lena Löwe' },
      { amountMinor: 5_000, contactName: 'Ivan Иванов' },
      { amountMinor: 2_550, status: 'rejected', note: 'Lead was already a customer', contactName: 'Rita Rejected' },
    ]);
    await call(s.app, 'payouts.markPaid', { payouts: [{ id: payout.id, version: payout.version }], paymentDate: '2031-03-02', method: 'bank_transfer', reference: `ST-${engine.name}` }, finance());
    const file = await call(s.app, 'payouts.statement', { id: payout.id }, s.staff.viewer.token);
    expect(file).toMatchObject({ mimeType: 'application/pdf', fileName: `statement-${payout.number}.pdf` });
    const pdf = join(dir, `statement-${engine.name}.pdf`);
    writeFileSync(pdf, Buffer.from(file.base64 ?? '', 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Acme Partners',
      `Payout statement ${payout.number}`,
      `Statement Partner GmbH (${partner.code})`,
      '2031-02-01 to 2031-02-28',
      'paid',
      'Lena Löwe',
      'Ivan ?', // Cyrillic is outside WinAnsi: drawn as "?" rather than failing the PDF
      '€150.00',
      '€50.00',
      '€25.50',
      '€225.50', // total of the lines
      '€200.00', // approved
      'Lead was already a customer',
      '2031-03-02',
      'Bank transfer',
      `ST-${engine.name}`,
    ]) {
      expect(text).toContain(expected);
    }
    const png = join(dir, `statement-${engine.name}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, png]);
    expect(existsSync(`${png}.png`)).toBe(true);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(5_000);
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG');
  });

  it('statement: a partner user reads its own partner’s, another partner’s is not found', async () => {
    const mine = await paidPartner(s);
    const theirs = await paidPartner(s);
    const own = await approvedPayout(s, mine.id, [{ amountMinor: 1_000 }]);
    const other = await approvedPayout(s, theirs.id, [{ amountMinor: 1_000 }]);
    const user = await portalUser(s, mine.id, 'partner_viewer');
    expect((await call(s.app, 'payouts.statement', { id: own.id }, user.token)).base64?.length).toBeGreaterThan(100);
    expect(await callError(s.app, 'payouts.statement', { id: other.id }, user.token)).toMatchObject({ code: 'not_found' });
    expect(await callError(s.app, 'payouts.statement', { id: 'no-such' }, user.token)).toMatchObject({ code: 'not_found' });
  });
});
