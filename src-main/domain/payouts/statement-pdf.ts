import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatMoney } from '../../../src-shared/money';

/*
 * A payout's statement for the partner, as a PDF (pdf-lib, the standard Helvetica font: no font
 * file to ship). The standard fonts only encode WinAnsi (Windows-1252), so every text goes
 * through `winAnsi` first: a character outside it would make pdf-lib throw, and a partner's name
 * may hold any script. Amounts are formatted from integer minor units by the shared formatter.
 */

export interface StatementLine {
  lead: string;
  kind: string;
  earnedOn: string;
  amountMinor: number;
  status: string;
  note: string | null;
}

export interface StatementData {
  workspaceName: string;
  partnerName: string;
  partnerCode: string;
  payoutNumber: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  currency: string;
  totalMinor: number;
  approvedMinor: number | null;
  rejectedMinor: number;
  lines: readonly StatementLine[];
  payment: { date: string; method: string; reference: string } | null;
  generatedOn: string;
}

/** The code points Windows-1252 has beyond Latin-1's printable ranges (0x80–0x9F block). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SPACES = /[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g;

/** Text the standard fonts can draw: unusual spaces become spaces, any other character outside WinAnsi a "?". */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(SPACES, ' ')) {
    const code = ch.codePointAt(0) ?? 0;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : code === 0x09 || code === 0x0a ? ' ' : '?';
  }
  return out;
}

const MARGIN = 50;
const PAGE: [number, number] = [595.28, 841.89]; // A4

export async function statementPdf(data: StatementData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Payout statement ${data.payoutNumber}`));
  doc.setAuthor(winAnsi(data.workspaceName));
  doc.setCreationDate(new Date(`${data.generatedOn}T00:00:00Z`));
  doc.setModificationDate(new Date(`${data.generatedOn}T00:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const money = (minor: number) => formatMoney(minor, data.currency, 'en-US');

  let page: PDFPage = doc.addPage(PAGE);
  let y = PAGE[1] - MARGIN;
  const newPageIfNeeded = (needed: number) => {
    if (y - needed < MARGIN) {
      page = doc.addPage(PAGE);
      y = PAGE[1] - MARGIN;
    }
  };
  const text = (value: string, x: number, options: { size?: number; f?: PDFFont; right?: boolean; width?: number } = {}) => {
    const size = options.size ?? 10;
    const f = options.f ?? font;
    let s = winAnsi(value);
    if (options.width !== undefined) while (s.length > 1 && f.widthOfTextAtSize(s, size) > options.width) s = `${s.slice(0, -2)}…`;
    const w = f.widthOfTextAtSize(s, size);
    page.drawText(s, { x: options.right ? x - w : x, y, size, font: f, color: rgb(0.1, 0.1, 0.12) });
  };
  const rule = () => {
    page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: PAGE[0] - MARGIN, y: y + 4 }, thickness: 0.5, color: rgb(0.7, 0.7, 0.75) });
  };
  const right = PAGE[0] - MARGIN;

  text(data.workspaceName, MARGIN, { size: 16, f: bold });
  y -= 24;
  text(`Payout statement ${data.payoutNumber}`, MARGIN, { size: 13, f: bold });
  y -= 22;
  const facts: [string, string][] = [
    ['Partner', `${data.partnerName} (${data.partnerCode})`],
    ['Period', `${data.periodStart} to ${data.periodEnd}`],
    ['Status', data.status],
    ...(data.payment
      ? ([
          ['Paid on', data.payment.date],
          ['Method', data.payment.method],
          ['Reference', data.payment.reference],
        ] as [string, string][])
      : []),
  ];
  for (const [label, value] of facts) {
    text(label, MARGIN, { f: bold });
    text(value, MARGIN + 90, { width: right - MARGIN - 90 });
    y -= 15;
  }

  y -= 12;
  const cols = { lead: MARGIN, kind: MARGIN + 220, earned: MARGIN + 300, status: MARGIN + 375, amount: right };
  const header = () => {
    text('Lead', cols.lead, { f: bold });
    text('Credit', cols.kind, { f: bold });
    text('Earned', cols.earned, { f: bold });
    text('Line', cols.status, { f: bold });
    text('Amount', cols.amount, { f: bold, right: true });
    y -= 6;
    rule();
    y -= 12;
  };
  header();
  for (const line of data.lines) {
    newPageIfNeeded(16);
    if (y === PAGE[1] - MARGIN) header();
    text(line.lead, cols.lead, { width: cols.kind - cols.lead - 8 });
    text(line.kind, cols.kind);
    text(line.earnedOn, cols.earned);
    text(line.status, cols.status);
    text(money(line.amountMinor), cols.amount, { right: true });
    y -= 14;
  }
  y -= 4;
  rule();
  y -= 14;
  newPageIfNeeded(60);
  const totals: [string, string][] = [
    ['Total of the lines', money(data.totalMinor)],
    ['Approved', data.approvedMinor === null ? 'not yet approved' : money(data.approvedMinor)],
    ['Rejected', money(data.rejectedMinor)],
  ];
  for (const [label, value] of totals) {
    text(label, cols.status - 60, { f: bold });
    text(value, cols.amount, { right: true, f: bold });
    y -= 15;
  }

  const rejected = data.lines.filter((l) => l.status === 'rejected');
  if (rejected.length) {
    y -= 14;
    newPageIfNeeded(40);
    text('Rejected lines', MARGIN, { size: 12, f: bold });
    y -= 16;
    for (const line of rejected) {
      newPageIfNeeded(30);
      text(`${line.lead}: ${money(line.amountMinor)}`, MARGIN, { f: bold, width: right - MARGIN });
      y -= 13;
      text(`Reason: ${line.note ?? 'no note'}`, MARGIN + 12, { width: right - MARGIN - 12 });
      y -= 16;
    }
  }
  return doc.save();
}
