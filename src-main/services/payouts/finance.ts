import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import type { BankingDetails } from '../../../src-shared/contract/partners';
import type { ExportFormat, markPaidInput } from '../../../src-shared/contract/payouts/finance';
import type { ExportedFile, FinanceList, FinancePayout, MarkPaidOutcome, MarkPaidResult } from '../../../src-shared/contract/payouts/finance-types';
import { PAYABLE_PAYOUT_STATUSES, type PaymentMethod, type PayoutStatus } from '../../../src-shared/contract/payouts/values';
import { todayIn } from '../../../src-shared/calendar';
import type { AppDb } from '../../data/database';
import { isUniqueViolation } from '../../data/errors';
import { buildPain001 } from '../../domain/payouts/pain001';
import { amountText, journalCsv, payoutsCsv, paypalCsv } from '../../domain/payouts/payout-files';
import { statementPdf } from '../../domain/payouts/statement-pdf';
import type { AuditService } from '../activity/audit';
import { actorOf, type ActiveSession, type ServiceDeps } from '../context';
import { actorNames } from '../partners/actor-names';
import { unsealBanking } from '../partners/banking';
import { readMoneySettings } from './money-settings';
import { bumpPartnerMonth } from './partner-months';

/*
 * Finance (DOMAIN.md *Payouts*, "Paying"): the payouts ready to pay, marking them paid, the
 * payment files, the accounting journal and the partner's PDF statement.
 *
 * Marking paid is one transaction per payout: a compare-and-set UPDATE (status still approved
 * or partially approved AND version still the one the caller saw) that must touch exactly one
 * row, then its credits become paid, partner_months.paid moves by the approved amount in the
 * payment date's month, and the audit row records amount, method and reference. Two finance
 * users (or sixteen, on two servers) paying the same payout: one UPDATE wins, the others
 * match no row and are refused; on Postgres the losers wait on the row lock and re-check the
 * WHERE against the committed row, on SQLite the writer is exclusive. The unique index on
 * (tenant, payment_reference) is the last word on references.
 *
 * A payout whose partner's bank account changed and was not re-verified (banking on hold) is
 * neither paid nor put in a file: paying a swapped account is the fraud this rule stops.
 */

type MarkPaidInput = z.output<typeof markPaidInput>;

const PAYABLE: readonly string[] = PAYABLE_PAYOUT_STATUSES;

const METHOD_TEXT: Record<PaymentMethod, string> = { bank_transfer: 'Bank transfer', paypal: 'PayPal', check: 'Check', wire: 'Wire' };
const STATUS_TEXT: Record<PayoutStatus, string> = { pending: 'pending', approved: 'approved', partially_approved: 'partially approved', rejected: 'rejected', paid: 'paid' };

