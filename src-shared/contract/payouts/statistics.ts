import { z } from 'zod';
import { ALL_STAFF, PARTNER_ROLES, type Role } from '../roles';
import { query } from '../procedure';
import { id } from '../fields';
import { isoDate } from '../partners/fields';
import type { MonthlyStatistics, PartnerBalance, PayoutStatistics } from './statistics-types';

/**
 * Balances and statistics (services/payouts/statistics.ts). Partner users read their own
 * partner's balance and months (another partner's id behaves as missing); the payout
 * statistics are the managers'.
 */

const READERS: readonly Role[] = [...ALL_STAFF, ...PARTNER_ROLES];

/** The longest monthly range one call returns (ten years). */
export const MAX_STATISTICS_MONTHS = 120;

export const statisticsMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month such as 2026-11');

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

export const balanceInput = z.object({ partnerId: id }).strict();

export const payoutStatisticsInput = z
  .object({ periodStart: isoDate.optional(), periodEnd: isoDate.optional(), partnerId: id.optional() })
  .strict()
  .refine((v) => !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd, { message: 'The period must end on or after its start', path: ['periodEnd'] });

export const monthlyInput = z
  .object({ fromMonth: statisticsMonth.optional(), toMonth: statisticsMonth.optional(), partnerId: id.optional() })
  .strict()
  .refine((v) => !v.fromMonth || !v.toMonth || v.fromMonth <= v.toMonth, { message: 'The last month must not precede the first', path: ['toMonth'] })
  .refine((v) => !v.fromMonth || !v.toMonth || monthIndex(v.toMonth) - monthIndex(v.fromMonth) < MAX_STATISTICS_MONTHS, {
    message: `Choose at most ${MAX_STATISTICS_MONTHS} months`,
    path: ['fromMonth'],
  });

export const statisticsProcedures = {
  'payouts.balance': query(balanceInput).returns<PartnerBalance>(
    READERS,
    "A partner's balance from its credits: earned, pending approval, in payout, approved unpaid, paid, available and outstanding clawbacks (partner users: their own partner).",
  ),
  'payouts.statistics': query(payoutStatisticsInput).returns<PayoutStatistics>(
    ALL_STAFF,
    'Payout statistics for payouts whose period starts in the range (and of one partner): counts and amounts generated, per status, approved vs paid, pending approval, average days to approval.',
  ),
  'payouts.monthly': query(monthlyInput).returns<MonthlyStatistics>(
    READERS,
    'Per calendar month (default the last 12, this month included): leads submitted, approved, rejected and converted, average quality, earned, paid, approval and conversion rates; one partner or all (partner users: their own).',
  ),
} as const;
