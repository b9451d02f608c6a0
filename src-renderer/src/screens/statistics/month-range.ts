/** Calendar months (YYYY-MM) as plain arithmetic: no time zone can move them. */

const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
const longMonthLabel = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Nov 26" for a month. */
export function formatMonth(month: string): string {
  return monthLabel.format(new Date(`${month}-01T00:00:00.000Z`));
}

/** "November 2026" for a month. */
export function formatLongMonth(month: string): string {
  return longMonthLabel.format(new Date(`${month}-01T00:00:00.000Z`));
}

/** The first and last calendar day of a range of months, for the payout statistics' period. */
export function periodOfMonths(fromMonth: string, toMonth: string): { periodStart: string; periodEnd: string } {
  const [y, m] = toMonth.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { periodStart: `${fromMonth}-01`, periodEnd: `${toMonth}-${String(last).padStart(2, '0')}` };
}

/** A rate in basis points as a percentage for people ("77.8 %"), or a dash when there is nothing to divide. */
export function formatRate(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

export function formatQuality(q: number | null): string {
  return q === null ? '—' : q.toLocaleString(undefined, { maximumFractionDigits: 1 });
}
