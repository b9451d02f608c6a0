import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { AppError } from '../../../src-shared/contract/errors';
import { currencyFractionDigits, minorToDecimalString } from '../../../src-shared/money';

/*
 * ISO 20022 pain.001.001.03 (customer credit transfer initiation), the file a bank takes for a
 * batch of transfers: one group header, one payment information block for the debtor (the
 * paying workspace), one credit transfer per payout. Amounts are written from integer minor
 * units as decimal text ("123.45") and the control sums are added as integers first, so the
 * file never carries a float's rounding. Checked against the XSD in tests (xmllint).
 */

export interface Pain001Debtor {
  name: string;
  iban: string;
  /** Optional: without it the debtor agent is "NOTPROVIDED" (allowed for SEPA since 2016). */
  bic: string;
}

export interface Pain001Transfer {
  /** The EndToEndId the bank reports back: endToEndIdOf(number, id). */
  endToEndId: string;
  amountMinor: number;
  currency: string;
  /** For error messages: the partner this transfer pays. */
  partnerLabel: string;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  /** Remittance text the partner sees on its statement. */
  remittance: string;
}

export interface Pain001Input {
  messageId: string;
  createdAt: Date;
  /** YYYY-MM-DD: requested execution day. */
  executionDate: string;
  currency: string;
  debtor: Pain001Debtor;
  transfers: readonly Pain001Transfer[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an XML element: control characters dropped (XML 1.0 cannot carry them), markup escaped, cut to the field's length. */
export function xmlText(value: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return [...clean].slice(0, maxLength).join('').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** The longest EndToEndId a pain.001 carries (Max35Text). */
const END_TO_END_MAX = 35;

/**
 * A payout's EndToEndId, the reference the bank reports back for each transfer: its number when that
 * fits in 35 characters, otherwise its id without hyphens (32). A partner code may be 32 characters, so
 * a number may be longer, and cut to 35 two payouts' numbers could read the same ("…/1", "…/2").
 */
export function endToEndIdOf(number: string, payoutId: string): string {
  if ([...number].length <= END_TO_END_MAX) return number;
  return payoutId.replace(/-/g, '').slice(0, END_TO_END_MAX);
}

/** A checked IBAN in its electronic form (no spaces, upper case), or a validation error naming whose it is. */
export function checkedIban(iban: string, whose: string): string {
  const compact = electronicFormatIBAN(iban) ?? '';
  if (!isValidIBAN(compact)) throw new AppError('validation', `The IBAN of ${whose} fails its checksum: correct it before exporting`, 'ids');
  return compact;
}

function checkedBic(bic: string, whose: string): string {
  const compact = bic.replace(/\s+/g, '').toUpperCase();
  if (!isValidBIC(compact)) throw new AppError('validation', `The BIC of ${whose} is not valid: correct it before exporting`, 'ids');
  return compact;
}

/** "2031-03-03T08:00:00": ISODateTime without fractions (some banks refuse them). */
function isoSeconds(at: Date): string {
  return at.toISOString().slice(0, 19);
}

export function buildPain001(input: Pain001Input): string {
  const { debtor, transfers, currency } = input;
  if (!debtor.name.trim() || !debtor.iban.trim()) {
    throw new AppError('validation', "The paying company's name and IBAN are not set: an admin sets them in the money settings before a bank file can be made", 'ids');
  }
  if (transfers.length === 0) throw new AppError('validation', 'Select at least one payout', 'ids');
  const debtorIban = checkedIban(debtor.iban, 'the paying company');
  const debtorBic = debtor.bic.trim() ? checkedBic(debtor.bic, 'the paying company') : null;
  const digits = currencyFractionDigits(currency);
  let sum = 0n;
  const blocks = transfers.map((t) => {
    if (t.currency !== currency) throw new AppError('validation', `${t.endToEndId} of ${t.partnerLabel} is in ${t.currency}, not in the workspace currency ${currency}`, 'ids');
    if (!Number.isSafeInteger(t.amountMinor) || t.amountMinor <= 0) throw new AppError('validation', `${t.endToEndId} of ${t.partnerLabel} has nothing to transfer`, 'ids');
    sum += BigInt(t.amountMinor);
    const iban = checkedIban(t.creditorIban, t.partnerLabel);
    const bic = t.creditorBic ? checkedBic(t.creditorBic, t.partnerLabel) : null;
    return [
      '      <CdtTrfTxInf>',
      `        <PmtId><EndToEndId>${xmlText(t.endToEndId, 35)}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="${currency}">${minorToDecimalString(t.amountMinor, digits)}</InstdAmt></Amt>`,
      ...(bic ? [`        <CdtrAgt><FinInstnId><BIC>${bic}</BIC></FinInstnId></CdtrAgt>`] : []),
      `        <Cdtr><Nm>${xmlText(t.creditorName, 70)}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><IBAN>${iban}</IBAN></Id></CdtrAcct>`,
      `        <RmtInf><Ustrd>${xmlText(t.remittance, 140)}</Ustrd></RmtInf>`,
      '      </CdtTrfTxInf>',
    ].join('\n');
  });
  if (sum > BigInt(Number.MAX_SAFE_INTEGER)) throw new AppError('validation', 'The selected payouts add up to more than a file can carry', 'ids');
  const controlSum = minorToDecimalString(Number(sum), digits);
  const count = String(transfers.length);
  const debtorName = xmlText(debtor.name, 70);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${xmlText(input.messageId, 35)}</MsgId>`,
    `      <CreDtTm>${isoSeconds(input.createdAt)}</CreDtTm>`,
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${controlSum}</CtrlSum>`,
    `      <InitgPty><Nm>${debtorName}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${xmlText(input.messageId, 35)}</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    '      <BtchBookg>true</BtchBookg>',
    `      <NbOfTxs>${count}</NbOfTxs>`,
    `      <CtrlSum>${controlSum}</CtrlSum>`,
    ...(currency === 'EUR' ? ['      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>'] : []),
    `      <ReqdExctnDt>${input.executionDate}</ReqdExctnDt>`,
    `      <Dbtr><Nm>${debtorName}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${debtorIban}</IBAN></Id></DbtrAcct>`,
    debtorBic ? `      <DbtrAgt><FinInstnId><BIC>${debtorBic}</BIC></FinInstnId></DbtrAgt>` : '      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>',
    '      <ChrgBr>SLEV</ChrgBr>',
    ...blocks,
    '    </PmtInf>',
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n');
}
