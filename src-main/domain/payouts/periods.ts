import { AppError } from '../../../src-shared/contract/errors';

/*
 * Payout periods: calendar days of the workspace (YYYY-MM-DD, both ends included), compared as
 * strings (ISO days sort as they count). Pure: "today" is given by the caller, in the workspace's
 * time zone (src-shared/calendar todayIn).
 */

export interface Period {
  start: string;
  end: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC, so no zone moves it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar month before the one `today` falls in: 2031-03-15 → 2031-02-01 … 2031-02-28; January → the December before. */
export function previousMonth(today: string): Period {
  const m = DAY.exec(today);
  if (!m) throw new AppError('validation', `Not a calendar day: ${today}`);
  let year = Number(m[1]);
  let month = Number(m[2]) - 1;
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  return { start: `${pad(year, 4)}-${pad(month)}-01`, end: `${pad(year, 4)}-${pad(month)}-${pad(lastDayOfMonth(year, month))}` };
}

/** Whether a string is a real calendar day (2031-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const month = Number(m[2]);
  const d = Number(m[3]);
  return month >= 1 && month <= 12 && d >= 1 && d <= lastDayOfMonth(Number(m[1]), month);
}

/**
 * The period a generation covers: the given ends, or the previous calendar month; a period whose
 * end precedes its start is refused with the field named, nothing written.
 */
export function generationPeriod(input: { periodStart?: string | undefined; periodEnd?: string | undefined }, today: string): Period {
  const fallback = previousMonth(today);
  for (const [field, day] of [['periodStart', input.periodStart], ['periodEnd', input.periodEnd]] as const) {
    if (day !== undefined && !isCalendarDay(day)) throw new AppError('validation', `Not a calendar day: ${day}`, field);
  }
  const start = input.periodStart ?? (input.periodEnd !== undefined && input.periodEnd < fallback.start ? monthStartOf(input.periodEnd) : fallback.start);
  const end = input.periodEnd ?? (input.periodStart !== undefined && input.periodStart > fallback.end ? monthEndOf(input.periodStart) : fallback.end);
  if (end < start) throw new AppError('validation', `The period must end on or after its start (${start} … ${end})`, 'periodEnd');
  return { start, end };
}

export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function monthEndOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 7)}-${pad(lastDayOfMonth(year, month))}`;
}

/** Whether `day` lies in the period (both ends included). */
export function inPeriod(day: string, period: Period): boolean {
  return day >= period.start && day <= period.end;
}