export function financeService(deps: ServiceDeps, audit: AuditService) {
  const { database, clock, keys, newId } = deps;
  const { payouts: po, partners: p, payoutLines: pl, credits: c, leads: l, tenants } = database.t;

  const columns = {
    id: po.id,
    number: po.number,
    partnerId: po.partnerId,
    periodStart: po.periodStart,
    periodEnd: po.periodEnd,
    currency: po.currency,
    status: po.status,
    lineCount: po.lineCount,
    totalMinor: po.totalMinor,
    approvedMinor: po.approvedMinor,
    firstApprovedBy: po.firstApprovedBy,
    approvedBy: po.approvedBy,
    approvedAt: po.approvedAt,
    paidBy: po.paidBy,
    paidAt: po.paidAt,
    paymentDate: po.paymentDate,
    paymentMethod: po.paymentMethod,
    paymentReference: po.paymentReference,
    version: po.version,
    partnerCode: p.code,
    partnerName: p.legalName,
    partnerPayoutMethod: p.payoutMethod,
    bankingMasked: p.bankingMasked,
    bankingOnHold: p.bankingOnHold,
  };

  async function selectRows(db: AppDb, tenantId: string, where: SQL, order: SQL[] = [asc(po.number)], limit?: number) {
    const query = db.select(columns).from(po).innerJoin(p, eq(p.id, po.partnerId)).where(and(eq(po.tenantId, tenantId), where)).orderBy(...order);
    return limit === undefined ? query : query.limit(limit);
  }
  type Row = Awaited<ReturnType<typeof selectRows>>[number];

  async function toFinance(db: AppDb, tenantId: string, rows: Row[]): Promise<FinancePayout[]> {
    const name = await actorNames(db, database.t, tenantId, rows.flatMap((r) => [r.approvedBy ?? r.firstApprovedBy, r.paidBy]));
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      partner: { id: r.partnerId, code: r.partnerCode, name: r.partnerName },
      partnerPayoutMethod: r.partnerPayoutMethod as PaymentMethod,
      maskedAccount: (r.bankingMasked as { display?: string } | null)?.display ?? null,
      bankingOnHold: Boolean(r.bankingOnHold),
      period: { start: r.periodStart, end: r.periodEnd },
      status: r.status as PayoutStatus,
      lineCount: r.lineCount,
      totalMinor: Number(r.totalMinor),
      approvedMinor: Number(r.approvedMinor ?? 0),
      currency: r.currency,
      approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
      approvedBy: name(r.approvedBy ?? r.firstApprovedBy),
      paymentDate: r.paymentDate,
      paymentMethod: (r.paymentMethod as PaymentMethod | null) ?? null,
      paymentReference: r.paymentReference,
      paidAt: r.paidAt ? r.paidAt.toISOString() : null,
      paidBy: name(r.paidBy),
      version: r.version,
    }));
  }

  async function financeList(session: ActiveSession, input: { view: 'payable' | 'paid'; limit: number }): Promise<FinanceList> {
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    const rows =
      input.view === 'payable'
        ? await selectRows(database.db, session.tenantId, inArray(po.status, [...PAYABLE]), [asc(po.approvedAt), asc(po.id)], input.limit)
        : await selectRows(database.db, session.tenantId, eq(po.status, 'paid'), [desc(po.paidAt), desc(po.id)], input.limit);
    const list = await toFinance(database.db, session.tenantId, rows);
    return { rows: list, totals: { count: list.length, approvedMinor: list.reduce((sum, r) => sum + r.approvedMinor, 0), currency: settings.currency } };
  }

  /** Whose the approval was: that person may not also pay (four eyes). */
  function approverBlocks(row: Row, userId: string): boolean {
    return row.approvedBy === userId || row.firstApprovedBy === userId;
  }

  function refusal(row: Row | undefined, version: number, userId: string): AppError | null {
    if (!row) return new AppError('not_found', 'No such payout');
    if (row.status === 'paid') return new AppError('invalid_transition', `${row.number} is paid already (on ${row.paymentDate ?? '?'}, reference ${row.paymentReference ?? '?'})`);
    if (!PAYABLE.includes(row.status)) return new AppError('invalid_transition', `${row.number} is ${STATUS_TEXT[row.status as PayoutStatus] ?? row.status}: only approved payouts can be paid`);
    if (row.version !== version) return new AppError('conflict', `Someone else changed ${row.number} meanwhile: reload it and try again`);
    if (approverBlocks(row, userId)) return new AppError('forbidden', `You approved ${row.number}: someone else must mark it paid (four eyes)`);
    if (row.bankingOnHold) return new AppError('invalid_transition', `${row.partnerName} changed its banking details and an admin has not re-verified them: ${row.number} is on hold`);
    return null;
  }

  async function payOne(session: ActiveSession, item: { id: string; version: number }, reference: string, input: MarkPaidInput): Promise<FinancePayout> {
    return database.write(async (tx) => {
      const [row] = await selectRows(tx, session.tenantId, eq(po.id, item.id));
      const refused = refusal(row, item.version, session.userId);
      if (refused || !row) throw refused ?? new AppError('not_found', 'No such payout');
      const now = clock();
      const changed = await tx
        .update(po)
        .set({
          status: 'paid',
          paidBy: session.userId,
          paidAt: now,
          paymentDate: input.paymentDate,
          paymentMethod: input.method,
          paymentReference: reference,
          updatedAt: now,
          version: sql`${po.version} + 1`,
        })
        .where(and(eq(po.id, row.id), eq(po.tenantId, session.tenantId), inArray(po.status, [...PAYABLE]), eq(po.version, item.version)))
        .returning({ id: po.id });
      if (changed.length !== 1) {
        // Lost the race: the winner's row is committed now; say what it did.
        const [now2] = await selectRows(tx, session.tenantId, eq(po.id, row.id));
        throw refusal(now2, item.version, session.userId) ?? new AppError('conflict', `Someone else changed ${row.number} meanwhile: reload it and try again`);
      }
      const paidCredits = await tx
        .update(c)
        .set({ status: 'paid', paidAt: now, payoutStage: null, updatedAt: now, version: sql`${c.version} + 1` })
        .where(and(eq(c.tenantId, session.tenantId), eq(c.payoutId, row.id), eq(c.status, 'approved'), eq(c.payoutStage, 'approved')))
        .returning({ id: c.id });
      const amountMinor = Number(row.approvedMinor ?? 0);
      await bumpPartnerMonth(database, tx, session.tenantId, row.partnerId, input.paymentDate, { paidMinor: amountMinor });
      await audit.record(tx, {
        tenantId: session.tenantId,
        actor: actorOf(session),
        action: 'payout.paid',
        resourceType: 'payout',
        resourceId: row.id,
        details: {
          number: row.number,
          partnerId: row.partnerId,
          partnerCode: row.partnerCode,
          amountMinor,
          currency: row.currency,
          paymentDate: input.paymentDate,
          method: input.method,
          reference,
          credits: paidCredits.length,
        },
      });
      const [after] = await selectRows(tx, session.tenantId, eq(po.id, row.id));
      if (!after) throw new Error('payout vanished');
      const [view] = await toFinance(tx, session.tenantId, [after]);
      if (!view) throw new Error('payout vanished');
      return view;
    });
  }

  /**
   * The reference each payout will carry: the one given for a single payout, `<reference>/<number>`
   * for several (one bank batch, one reference per payment). All are checked before anything is
   * written: too long, or already used in the workspace → a validation error, nothing paid.
   */
  async function referencesFor(session: ActiveSession, input: MarkPaidInput): Promise<Map<string, string>> {
    const ids = input.payouts.map((i) => i.id);
    const refs = new Map<string, string>();
    if (ids.length === 1) refs.set(ids[0] as string, input.reference);
    else {
      const numbers = await database.db
        .select({ id: po.id, number: po.number })
        .from(po)
        .where(and(eq(po.tenantId, session.tenantId), inArray(po.id, ids)));
      for (const n of numbers) {
        const ref = `${input.reference}/${n.number}`;
        if (ref.length > 35) throw new AppError('validation', `With several payouts each reference is "<reference>/<payout number>", at most 35 characters: shorten the reference (${ref} is too long)`, 'reference');
        refs.set(n.id, ref);
      }
    }
    const wanted = [...refs.values()];
    if (wanted.length) {
      const taken = await database.db
        .select({ id: po.id, number: po.number, reference: po.paymentReference })
        .from(po)
        .where(and(eq(po.tenantId, session.tenantId), inArray(po.paymentReference, wanted)));
      // A retry of the same payment (after a lost answer or a crash) is not a clash: that payout says "paid already".
      const first = taken.find((t) => refs.get(t.id) !== t.reference);
      if (first) throw new AppError('validation', `Reference ${first.reference ?? ''} is already used by ${first.number}: each payment needs its own reference`, 'reference');
    }
    return refs;
  }

  async function markPaid(session: ActiveSession, input: MarkPaidInput): Promise<MarkPaidResult> {
    const settings = await readMoneySettings(database, database.db, session.tenantId);
    const today = todayIn(settings.timeZone, clock());
    if (input.paymentDate > today) throw new AppError('validation', `The payment date cannot be after today (${today})`, 'paymentDate');
    const refs = await referencesFor(session, input);
    const outcomes: MarkPaidOutcome[] = [];
    for (const item of input.payouts) {
      const reference = refs.get(item.id);
      if (reference === undefined) {
        outcomes.push({ id: item.id, ok: false, code: 'not_found', message: 'No such payout' });
        continue;
      }
      try {
        outcomes.push({ id: item.id, ok: true, payout: await payOne(session, item, reference, input) });
      } catch (error) {
        if (isUniqueViolation(error)) {
          if (input.payouts.length === 1) throw new AppError('validation', `Reference ${reference} is already used by another payment`, 'reference');
          outcomes.push({ id: item.id, ok: false, code: 'conflict', message: `Reference ${reference} is already used by another payment` });
        } else if (error instanceof AppError && (error.code === 'not_found' || error.code === 'conflict' || error.code === 'invalid_transition' || error.code === 'forbidden')) {
          outcomes.push({ id: item.id, ok: false, code: error.code, message: error.message });
        } else throw error;
      }
    }
    const paid = outcomes.flatMap((o) => (o.ok ? [o.payout] : []));
    return { outcomes, paidCount: paid.length, paidMinor: paid.reduce((sum, r) => sum + r.approvedMinor, 0) };
  }

  /** The selected payouts, all of the workspace (one missing: not found), in number order. */
  async function selected(session: ActiveSession, ids: readonly string[]): Promise<Row[]> {
    const rows = await selectRows(database.db, session.tenantId, inArray(po.id, [...ids]));
    if (rows.length !== ids.length) throw new AppError('not_found', 'No such payout', 'ids');
    return rows;
  }

  async function bankingOf(rows: Row[]): Promise<Map<string, BankingDetails | null>> {
    const partnerIds = [...new Set(rows.map((r) => r.partnerId))];
    const sealed = await database.db.select({ id: p.id, sealed: p.bankingSealed }).from(p).where(inArray(p.id, partnerIds));
    const key = await keys.getDataKey();
    return new Map(sealed.map((s) => [s.id, s.sealed ? unsealBanking(s.sealed, s.id, key) : null]));
  }

  const label = (r: Row) => `${r.partnerName} (${r.partnerCode})`;

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
      if (unpayable.length) throw new AppError('invalid_transition', `Only approved payouts are exported for payment; not approved: ${unpayable.map((r) => `${r.number} (${STATUS_TEXT[r.status as PayoutStatus] ?? r.status})`).join(', ')}`, 'ids');
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
            endToEndId: r.number,
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
      status: STATUS_TEXT[row.status as PayoutStatus] ?? row.status,
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

  return { financeList, markPaid, exportPayouts, statement };
}
