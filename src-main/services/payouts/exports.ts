import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { BankingDetails } from '../../../src-shared/contract/partners';
import type { ExportFormat } from '../../../src-shared/contract/payouts/finance';
import type { ExportedFile } from '../../../src-shared/contract/payouts/finance-types';
import type { PaymentMethod, PayoutStatus } from '../../../src-shared/contract/payouts/values';
import { todayIn } from '../../../src-shared/calendar';
import { buildPain001, endToEndIdOf } from '../../domain/payouts/pain001';
import { amountText, journalCsv, payoutsCsv, paypalCsv } from '../../domain/payouts/payout-files';
import { PAYOUT_STATUS_TEXT } from '../../domain/payouts/payout-status';
import { statementPdf } from '../../domain/payouts/statement-pdf';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { unsealBanking } from '../partners/banking';
import { financeRows, METHOD_TEXT, PAYABLE, type FinanceRow } from './finance-rows';
import { readMoneySettings } from './money-settings';

/*
 * Finance's files (`payouts.export`): the payouts CSV, ISO 20022 pain.001 for IBAN transfers,
 * the PayPal payouts CSV and the accounting journal of paid payouts, each audited; and the
 * partner's PDF statement (`payouts.statement`). A payout on hold (banking changed, not
 * re-verified) is never put in a payment file.
 */
