import { and, desc, eq, lt, or } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { PortalPayoutDetail, PortalPayoutLine, PortalPayoutPage, PortalPayoutSummary } from '../../../src-shared/contract/portal';
import type { PayoutLine, PayoutSummary } from '../../../src-shared/contract/payouts';
import type { PartnerSession, ServiceDeps } from '../context';
import { loadPayout, payoutLines, toSummaries, type PayoutRow } from '../payouts/payout-rows';

/*
 * `portal.payouts` and `portal.payout`: the partner's own payouts, through the same row loading
 * as the staff screens (payout-rows.ts: a partner session gets no reviewer names, and another
 * partner's or tenant's payout is not_found there). The page is a keyset on (generated_at, id),
 * newest first, within payouts_partner_idx (tenant, partner, generated_at).
 */

const SUMMARY_KEYS = ['id', 'number', 'period', 'status', 'lineCount', 'totalMinor', 'approvedMinor', 'currency', 'generatedAt', 'approvedAt', 'paidAt', 'paymentDate', 'paymentMethod', 'paymentReference'] as const satisfies readonly (keyof PortalPayoutSummary)[];
const LINE_KEYS = ['id', 'creditId', 'leadId', 'leadContactName', 'creditKind', 'earnedOn', 'amountMinor', 'status', 'note'] as const satisfies readonly (keyof PortalPayoutLine)[];

/** Only the listed keys: whatever the staff shape grows, the partner gets none of it by accident. */
function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}
const toPortalSummary = (s: PayoutSummary): PortalPayoutSummary => pick(s, SUMMARY_KEYS);
const toPortalLine = (l: PayoutLine): PortalPayoutLine => pick(l, LINE_KEYS);

function encodeCursor(row: Pick<PayoutRow, 'generatedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.generatedAt.getTime(), row.id])).toString('base64url');
}
function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at !== 'number' || !Number.isFinite(at) || typeof id !== 'string') throw new Error('shape');
    return { at: new Date(at), id };
  } catch {
    throw new AppError('validation', 'Invalid cursor', 'cursor');
  }
}

export function portalPayoutsService(deps: ServiceDeps) {
  const { database } = deps;
  const p = database.t.payouts;

  async function list(session: PartnerSession, input: { cursor?: string | undefined; limit: number }): Promise<PortalPayoutPage> {
    const conditions = [eq(p.tenantId, session.tenantId), eq(p.partnerId, session.partnerId)];
    if (input.cursor) {
      const after = decodeCursor(input.cursor);
      conditions.push(or(lt(p.generatedAt, after.at), and(eq(p.generatedAt, after.at), lt(p.id, after.id)))!);
    }
    const rows = await database.db
      .select()
      .from(p)
      .where(and(...conditions))
      .orderBy(desc(p.generatedAt), desc(p.id))
      .limit(input.limit + 1);
    const shown = rows.slice(0, input.limit);
    const last = shown[shown.length - 1];
    return {
      rows: (await toSummaries(database, database.db, session, shown)).map(toPortalSummary),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
    };
  }

  async function get(session: PartnerSession, id: string): Promise<PortalPayoutDetail> {
    const row = await loadPayout(database, database.db, session, id);
    const [[summary], lines] = await Promise.all([toSummaries(database, database.db, session, [row]), payoutLines(database, database.db, session, row.id)]);
    if (!summary) throw new AppError('not_found', 'Payout not found', 'id');
    return {
      ...toPortalSummary(summary),
      lines: lines.map(toPortalLine),
      rejectedMinor: lines.filter((l) => l.status === 'rejected').reduce((sum, l) => sum + l.amountMinor, 0),
      // Only a rejection's notes are for the partner (approval notes are the reviewers' own).
      notes: row.status === 'rejected' ? row.notes : null,
    };
  }

  return { list, get };
}