export function payoutExportService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, keys, newId } = deps;
  const { payouts: po, partners: p, payoutLines: pl, credits: c, leads: l, tenants } = database.t;
  const { selectRows, label } = financeRows(database);

  /** The selected payouts, all of the workspace (one missing: not found), in number order. */
  async function selected(session: ActiveSession, ids: readonly string[]): Promise<FinanceRow[]> {
    const rows = await selectRows(database.db, session.tenantId, inArray(po.id, [...ids]));
    if (rows.length !== ids.length) throw new AppError('not_found', 'No such payout', 'ids');
    return rows;
  }

  async function bankingOf(rows: FinanceRow[]): Promise<Map<string, BankingDetails | null>> {
    const partnerIds = [...new Set(rows.map((r) => r.partnerId))];
    const sealed = await database.db.select({ id: p.id, sealed: p.bankingSealed }).from(p).where(inArray(p.id, partnerIds));
    const key = await keys.getDataKey();
    return new Map(sealed.map((s) => [s.id, s.sealed ? unsealBanking(s.sealed, s.id, key) : null]));
  }

  async function exportPayouts(session: ActiveSession, input: { ids: string[]; format: ExportFormat }): Promise<ExportedFile> {
    const rows = await selected(session, input.ids);
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    const now = clock();
    const today = todayIn(settings.timeZone, now);
    if (input.format === 'journal_csv') {
      const unpaid = rows.filter((r) => r.status !== 'paid');
      if (unpaid.length) throw new AppError('invalid_transition', `The journal lists paid payouts only; not paid: ${unpaid.map((r) => r.number).join(', ')}`, 'ids');
    } else {
      const unpayable = rows.filter((r) => !PAYABLE.includes(r.status));
      if (unpayable.length) throw new AppError('invalid_transition', `Only approved payouts are exported for payment; not approved: ${unpayable.map((r) => `${r.number} (${PAYOUT_STATUS_TEXT[r.status as PayoutStatus] ?? r.status})`).join(', ')}`, 'ids');
      const held = rows.filter((r) => r.bankingOnHold);
      if (held.length) throw new AppError('invalid_transition', `Banking details changed and not re-verified, payouts on hold: ${held.map(label).join(', ')}`, 'ids');
    }
    const foreign = rows.find((r) => r.currency !== settings.currency);
    if (foreign) throw new AppError('validation', `${foreign.number} is in ${foreign.currency}, not in the workspace currency ${settings.currency}`, 'ids');

    let file: ExportedFile;
    switch (input.format) {
      case 'csv':
        file = {
          fileName: `payouts-${today}.csv`,
          mimeType: 'text/csv',
          text: payoutsCsv(
            rows.map((r) => ({
              number: r.number,
              partnerCode: r.partnerCode,
              partnerName: r.partnerName,
              periodStart: r.periodStart,
              periodEnd: r.periodEnd,
              approvedMinor: Number(r.approvedMinor ?? 0),
              currency: r.currency,
              method: METHOD_TEXT[r.partnerPayoutMethod as PaymentMethod] ?? r.partnerPayoutMethod,
              maskedAccount: (r.bankingMasked as { display?: string } | null)?.display ?? null,
            })),
          ),
        };
        break;
      case 'pain001': {
        const banking = await bankingOf(rows);
        const transfers = rows.map((r) => {
          if (r.partnerPayoutMethod === 'paypal' || r.partnerPayoutMethod === 'check') throw new AppError('validation', `${label(r)} is paid by ${METHOD_TEXT[r.partnerPayoutMethod]}, not by bank transfer`, 'ids');
          const details = banking.get(r.partnerId);
          if (details?.method !== 'iban') throw new AppError('validation', `${label(r)} has no IBAN on file: a bank file needs one`, 'ids');
          return {
            endToEndId: endToEndIdOf(r.number, r.id),
            amountMinor: Number(r.approvedMinor ?? 0),
            currency: r.currency,
            partnerLabel: label(r),
            creditorName: details.accountHolder,
            creditorIban: details.iban,
            creditorBic: details.bic ?? null,
            remittance: `Commission ${r.number} ${r.periodStart} to ${r.periodEnd}`,
          };
        });
        const messageId = `PD-${now.toISOString().slice(0, 19).replace(/\D/g, '')}-${newId().replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`;
        file = {
          fileName: `pain001-${today}.xml`,
          mimeType: 'application/xml',
          text: buildPain001({ messageId, createdAt: now, executionDate: today, currency: settings.currency, debtor: { name: settings.debtorName, iban: settings.debtorIban, bic: settings.debtorBic }, transfers }),
        };
        break;
      }
      case 'paypal_csv': {
        const banking = await bankingOf(rows);
        file = {
          fileName: `paypal-payouts-${today}.csv`,
          mimeType: 'text/csv',
          text: paypalCsv(
            rows.map((r) => {
              const details = banking.get(r.partnerId);
              if (details?.method !== 'paypal') throw new AppError('validation', `${label(r)} has no PayPal address on file`, 'ids');
              return { email: details.paypalEmail, amountMinor: Number(r.approvedMinor ?? 0), currency: r.currency, referenceId: r.number, note: `Commission ${r.number} ${r.periodStart} to ${r.periodEnd}` };
            }),
          ),
        };
        break;
      }
      case 'journal_csv':
        file = {
          fileName: `journal-${today}.csv`,
          mimeType: 'text/csv',
          text: journalCsv(
            [...rows]
              .sort((a, b) => (a.paymentDate ?? '').localeCompare(b.paymentDate ?? '') || a.number.localeCompare(b.number))
              .map((r) => ({ paymentDate: r.paymentDate ?? '', number: r.number, partnerCode: r.partnerCode, partnerName: r.partnerName, amountMinor: Number(r.approvedMinor ?? 0), currency: r.currency, reference: r.paymentReference ?? '' })),
            settings,
          ),
        };
        break;
    }
    const totalMinor = rows.reduce((sum, r) => sum + Number(r.approvedMinor ?? 0), 0);
    await database.write((tx) =>
      audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payouts.exported',
        resourceType: 'payout',
        resourceId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
        details: { format: input.format, fileName: file.fileName, count: rows.length, totalMinor, total: amountText(totalMinor, settings.currency), currency: settings.currency, numbers: rows.map((r) => r.number) },
      }),
    );
    return file;
  }

  async function statement(session: ActiveSession, id: string): Promise<ExportedFile> {
    const [row] = await selectRows(database.db, session.tenantId, eq(po.id, id));
    // A partner user sees its own partner's payouts only; another's is as missing as a made-up id.
    if (!row || (session.userKind === 'partner' && row.partnerId !== session.partnerId)) throw new AppError('not_found', 'No such payout', 'id');
    const lines = await database.db
      .select({ id: pl.id, amountMinor: pl.amountMinor, status: pl.status, note: pl.note, kind: c.kind, earnedOn: c.earnedOn, contactName: l.contactName, company: l.company })
      .from(pl)
      .innerJoin(c, eq(c.id, pl.creditId))
      .innerJoin(l, eq(l.id, pl.leadId))
      .where(and(eq(pl.tenantId, session.tenantId), eq(pl.payoutId, row.id)))
      .orderBy(asc(c.earnedOn), asc(pl.id));
    const [tenant] = await database.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, session.tenantId));
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    const bytes = await statementPdf({
      workspaceName: tenant?.name ?? '',
      partnerName: row.partnerName,
      partnerCode: row.partnerCode,
      payoutNumber: row.number,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      status: PAYOUT_STATUS_TEXT[row.status as PayoutStatus] ?? row.status,
      currency: row.currency,
      totalMinor: Number(row.totalMinor),
      approvedMinor: row.approvedMinor === null ? null : Number(row.approvedMinor),
      rejectedMinor: lines.filter((x) => x.status === 'rejected').reduce((sum, x) => sum + Number(x.amountMinor), 0),
      lines: lines.map((x) => ({
        lead: x.company ? `${x.contactName}, ${x.company}` : x.contactName,
        kind: x.kind,
        earnedOn: x.earnedOn,
        amountMinor: Number(x.amountMinor),
        status: x.status,
        note: x.note,
      })),
      payment:
        row.status === 'paid' && row.paymentDate
          ? { date: row.paymentDate, method: METHOD_TEXT[row.paymentMethod as PaymentMethod] ?? row.paymentMethod ?? '', reference: row.paymentReference ?? '' }
          : null,
      generatedOn: todayIn(settings.timeZone, clock()),
    });
    return { fileName: `statement-${row.number}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
  }

  return { exportPayouts, statement };
}
